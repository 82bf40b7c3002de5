import { err, type Result } from '../result';
import type { ByteTransport, TransportOpener } from './types';

/**
 * Keeps one byte-stream device connected (DESIGN.md "Devices": drivers reconnect by themselves
 * after an unplug and when the port comes back). Generic for every serial/TCP/USB device: it
 * knows nothing of protocols, only how to (re)open a transport with capped exponential backoff.
 */
export interface ReconnectOptions {
  /** delay before the first retry after a failed open or an unplug */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly factor?: number;
  /** injected for tests; defaults to setTimeout/clearTimeout */
  readonly timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

export type LinkEvent = { readonly type: 'connected'; readonly transport: ByteTransport } | { readonly type: 'disconnected'; readonly reason: string };

export interface ReconnectingLink {
  /** the open transport, if any */
  readonly transport: ByteTransport | undefined;
  readonly connected: boolean;
  /** the current transport, or the outcome of the next open attempt (it is started now if none is pending) */
  ready(): Promise<Result<ByteTransport>>;
  onEvent(listener: (event: LinkEvent) => void): () => void;
  /** Stops reconnecting and closes the transport. */
  close(): Promise<void>;
}

export function createReconnectingLink(opener: TransportOpener, options: ReconnectOptions = {}): ReconnectingLink {
  const initialDelayMs = options.initialDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  const factor = options.factor ?? 2;
  const timers = options.timers ?? { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
  const listeners = new Set<(event: LinkEvent) => void>();
  let transport: ByteTransport | undefined;
  let attempt: Promise<Result<ByteTransport>> | undefined;
  let retryTimer: unknown;
  let delayMs = initialDelayMs;
  let closed = false;

  const emit = (event: LinkEvent): void => {
    for (const listener of [...listeners]) listener(event);
  };

  const scheduleRetry = (): void => {
    if (closed || retryTimer !== undefined) return;
    const wait = delayMs;
    delayMs = Math.min(maxDelayMs, delayMs * factor);
    retryTimer = timers.set(() => {
      retryTimer = undefined;
      void open();
    }, wait);
  };

  const open = (): Promise<Result<ByteTransport>> => {
    if (transport) return Promise.resolve({ ok: true, value: transport });
    if (closed) return Promise.resolve(err('device-unreachable', 'link closed'));
    if (retryTimer !== undefined) {
      timers.clear(retryTimer);
      retryTimer = undefined;
    }
    attempt ??= opener().then(
      (result) => settle(result),
      (e: unknown) => settle(err('device-unreachable', e instanceof Error ? e.message : String(e))),
    );
    return attempt;
  };

  const settle = (result: Result<ByteTransport>): Result<ByteTransport> => {
    attempt = undefined;
    if (!result.ok) {
      scheduleRetry();
      return result;
    }
    const opened = result.value;
    if (closed) {
      void opened.close();
      return err('device-unreachable', 'link closed');
    }
    transport = opened;
    delayMs = initialDelayMs;
    opened.onClose((reason) => {
      if (transport !== opened) return;
      transport = undefined;
      emit({ type: 'disconnected', reason });
      scheduleRetry();
    });
    emit({ type: 'connected', transport: opened });
    return result;
  };

  void open();

  return {
    get transport() {
      return transport;
    },
    get connected() {
      return transport !== undefined;
    },
    ready: open,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (retryTimer !== undefined) timers.clear(retryTimer);
      retryTimer = undefined;
      const current = transport;
      transport = undefined;
      if (current) await current.close();
      listeners.clear();
    },
  };
}
