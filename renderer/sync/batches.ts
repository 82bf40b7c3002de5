import type { SealedBlob } from '../../electron/api/contract';
import type { BatchItemResult } from '../../electron/api/platform-schemas';
import type { OutboxEntry, TransactionRecord } from '../outbox/schema';
import { backoffDelay } from './backoff';
import { classifyFailure } from './classify';
import { MAX_BAD_REQUESTS, MAX_RETRY_ROUNDS } from './context';
import type { DrainContext, StepResult } from './context';
import { applyResults, deadLetter, noteFailedSend, queuedAmong, readTransactions } from './store';
import type { AppliedResults } from './store';
import { retryAfter, uploadAttachmentsFor } from './uploads';

type Sendable = TransactionRecord & { sealed: SealedBlob };

/**
 * Sends the due entries in batches of at most `ctx.batchLimit` (≤ 50), each batch's
 * attachments first. Every item is sent as the host sealed it when the citizen confirmed: same
 * id, same bytes, every time (platform-api.md §5: a recomputed item is an idempotency
 * conflict). A whole-request failure ends the drain; the engine backs off.
 *
 * One request at a time, but the bookkeeping overlaps the next request: a batch's outcomes are
 * written in ONE Dexie transaction (under strict durability, one disk flush per batch) while the
 * next batch is already on the wire. This is safe because the two batches hold different ids,
 * and every path that looks at the next batch's answer or leaves the drain first waits for that
 * write.
 */
export async function sendQueued(ctx: DrainContext, due: readonly OutboxEntry[]): Promise<StepResult> {
  const queue = [...due];
  const retryRounds = new Map<string, number>();
  // entries of `due` stop being queued only through this drain's own dead letters
  const deadAtStart = ctx.report.deadLettered;
  let answered: Answered | undefined;
  try {
    for (;;) {
      if (queue.length === 0) {
        // the last outcome may put `retry` items back in the queue
        if (answered) await settleWrite(ctx, writeOutcome(ctx, answered, retryRounds), queue);
        answered = undefined;
        if (queue.length === 0) return { type: 'ok' };
      }
      if (ctx.stopping()) return { type: 'stopped' };
      const chunk = await stillQueued(ctx, takeChunk(queue, ctx.batchLimit), deadAtStart);
      if (chunk.length === 0) continue;

      const deadBefore = ctx.report.deadLettered;
      const uploads = await uploadAttachmentsFor(ctx, chunk);
      if (uploads.type !== 'ok') return uploads;
      // an upload refused for good has dead-lettered its transactions: send only what is left
      const items = await stillQueued(ctx, chunk, deadBefore);
      if (items.length === 0) continue;

      const previous = answered;
      answered = undefined;
      const written = previous ? writeOutcome(ctx, previous, retryRounds) : undefined;
      ctx.report.requests += 1;
      const { res, ids } = await sendItems(ctx, items);
      ctx.report.sent += ids.length;
      if (written) await settleWrite(ctx, written, queue);
      if (ids.length === 0) continue;

      if (!res.ok) {
        await noteFailedSend(ctx.db, ids, res.error.code);
        const failure = classifyFailure(res.error.code);
        const failed: StepResult = { type: 'failed', code: res.error.code, message: res.error.message, failure, ...retryAfter(res.error.retryAfterMs) };
        switch (failure.kind) {
          case 'too-large':
            if (ids.length > 1) {
              // 413: halve and send the same items again at once; size, not load, was the problem
              ctx.batchLimit = Math.max(1, Math.floor(ids.length / 2));
              ctx.emit({ type: 'batch-size', size: ctx.batchLimit });
              queue.unshift(...entriesFor(chunk, ids));
              continue;
            }
            await deadLetterItems(ctx, ids, { code: res.error.code, message: res.error.message });
            continue;
          case 'bad-request':
          case 'digest-mismatch': {
            const next = await onBadRequest(ctx, entriesFor(chunk, ids), res.error);
            if (next === 'continue') continue;
            return failed;
          }
          case 'pause':
          case 'transient':
            return failed;
        }
      }

      ctx.answered += 1;
      const results = res.value.results;
      if (!matchesRequest(results, ids)) {
        // answers we cannot pair with our items: maybe applied, so resend later (as duplicates)
        await noteFailedSend(ctx.db, ids, 'invalid-response');
        return { type: 'failed', code: 'invalid-response', message: 'the batch results do not match the items sent', failure: { kind: 'transient' } };
      }
      answered = { results, chunk };
    }
  } finally {
    // leaving the drain (failure, stop, storage error): the last answered batch is written first
    if (answered) await settleWrite(ctx, writeOutcome(ctx, answered, retryRounds), queue);
  }
}

