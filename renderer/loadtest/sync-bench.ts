import { ulid } from 'ulid';
import type { KioskClient } from '../kiosk-client';
import { openOutboxDb } from '../outbox/db';
import type { KioskOutboxDb } from '../outbox/db';
import { enqueueTransaction } from '../outbox/enqueue';
import { queueStats } from '../outbox/queries';
import { createSyncEngine } from '../sync/engine';
import type { SyncBenchDrain, SyncBenchOptions } from './api';
import { syntheticApplicant } from './synthetic';

/**
 * bench/sync, where the kiosk runs it: the real outbox in Chromium's IndexedDB and the real sync
 * engine talking to the real host over the loopback WebSocket. `prepare` is setup (sealed by the
 * host and enqueued, no engine running); `drain` is the measured part, from the first drain to
 * the last outcome written. Counts and timings only leave the page.
 */
export interface SyncBench {
  prepare(options: SyncBenchOptions): Promise<{ enqueued: number }>;
  drain(options: SyncBenchOptions): Promise<SyncBenchDrain>;
}

export function createSyncBench(kiosk: KioskClient): SyncBench {
  const dbs = new Map<string, KioskOutboxDb>();
  const dbFor = (runTag: string): KioskOutboxDb => {
    let db = dbs.get(runTag);
    if (!db) {
      db = openOutboxDb({ name: `bench-sync-${runTag}` });
      dbs.set(runTag, db);
    }
    return db;
  };

  return {
    async prepare(options) {
      const db = dbFor(options.runTag);
      for (let i = 0; i < options.transactions; i += 1) {
        const sealed = await kiosk.vault.sealTransaction({ id: ulid(), service: 'id.renewal', applicant: syntheticApplicant(i), attachments: [] });
        if (!sealed.ok) throw new Error(`sealTransaction failed: ${sealed.error.code}`);
        const written = await enqueueTransaction(db, { transaction: sealed.value, attachments: [] });
        if (!written.ok) throw new Error(`enqueue failed: ${written.error.code}`);
      }
      return { enqueued: (await queueStats(db, Date.now())).pending };
    },

    async drain(options) {
      const db = dbFor(options.runTag);
      // no timers: nothing but these drains may send, so the clock sees only them
      const engine = createSyncEngine({ db, kiosk, now: Date.now, random: Math.random, setTimer: () => undefined, clearTimer: () => undefined });
      const totals = { requests: 0, accepted: 0, duplicates: 0, drains: 0 };
      const t0 = performance.now();
      for (;;) {
        const report = await engine.drainOnce();
        totals.drains += 1;
        totals.requests += report.requests;
        totals.accepted += report.accepted;
        totals.duplicates += report.duplicates;
        if (report.outcome !== 'drained') throw new Error(`the drain did not complete: ${report.outcome} ${report.error ?? ''}`);
        if ((await queueStats(db, Date.now())).pending === 0 || totals.drains > 10) break;
      }
      const ms = performance.now() - t0;
      return { ms, ...totals, pending: (await queueStats(db, Date.now())).pending };
    },
  };
}
