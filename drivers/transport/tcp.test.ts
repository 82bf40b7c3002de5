import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openTcpTransport } from './tcp';

let server: Server | undefined;
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(onSocket: (socket: Socket) => void): Promise<number> {
  server = createServer((socket) => {
    sockets.add(socket);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('openTcpTransport', () => {
  it('writes and receives bytes over real TCP', async () => {
    const port = await listen((socket) => socket.on('data', (d) => socket.write(Buffer.from([...d].map((b) => b + 1)))));
    const opened = await openTcpTransport({ host: '127.0.0.1', port, timeoutMs: 2000 });
    if (!opened.ok) throw new Error(opened.error.message);
    const t = opened.value;
    const received = new Promise<number[]>((resolve) => t.onData((chunk) => resolve([...chunk])));
    await t.write(Uint8Array.from([0x10, 0x04, 0x01]));
    expect(await received).toEqual([0x11, 0x05, 0x02]);
    expect(t.isOpen).toBe(true);
    await t.close();
    expect(t.isOpen).toBe(false);
    await expect(t.write(Uint8Array.from([1]))).rejects.toThrow(/closed/);
  });

  it('reports the peer going away through onClose', async () => {
    let peer: Socket | undefined;
    const port = await listen((socket) => (peer = socket));
    const opened = await openTcpTransport({ host: '127.0.0.1', port });
    if (!opened.ok) throw new Error(opened.error.message);
    const closed = new Promise<string>((resolve) => opened.value.onClose(resolve));
    await new Promise<void>((resolve) => (peer ? resolve() : server?.once('connection', () => resolve())));
    peer?.destroy();
    expect(await closed).toMatch(/closed|error/);
    expect(opened.value.isOpen).toBe(false);
  });

  it('a refused connection is a device-unreachable result', async () => {
    const port = await listen(() => undefined);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const opened = await openTcpTransport({ host: '127.0.0.1', port, timeoutMs: 2000 });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.code).toBe('device-unreachable');
  });
});
