import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A scriptable HTTP(S) server on 127.0.0.1:0 for the client tests: each test says how the next
 * requests are answered (status, body, reset, hang) and reads back exactly what arrived, and on
 * which connection.
 */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** which server-side connection it came on, in order of arrival */
  readonly connection: number;
}

export type Reply = (request: ReceivedRequest, res: ServerResponse) => void;

export interface TestServer {
  /** the origin, with `base` appended */
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** every connection a request came on, in order of arrival */
  readonly connections: Socket[];
  /** how every following request is answered */
  reply(handler: Reply): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** path appended to the origin (default /kiosk/v1, as the platform's base URL has one) */
  readonly base?: string;
  /** serve https with this key and certificate */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** how requests are answered until a test says otherwise (default 500) */
  readonly initial?: Reply;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  const connections: Socket[] = [];
  let handler: Reply = options.initial ?? ((_req, res) => res.writeHead(500).end());
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!connections.includes(req.socket)) connections.push(req.socket);
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), connection: connections.indexOf(req.socket) };
      received.push(request);
      handler(request, res);
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, onRequest) : createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${options.base ?? '/kiosk/v1'}`,
    received,
    connections,
    reply: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
};
