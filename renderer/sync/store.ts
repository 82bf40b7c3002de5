import { assertNever } from '../../drivers/result';
import type { BatchItemResult } from '../../electron/api/platform-schemas';
import type { KioskOutboxDb } from '../outbox/db';
import type { DeadLetterReason, DeadLetterRecord, OutboxEntry, OutcomeItem, TransactionRecord } from '../outbox/schema';

/**
 * The sync engine's reads and writes of the outbox. A transaction is queued exactly while it has
 * an outbox entry; making it final (an outcome row, a dead letter) and deleting its entry happen
 * in one Dexie transaction, so "final" and "still queued" can never disagree after a crash.
 */

/**
 * Transaction records by id, in the order asked, undefined where there is none; what bulkGet
 * answers, in fewer IndexedDB requests. bulkGet makes one request per key, and in Chromium
 * every request is a round trip to the browser process; the ids of a batch are ULIDs made one
 * after the other, so one bounded range read on the primary key usually holds them all. Ids the
 * range did not return (it was cut at its limit, or they do not exist) are read by key.
 */
export async function readTransactions(db: KioskOutboxDb, ids: readonly string[]): Promise<(TransactionRecord | undefined)[]> {
  if (ids.length < 2) return db.transactions.bulkGet([...ids]);
  let lo = ids[0] ?? '';
  let hi = lo;
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const byId = new Map<string, TransactionRecord>();
  for (const t of await db.transactions.where('id').between(lo, hi, true, true).limit(2 * ids.length).toArray()) byId.set(t.id, t);
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    for (const t of await db.transactions.bulkGet(missing)) if (t) byId.set(t.id, t);
  }
  return ids.map((id) => byId.get(id));
}

/**
 * Deletes these outbox entries; what bulkDelete does, in fewer requests (bulkDelete makes one
 * per key). When the keys stored between the lowest and the highest id are exactly these ids,
 * as for a batch answered in full, one key read and one range delete do it; otherwise by key.
 */
export async function deleteEntries(db: KioskOutboxDb, ids: readonly string[], known?: QueuedRead): Promise<void> {
  const wanted = new Set(ids);
  const sorted = [...wanted].sort();
  const lo = sorted[0];
  const hi = sorted.at(-1);
  if (lo !== undefined && hi !== undefined && sorted.length > 1) {
    const range = db.outbox.where('id').between(lo, hi, true, true);
    // the keys between lo and hi, from a read made earlier in this Dexie transaction when there was one
    const stored = known?.span ? known.span.filter((k) => k >= lo && k <= hi) : await range.clone().limit(sorted.length + 1).primaryKeys();
    if (stored.length === sorted.length && stored.every((k) => wanted.has(k))) {
      await range.delete();
      return;
    }
  }
  await db.outbox.bulkDelete([...wanted]);
}

/**
 * Which of these ids are still queued (have an outbox entry). Like readTransactions: one bounded
 * range read of keys on the primary key, by key only for what the range did not cover.
 */
export async function queuedAmong(db: KioskOutboxDb, ids: readonly string[]): Promise<Set<string>> {
  return (await readQueued(db, ids)).queued;
}

interface QueuedRead {
  readonly queued: Set<string>;
  /** every outbox key between the lowest and the highest id asked about, when the read was not cut */
  readonly span?: readonly string[];
}

async function readQueued(db: KioskOutboxDb, ids: readonly string[]): Promise<QueuedRead> {
  const wanted = new Set(ids);
  const queued = new Set<string>();
  const sorted = [...wanted].sort();
  const lo = sorted[0];
  const hi = sorted.at(-1);
  if (lo === undefined || hi === undefined) return { queued, span: [] };
  const limit = 2 * sorted.length;
  const keys = await db.outbox.where('id').between(lo, hi, true, true).limit(limit).primaryKeys();
  for (const k of keys) if (wanted.has(k)) queued.add(k);
  if (keys.length < limit) return { queued, span: keys };
  const unseen = sorted.filter((id) => !queued.has(id));
  if (unseen.length > 0) for (const e of await db.outbox.bulkGet(unseen)) if (e) queued.add(e.id);
  return { queued };
}

/**
 * The outbox entries due at `now`, in seq order (the order the citizens confirmed them), read a
 * page at a time as the drain needs them: the first batches go out without waiting for a read of
 * the whole queue, and entries confirmed while the drain runs join it. Each call gives the next
 * page's due entries; an empty array when there are no more.
 */
export function dueEntries(db: KioskOutboxDb, now: number, pageSize: number): () => Promise<OutboxEntry[]> {
  let afterSeq = -Infinity;
  let done = false;
  return async () => {
    while (!done) {
      const page = await db.outbox.where('seq').above(afterSeq).limit(pageSize).toArray();
      done = page.length < pageSize;
      const last = page.at(-1);
      if (last) afterSeq = last.seq;
      const due = page.filter((e) => e.nextAttemptAt <= now);
      if (due.length > 0) return due;
    }
    return [];
  };
}

/** When the next entry falls due; a full read, made only when a drain has left entries queued. */
export async function earliestAttempt(db: KioskOutboxDb): Promise<number | undefined> {
  let earliest: number | undefined;
  for (const e of await db.outbox.toArray()) if (earliest === undefined || e.nextAttemptAt < earliest) earliest = e.nextAttemptAt;
  return earliest;
}

/** A whole request failed: noted on each item's outbox entry (one write for all of them). */
export async function noteFailedSend(db: KioskOutboxDb, ids: readonly string[], lastError: string): Promise<void> {
  await db.outbox.where('id').anyOf([...ids]).modify((e) => {
    e.attempts += 1;
    e.lastError = lastError;
  });
}

