import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient } from './client';
import { createPlatformAgent, exchange, idleKeepMs, statusError, type ExchangeOptions } from './exchange';
import { startTestServer, type TestServer } from './test-server';

/**
 * The transport under exchange(): connections kept alive and never leaked, the deadline over the
 * body, no redirects, the idle policy, https. Status mapping and the client's endpoints are pinned
 * by client.test.ts and client-stand-in.test.ts.
 */


const closed = async (socket: Socket | undefined): Promise<void> => {
  if (socket && !socket.closed) await once(socket, 'close');
};
/** sockets the agent holds that are not closing: a destroyed one leaves the lists at its 'close' */
const live = (agent: Agent): Socket[] => [...Object.values(agent.sockets), ...Object.values(agent.freeSockets)].flatMap((list) => list ?? []).filter((s) => !s.destroyed);
const text = (body: Uint8Array): string => Buffer.from(body).toString('utf8');
const messageOf = (r: { ok: boolean; error?: { code: string; message: string } }): string => (r.ok ? 'ok' : `${r.error?.code}: ${r.error?.message}`);

let server: TestServer;
let agent: Agent;
let options: ExchangeOptions;
const get = (path: string, method: 'GET' | 'HEAD' = 'GET') => exchange(options, { method, url: server.url + path, headers: { Accept: 'application/json' } });

describe('exchange over node:http', () => {
  beforeAll(async () => {
    server = await startTestServer({ base: '', initial: (_req, res) => res.end('ok') });
  });
  afterAll(() => server.close());
  afterEach(() => {
    agent.destroy();
    server.received.length = 0;
    server.connections.length = 0;
    server.reply((_req, res) => res.end('ok'));
  });
  const useAgent = (overrides: Partial<ExchangeOptions> = {}): void => {
    agent = createPlatformAgent('http:');
    options = { agent, timeoutMs: 10_000, maxResponseBytes: 1_024, ...overrides };
  };
  /** the exchange closed its connection, and the agent keeps no socket of it */
  const closedItsConnection = async (): Promise<void> => {
    await closed(server.connections[0]);
    expect(live(agent)).toEqual([]);
  };

  it('keeps one connection for sequential requests and opens a second only for a concurrent one', async () => {
    useAgent();
    for (let i = 0; i < 3; i += 1) expect(messageOf(await get('/a'))).toBe('ok');
    expect(server.received.map((r) => r.connection)).toEqual([0, 0, 0]);
    await Promise.all([get('/b'), get('/c')]);
    expect(new Set(server.received.slice(3).map((r) => r.connection))).toEqual(new Set([0, 1]));
    expect(server.connections).toHaveLength(2);
  });

  it('sends a string body as UTF-8 and a byte body as it is, each with its length', async () => {
    useAgent();
    const json = '{"name":"张三"}';
    const bytes = Uint8Array.from([0xff, 0xd8, 0x00, 0x7f]);
    await exchange(options, { method: 'POST', url: `${server.url}/json`, headers: { 'Content-Type': 'application/json' }, body: json });
    await exchange(options, { method: 'PUT', url: `${server.url}/bytes`, headers: { 'Content-Type': 'image/jpeg' }, body: bytes });
    const [sentJson, sentBytes] = server.received;
    expect([sentJson?.method, sentJson?.headers['content-length'], sentJson?.body.toString('hex')]).toEqual(['POST', '17', Buffer.from(json, 'utf8').toString('hex')]);
    expect([sentBytes?.method, sentBytes?.headers['content-length'], sentBytes?.body.toString('hex')]).toEqual(['PUT', '4', 'ffd8007f']);
  });

  it('reads no body after a HEAD, and the connection carries the next request', async () => {
    useAgent();
    server.reply((_req, res) => res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': '900' }).end());
    const head = await get('/attachment', 'HEAD');
    expect(head.ok && [head.value.status, head.value.body.byteLength, head.value.headers.get('Content-Type')]).toEqual([200, 0, 'image/jpeg']);
    server.reply((_req, res) => res.end('after'));
    const next = await get('/next');
    expect(next.ok && text(next.value.body)).toBe('after');
    expect(server.received.map((r) => [r.method, r.connection])).toEqual([
      ['HEAD', 0],
      ['GET', 0],
    ]);
  });

  it('does not follow a redirect: the 3xx itself reaches statusError, as invalid-response', async () => {
    useAgent();
    server.reply((req, res) => (req.url === '/elsewhere' ? res.end('{}') : res.writeHead(302, { Location: '/elsewhere' }).end()));
    const r = await get('/health');
    expect(r.ok && r.value.status).toBe(302);
    expect(server.received.map((x) => x.url)).toEqual(['/health']);
    if (r.ok) expect(statusError(r.value, 'GET', Date.now).error.code).toBe('invalid-response');
  });

  it('refuses a body past the bound without a Content-Length, and closes that connection', async () => {
    useAgent();
    server.reply((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('x'.repeat(1_000));
      res.write('x'.repeat(1_000));
    });
    expect(messageOf(await get('/reference'))).toBe('invalid-response: response exceeds the 1024-byte bound; the request may have been applied');
    await closedItsConnection();
  });

  it('refuses a declared oversize body before reading it, and closes that connection', async () => {
    useAgent();
    server.reply((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
      res.write('x');
    });
    expect(messageOf(await get('/reference'))).toBe('invalid-response: response of 5000 bytes exceeds the 1024-byte bound; the request may have been applied');
    await closedItsConnection();
  });

  it('holds the deadline over the body: a stall halfway times out and closes that connection', async () => {
    useAgent({ timeoutMs: 100 });
    server.reply((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '40' });
      res.write('{"results":[');
    });
    expect(messageOf(await get('/batch'))).toBe('network: GET timed out after 100 ms; the request may have been applied');
    await closedItsConnection();
  });

  it('names the socket error, never the body, when the connection drops in the middle of it', async () => {
    useAgent();
    server.reply((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '400' });
      res.write('{"idNumber":"11010519491231002X"', () => res.socket?.destroy());
    });
    const message = messageOf(await get('/cases'));
    expect(message).toMatch(/^network: GET failed on the network \(.*ECONNRESET.*\); the request may have been applied$/);
    expect(message).not.toContain('11010519491231002X');
  });

  it('opens a fresh connection when the server closed the idle one', async () => {
    useAgent();
    expect((await get('/one')).ok).toBe(true);
    const [idle] = Object.values(agent.freeSockets).flatMap((list) => list ?? []);
    expect(idle).toBeDefined();
    server.connections[0]?.end();
    await closed(idle);
    expect(messageOf(await get('/two'))).toBe('ok');
    server.reply((_req, res) => res.writeHead(200, { Connection: 'close' }).end('bye'));
    expect(messageOf(await get('/three'))).toBe('ok');
    server.reply((_req, res) => res.end('ok'));
    expect(messageOf(await get('/four'))).toBe('ok');
    expect(server.received.map((r) => r.connection)).toEqual([0, 1, 1, 2]);
  });

  it('keeps an idle connection only while the server says it will (Keep-Alive timeout less 2 s)', async () => {
    useAgent();
    server.reply((_req, res) => res.writeHead(200, { 'Keep-Alive': 'timeout=2' }).end('ok'));
    await get('/short');
    await get('/short');
    server.reply((_req, res) => res.writeHead(200, { 'Keep-Alive': 'timeout=60' }).end('ok'));
    await get('/long');
    await get('/long');
    expect(server.received.map((r) => r.connection)).toEqual([0, 1, 2, 2]);
  });

  it('reads the Keep-Alive hint as undici does', () => {
    expect([null, 'timeout=5', 'timeout=5, max=1000', 'timeout=2', 'timeout=1', 'max=5', 'timeout=3600'].map(idleKeepMs)).toEqual([
      4_000, 3_000, 3_000, 0, -1_000, 4_000, 600_000,
    ]);
  });
});

