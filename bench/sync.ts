import { MAX_BATCH_SIZE } from '../renderer/sync/engine';
import { bounded, startKioskSession } from '../scripts/loadtest/kiosk-session';
import { journalBatchBodies } from './lib/journal-bodies';
import { cpuSince, cpuSnapshot } from './lib/process-cpu';
import { BENCH_CODE, timePlainBaseline, throughputRatio, withStandInPair } from './lib/plain-client';
import { isMain, round, runStandalone, stderrLog } from './lib/result';
import type { BenchOptions, BenchResult } from './lib/result';

/**
 * bench/sync (issue 4 "Benchmarks"), where the kiosk runs the engine: the real outbox in headless
 * Chromium's IndexedDB (on-disk profile), the real sync engine on the load-test page, the real
 * host (browser mode) reached over the loopback WebSocket, and the stand-in in its own process.
 * N transactions without photos are sealed and enqueued first (setup, not timed); then the
 * engine drains them, timed in the page from the first drain to the last outcome written.
 * The baseline, in the same run: a plain client posting the very same item bytes (read from the
 * host's journal before the drain) in the same batches of 50, in order, to a second stand-in of
 * its own. ratio = ours / plain throughput; target ≥ 0.8.
 *
 * bench/sync-node.ts is the older Node/fake-indexeddb variant, kept for browser-free profiling.
 */
const TARGET = 0.8;

export async function run(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? stderrLog;
  const n = options.quick ? 1_000 : 10_000;
  return withStandInPair(async ({ ours, plain: plainPlatform }) => {
    const session = await startKioskSession({ platform: { baseUrl: ours.url, enrolmentCode: BENCH_CODE }, enrolDeadline: Date.now() + 30_000, log });
    try {
      const runTag = Date.now().toString(36);
      log(`sync: sealing and enqueueing ${n} transactions in Chromium…`);
      const prepared = await bounded(
        session.page.evaluate((o) => {
          const api = window.kioskLoadTest;
          if (!api) throw new Error('the load-test page did not load');
          return api.prepareSyncBench(o);
        }, { transactions: n, runTag }),
        15 * 60_000,
      );
      if (prepared.enqueued !== n) throw new Error(`the outbox holds ${prepared.enqueued} of ${n}`);
      const { bodies, items } = await journalBatchBodies(session.host.dispatch, session.hostDataDir, MAX_BATCH_SIZE);
      if (items !== n) throw new Error(`the host's journal holds ${items} of ${n}`);

      log('sync: draining with the sync engine in Chromium…');
      const cpuBefore = cpuSnapshot();
      const drained = await bounded(
        session.page.evaluate((o) => {
          const api = window.kioskLoadTest;
          if (!api) throw new Error('the load-test page did not load');
          return api.drainSyncBench(o);
        }, { transactions: n, runTag }),
        15 * 60_000,
      );
      const oursCpuMs = cpuSince(cpuBefore);
      if (drained.accepted !== n || drained.pending !== 0) throw new Error(`the engine had ${drained.accepted} of ${n} accepted, ${drained.pending} pending`);
      const oursReport = await ours.report();
      if (oursReport.transactions.distinct !== n) throw new Error(`the stand-in holds ${oursReport.transactions.distinct} of ${n}`);

      log('sync: the same batches with a plain client…');
      const plainCpuBefore = cpuSnapshot();
      const plainMs = await timePlainBaseline(plainPlatform, session.terminalId, bodies, n);
      const plainCpuMs = cpuSince(plainCpuBefore);
      const { oursTps, plainTps, ratio } = throughputRatio(n, drained.ms, plainMs);
      return {
        bench: 'sync',
        ratio: round(ratio, 3),
        target: TARGET,
        pass: ratio >= TARGET,
        where: 'chromium',
        transactions: n,
        batches: bodies.length,
        oursTxPerSec: round(oursTps, 1),
        plainTxPerSec: round(plainTps, 1),
        oursMs: Math.round(drained.ms),
        plainMs: Math.round(plainMs),
        oursRequests: drained.requests,
        // CPU ms per process group while each side ran (Linux): is the run CPU-bound, and on what?
        oursCpuMs,
        plainCpuMs,
      };
    } finally {
      await session.close();
    }
  });
}

if (isMain(import.meta.url)) {
  runStandalone(run, (r) => `sync (Chromium): ${String(r.oursTxPerSec)} tx/s drained by the engine vs ${String(r.plainTxPerSec)} tx/s by a plain client (${String(r.transactions)} transactions): ratio ${r.ratio} (target ≥ ${r.target})`);
}
