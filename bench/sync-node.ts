import { join } from 'node:path';
import { ulid } from 'ulid';
import { enqueueTransaction } from '../renderer/outbox/enqueue';
import { queueStats } from '../renderer/outbox/queries';
import { syntheticApplicant } from '../renderer/loadtest/synthetic';
import { MAX_BATCH_SIZE, createSyncEngine } from '../renderer/sync/engine';
import { isMain, round, runStandalone, stderrLog } from './lib/result';
import type { BenchOptions, BenchResult } from './lib/result';
import { startNodeTerminal } from './lib/node-terminal';
import { BENCH_CODE, timePlainBaseline, throughputRatio, withStandInPair } from './lib/plain-client';

/**
 * bench/sync-node: NOT the target's measurement (bench/sync.ts is). The same drain as bench/sync
 * with the engine in Node over fake-indexeddb and the host's handlers behind a direct transport
 * (no WebSocket, no browser), against a plain client posting the same bytes to a second stand-in
 * in its own process. fake-indexeddb is a JavaScript emulation that costs far more CPU per
 * request than Chromium's IndexedDB, so the ratio here is low for reasons the kiosk never sees;
 * what it is good for is a quick, browser-free look at the host and engine code paths (profile
 * with `node --cpu-prof`): request count, the host's per-item work, the engine's bookkeeping.
 */
const TARGET = 0.8;

export async function run(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? stderrLog;
  const n = options.quick ? 1_000 : 10_000;
  return withStandInPair(async ({ root, ours, plain: plainPlatform }) => {
    const terminal = await startNodeTerminal({ dataDir: join(root, 'terminal'), baseUrl: ours.url, terminalId: 'BENCH-SYNC-T1', enrolmentCode: BENCH_CODE });

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
    const plainMs = await timePlainBaseline(plainPlatform, 'BENCH-SYNC-T1', bodies, n);
    const { oursTps, plainTps, ratio } = throughputRatio(n, oursMs, plainMs);
    return {
      bench: 'sync-node',
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
  });
}

if (isMain(import.meta.url)) {
  runStandalone(run, (r) => `sync-node: ${String(r.oursTxPerSec)} tx/s drained by the engine vs ${String(r.plainTxPerSec)} tx/s by a plain client (${String(r.transactions)} transactions): ratio ${r.ratio} (target ≥ ${r.target})`);
}
