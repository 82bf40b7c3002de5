import { z } from 'zod';
import { MAX_BATCHES_PER_CALL } from '../../electron/api/contract';
import type { KioskOutboxDb } from '../outbox/db';
import { reconcileFromJournal } from '../outbox/enqueue';
import { acceptedAmong, queueStats } from '../outbox/queries';
import { storageError } from '../outbox/storage-error';
import { deleteSyncState, readSyncState, writeSyncState } from '../outbox/sync-state';
import { BackoffState, NO_BACKOFF, nextBackoff } from './backoff';
import { emptyReport } from './context';
import type { DrainContext, StepResult } from './context';
import { drainSteps } from './drain';
import { earliestAttempt } from './store';
import type { DrainReport, PauseReason, SyncEvent, SyncKiosk, SyncSnapshot, TimerDeps } from './types';

export const MAX_BATCH_SIZE = 50;
/** Enough for two full calls of batches, small enough that the first goes out at once. */
export const DUE_PAGE_SIZE = 2 * MAX_BATCHES_PER_CALL * MAX_BATCH_SIZE;
const BACKOFF_KEY = 'backoff';
const PAUSED_KEY = 'paused';

const Paused = z.enum(['unauthorized', 'not-enrolled']);

export interface SyncEngineDeps extends Partial<TimerDeps> {
  db: KioskOutboxDb;
  kiosk: SyncKiosk;
  now: () => number;
  /** in [0, 1); the jitter source */
  random: () => number;
  /** items per sendBatch, 1 to 50 (default 50) */
  batchSize?: number;
  /** outbox entries a drain reads at a time (default DUE_PAGE_SIZE) */
  pageSize?: number;
  onEvent?: (e: SyncEvent) => void;
}

