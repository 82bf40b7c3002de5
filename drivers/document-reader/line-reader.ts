import { localToday, parseMrz } from '../mrz';
import { err, ok } from '../result';
import { createStatusHolder } from '../status-holder';
import { frameLines, initialLineFramerState, type LineFramerState } from '../transport/line-framer';
import { createReconnectingLink, type ReconnectOptions } from '../transport/reconnect';
import type { TransportOpener } from '../transport/types';
import { assembleMrzLine, expireMrzLine, initialAssemblerState, type AssemblerEvent, type AssemblerState } from './protocol/mrz-assembler';
import type { DocumentReadErrorCode, DocumentReader, DocumentReadResult } from './types';

/**
 * Turns what the transport delivers into the bytes of CR/LF-terminated text, for readers whose
 * wire is not text (HID keyboard reports); `reset()` on every new connection.
 */
export interface ChunkDecoder {
  reset(): void;
  feed(chunk: Uint8Array): { readonly bytes: Uint8Array; readonly errors: readonly DocumentReadErrorCode[] };
}

export interface LineDocumentReaderOptions {
  readonly opener: TransportOpener;
  readonly adapter: string;
  /** absent: the transport carries the text itself (serial, simulated) */
  readonly decoder?: ChunkDecoder;
  readonly interLineTimeoutMs: number;
  /** MRZ lines are 30 or 44 characters; anything much longer is garbage, dropped early */
  readonly maxLineLength?: number;
  readonly today?: () => string;
  readonly reconnect?: ReconnectOptions;
}

const MESSAGES: Record<DocumentReadErrorCode, string> = {
  'not-mrz': 'the reader sent text that is not an MRZ line',
  'incomplete-document': 'only part of the MRZ arrived; present the document again',
  'unrecognised-mrz': 'not a supported document',
  'line-too-long': 'the reader sent an over-long line; dropped',
  'invalid-encoding': 'the reader sent bytes that are not text',
  'binary-data': 'control characters from the reader (line noise or wrong device on this port)',
  'report-malformed': 'the reader sent a HID report that is not a keyboard report; dropped',
  timeout: 'no document presented in time',
  cancelled: 'read cancelled',
  busy: 'a read is already in progress',
  disconnected: 'the document reader is disconnected',
};

const failure = (code: DocumentReadErrorCode): DocumentReadResult => err(code, MESSAGES[code]);

/** MRZ readers that send text lines: the serial, HID keyboard and simulated adapters. */
export function createLineDocumentReader(options: LineDocumentReaderOptions): DocumentReader {
  const maxLineLength = options.maxLineLength ?? 256;
  const today = options.today ?? (() => localToday());
  const documentListeners = new Set<(r: DocumentReadResult) => void>();
  const status = createStatusHolder();
  let framer: LineFramerState = initialLineFramerState;
  let assembler: AssemblerState = initialAssemblerState;
  let interLineTimer: NodeJS.Timeout | undefined;
  let unsubscribeData: (() => void) | undefined;
  let reading = false;

  const emit = (r: DocumentReadResult): void => {
    for (const l of [...documentListeners]) l(r);
  };
  const onAssembled = (events: readonly AssemblerEvent[]): void => {
    for (const e of events) {
      if (e.type === 'error') {
        emit(failure(e.code));
        continue;
      }
      const parsed = parseMrz(e.lines, { today: today() });
      emit(parsed.ok ? ok({ lines: e.lines, mrz: parsed.value }) : failure('unrecognised-mrz'));
    }
  };
  const armTimer = (): void => {
    clearTimeout(interLineTimer);
    interLineTimer = undefined;
    if (!assembler.pending) return;
    interLineTimer = setTimeout(() => {
      const [next, events] = expireMrzLine(assembler, Date.now(), options.interLineTimeoutMs);
      assembler = next;
      onAssembled(events);
    }, options.interLineTimeoutMs);
  };

  const link = createReconnectingLink(options.opener, options.reconnect);
  link.onEvent((event) => {
    switch (event.type) {
      case 'connected':
        framer = initialLineFramerState;
        assembler = initialAssemblerState;
        options.decoder?.reset();
        unsubscribeData?.();
        unsubscribeData = event.transport.onData(onChunk);
        status.set({ state: 'ready' });
        return;
      case 'disconnected':
        unsubscribeData = undefined;
        clearTimeout(interLineTimer);
        status.set({ state: 'disconnected' });
        return;
    }
  });

  function onChunk(chunk: Uint8Array): void {
    let bytes = chunk;
    if (options.decoder) {
      const decoded = options.decoder.feed(chunk);
      for (const code of decoded.errors) emit(failure(code));
      bytes = decoded.bytes;
    }
    const [next, lines] = frameLines(framer, bytes, maxLineLength);
    framer = next;
    for (const l of lines) {
      if (l.type === 'error') {
        emit(failure(l.code));
        continue;
      }
      const [state, events] = assembleMrzLine(assembler, l.text, Date.now(), options.interLineTimeoutMs);
      assembler = state;
      onAssembled(events);
    }
    armTimer();
  }

  return {
    adapter: options.adapter,
    status: () => status.current,
    onStatus: (listener) => status.subscribe(listener),
    onDocument(listener) {
      documentListeners.add(listener);
      return () => documentListeners.delete(listener);
    },
    readDocument({ timeoutMs, signal }) {
      if (reading) return Promise.resolve(failure('busy'));
      if (signal?.aborted) return Promise.resolve(failure('cancelled'));
      reading = true;
      return new Promise<DocumentReadResult>((resolve) => {
        const finish = (r: DocumentReadResult): void => {
          clearTimeout(timer);
          off();
          signal?.removeEventListener('abort', onAbort);
          reading = false;
          resolve(r);
        };
        const onAbort = (): void => finish(failure('cancelled'));
        const timer = setTimeout(() => finish(failure('timeout')), timeoutMs);
        const listener = (r: DocumentReadResult): void => finish(r);
        const off = (): void => void documentListeners.delete(listener);
        documentListeners.add(listener);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async ready() {
      const r = await link.ready();
      return r.ok ? ok(undefined) : err(r.error.code, r.error.message);
    },
    async close() {
      clearTimeout(interLineTimer);
      unsubscribeData?.();
      await link.close();
      status.set({ state: 'disconnected' });
    },
  };
}

