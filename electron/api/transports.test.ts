import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { z } from 'zod';
import { err, ok } from '../../drivers/result';
import { createWsTransport } from '../../renderer/transport/ws-client';
import { registerIpcHandlers } from '../main-ipc';
import { createIpcTransport } from '../preload-bridge';
import { createFakeIpc } from '../testing/fake-ipc';
import { attachWsTransport, WS_PATH } from '../transport/ws-server';
import { type ClientTransport, createClient } from './client';
import { type HandlersOf, method, methodNames } from './define';
import { createDispatcher } from './dispatcher';

const testContract = {
  echo: {
    bytes: method(z.object({ data: z.instanceof(Uint8Array), times: z.number().int().min(1).max(3) }).strict(), z.object({ data: z.instanceof(Uint8Array), length: z.number() })),
    fail: method(z.object({}).strict(), z.null()),
    throws: method(z.object({}).strict(), z.null()),
    offContract: method(z.object({}).strict(), z.object({ n: z.number() })),
  },
} as const;
const testEvents = { tick: z.object({ n: z.number() }) } as const;

const handlers: HandlersOf<typeof testContract> = {
  echo: {
    bytes: async ({ data, times }) => {
      const out = new Uint8Array(data.length * times);
      for (let i = 0; i < times; i++) out.set(data, i * data.length);
      return ok({ data: out, length: out.length });
    },
    fail: async () => err('no-card', 'no card was presented'),
    throws: async () => {
      throw new Error('boom');
    },
    offContract: async () => ok({ n: 'not a number' as unknown as number }),
  },
};

type Harness = { transport: ClientTransport; emit(event: string, payload: unknown): void; close(): Promise<void> };

async function ipcHarness(): Promise<Harness> {
  const ipc = createFakeIpc();
  registerIpcHandlers(ipc.ipcMain, methodNames(testContract), createDispatcher(testContract, handlers));
  return { transport: createIpcTransport(ipc.ipcRenderer), emit: (e, p) => ipc.send('kiosk:event', e, p), close: async () => undefined };
}

async function wsHarness(): Promise<Harness> {
  const server: Server = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const ws = attachWsTransport({
    server,
    allowedOrigin: origin,
    dispatch: createDispatcher(testContract, handlers),
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
  });
  class OriginWebSocket extends NodeWebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  }
  const transport = createWsTransport(`ws://127.0.0.1:${(server.address() as AddressInfo).port}${WS_PATH}`, {
    WebSocketImpl: OriginWebSocket as unknown as typeof WebSocket,
  });
  return {
    transport,
    emit: (e, p) => listeners.forEach((l) => l(e, p)),
    close: async () => {
      transport.close();
      await ws.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.each([
  ['ipc', ipcHarness],
  ['websocket', wsHarness],
])('the contract over %s', (_name, makeHarness) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('carries bytes both ways and returns ok results', async () => {
    harness = await makeHarness();
    const client = createClient(testContract, testEvents, harness.transport);
    const result = await client.echo.bytes({ data: new Uint8Array([0, 255, 0x96, 0x69]), times: 2 });
    expect(result).toEqual({ ok: true, value: { data: new Uint8Array([0, 255, 0x96, 0x69, 0, 255, 0x96, 0x69]), length: 8 } });
  });

  it('passes coded errors through unchanged', async () => {
    harness = await makeHarness();
    const client = createClient(testContract, testEvents, harness.transport);
    expect(await client.echo.fail()).toEqual({ ok: false, error: { code: 'no-card', message: 'no card was presented' } });
  });

  it('refuses input that fails its schema with a coded error, never calling the handler', async () => {
    harness = await makeHarness();
    const client = createClient(testContract, testEvents, harness.transport);
    const bad = await client.echo.bytes({ data: new Uint8Array([1]), times: 99 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('invalid-input');
    const wrongType = (await harness.transport.invoke('echo.bytes', { data: 'not bytes', times: 1 })) as { ok: boolean; error: { code: string } };
    expect(wrongType.error.code).toBe('invalid-input');
    const extra = (await harness.transport.invoke('echo.fail', { sneaky: true })) as { ok: boolean; error: { code: string } };
    expect(extra.error.code).toBe('invalid-input');
  });

  it('turns a throwing handler and an off-contract result into coded errors without details', async () => {
    harness = await makeHarness();
    const client = createClient(testContract, testEvents, harness.transport);
    const thrown = await client.echo.throws();
    expect(!thrown.ok && thrown.error).toEqual({ code: 'internal-error', message: 'echo.throws failed unexpectedly' });
    const off = await client.echo.offContract();
    expect(!off.ok && off.error.code).toBe('invalid-output');
  });

  it('delivers events checked against their schema', async () => {
    harness = await makeHarness();
    const client = createClient(testContract, testEvents, harness.transport);
    const seen: number[] = [];
    client.on('tick', (p) => seen.push(p.n));
    await client.echo.fail(); // the WebSocket is open once a call went through
    harness.emit('tick', { n: 1 });
    harness.emit('tick', { n: 'garbage' });
    harness.emit('other', { n: 3 });
    harness.emit('tick', { n: 2 });
    await expect.poll(() => seen).toEqual([1, 2]);
  });
});

describe('ipc sender checks', () => {
  it('refuses calls from a subframe or a foreign page', async () => {
    for (const sender of [
      { url: 'app://kiosk/index.html', mainFrame: false },
      { url: 'https://evil.example/index.html', mainFrame: true },
      { url: 'app://other/index.html', mainFrame: true },
    ]) {
      const ipc = createFakeIpc(sender);
      registerIpcHandlers(ipc.ipcMain, methodNames(testContract), createDispatcher(testContract, handlers));
      const client = createClient(testContract, testEvents, createIpcTransport(ipc.ipcRenderer));
      const result = await client.echo.fail();
      expect(!result.ok && result.error.code).toBe('forbidden-sender');
    }
  });

  it('registers one channel per method and removes them all', () => {
    const ipc = createFakeIpc();
    const unregister = registerIpcHandlers(ipc.ipcMain, methodNames(testContract), createDispatcher(testContract, handlers));
    expect(ipc.handlerCount()).toBe(4);
    unregister();
    expect(ipc.handlerCount()).toBe(0);
  });
});

describe('websocket origin check', () => {
  it('refuses a connection from another origin', async () => {
    const server = createServer((_req, res) => res.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const ws = attachWsTransport({ server, allowedOrigin: `http://127.0.0.1:${port}`, dispatch: createDispatcher(testContract, handlers), subscribe: () => () => undefined });
    const socket = new NodeWebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, { origin: 'http://evil.example' });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('error', (e) => resolve(e.message));
    });
    expect(outcome).toMatch(/403/);
    await ws.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
