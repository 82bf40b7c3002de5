import type { ClientTransport } from '../../electron/api/client';
import { decodeWire, encodeWire, HostFrame } from '../../electron/api/wire';

export interface WsClientOptions {
  /** injectable for tests; defaults to the browser's WebSocket */
  readonly WebSocketImpl?: typeof WebSocket;
  /** ms before a call with no answer fails (a hung host must not strand a citizen) */
  readonly callTimeoutMs?: number;
  readonly reconnectMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Browser mode's side of the WebSocket transport. Reconnects by itself when the host restarts;
 * calls in flight when the socket drops fail (the caller gets `transport-failed`), never hang.
 */
export function createWsTransport(url: string, options: WsClientOptions = {}): ClientTransport & { close(): void } {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const callTimeoutMs = options.callTimeoutMs ?? 330_000;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let closed = false;

  const failAll = (reason: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
      pending.delete(id);
    }
  };

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = new Impl(url);
      socket = ws;
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('cannot reach the kiosk host'));
      ws.onclose = () => {
        opened = undefined;
        socket = undefined;
        failAll('connection to the kiosk host was lost');
        if (!closed) setTimeout(() => void connect().catch(() => undefined), options.reconnectMs ?? 1000);
      };
      ws.onmessage = (message: MessageEvent) => {
        if (typeof message.data !== 'string') return;
        const frame = HostFrame.safeParse(decodeWire(message.data));
        if (!frame.success) return;
        if (frame.data.kind === 'event') {
          for (const listener of listeners) listener(frame.data.event, frame.data.payload);
          return;
        }
        const p = pending.get(frame.data.id);
        if (!p) return;
        pending.delete(frame.data.id);
        clearTimeout(p.timer);
        p.resolve(frame.data.result);
      };
    });
    return opened;
  };

  return {
    async invoke(method, input) {
      const ws = await connect();
      const id = nextId++;
      return new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method} timed out`));
        }, callTimeoutMs);
        pending.set(id, { resolve, reject, timer });
        ws.send(encodeWire({ kind: 'call', id, method, input }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      socket?.close();
      failAll('transport closed');
    },
  };
}