describe('exchange over https', () => {
  let dir: string;
  let tls: { key: string; cert: string };

  beforeAll(async () => {
    // a throwaway self-signed certificate for 127.0.0.1, made for this run only
    dir = mkdtempSync(join(tmpdir(), 'exchange-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    tls = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    server = await startTestServer({ base: '', tls, initial: (_req, res) => res.end('ok') });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => agent.destroy());

  it('verifies the certificate by default: a self-signed one fails as network with its code', async () => {
    agent = createPlatformAgent('https:');
    options = { agent, timeoutMs: 10_000, maxResponseBytes: 1_024 };
    expect(messageOf(await get('/health'))).toMatch(/^network: GET failed on the network \(.*SELF_SIGNED.*\); the request may have been applied$/);
    const client = createPlatformClient({ baseUrl: `${server.url}/kiosk/v1`, credentials: () => null });
    expect(messageOf(await client.health())).toMatch(/SELF_SIGNED/);
  });

  it('talks to a certificate trusted through ca, over one kept-alive connection', async () => {
    agent = createPlatformAgent('https:', { ca: tls.cert });
    options = { agent, timeoutMs: 10_000, maxResponseBytes: 1_024 };
    server.received.length = 0;
    server.connections.length = 0;
    server.reply((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"serverTime":"2026-11-24T08:15:02.311Z"}'));
    const client = createPlatformClient({ baseUrl: `${server.url}/kiosk/v1`, credentials: () => null, agent });
    expect((await client.health()).ok).toBe(true);
    expect((await client.health()).ok).toBe(true);
    expect(server.received.map((r) => [r.url, r.connection])).toEqual([
      ['/kiosk/v1/health', 0],
      ['/kiosk/v1/health', 0],
    ]);
  });
});
