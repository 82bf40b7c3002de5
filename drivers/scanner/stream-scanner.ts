import { err, ok, type CodedError } from '../result';
import { createStatusHolder } from '../status-holder';
import { createReconnectingLink, type ReconnectOptions } from '../transport/reconnect';
import type { TransportOpener } from '../transport/types';
import { frameLines, initialLineFramerState, type LineFramerState } from '../transport/line-framer';
import type { CodeScanner, ScanErrorCode, ScannedCode } from './types';

/** Turns transport chunks into codes; `reset()` on every new connection. */
export interface ScanDecoder {
  reset(): void;
  feed(chunk: Uint8Array): ({ type: 'code'; text: string; symbology?: string } | { type: 'error'; code: ScanErrorCode })[];
}

export interface StreamScannerOptions {
  readonly opener: TransportOpener;
  /** adapter name, reported as `source` of every code */
  readonly adapter: string;
  readonly decoder: ScanDecoder;
  readonly reconnect?: ReconnectOptions;
}

export interface LineScannerOptions extends Omit<StreamScannerOptions, 'decoder'> {
  readonly maxCodeLength: number;
}

/** Serial scanners and the simulated scanner: one code per CR / LF / CR LF terminated line. */
export function createLineScanner(options: LineScannerOptions): CodeScanner {
  let framer: LineFramerState = initialLineFramerState;
  return createStreamScanner({
    ...options,
    decoder: {
      reset: () => {
        framer = initialLineFramerState;
      },
      feed(chunk) {
        const [next, events] = frameLines(framer, chunk, options.maxCodeLength);
        framer = next;
        return events.map((e) => (e.type === 'line' ? { type: 'code' as const, text: e.text } : e));
      },
    },
  });
}

/**
 * A scanner on a byte transport (serial, simulated, HID reports). Reconnects by itself after an
 * unplug; the decoder is reset on every new connection so half a code from before the unplug is
 * not glued to the next one.
 */
export function createStreamScanner(options: StreamScannerOptions): CodeScanner {
  const codeListeners = new Set<(code: ScannedCode) => void>();
  const errorListeners = new Set<(error: CodedError<ScanErrorCode>) => void>();
  const status = createStatusHolder();
  let unsubscribeData: (() => void) | undefined;


  const link = createReconnectingLink(options.opener, options.reconnect);
  link.onEvent((event) => {
    switch (event.type) {
      case 'connected':
        options.decoder.reset();
        unsubscribeData?.();
        unsubscribeData = event.transport.onData((chunk) => onChunk(chunk));
        status.set({ state: 'ready' });
        return;
      case 'disconnected':
        unsubscribeData = undefined;
        status.set({ state: 'disconnected' });
        return;
    }
  });

  function onChunk(chunk: Uint8Array): void {
    for (const e of options.decoder.feed(chunk)) {
      switch (e.type) {
        case 'code': {
          const code: ScannedCode = e.symbology ? { text: e.text, source: options.adapter, symbology: e.symbology } : { text: e.text, source: options.adapter };
          for (const l of [...codeListeners]) l(code);
          break;
        }
        case 'error': {
          const error: CodedError<ScanErrorCode> = { code: e.code, message: describe(e.code) };
          for (const l of [...errorListeners]) l(error);
          break;
        }
      }
    }
  }

  return {
    adapter: options.adapter,
    status: () => status.current,
    onStatus: (listener) => status.subscribe(listener),
    onCode(listener) {
      codeListeners.add(listener);
      return () => codeListeners.delete(listener);
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    async ready() {
      const r = await link.ready();
      return r.ok ? ok(undefined) : err(r.error.code, r.error.message);
    },
    async close() {
      unsubscribeData?.();
      await link.close();
      status.set({ state: 'disconnected' });
    },
  };
}

export function describe(code: ScanErrorCode): string {
  switch (code) {
    case 'line-too-long':
      return 'code longer than the configured maximum; dropped';
    case 'invalid-encoding':
      return 'code is not valid UTF-8; dropped';
    case 'binary-data':
      return 'control characters in the data (line noise or wrong device on this port); dropped';
    case 'report-malformed':
      return 'HID report does not follow the HID POS scanned-data layout; dropped';
  }
}