export interface SyncEngine {
  /** recovers after a reload (sending → pending, journal reconcile), then drains on its own */
  start(): Promise<void>;
  /** stops scheduling; resolves once a drain in flight has finished */
  stop(): Promise<void>;
  /** something to send or the network is back: drain soon (never before a Retry-After) */
  kick(): void;
  /** after re-enrolment: clears the pause and drains */
  resume(): Promise<void>;
  /** one drain now, or the one already running (there is never more than one) */
  drainOnce(): Promise<DrainReport>;
  snapshot(): Promise<SyncSnapshot>;
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db, kiosk, now, random } = deps;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h: unknown): void => clearTimeout(h as ReturnType<typeof setTimeout>));
  const batchSize = Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(deps.batchSize ?? MAX_BATCH_SIZE)));
  const pageSize = Math.max(1, Math.floor(deps.pageSize ?? DUE_PAGE_SIZE));
  let running = false;
  let stopping = false;
  let timer: { handle: unknown } | undefined;
  let inflight: Promise<DrainReport> | undefined;
  let again = false;
  let online: boolean | null = null;
  let clockOffsetMs: number | null = null;
  let backoff: BackoffState = NO_BACKOFF;
  let paused: PauseReason | null = null;
  let loaded: Promise<void> | undefined;
  let scheduledAt: number | null = null;

  function emit(e: SyncEvent): void {
    if (e.type === 'online') {
      online = true;
      clockOffsetMs = e.clockOffsetMs;
    }
    try {
      deps.onEvent?.(e);
    } catch {
      // a broken listener is a UI bug; it must not stop the outbox from draining
    }
  }

  // the backoff and the pause outlive a reload: a restart must not hammer a platform that
  // asked us to wait, nor send with a revoked token
  const load = (): Promise<void> =>
    (loaded ??= (async () => {
      try {
        backoff = (await readSyncState(db, BACKOFF_KEY, BackoffState)) ?? backoff;
        paused = (await readSyncState(db, PAUSED_KEY, Paused)) ?? null;
      } catch (e) {
        loaded = undefined; // try again next time: the database may open later
        throw e;
      }
    })());

  function cancelTimer(): void {
    if (timer) clearTimer(timer.handle);
    timer = undefined;
    scheduledAt = null;
  }

  function schedule(at: number): void {
    if (!running || stopping || paused) return;
    cancelTimer();
    const handle = setTimer(() => {
      timer = undefined;
      scheduledAt = null;
      void drainOnce();
    }, Math.max(0, at - now()));
    timer = { handle };
    scheduledAt = Math.max(at, now());
  }

  async function settle(step: StepResult, ctx: DrainContext): Promise<void> {
    const { report } = ctx;
    switch (step.type) {
      case 'stopped':
        report.outcome = 'stopped';
        return;
      case 'ok': {
        if (backoff !== NO_BACKOFF) {
          backoff = NO_BACKOFF;
          await deleteSyncState(db, BACKOFF_KEY);
        }
        const next = await earliestAttempt(db);
        if (next !== undefined) report.nextAttemptAt = Math.max(next, now());
        report.outcome = 'drained';
        return;
      }
      case 'failed':
        report.error = step.code;
        if (step.failure.kind === 'pause') {
          paused = step.failure.reason;
          await writeSyncState(db, PAUSED_KEY, paused);
          report.outcome = 'paused';
          emit({ type: 'paused', reason: paused });
          return;
        }
        if (step.offline) {
          online = false;
          emit({ type: 'offline', code: step.code });
        }
        await backOff(step.code, report, { offline: step.offline === true, progressed: ctx.answered > 0, ...(step.retryAfterMs === undefined ? {} : { retryAfterMs: step.retryAfterMs }) });
        report.outcome = step.offline ? 'offline' : 'backoff';
        return;
    }
  }

  async function backOff(code: string, report: DrainReport, failure: { offline: boolean; progressed: boolean; retryAfterMs?: number }): Promise<void> {
    const next = nextBackoff(backoff, { now: now(), random, ...failure });
    backoff = next.state;
    const { delayMs } = next;
    await writeSyncState(db, BACKOFF_KEY, backoff);
    report.nextAttemptAt = backoff.nextAttemptAt;
    emit({ type: 'backoff', code, attempt: backoff.attempt, delayMs });
  }

  async function runDrain(): Promise<DrainReport> {
    const report = emptyReport();
    let ctx: DrainContext | undefined;
    try {
      await load();
      if (paused) {
        report.outcome = 'paused';
        return report;
      }
      if (backoff.retryAfterUntil !== undefined && now() < backoff.retryAfterUntil) {
        // the platform said how long to wait (429/503 Retry-After): no request before that
        report.outcome = 'backoff';
        report.nextAttemptAt = backoff.nextAttemptAt;
        return report;
      }
      ctx = { db, kiosk, now, random, emit, stopping: () => stopping, batchLimit: batchSize, pageSize, report, answered: 0 };
      await settle(await drainSteps(ctx), ctx);
    } catch (e) {
      // IndexedDB failed under us (closed, full): nothing was lost, everything stays queued
      const { error } = storageError(e);
      emit({ type: 'storage-error', code: error.code });
      report.error = error.code;
      const failure = { offline: false, progressed: (ctx?.answered ?? 0) > 0 };
      try {
        await backOff(error.code, report, failure);
      } catch {
        // the backoff could not be stored either: keep it in memory, retry later all the same
        backoff = nextBackoff(backoff, { now: now(), random, ...failure }).state;
        report.nextAttemptAt = backoff.nextAttemptAt;
      }
      report.outcome = 'backoff';
    }
    emit({ type: 'drained', report });
    return report;
  }

  function drainOnce(): Promise<DrainReport> {
    if (inflight) return inflight;
    const run = (async () => {
      try {
        return await runDrain();
      } finally {
        inflight = undefined;
      }
    })();
    inflight = run;
    void run.then(afterDrain, () => undefined);
    return run;
  }

  function afterDrain(report: DrainReport): void {
    if (again) {
      again = false;
      schedule(earliestStart());
    } else if (report.nextAttemptAt !== undefined) {
      schedule(report.nextAttemptAt);
    }
  }

  /**
   * When the next drain may start on its own accord (kick, start). After being offline a kick
   * means "try now": a health check costs little and the network may be back. After the platform
   * answered with a failure (5xx, 400, Retry-After) the backoff stands, so a stream of new
   * transactions cannot turn into a tight loop of the same failing request.
   */
  function earliestStart(): number {
    const retryAfter = backoff.retryAfterUntil ?? 0;
    return backoff.offline ? Math.max(now(), retryAfter) : Math.max(now(), retryAfter, backoff.nextAttemptAt);
  }

  function kick(): void {
    if (!running || stopping || paused) return;
    if (inflight) {
      again = true;
      return;
    }
    schedule(earliestStart());
  }

  async function start(): Promise<void> {
    stopping = false;
    running = true;
    await load();
    await reconcileWithHostJournal();
    if (paused) emit({ type: 'paused', reason: paused });
    schedule(earliestStart());
  }

  /**
   * Restores what the host's backstop journal has and IndexedDB lost, a page at a time; and has
   * the host forget entries IndexedDB holds as accepted (the host deletes an entry after the
   * platform's answer, and a crash can lose that deletion).
   */
  async function reconcileWithHostJournal(): Promise<void> {
    let restoredCount = 0;
    let afterSeq: number | undefined;
    for (;;) {
      const page = await kiosk.vault.journal(afterSeq === undefined ? {} : { afterSeq });
      if (!page.ok) return emit({ type: 'journal-error', code: page.error.code });
      const restored = await reconcileFromJournal(db, page.value.entries);
      if (!restored.ok) return emit({ type: 'storage-error', code: restored.error.code });
      restoredCount += restored.value.restored;
      const accepted = await acceptedAmong(
        db,
        page.value.entries.map((e) => e.transaction.id),
      ).catch(() => []);
      if (accepted.length > 0) {
        const forgotten = await kiosk.vault.forgetAccepted({ ids: accepted });
        if (!forgotten.ok) emit({ type: 'journal-error', code: forgotten.error.code });
      }
      if (page.value.nextAfterSeq === null) break;
      afterSeq = page.value.nextAfterSeq;
    }
    if (restoredCount > 0) emit({ type: 'restored', count: restoredCount });
  }

  async function stop(): Promise<void> {
    stopping = true;
    running = false;
    cancelTimer();
    if (inflight) await inflight;
  }

  async function resume(): Promise<void> {
    await load();
    paused = null;
    backoff = NO_BACKOFF;
    await deleteSyncState(db, PAUSED_KEY);
    await deleteSyncState(db, BACKOFF_KEY);
    emit({ type: 'resumed' });
    kick();
  }

  async function snapshot(): Promise<SyncSnapshot> {
    await load();
    const stats = await queueStats(db, now());
    return {
      online,
      paused,
      draining: inflight !== undefined,
      pending: stats.pending,
      deadLetters: stats.deadLetters,
      oldestPendingAgeSec: stats.oldestPendingAgeSec,
      nextAttemptAt: scheduledAt ?? (backoff.nextAttemptAt > 0 ? backoff.nextAttemptAt : null),
      clockOffsetMs,
      backoffAttempt: backoff.attempt,
    };
  }

  return { start, stop, kick, resume, drainOnce, snapshot };
}
