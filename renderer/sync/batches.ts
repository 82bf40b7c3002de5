import type { CodedError } from '../../drivers/result';
import { MAX_BATCHES_PER_CALL } from '../../electron/api/contract';
import type { BatchItemResult } from '../../electron/api/platform-schemas';
import type { OutboxEntry } from '../outbox/schema';
import { backoffDelay } from './backoff';
import { classifyFailure } from './classify';
import { MAX_BAD_REQUESTS, MAX_RETRY_ROUNDS } from './context';
import type { DrainContext, StepResult } from './context';
import { deadLetterItems, sendGroup, takeGroup } from './send-group';
import { applyAnswers, noteFailedSend } from './store';
import type { AppliedResults } from './store';
import { retryAfter } from './uploads';

/**
 * Sends the due entries in batches of at most `ctx.batchLimit` (≤ 50), a group of batches per
 * call to the host (which keeps at most two on the wire), each batch's attachments first.
 * Every item is sent as the host sealed it when the citizen confirmed: same id, same bytes, every
 * time (platform-api.md §5: a recomputed item is an idempotency conflict). A whole-request
 * failure ends the drain; the engine backs off.
 *
 * The bookkeeping overlaps the next call: the answers of a group are written in ONE Dexie
 * transaction (under strict durability, one disk flush for them all) while the next group is
 * already on the wire. This is safe because the two groups hold different ids, and every path
 * that looks at the next group's answers or leaves the drain first waits for that write.
 */
export async function sendQueued(ctx: DrainContext, due: readonly OutboxEntry[], more: () => Promise<OutboxEntry[]>): Promise<StepResult> {
  const queue = [...due];
  let exhausted = false;
  let reading: Promise<OutboxEntry[]> | undefined;
  // the queue is topped up from the outbox a page at a time; the next page is read while the
  // last call travels, and waited for only when the queue cannot fill a call without it
  const refill = async (): Promise<void> => {
    const full = ctx.batchLimit * MAX_BATCHES_PER_CALL;
    while (!exhausted) {
      if (!reading && queue.length < 2 * full) {
        reading = more();
        // awaited below, or by the next refill; until then a rejection must not count as unhandled
        reading.catch(() => undefined);
      }
      if (!reading || queue.length >= full) return;
      const page = await reading;
      reading = undefined;
      if (page.length === 0) exhausted = true;
      queue.push(...page);
    }
  };
  const retryRounds = new Map<string, number>();
  // entries of `due` stop being queued only through this drain's own dead letters
  const deadAtStart = ctx.report.deadLettered;
  let answered: Answered[] = [];
  try {
    for (;;) {
      await refill();
      if (queue.length === 0) {
        // the last outcomes may put `retry` items back in the queue
        if (answered.length > 0) await settleWrite(ctx, writeOutcomes(ctx, answered, retryRounds), queue);
        answered = [];
        if (queue.length === 0) return { type: 'ok' };
      }
      if (ctx.stopping()) return { type: 'stopped' };
      const group = await takeGroup(ctx, queue, deadAtStart);
      if (group.chunks.length === 0) {
        if (group.failure) return group.failure;
        continue;
      }

      const previous = answered;
      answered = [];
      const written = previous.length > 0 ? writeOutcomes(ctx, previous, retryRounds) : undefined;
      const { sent, unsent } = await sendGroup(ctx, group.chunks);
      if (written) await settleWrite(ctx, written, queue);

      let failed = group.failure;
      // the halves of a batch refused 413, then the batches the host did not send, go first next
      const again: OutboxEntry[] = [];
      for (const { chunk, ids, res } of sent) {
        ctx.report.sent += ids.length;
        if (ids.length === 0) continue;
        if (res.ok) {
          ctx.answered += 1;
          const results = res.value.results;
          if (matchesRequest(results, ids)) {
            answered.push({ results, chunk });
            continue;
          }
          // answers we cannot pair with our items: maybe applied, so resend later (as duplicates)
          await noteFailedSend(ctx.db, ids, 'invalid-response');
          failed = graver(failed, { type: 'failed', code: 'invalid-response', message: 'the batch results do not match the items sent', failure: { kind: 'transient' } });
          continue;
        }
        const step = await onFailedBatch(ctx, again, chunk, ids, res.error);
        if (step) failed = graver(failed, step);
      }
      if (failed) return failed;
      queue.unshift(...again, ...unsent.flat());
    }
  } finally {
    // leaving the drain (failure, stop, storage error): the answered batches are written first
    if (answered.length > 0) await settleWrite(ctx, writeOutcomes(ctx, answered, retryRounds), queue);
  }
}

