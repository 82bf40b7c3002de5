import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../api/dispatcher';
import { decodeWire, encodeWire, MAX_FRAME_BYTES, WireRequest } from '../api/wire';

export const WS_PATH = '/kiosk-ws';

export interface WsTransportOptions {
  readonly server: Server;
  /** the only page origin allowed to connect, e.g. `http://127.0.0.1:5174` */
  readonly allowedOrigin: string;
  readonly dispatch: Dispatch;
  /** host events, fanned out to every connected renderer */
  readonly subscribe: (listener: (event: string, payload: unknown) => void) => () => void;
  readonly onFault?: (detail: string) => void;
}

/**
 * Browser mode's transport: the same contract as IPC, over a loopback WebSocket. The origin
 * check stands in for Electron's sender-frame check: only the page the host served may call.
 */
export function attachWsTransport(options: WsTransportOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (path !== WS_PATH) return;
    if (req.headers.origin !== options.allowedOrigin) {
      options.onFault?.('websocket refused: foreign origin');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  options.server.on('upgrade', onUpgrade);

  const unsubscribe = options.subscribe((event, payload) => {
    const frame = encodeWire({ kind: 'event', event, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return void ws.close(1003, 'text frames only');
      const request = WireRequest.safeParse(decodeWire(rawDataToText(data)));
      if (!request.success) {
        options.onFault?.('websocket: malformed request frame');
        return void ws.close(1007, 'malformed request');
      }
      const { id, method, input } = request.data;
      options.dispatch(method, input, { transport: 'ws' }).then(
        (result) => {
          if (ws.readyState === ws.OPEN) ws.send(encodeWire({ kind: 'result', id, result }));
        },
        (e: unknown) => options.onFault?.(`websocket dispatch failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    });
  });

  return {
    close: async () => {
      unsubscribe();
      options.server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
}
