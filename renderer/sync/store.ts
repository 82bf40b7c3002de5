import { assertNever } from '../../drivers/result';
import type { BatchItemResult } from '../../electron/api/platform-schemas';
import type { KioskOutboxDb } from '../outbox/db';
import { QUEUED_STATES } from '../outbox/schema';
import type { DeadLetterReason, DeadLetterRecord, OutboxEntry, TransactionRecord } from '../outbox/schema';

/**
 * The sync engine's writes to the outbox. Each state change and the outbox entry it implies are
 * written together, so "final" and "still queued" can never disagree after a crash.
 */

export function isQueued(t: TransactionRecord | undefined): t is TransactionRecord {
  return t !== undefined && QUEUED_STATES.includes(t.state);
}

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
export async function deleteEntries(db: KioskOutboxDb, ids: readonly string[]): Promise<void> {
  const wanted = new Set(ids);
  const sorted = [...wanted].sort();
  const lo = sorted[0];
  const hi = sorted.at(-1);
  if (lo !== undefined && hi !== undefined && sorted.length > 1) {
    const range = db.outbox.where('id').between(lo, hi, true, true);
    const stored = await range.clone().limit(sorted.length + 1).primaryKeys();
    if (stored.length === sorted.length && stored.every((k) => wanted.has(k))) {
      await range.delete();
      return;
    }
  }
  await db.outbox.bulkDelete([...wanted]);
}

/** After a reload mid-drain nobody is sending: whatever was in flight is pending again. */
export async function resetSending(db: KioskOutboxDb): Promise<number> {
  return db.transactions.where('state').equals('sending').modify({ state: 'pending' });
}

/** Outbox entries due at `now`, in seq order (the order the citizens confirmed them). */
export async function dueEntries(db: KioskOutboxDb, now: number): Promise<OutboxEntry[]> {
  const entries = await db.outbox.orderBy('seq').toArray();
  return entries.filter((e) => e.nextAttemptAt <= now);
}

export async function earliestAttempt(db: KioskOutboxDb): Promise<number | undefined> {
  return (await db.outbox.orderBy('nextAttemptAt').first())?.nextAttemptAt;
}

export async function markSending(db: KioskOutboxDb, ids: readonly string[]): Promise<void> {
  await db.transactions.where('id').anyOf(ids).modify((t) => {
    t.state = 'sending';
    t.attempts += 1;
  });
}

export async function markPending(db: KioskOutboxDb, ids: readonly string[], lastError?: string): Promise<void> {
  await db.transactions.where('id').anyOf(ids).modify((t) => {
    if (t.state !== 'sending') return;
    t.state = 'pending';
    if (lastError !== undefined) t.lastError = lastError;
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
  return db.transaction('rw', [db.transactions, db.outbox, db.deadLetters], async () => {
    const records = await db.transactions.bulkGet([...new Set(ids)]);
    const dead = records.filter(isQueued);
    if (dead.length === 0) return [];
    await db.transactions.bulkPut(dead.map((t) => ({ ...t, state: 'dead' as const, lastError: reason.code })));
    await db.outbox.bulkDelete(dead.map((t) => t.id));
    await db.deadLetters.bulkPut(dead.map((t) => ({ id: t.id, reason: cleanReason(reason), source, at: now })));
    return dead.map((t) => t.id);
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

/**
 * Applies one batch's per-item results (platform-api.md §5) in ONE Dexie transaction with bulk
 * reads and writes (a handful of IndexedDB requests whatever the batch size; under strict
 * durability each transaction is a disk flush): accepted and duplicate are both success
 * (duplicate carries the original case number); rejected is final and goes to dead letters;
 * retry `attachment-missing` forgets that the attachment was uploaded so it is uploaded again
 * before the item is resent, and `plan` says whether the resend waits for a later drain.
 */
export async function applyResults(
  db: KioskOutboxDb,
  results: readonly BatchItemResult[],
  now: number,
  plan: RetryPlan = () => undefined,
  /** the next batch's ids, marked sending in the same transaction (what markSending does) */
  sending: readonly string[] = [],
): Promise<AppliedResults> {
  const applied: AppliedResults = { accepted: [], dead: [], retry: [] };
  await db.transaction('rw', [db.transactions, db.outbox, db.deadLetters, db.attachments], async () => {
    const all = await readTransactions(db, [...results.map((r) => r.id), ...sending]);
    const records = all.slice(0, results.length);
    const updated: TransactionRecord[] = all.slice(results.length).filter(isQueued).map((t) => ({ ...t, state: 'sending' as const, attempts: t.attempts + 1 }));
    const final: string[] = [];
    const letters: DeadLetterRecord[] = [];
    const deferred: { key: string; changes: { nextAttemptAt: number } }[] = [];
    const missingShas = new Set<string>();
    for (const [i, r] of results.entries()) {
      const t = records[i];
      // already final (a result for an item we no longer hold as queued): nothing to change
      if (!isQueued(t)) continue;
      switch (r.status) {
        case 'accepted':
        case 'duplicate': {
          const next: TransactionRecord = { ...t, state: r.status, caseNumber: r.caseNumber, receivedAt: r.receivedAt, acceptedAt: now };
          delete next.lastError;
          updated.push(next);
          final.push(t.id);
          applied.accepted.push({ id: t.id, caseNumber: r.caseNumber, duplicate: r.status === 'duplicate' });
          break;
        }
        case 'rejected': {
          const reason: DeadLetterReason = { code: r.error.code, message: r.error.message ?? r.error.code, ...(r.error.field === undefined ? {} : { field: r.error.field }) };
          updated.push({ ...t, state: 'dead', lastError: r.error.code });
          final.push(t.id);
          letters.push({ id: t.id, reason, source: 'platform', at: now });
          applied.dead.push({ id: t.id, code: r.error.code });
          break;
        }
        case 'retry': {
          const missing = r.error.code === 'attachment-missing' ? (r.error.sha256 ? [r.error.sha256] : [...t.attachmentShas]) : [];
          updated.push({ ...t, state: 'pending', lastError: r.error.code });
          for (const sha of missing) missingShas.add(sha);
          const retry = { id: t.id, code: r.error.code, missing };
          const until = plan(retry);
          if (until !== undefined) deferred.push({ key: t.id, changes: { nextAttemptAt: until } });
          applied.retry.push(retry);
          break;
        }
        default:
          assertNever(r, 'batch result');
      }
    }
    if (updated.length > 0) await db.transactions.bulkPut(updated);
    if (final.length > 0) await deleteEntries(db, final);
    if (letters.length > 0) await db.deadLetters.bulkPut(letters);
    if (deferred.length > 0) await db.outbox.bulkUpdate(deferred);
    if (missingShas.size > 0) await db.attachments.where('sha256').anyOf([...missingShas]).modify({ uploaded: false });
  });
  return applied;
}
