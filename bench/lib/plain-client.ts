import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The enrolment code every benchmark stand-in accepts. */
export const BENCH_CODE = 'BENCH-SYNC-0001';

export interface ChildStandIn {
  readonly url: string;
  report(): Promise<{ transactions: { distinct: number }; requests: number }>;
  close(): Promise<void>;
}

/**
 * The stand-in's own CLI in a child process (same Node, same tsx loader), on an ephemeral port:
 * a kiosk and the platform never share an event loop, so neither may in a benchmark.
 */
export async function startChildStandIn(dataDir: string): Promise<ChildStandIn> {
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, 'fixtures/platform/main.ts', '--port', '0', '--data-dir', dataDir, '--enrolment-code', BENCH_CODE, '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (!child.stdout) throw new Error('stand-in: no stdout');
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${String(code)}`)));
  });
  const origin = new URL(url).origin;
  return {
    url,
    report: async () => (await (await fetch(`${origin}/__admin/report`)).json()) as { transactions: { distinct: number }; requests: number },
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export async function enrolPlain(baseUrl: string, terminalId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/enrol`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ enrolmentCode: BENCH_CODE, terminalId, site: { code: '320402-BENCH', name: 'Benchmark site' }, appVersion: '0.1.0' }),
  });
  if (res.status !== 201) throw new Error(`plain enrol: HTTP ${res.status}`);
  return ((await res.json()) as { terminalToken: string }).terminalToken;
}

/** What any straightforward client does: POST, read the JSON, check every item got an answer. */
export async function postPlainBatch(baseUrl: string, token: string, terminalId: string, body: string): Promise<void> {
  const res = await fetch(`${baseUrl}/transactions/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Terminal-Id': terminalId },
    body,
  });
  if (res.status !== 200) throw new Error(`plain batch: HTTP ${res.status}`);
  const json = (await res.json()) as { results: { status: string }[] };
  if (!json.results.every((r) => r.status === 'accepted')) throw new Error('plain batch: not every item accepted');
}

/** Posts every body in order, one request at a time; milliseconds for the lot. */
export async function timePlainBatches(baseUrl: string, terminalId: string, bodies: readonly string[]): Promise<number> {
  const token = await enrolPlain(baseUrl, terminalId);
  const t0 = performance.now();
  for (const body of bodies) await postPlainBatch(baseUrl, token, terminalId, body);
  return performance.now() - t0;
}

/**
 * Runs a sync benchmark against two fresh stand-ins in child processes, one for our engine and
 * one for the plain client, and removes both with their data whatever happens.
 */
/**
 * The baseline of both sync benches: the same batch bodies posted by a plain client to its own
 * stand-in, checked to have landed whole. @returns its time (ms)
 */
export async function timePlainBaseline(plain: ChildStandIn, terminalId: string, bodies: readonly string[], n: number): Promise<number> {
  const plainMs = await timePlainBatches(plain.url, terminalId, bodies);
  const report = await plain.report();
  if (report.transactions.distinct !== n) throw new Error(`the plain stand-in holds ${report.transactions.distinct} of ${n}`);
  return plainMs;
}

/** Throughputs of both sides and ours / plain. */
export function throughputRatio(n: number, oursMs: number, plainMs: number): { oursTps: number; plainTps: number; ratio: number } {
  const oursTps = n / (oursMs / 1000);
  const plainTps = n / (plainMs / 1000);
  return { oursTps, plainTps, ratio: oursTps / plainTps };
}

export async function withStandInPair<T>(work: (pair: { root: string; ours: ChildStandIn; plain: ChildStandIn }) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const standIns: ChildStandIn[] = [];
  try {
    const ours = await startChildStandIn(join(root, 'platform-ours'));
    standIns.push(ours);
    const plain = await startChildStandIn(join(root, 'platform-plain'));
    standIns.push(plain);
    return await work({ root, ours, plain });
  } finally {
    for (const s of standIns) await s.close();
    rmSync(root, { recursive: true, force: true });
  }
}
