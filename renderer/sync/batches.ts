import type { CodedError } from '../../drivers/result';
import { MAX_BATCHES_PER_CALL } from '../../electron/api/contract';
import { CALLS_IN_FLIGHT } from '../../electron/api/send-in-turn';
import type { BatchItemResult } from '../../electron/api/platform-schemas';
import type { OutboxEntry } from '../outbox/schema';
import { backoffDelay } from './backoff';
import { classifyFailure } from './classify';
import { MAX_BAD_REQUESTS, MAX_RETRY_ROUNDS } from './context';
import type { DrainContext, StepResult } from './context';
import { deadLetterItems, sendGroup, takeGroup } from './send-group';
import type { GroupSent } from './send-group';
import { applyAnswers, noteFailedSend } from './store';
import type { AppliedResults } from './store';
import { retryAfter } from './uploads';

/**
 * Sends the due entries in batches of at most `ctx.batchLimit` (≤ 50), a group of batches per
 * call to the host, each batch's attachments first. Every item is sent as the host sealed it when
 * the citizen confirmed: same id, same bytes, every time (platform-api.md §5: a recomputed item is
 * an idempotency conflict). A whole-request failure ends the drain; the engine backs off.
 *
 * Two calls are kept outstanding (CALLS_IN_FLIGHT), so the host has the next batches on hand when
 * a call's last batch goes out. The host sends every call through one lane: in order, at most two
 * batches on the wire, and none after a whole-request failure, whichever call it belongs to. The
 * answers of a call are written in ONE Dexie transaction (under strict durability, one disk
 * flush for them all) while the calls after it travel. This is safe because the calls hold
 * different ids, and a call's answers are looked at only after the write before them settled.
 * The drain ends only with nothing on the wire and every answer written, whatever ends it.
 */
export async function sendQueued(ctx: DrainContext, due: readonly OutboxEntry[], more: () => Promise<OutboxEntry[]>): Promise<StepResult> {
  const queue = [...due];
  let exhausted = false;
  let reading: Promise<OutboxEntry[]> | undefined;
  // the queue is topped up from the outbox a page at a time; the next page is read while the
  // calls travel, and waited for only when the queue cannot fill a call without it
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
  /** the calls on the wire, oldest first */
  const calls: Promise<GroupSent>[] = [];
  let callsMade = 0;
  let failed: StepResult | undefined;
  /** the outcomes of the last call answered, being written */
  let writing: Written | undefined;
  const settle = async (): Promise<void> => {
    const w = writing;
    writing = undefined;
    if (w) await settleWrite(ctx, w, queue);
  };
  /** a call's answers, once the write before them has settled; its outcomes start being written */
  const absorb = async (group: GroupSent): Promise<void> => {
    await settle();
    const { answered, failure } = await readAnswers(ctx, group, queue);
    if (failure) failed = graver(failed, failure);
    if (answered.length > 0) writing = writeOutcomes(ctx, answered, retryRounds);
  };
  /** keeps CALLS_IN_FLIGHT calls on the wire until a failure or a stop */
  const fill = async (): Promise<void> => {
    while (!failed && calls.length < CALLS_IN_FLIGHT && !ctx.stopping()) {
      await refill();
      if (queue.length === 0) return;
      const most = exhausted && callsMade >= CALLS_IN_FLIGHT ? tailGroup(queue.length, ctx.batchLimit) : MAX_BATCHES_PER_CALL;
      const group = await takeGroup(ctx, queue, deadAtStart, most);
      if (group.failure) failed = graver(failed, group.failure);
      if (group.chunks.length === 0) continue;
      const call = sendGroup(ctx, group.chunks);
      // awaited in turn below; until then a rejection must not count as unhandled
      call.catch(() => undefined);
      calls.push(call);
      callsMade += 1;
    }
  };
  try {
    for (;;) {
      await fill();
      const call = calls.shift();
      if (call) {
        const answers = await call;
        try {
          // a call answered in full puts nothing back in the queue: the next call goes out
          // before the bookkeeping, which may first wait for the write before it
          if (answeredInFull(answers)) await fill();
        } finally {
          await absorb(answers);
        }
        continue;
      }
      // nothing on the wire: the last outcomes may put `retry` items back in the queue
      await settle();
      if (failed) return failed;
      if (ctx.stopping()) return { type: 'stopped' };
      if (queue.length === 0) return { type: 'ok' };
    }
  } finally {
    // leaving the drain on a storage error: what the platform answered is still written
    for (let call = calls.shift(); call; call = calls.shift()) await call.then(absorb).catch(() => undefined);
    await settle();
  }
}

/**
 * Batches per call at the end of a long drain (the outbox has no more pages, and calls already
 * overlapped): half of what is left, so the calls shrink towards the end. The outcomes of the
 * last call are the one write no call on the wire overlaps; a last call of one batch leaves one
 * small write after the last answer instead of up to MAX_BATCHES_PER_CALL batches' worth. A short
 * drain keeps one call: there is nothing to overlap, and each call is a round trip and a write.
 */
function tailGroup(queued: number, batchLimit: number): number {
  return Math.max(1, Math.ceil(queued / batchLimit / 2));
}

/** Every batch of the call was sent and answered item by item (whatever each item's status). */
function answeredInFull({ sent, unsent }: GroupSent): boolean {
  return unsent.length === 0 && sent.every(({ ids, res }) => ids.length > 0 && res.ok && matchesRequest(res.value.results, ids));
}

/** What a call's answers leave to do: the answered batches to write, and the failure that ends the drain. */
async function readAnswers(ctx: DrainContext, { sent, unsent }: GroupSent, queue: OutboxEntry[]): Promise<{ answered: Answered[]; failure?: StepResult }> {
  let failure: StepResult | undefined;
  const answered: Answered[] = [];
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
      failure = graver(failure, { type: 'failed', code: 'invalid-response', message: 'the batch results do not match the items sent', failure: { kind: 'transient' } });
      continue;
    }
    const step = await onFailedBatch(ctx, again, chunk, ids, res.error);
    if (step) failure = graver(failure, step);
  }
  queue.unshift(...again, ...unsent.flat());
  return failure ? { answered, failure } : { answered };
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
