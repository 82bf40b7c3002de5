import type { QueueStats } from '../../electron/api/contract';
import type { KioskOutboxDb } from './db';
import type { DeadLetterRecord, OutcomeItem, TransactionRecord, TransactionState } from './schema';

/** For the heartbeat and the supervisor console: counts only, no personal data (§7). */
export async function queueStats(db: KioskOutboxDb, now: number): Promise<QueueStats> {
  return db.transaction('r', [db.outbox, db.deadLetters], async () => {
    const [pending, deadLetters, oldest] = await Promise.all([db.outbox.count(), db.deadLetters.count(), db.outbox.orderBy('seq').first()]);
    const ageMs = oldest && Number.isFinite(oldest.createdAtMs) ? now - oldest.createdAtMs : 0;
    return { pending, deadLetters, oldestPendingAgeSec: Math.max(0, Math.floor(ageMs / 1000)) };
  });
}

/**
 * A transaction as the UI and supervisors may see it: its record without the sealed item, and
 * its state put together from where it is (schema.ts, TransactionState).
 */
export type TransactionSummary = Omit<TransactionRecord, 'sealed'> & {
  state: TransactionState;
  hasSealedData: boolean;
  caseNumber?: string;
  receivedAt?: string;
  /** kiosk clock (ms) when the acceptance was stored */
  acceptedAt?: number;
  /** failed sends while it was queued */
  attempts?: number;
  /** the code of the last failed send, or of the refusal */
  lastError?: string;
};

/** Summaries of these records, in the same order, with four reads whatever their number. */
export async function summarise(db: KioskOutboxDb, records: readonly TransactionRecord[]): Promise<TransactionSummary[]> {
  const ids = records.map((t) => t.id);
  return db.transaction('r', [db.outcomes, db.outbox, db.deadLetters], async () => {
    const [outcomeRows, entries, letters] = await Promise.all([db.outcomes.where('ids').anyOf(ids).toArray(), db.outbox.bulkGet(ids), db.deadLetters.bulkGet(ids)]);
    const outcomes = new Map<string, { item: OutcomeItem; acceptedAt: number }>();
    for (const row of outcomeRows) for (const item of row.items) outcomes.set(item.id, { item, acceptedAt: row.acceptedAt });
    return records.map((record, i) => {
      const { sealed, ...metadata } = record;
      const base = { ...metadata, hasSealedData: sealed !== undefined };
      const outcome = outcomes.get(record.id);
      if (outcome) return { ...base, state: outcome.item.status, caseNumber: outcome.item.caseNumber, receivedAt: outcome.item.receivedAt, acceptedAt: outcome.acceptedAt };
      const letter = letters[i];
      if (letter) return { ...base, state: 'dead' as const, lastError: letter.reason.code };
      const entry = entries[i];
      return { ...base, state: 'pending' as const, attempts: entry?.attempts ?? 0, ...(entry?.lastError === undefined ? {} : { lastError: entry.lastError }) };
    });
  });
}

/** One transaction's summary, or undefined when there is no such transaction. */
export async function transactionSummary(db: KioskOutboxDb, id: string): Promise<TransactionSummary | undefined> {
  const record = await db.transactions.get(id);
  return record ? (await summarise(db, [record]))[0] : undefined;
}

/** Most recent first (by seq). */
export async function listTransactions(db: KioskOutboxDb, options: { limit: number; offset?: number }): Promise<TransactionSummary[]> {
  const rows = await db.transactions
    .orderBy('seq')
    .reverse()
    .offset(options.offset ?? 0)
    .limit(options.limit)
    .toArray();
  return summarise(db, rows);
}

export interface QueueCounts {
  /** every transaction the outbox holds a record of */
  readonly enqueued: number;
  /** accepted, duplicates included */
  readonly accepted: number;
  readonly duplicates: number;
  readonly dead: number;
  readonly pending: number;
}

/** How many transactions are in each state (the load test's tally), in one read-only transaction. */
export async function queueCounts(db: KioskOutboxDb): Promise<QueueCounts> {
  return db.transaction('r', [db.transactions, db.outcomes, db.outbox, db.deadLetters], async () => {
    const [enqueued, pending, dead] = await Promise.all([db.transactions.count(), db.outbox.count(), db.deadLetters.count()]);
    let accepted = 0;
    let duplicates = 0;
    await db.outcomes.each((row) => {
      accepted += row.items.length;
      for (const item of row.items) if (item.status === 'duplicate') duplicates += 1;
    });
    return { enqueued, accepted, duplicates, dead, pending };
  });
}

/** Those of these ids the outbox holds as accepted (or duplicate). */
export async function acceptedAmong(db: KioskOutboxDb, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  const rows = await db.outcomes.where('ids').anyOf([...wanted]).toArray();
  return rows.flatMap((row) => row.ids.filter((id) => wanted.has(id)));
}

/** Oldest first. */
export async function deadLetters(db: KioskOutboxDb): Promise<DeadLetterRecord[]> {
  return db.deadLetters.orderBy('at').toArray();
}