/** Final refusal: the transaction leaves the queue and a supervisor sees why. */
export async function deadLetter(
  db: KioskOutboxDb,
  ids: readonly string[],
  reason: DeadLetterReason,
  source: DeadLetterRecord['source'],
  now: number,
): Promise<string[]> {
  return db.transaction('rw', [db.outbox, db.deadLetters], async () => {
    const dead = [...(await queuedAmong(db, ids))];
    if (dead.length === 0) return [];
    await db.outbox.bulkDelete(dead);
    await db.deadLetters.bulkPut(dead.map((id) => ({ id, reason: cleanReason(reason), source, at: now })));
    return dead;
  });
}

function cleanReason(reason: DeadLetterReason): DeadLetterReason {
  return reason.field === undefined ? { code: reason.code, message: reason.message } : { code: reason.code, message: reason.message, field: reason.field };
}

export interface AppliedResults {
  accepted: { id: string; caseNumber: string; duplicate: boolean }[];
  dead: { id: string; code: string }[];
  /** items answered `retry`, with the attachments the platform says it is missing */
  retry: { id: string; code: string; missing: string[] }[];
}

/** For an item answered `retry`: when its outbox entry may be tried again, or undefined to resend it in this drain. */
export type RetryPlan = (retry: { id: string; code: string; missing: readonly string[] }) => number | undefined;

const outcomeTables = (db: KioskOutboxDb) => [db.transactions, db.outbox, db.outcomes, db.deadLetters, db.attachments];

/**
 * Applies the per-item results of one or more batch answers (platform-api.md §5) in ONE Dexie
 * transaction of a handful of IndexedDB requests whatever the number of items (in Chromium each
 * request is a round trip to the browser process, and under strict durability each transaction a
 * disk flush): accepted and duplicate are both success (duplicate carries the original case
 * number) and go into one outcome row per answer; rejected is final and goes to dead letters;
 * retry `attachment-missing` forgets that the attachment was uploaded so it is uploaded again
 * before the item is resent, and `plan` says whether the resend waits for a later drain. A result
 * for an item no longer queued (already final) changes nothing.
 */
export async function applyAnswers(db: KioskOutboxDb, answers: readonly (readonly BatchItemResult[])[], now: number, plan: RetryPlan = () => undefined): Promise<AppliedResults> {
  const applied: AppliedResults = { accepted: [], dead: [], retry: [] };
  await db.transaction('rw', outcomeTables(db), async () => {
    // one read of the keys for every answer: the batches of one call are usually one run of ids
    const read = await readQueued(db, answers.flatMap((results) => results.map((r) => r.id)));
    const queued = read.queued;
    const rows: OutcomeItem[][] = [];
    const final: string[] = [];
    const letters: DeadLetterRecord[] = [];
    const retried: { key: string; changes: Partial<OutboxEntry> }[] = [];
    const needShas: string[] = [];
    for (const results of answers) {
      const items: OutcomeItem[] = [];
      for (const r of results) {
        if (!queued.has(r.id)) continue;
        switch (r.status) {
          case 'accepted':
          case 'duplicate':
            items.push({ id: r.id, status: r.status, caseNumber: r.caseNumber, receivedAt: r.receivedAt });
            final.push(r.id);
            applied.accepted.push({ id: r.id, caseNumber: r.caseNumber, duplicate: r.status === 'duplicate' });
            break;
          case 'rejected': {
            const reason: DeadLetterReason = { code: r.error.code, message: r.error.message ?? r.error.code, ...(r.error.field === undefined ? {} : { field: r.error.field }) };
            final.push(r.id);
            letters.push({ id: r.id, reason, source: 'platform', at: now });
            applied.dead.push({ id: r.id, code: r.error.code });
            break;
          }
          case 'retry': {
            if (r.error.code === 'attachment-missing' && !r.error.sha256) needShas.push(r.id);
            const missing = r.error.code === 'attachment-missing' && r.error.sha256 ? [r.error.sha256] : [];
            applied.retry.push({ id: r.id, code: r.error.code, missing });
            break;
          }
          default:
            assertNever(r, 'batch result');
        }
      }
      if (items.length > 0) rows.push(items);
    }
    // `attachment-missing` without a digest: every attachment the item references is suspect
    if (needShas.length > 0) {
      const records = await db.transactions.bulkGet(needShas);
      for (const retry of applied.retry) {
        const record = records[needShas.indexOf(retry.id)];
        if (record) retry.missing.push(...record.attachmentShas);
      }
    }
    const missingShas = new Set<string>();
    for (const retry of applied.retry) {
      for (const sha of retry.missing) missingShas.add(sha);
      const until = plan(retry);
      retried.push({ key: retry.id, changes: { lastError: retry.code, ...(until === undefined ? {} : { nextAttemptAt: until }) } });
    }
    // one outcome row per platform answer, named by its first item
    if (rows.length > 0) await db.outcomes.bulkAdd(rows.map((items) => ({ batchId: items[0]?.id ?? '', ids: items.map((i) => i.id), items, acceptedAt: now, retainedFrom: now })));
    if (final.length > 0) await deleteEntries(db, final, read);
    if (letters.length > 0) await db.deadLetters.bulkPut(letters);
    if (retried.length > 0) await db.outbox.bulkUpdate(retried);
    if (missingShas.size > 0) await db.attachments.where('sha256').anyOf([...missingShas]).modify({ uploaded: false });
  });
  return applied;
}