/**
 * Two batches of one call can fail in different ways: the drain ends on the graver. A pause (401:
 * the token was revoked) outranks any other failure, or a 500 on the batch before it would hide
 * the revocation; otherwise the first failure stands, waiting at least as long as any of them was
 * asked to (Retry-After).
 */
function graver(known: StepResult | undefined, next: StepResult): StepResult {
  if (!known || known.type !== 'failed' || next.type !== 'failed') return known ?? next;
  if (next.failure.kind === 'pause' && known.failure.kind !== 'pause') return next;
  const wait = Math.max(known.retryAfterMs ?? 0, next.retryAfterMs ?? 0);
  return wait > 0 ? { ...known, retryAfterMs: wait } : known;
}

/**
 * A batch that failed as a whole. Returns the step that ends the drain, or undefined to go on
 * (413: its items go `again` in smaller batches; an item refused alone is dead-lettered).
 */
async function onFailedBatch(ctx: DrainContext, again: OutboxEntry[], chunk: readonly OutboxEntry[], ids: readonly string[], error: CodedError): Promise<StepResult | undefined> {
  await noteFailedSend(ctx.db, ids, error.code);
  const failure = classifyFailure(error.code);
  const failed: StepResult = { type: 'failed', code: error.code, message: error.message, failure, ...retryAfter(error.retryAfterMs) };
  switch (failure.kind) {
    case 'too-large':
      if (ids.length > 1) {
        // 413: halve and send the same items again at once; size, not load, was the problem
        ctx.batchLimit = Math.max(1, Math.floor(ids.length / 2));
        ctx.emit({ type: 'batch-size', size: ctx.batchLimit });
        again.push(...entriesFor(chunk, ids));
        return undefined;
      }
      await deadLetterItems(ctx, ids, { code: error.code, message: error.message });
      return undefined;
    case 'bad-request':
    case 'digest-mismatch':
      return (await onBadRequest(ctx, entriesFor(chunk, ids), error)) === 'continue' ? undefined : failed;
    case 'pause':
    case 'transient':
      return failed;
  }
}

/** A batch the platform answered whose outcomes are not written yet. */
interface Answered {
  readonly results: readonly BatchItemResult[];
  readonly chunk: readonly OutboxEntry[];
}

interface Written {
  readonly applied: Promise<AppliedResults>;
  readonly answered: readonly Answered[];
  readonly rounds: Map<string, number>;
  /** `retry` answers per item in this drain, updated once the outcome is written */
  readonly retryRounds: Map<string, number>;
}

/** Starts writing the outcomes of answered batches, all in one Dexie transaction; settleWrite awaits it. */
function writeOutcomes(ctx: DrainContext, answered: readonly Answered[], retryRounds: Map<string, number>): Written {
  // how often each item came back `retry` in this drain decides, in the same write as the
  // results, whether it is resent now (attachments uploaded again first) or waits
  const rounds = new Map<string, number>();
  const applied = applyAnswers(
    ctx.db,
    answered.map((a) => a.results),
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
    const entry = written.answered.flatMap((a) => a.chunk).find((e) => e.id === r.id);
    // its attachments are marked not uploaded: they go up again before this resend
    if (entry && r.missing.length > 0 && round < MAX_RETRY_ROUNDS) queue.push(entry);
  }
}

function entriesFor(chunk: readonly OutboxEntry[], ids: readonly string[]): OutboxEntry[] {
  return chunk.filter((e) => ids.includes(e.id));
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

function matchesRequest(results: readonly BatchItemResult[], ids: readonly string[]): boolean {
  return results.length === ids.length && results.every((r, i) => r.id === ids[i]);
}