type SendResult = Awaited<ReturnType<DrainContext['kiosk']['platform']['sendBatch']>>;

/**
 * The host holds every queued transaction in its journal, sealed exactly as stored here, so a
 * batch names its items by id and neither their sealed bytes nor their records are read. An item
 * the journal lacks (its entry was forgotten on an acceptance whose record IndexedDB then lost)
 * is answered `sealed-item-unavailable` before anything is sent, and the batch goes again with
 * the sealed items from IndexedDB; one with no sealed item left here either is dead-lettered.
 * @returns the answer and the ids of the items it is for, in order
 */
async function sendItems(ctx: DrainContext, entries: readonly OutboxEntry[]): Promise<{ res: SendResult; ids: string[] }> {
  const ids = entries.map((e) => e.id);
  const byId = await ctx.kiosk.platform.sendBatch({ items: ids.map((id) => ({ id })) });
  if (byId.ok || byId.error.code !== 'sealed-item-unavailable') return { res: byId, ids };
  const records = await loadSealed(ctx, ids);
  if (records.length === 0) return { res: byId, ids: [] };
  ctx.report.requests += 1;
  const res = await ctx.kiosk.platform.sendBatch({ items: records.map((t) => ({ id: t.id, sealed: t.sealed })) });
  return { res, ids: records.map((t) => t.id) };
}

/** The chunk's entries still queued: read only when this drain has dead-lettered something since `deadSince`. */
async function stillQueued(ctx: DrainContext, chunk: readonly OutboxEntry[], deadSince: number): Promise<OutboxEntry[]> {
  if (ctx.report.deadLettered === deadSince) return [...chunk];
  const queued = await queuedAmong(ctx.db, chunk.map((e) => e.id));
  return chunk.filter((e) => queued.has(e.id));
}

/** A batch the platform answered whose outcomes are not written yet. */
interface Answered {
  readonly results: readonly BatchItemResult[];
  readonly chunk: readonly OutboxEntry[];
}

interface Written {
  readonly applied: Promise<AppliedResults>;
  readonly answered: Answered;
  readonly rounds: Map<string, number>;
  /** `retry` answers per item in this drain, updated once the outcome is written */
  readonly retryRounds: Map<string, number>;
}

/** Starts writing a batch's outcomes; settleWrite awaits it. */
function writeOutcome(ctx: DrainContext, answered: Answered, retryRounds: Map<string, number>): Written {
  // how often each item came back `retry` in this drain decides, in the same write as the
  // results, whether it is resent now (attachments uploaded again first) or waits
  const rounds = new Map<string, number>();
  const applied = applyResults(
    ctx.db,
    answered.results,
    ctx.now(),
    (r) => {
      const round = (retryRounds.get(r.id) ?? 0) + 1;
      rounds.set(r.id, round);
      if (r.missing.length > 0 && round < MAX_RETRY_ROUNDS) return undefined;
      // the platform keeps asking: give it time rather than loop within this drain
      return ctx.now() + backoffDelay({ attempt: round, random: ctx.random });
    },
  );
  // awaited by settleWrite; until then a rejection must not count as unhandled
  applied.catch(() => undefined);
  return { applied, answered, rounds, retryRounds };
}

