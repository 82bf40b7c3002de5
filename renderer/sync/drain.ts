import { writeSyncState } from '../outbox/sync-state';
import { sendQueued } from './batches';
import { classifyFailure } from './classify';
import type { DrainContext, StepResult } from './context';
import { dueEntries } from './store';
import { retryAfter } from './uploads';

export const LAST_HEALTH_KEY = 'lastHealth';

/**
 * One pass over the outbox: `GET /health` decides online or offline (navigator.onLine says
 * nothing about the platform being reachable), then the due entries go out, attachments first.
 */
export async function drainSteps(ctx: DrainContext): Promise<StepResult> {
  ctx.report.requests += 1;
  const health = await ctx.kiosk.platform.health();
  if (!health.ok) {
    const failure = classifyFailure(health.error.code);
    return { type: 'failed', code: health.error.code, message: health.error.message, failure, offline: failure.kind === 'transient', ...retryAfter(health.error.retryAfterMs) };
  }
  const clockOffsetMs = health.value.clockOffsetMs ?? null;
  const noted = writeSyncState(ctx.db, LAST_HEALTH_KEY, { online: health.value.online, at: ctx.now(), clockOffsetMs });
  if (!health.value.online) {
    await noted;
    return { type: 'failed', code: 'offline', message: 'the platform is not reachable', failure: { kind: 'transient' }, offline: true };
  }
  ctx.emit({ type: 'online', clockOffsetMs });
  // the first page is read while the health note is written (another store: they do not wait on each other)
  const more = dueEntries(ctx.db, ctx.now(), ctx.pageSize);
  const [due] = await Promise.all([more(), noted]);
  if (due.length === 0) return { type: 'ok' };
  return sendQueued(ctx, due, more);
}
