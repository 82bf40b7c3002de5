import type { DeviceState } from '../device-status';
import { err, ok, type CodedError } from '../result';
import { createReconnectingLink, type ReconnectOptions } from '../transport/reconnect';
import type { TransportOpener } from '../transport/types';
import { frameLines, initialLineFramerState, type LineFramerState } from './protocol/line-framer';
import type { CodeScanner, ScanErrorCode, ScannedCode } from './types';

export interface LineScannerOptions {
  readonly opener: TransportOpener;
  /** adapter name, reported as `source` of every code */
  readonly adapter: string;
  readonly maxCodeLength: number;
  readonly reconnect?: ReconnectOptions;
}

/**
 * A scanner that sends each code as a line of text (serial scanners in their default
 * "CR suffix" mode; the simulated scanner). Reconnects by itself after an unplug; the framer
 * state is reset on every new connection so half a code from before the unplug is not glued
 * to the next one.
 */
export function createLineScanner(options: LineScannerOptions): CodeScanner {
  const codeListeners = new Set<(code: ScannedCode) => void>();
  const errorListeners = new Set<(error: CodedError<ScanErrorCode>) => void>();
  const statusListeners = new Set<(status: DeviceState) => void>();
  let status: DeviceState = { state: 'disconnected' };
  let framer: LineFramerState = initialLineFramerState;
  let unsubscribeData: (() => void) | undefined;

  const setStatus = (next: DeviceState): void => {
    status = next;
    for (const l of [...statusListeners]) l(next);
  };

  const link = createReconnectingLink(options.opener, options.reconnect);
  link.onEvent((event) => {
    switch (event.type) {
      case 'connected':
        framer = initialLineFramerState;
        unsubscribeData?.();
        unsubscribeData = event.transport.onData((chunk) => onChunk(chunk));
        setStatus({ state: 'ready' });
        return;
      case 'disconnected':
        unsubscribeData = undefined;
        setStatus({ state: 'disconnected' });
        return;
    }
  });

  function onChunk(chunk: Uint8Array): void {
    const [next, events] = frameLines(framer, chunk, options.maxCodeLength);
    framer = next;
    for (const e of events) {
      switch (e.type) {
        case 'line':
          for (const l of [...codeListeners]) l({ text: e.text, source: options.adapter });
          break;
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
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
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
      setStatus({ state: 'disconnected' });
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
