import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveRendererFile } from './static-files';
import { attachWsTransport } from './transport/ws-server';
import type { HostLink } from './main-app';

export interface BrowserModeOptions {
  readonly distDir: string;
  /** 0 picks a free port */
  readonly port: number;
  readonly host?: string;
  readonly startHost: () => Promise<HostLink>;
  readonly log: (line: string) => void;
}

export interface BrowserMode {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Browser mode (DESIGN.md "Why browser mode exists"): the real host in plain Node, the built
 * renderer served on loopback with the same CSP as the app:// protocol, and the same contract
 * over a WebSocket. Only the Electron shell itself is left out.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const hostname = options.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveRendererFile(options.distDir, new URL(req.url ?? '/', 'http://host').pathname).then(
      (file) => {
        res.writeHead(file.status, file.headers);
        res.end(req.method === 'HEAD' ? undefined : file.body);
      },
      () => res.writeHead(500).end(),
    );
  });
  await listen(server, options.port, hostname);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${hostname}:${port}`;
  const host = await options.startHost();
  const ws = attachWsTransport({
    server,
    allowedOrigin: origin,
    dispatch: host.dispatch,
    subscribe: (listener) => host.subscribe(listener),
    onFault: options.log,
  });
  return {
    url: `${origin}/`,
    close: async () => {
      await ws.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await host.close();
    },
  };
}

/** Listens on the asked port; when it is taken, falls back to a free one rather than failing. */
async function listen(server: Server, port: number, hostname: string): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, hostname, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw e;
    await listen(server, 0, hostname);
  }
}
