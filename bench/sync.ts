import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ulid } from 'ulid';
import { enqueueTransaction } from '../renderer/outbox/enqueue';
import { queueStats } from '../renderer/outbox/queries';
import { syntheticApplicant } from '../renderer/loadtest/synthetic';
import { MAX_BATCH_SIZE, createSyncEngine } from '../renderer/sync/engine';
import { isMain, round, runStandalone, stderrLog } from './lib/result';
import type { BenchOptions, BenchResult } from './lib/result';
import { startNodeTerminal } from './lib/node-terminal';

/**
 * bench/sync (issue 4 "Benchmarks"): drain N queued transactions to the stand-in on loopback
 * with the real sync engine (outbox reads and state writes, the host's unsealing and platform
 * client, zod at the contract boundary), against a plain client that POSTs the very same item
 * bytes in the same batches of 50 to a second, identical stand-in. ratio = ours / plain
 * throughput; target ≥ 0.8.
 *
 * Both clients run in this Node process: the engine over fake-indexeddb (Chromium's IndexedDB is
 * in bench/outbox) and the contract over a direct transport (no WebSocket). Transactions carry no
 * attachment, so both sides make the same batch requests and nothing else but our health check.
 * Each stand-in runs in its own process, reached over loopback: in this process it would share
 * one event loop with the kiosk code, so every millisecond of the engine's bookkeeping would
 * also delay the platform's answers (the plain client has no bookkeeping to charge it), and work
 * the engine overlaps with a request in flight could not overlap at all. A kiosk and the
 * platform never share a thread.
 */
const CODE = 'BENCH-SYNC-0001';
const TARGET = 0.8;

export async function run(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? stderrLog;
  const n = options.quick ? 1_000 : 10_000;
  const root = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const standIns: ChildStandIn[] = [];
  try {
    const ours = await startChildStandIn(join(root, 'platform-ours'));
    standIns.push(ours);
    const plainPlatform = await startChildStandIn(join(root, 'platform-plain'));
    standIns.push(plainPlatform);
    const terminal = await startNodeTerminal({ dataDir: join(root, 'terminal'), baseUrl: ours.url, terminalId: 'BENCH-SYNC-T1', enrolmentCode: CODE });

    log(`sync: sealing and enqueueing ${n} transactions…`);
    const bodies: string[] = [];
    let batch: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const sealed = await terminal.kiosk.vault.sealTransaction({ id: ulid(), service: 'id.renewal', applicant: syntheticApplicant(i), attachments: [] });
      if (!sealed.ok) throw new Error(`seal: ${sealed.error.code}`);
      const written = await enqueueTransaction(terminal.db, { transaction: sealed.value, attachments: [] });
      if (!written.ok) throw new Error(`enqueue: ${written.error.code}`);
      // the plain client sends the exact canonical bytes the host would send for this item
      const opened = terminal.vault.unsealTransactionJson(sealed.value.id, sealed.value.sealed);
      if (!opened.ok) throw new Error(`unseal: ${opened.error.code}`);
      batch.push(opened.value.json);
      if (batch.length === MAX_BATCH_SIZE || i === n - 1) {
        bodies.push(`{"items":[${batch.join(',')}]}`);
        batch = [];
      }
    }

    log('sync: draining with the sync engine…');
    const engine = createSyncEngine({ db: terminal.db, kiosk: terminal.kiosk, now: Date.now, random: Math.random });
    const t0 = performance.now();
    for (let round = 0; (await queueStats(terminal.db, Date.now())).pending > 0; round += 1) {
      const report = await engine.drainOnce();
      if (report.outcome !== 'drained' || round > 10) throw new Error(`the drain did not complete: ${report.outcome} ${report.error ?? ''}`);
    }
    const oursMs = performance.now() - t0;
    const oursReport = await ours.report();
    if (oursReport.transactions.distinct !== n) throw new Error(`the stand-in holds ${oursReport.transactions.distinct} of ${n}`);

    log('sync: the same batches with a plain client…');
    const token = await enrol(plainPlatform.url, 'BENCH-SYNC-T1');
    const t1 = performance.now();
    for (const body of bodies) await postBatch(plainPlatform.url, token, 'BENCH-SYNC-T1', body);
    const plainMs = performance.now() - t1;
    const plainReport = await plainPlatform.report();
    if (plainReport.transactions.distinct !== n) throw new Error(`the plain stand-in holds ${plainReport.transactions.distinct} of ${n}`);

    const oursTps = n / (oursMs / 1000);
    const plainTps = n / (plainMs / 1000);
    const ratio = oursTps / plainTps;
    return {
      bench: 'sync',
      ratio: round(ratio, 3),
      target: TARGET,
      pass: ratio >= TARGET,
      transactions: n,
      batches: bodies.length,
      oursTxPerSec: round(oursTps, 1),
      plainTxPerSec: round(plainTps, 1),
      oursMs: Math.round(oursMs),
      plainMs: Math.round(plainMs),
      oursRequests: oursReport.requests,
    };
  } finally {
    for (const s of standIns) await s.close();
    rmSync(root, { recursive: true, force: true });
  }
}

interface ChildStandIn {
  readonly url: string;
  report(): Promise<{ transactions: { distinct: number }; requests: number }>;
  close(): Promise<void>;
}

/** The stand-in's own CLI in a child process (same Node, same tsx loader), on an ephemeral port. */
async function startChildStandIn(dataDir: string): Promise<ChildStandIn> {
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, 'fixtures/platform/main.ts', '--port', '0', '--data-dir', dataDir, '--enrolment-code', CODE, '--quiet'], {
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

async function enrol(baseUrl: string, terminalId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/enrol`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ enrolmentCode: CODE, terminalId, site: { code: '320402-BENCH', name: 'Benchmark site' }, appVersion: '0.1.0' }),
  });
  if (res.status !== 201) throw new Error(`plain enrol: HTTP ${res.status}`);
  return ((await res.json()) as { terminalToken: string }).terminalToken;
}

/** What any straightforward client does: POST, read the JSON, check every item got an answer. */
async function postBatch(baseUrl: string, token: string, terminalId: string, body: string): Promise<void> {
  const res = await fetch(`${baseUrl}/transactions/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Terminal-Id': terminalId },
    body,
  });
  if (res.status !== 200) throw new Error(`plain batch: HTTP ${res.status}`);
  const json = (await res.json()) as { results: { status: string }[] };
  if (!json.results.every((r) => r.status === 'accepted')) throw new Error('plain batch: not every item accepted');
}

if (isMain(import.meta.url)) {
  runStandalone(run, (r) => `sync: ${String(r.oursTxPerSec)} tx/s drained by the engine vs ${String(r.plainTxPerSec)} tx/s by a plain client (${String(r.transactions)} transactions): ratio ${r.ratio} (target ≥ ${r.target})`);
}
