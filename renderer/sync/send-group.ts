import { err, ok } from '../../drivers/result';
import { MAX_BATCHES_PER_CALL } from '../../electron/api/contract';
import type { SealedBlob } from '../../electron/api/contract';
import type { OutboxEntry, TransactionRecord } from '../outbox/schema';
import type { DrainContext, StepResult } from './context';
import { deadLetter, queuedAmong, readTransactions } from './store';
import { uploadAttachmentsFor } from './uploads';

type Sendable = TransactionRecord & { sealed: SealedBlob };

type SendResult = Awaited<ReturnType<DrainContext['kiosk']['platform']['sendBatch']>>;

/** One batch that went out (or was refused as a whole): its entries, the ids sent, the answer. */
export interface Sent {
  readonly chunk: readonly OutboxEntry[];
  readonly ids: readonly string[];
  readonly res: SendResult;
}

/**
 * Takes up to `most` batches (at most MAX_BATCHES_PER_CALL) off the front of the queue, each with
 * its attachments uploaded (platform-api.md §4: before the transactions that reference them). An
 * upload failure ends the taking: the batches ready before it still go out, and the failure ends
 * the drain after their answers are written.
 */
export async function takeGroup(ctx: DrainContext, queue: OutboxEntry[], deadAtStart: number, most = MAX_BATCHES_PER_CALL): Promise<{ chunks: OutboxEntry[][]; failure?: StepResult }> {
  const chunks: OutboxEntry[][] = [];
  while (chunks.length < Math.min(most, MAX_BATCHES_PER_CALL) && queue.length > 0) {
    const chunk = await stillQueued(ctx, takeChunk(queue, ctx.batchLimit), deadAtStart);
    if (chunk.length === 0) continue;
    const deadBefore = ctx.report.deadLettered;
    const uploads = await uploadAttachmentsFor(ctx, chunk);
    if (uploads.type !== 'ok') return { chunks, failure: uploads };
    // an upload refused for good has dead-lettered its transactions: send only what is left
    const items = await stillQueued(ctx, chunk, deadBefore);
    if (items.length > 0) chunks.push(items);
  }
  return { chunks };
}

/**
 * Sends a group of batches in one `sendBatches` call. The host starts no batch after one that
 * failed as a whole (those on the wire are answered); the batches it did not send come back as
 * `unsent`. The
 * host holds every queued transaction in its journal, sealed exactly as stored here, so batches
 * name their items by id and neither their sealed bytes nor their records are read. A batch with
 * an item the journal lacks (its entry was forgotten on an acceptance whose record IndexedDB then
 * lost) is refused `sealed-item-unavailable` before it is sent, and goes again at once with the
 * sealed items from IndexedDB; one with no sealed item left here either is dead-lettered.
 */
/** A call's batches: those sent (or refused as a whole), then those the host did not send. */
export interface GroupSent {
  readonly sent: readonly Sent[];
  readonly unsent: readonly OutboxEntry[][];
}

export async function sendGroup(ctx: DrainContext, chunks: readonly OutboxEntry[][]): Promise<GroupSent> {
  const first = chunks[0];
  if (!first) return { sent: [], unsent: [] };
  const call = await ctx.kiosk.platform.sendBatches({ batches: chunks.map((c) => ({ items: c.map((e) => ({ id: e.id })) })) });
  if (!call.ok) {
    // the call itself failed: any of its batches may have been applied, and stays queued
    ctx.report.requests += 1;
    return { sent: [{ chunk: first, ids: idsOf(first), res: call }], unsent: chunks.slice(1) };
  }
  const sent: Sent[] = [];
  for (const [i, answer] of call.value.answers.entries()) {
    const chunk = chunks[i];
    if (!chunk) break; // an answer for no batch of ours pairs with nothing
    ctx.report.requests += 1;
    if ('results' in answer) sent.push({ chunk, ids: idsOf(chunk), res: ok(answer) });
    else if (answer.error.code === 'sealed-item-unavailable') sent.push(await sendSealed(ctx, chunk));
    else sent.push({ chunk, ids: idsOf(chunk), res: err(answer.error.code, answer.error.message, answer.error.retryAfterMs === undefined ? undefined : { retryAfterMs: answer.error.retryAfterMs }) });
  }
  return { sent, unsent: chunks.slice(sent.length) };
}

const idsOf = (chunk: readonly OutboxEntry[]): string[] => chunk.map((e) => e.id);

/** The batch again, with its sealed items from IndexedDB. */
async function sendSealed(ctx: DrainContext, chunk: readonly OutboxEntry[]): Promise<Sent> {
  const records = await loadSealed(ctx, idsOf(chunk));
  if (records.length === 0) return { chunk, ids: [], res: err('sealed-item-unavailable', 'no sealed item of the batch is stored') };
  ctx.report.requests += 1;
  const res = await ctx.kiosk.platform.sendBatch({ items: records.map((t) => ({ id: t.id, sealed: t.sealed })) });
  return { chunk, ids: records.map((t) => t.id), res };
}

/** The chunk's entries still queued: read only when this drain has dead-lettered something since `deadSince`. */
export async function stillQueued(ctx: DrainContext, chunk: readonly OutboxEntry[], deadSince: number): Promise<OutboxEntry[]> {
  if (ctx.report.deadLettered === deadSince) return [...chunk];
  const queued = await queuedAmong(ctx.db, chunk.map((e) => e.id));
  return chunk.filter((e) => queued.has(e.id));
}

/** Suspects (items of a batch refused with 400) travel alone, so one bad item cannot sink the others. */
function takeChunk(queue: OutboxEntry[], limit: number): OutboxEntry[] {
  const first = queue[0];
  if (first?.suspect) return queue.splice(0, 1);
  let n = 0;
  while (n < queue.length && n < limit && !queue[n]?.suspect) n += 1;
  return queue.splice(0, Math.max(1, n));
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

export async function deadLetterItems(ctx: DrainContext, ids: readonly string[], reason: { code: string; message: string }): Promise<void> {
  for (const id of await deadLetter(ctx.db, ids, reason, 'request', ctx.now())) {
    ctx.report.deadLettered += 1;
    ctx.emit({ type: 'dead-letter', id, code: reason.code });
  }
}
