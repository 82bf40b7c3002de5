import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ulid } from 'ulid';
import { startStandIn } from '../fixtures/platform';
import { enqueueTransaction } from '../renderer/outbox/enqueue';
import { queueStats } from '../renderer/outbox/queries';
import { syntheticApplicant } from '../renderer/loadtest/synthetic';
import { createSyncEngine } from '../renderer/sync/engine';
import type { SyncEngine } from '../renderer/sync/engine';
import { startNodeTerminal } from './lib/node-terminal';
import type { NodeTerminal } from './lib/node-terminal';
import { isMain, round, runStandalone, stderrLog } from './lib/result';
import type { BenchOptions, BenchResult } from './lib/result';
import { peakOverMean, percentile, windowCounts } from './lib/stats';

/**
 * bench/herd (issue 4 "Benchmarks"): 100 terminals, each a real sync engine with the real
 * backoff (full jitter) over its own outbox, the host's real vault and platform client, all
 * pointed at one stand-in. The platform goes down (connections refused), the terminals keep
 * queueing and back off, and when it comes back they all find it again. The stand-in logs
 * every request; from the moment it reopens until the last terminal has drained, the peak
 * request rate over the mean is the herd factor. Target < 3 with one-second windows (the
 * 100 ms figure is reported too: at this load a 100 ms window holds a handful of requests, so
 * its peak is mostly counting noise).
 */
const CODE = 'BENCH-HERD-0001';
const TARGET = 3;

export async function run(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? stderrLog;
  const terminals = options.quick ? 30 : 100;
  const perTerminal = 3;
  const outageMs = options.quick ? 8_000 : 20_000;
  const root = mkdtempSync(join(tmpdir(), 'bench-herd-'));
  const requestTimes: number[] = [];
  const standIn = await startStandIn({
    dataDir: join(root, 'platform'),
    port: 0,
    enrolmentCodes: [CODE],
    // one line per answered request under the base path; admin calls are not counted
    log: (line) => {
      if (/^\w+ \/kiosk\/v1\//.test(line)) requestTimes.push(Date.now());
    },
  });
  const engines: SyncEngine[] = [];
  try {
    log(`herd: enrolling ${terminals} terminals and queueing ${perTerminal} transactions each…`);
    const fleet: NodeTerminal[] = [];
    for (let t = 0; t < terminals; t += 1) {
      const id = `BENCH-HERD-${String(t).padStart(3, '0')}`;
      const terminal = await startNodeTerminal({ dataDir: join(root, id), baseUrl: standIn.url, terminalId: id, enrolmentCode: CODE, timeoutMs: 5_000 });
      for (let i = 0; i < perTerminal; i += 1) {
        const sealed = await terminal.kiosk.vault.sealTransaction({ id: ulid(), service: 'id.renewal', applicant: syntheticApplicant(t * perTerminal + i), attachments: [] });
        if (!sealed.ok) throw new Error(`seal: ${sealed.error.code}`);
        const written = await enqueueTransaction(terminal.db, { transaction: sealed.value, attachments: [] });
        if (!written.ok) throw new Error(`enqueue: ${written.error.code}`);
      }
      fleet.push(terminal);
    }

    log(`herd: platform down for ${outageMs / 1000} s; every terminal starts syncing at the same moment…`);
    await standIn.faults.refuseConnections();
    for (const terminal of fleet) {
      const engine = createSyncEngine({ db: terminal.db, kiosk: terminal.kiosk, now: Date.now, random: Math.random });
      engines.push(engine);
    }
    await Promise.all(engines.map((e) => e.start()));
    await delay(outageMs);
    const reopenedAt = Date.now();
    requestTimes.length = 0;
    await standIn.faults.acceptConnections();
    log('herd: platform back; waiting for every terminal to drain…');

    const giveUpAt = reopenedAt + 10 * 60_000;
    let drainedAt: number | undefined;
    while (Date.now() < giveUpAt) {
      const pending = (await Promise.all(fleet.map((f) => queueStats(f.db, Date.now())))).reduce((sum, s) => sum + s.pending, 0);
      if (pending === 0) {
        drainedAt = Date.now();
        break;
      }
      await delay(250);
    }
    if (drainedAt === undefined) throw new Error('the terminals did not drain within 10 minutes of the platform coming back');
    const accepted = standIn.report().transactions.distinct;
    if (accepted !== terminals * perTerminal) throw new Error(`the stand-in holds ${accepted} of ${terminals * perTerminal} transactions`);

    const perSecond = peakOverMean(windowCounts(requestTimes, reopenedAt, 1000));
    const per100ms = peakOverMean(windowCounts(requestTimes, reopenedAt, 100));
    return {
      bench: 'herd',
      ratio: round(perSecond.ratio),
      target: TARGET,
      pass: perSecond.ratio < TARGET,
      window: '1 s',
      terminals,
      transactions: accepted,
      outageMs,
      requestsAfterOutage: requestTimes.length,
      recoveryMs: drainedAt - reopenedAt,
      // when half and nearly all of the requests had arrived: how long the backoff tail is
      requestP50AfterMs: Math.round(percentile(requestTimes, 50) - reopenedAt),
      requestP90AfterMs: Math.round(percentile(requestTimes, 90) - reopenedAt),
      peakPerSecond: perSecond.peak,
      meanPerSecond: round(perSecond.mean),
      ratio100ms: round(per100ms.ratio),
      peakPer100ms: per100ms.peak,
      meanPer100ms: round(per100ms.mean),
    };
  } finally {
    await Promise.all(engines.map((e) => e.stop()));
    await standIn.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  runStandalone(
    run,
    (r) =>
      `herd: ${String(r.terminals)} terminals back after a ${Number(r.outageMs) / 1000} s outage: peak ${String(r.peakPerSecond)} req/s over mean ${String(r.meanPerSecond)} req/s = ${r.ratio} (target < ${r.target}); per 100 ms ${String(r.ratio100ms)}`,
  );
}