async function settleWrite(ctx: DrainContext, written: Written, queue: OutboxEntry[]): Promise<void> {
  const applied = await written.applied;
  for (const a of applied.accepted) {
    if (a.duplicate) ctx.report.duplicates += 1;
    else ctx.report.accepted += 1;
    ctx.emit({ type: 'accepted', ...a });
  }
  for (const d of applied.dead) {
    ctx.report.deadLettered += 1;
    ctx.emit({ type: 'dead-letter', ...d });
  }
  for (const r of applied.retry) {
    ctx.report.retried += 1;
    const round = written.rounds.get(r.id) ?? MAX_RETRY_ROUNDS;
    written.retryRounds.set(r.id, round);
    const entry = written.answered.chunk.find((e) => e.id === r.id);
    // its attachments are marked not uploaded: they go up again before this resend
    if (entry && r.missing.length > 0 && round < MAX_RETRY_ROUNDS) queue.push(entry);
  }
}

/** Suspects (items of a batch refused with 400) travel alone, so one bad item cannot sink the others. */
function takeChunk(queue: OutboxEntry[], limit: number): OutboxEntry[] {
  const first = queue[0];
  if (first?.suspect) return queue.splice(0, 1);
  let n = 0;
  while (n < queue.length && n < limit && !queue[n]?.suspect) n += 1;
  return queue.splice(0, Math.max(1, n));
}

function entriesFor(chunk: readonly OutboxEntry[], ids: readonly string[]): OutboxEntry[] {
  return chunk.filter((e) => ids.includes(e.id));
}

function isSendable(t: TransactionRecord | undefined): t is Sendable {
  return t?.sealed !== undefined;
}

/**
 * The sealed records of these ids, for the host to send as they are. An entry whose record is
 * gone (it cannot be sent, and there is nothing to show a supervisor) is dropped; a record whose
 * sealed item is gone is dead-lettered with the reason.
 */
async function loadSealed(ctx: DrainContext, ids: readonly string[]): Promise<Sendable[]> {
  const records = await readTransactions(ctx.db, ids);
  const sendable: Sendable[] = [];
  const leftovers: string[] = [];
  const unsealed: string[] = [];
  for (const [i, t] of records.entries()) {
    const id = ids[i];
    if (id === undefined) continue;
    if (!t) leftovers.push(id);
    else if (isSendable(t)) sendable.push(t);
    else unsealed.push(t.id);
  }
  if (leftovers.length > 0) await ctx.db.outbox.bulkDelete(leftovers);
  if (unsealed.length > 0) await deadLetterItems(ctx, unsealed, { code: 'sealed-data-missing', message: 'the sealed item is no longer stored on this terminal' });
  return sendable;
}

/**
 * 400 means a kiosk bug in these bytes, and resending them unchanged cannot help. A batch that
 * got it is split: its items become suspects that travel alone after the backoff. An item that
 * gets it alone is counted, and after MAX_BAD_REQUESTS (each separated by a backoff) it goes to
 * dead letters with the reason.
 */
async function onBadRequest(ctx: DrainContext, entries: readonly OutboxEntry[], error: { code: string; message: string }): Promise<'continue' | 'stop'> {
  const only = entries.length === 1 ? entries[0] : undefined;
  if (!only) {
    await ctx.db.outbox.where('id').anyOf(entries.map((e) => e.id)).modify({ suspect: true });
    return 'stop';
  }
  const stored = await ctx.db.outbox.get(only.id);
  const badRequests = (stored?.badRequests ?? only.badRequests) + 1;
  if (badRequests >= MAX_BAD_REQUESTS) {
    await deadLetterItems(ctx, [only.id], { code: error.code, message: error.message });
    return 'continue';
  }
  await ctx.db.outbox.update(only.id, { badRequests, suspect: true });
  return 'stop';
}

async function deadLetterItems(ctx: DrainContext, ids: readonly string[], reason: { code: string; message: string }): Promise<void> {
  for (const id of await deadLetter(ctx.db, ids, reason, 'request', ctx.now())) {
    ctx.report.deadLettered += 1;
    ctx.emit({ type: 'dead-letter', id, code: reason.code });
  }
}

function matchesRequest(results: readonly BatchItemResult[], ids: readonly string[]): boolean {
  return results.length === ids.length && results.every((r, i) => r.id === ids[i]);
}
