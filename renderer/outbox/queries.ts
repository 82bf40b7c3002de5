import type { QueueStats } from '../../electron/api/contract';
import type { KioskOutboxDb } from './db';
import type { DeadLetterRecord, TransactionRecord } from './schema';

/** For the heartbeat and the supervisor console: counts only, no personal data (§7). */
export async function queueStats(db: KioskOutboxDb, now: number): Promise<QueueStats> {
  return db.transaction('r', [db.outbox, db.deadLetters], async () => {
    const [pending, deadLetters, oldest] = await Promise.all([db.outbox.count(), db.deadLetters.count(), db.outbox.orderBy('createdAtMs').first()]);
    const ageMs = oldest && Number.isFinite(oldest.createdAtMs) ? now - oldest.createdAtMs : 0;
    return { pending, deadLetters, oldestPendingAgeSec: Math.max(0, Math.floor(ageMs / 1000)) };
  });
}

/** A transaction as the UI and supervisors may see it: the record without its sealed item. */
export type TransactionSummary = Omit<TransactionRecord, 'sealed'> & { hasSealedData: boolean };

export function summarise(record: TransactionRecord): TransactionSummary {
  const { sealed, ...metadata } = record;
  return { ...metadata, hasSealedData: sealed !== undefined };
}

/** Most recent first (by seq). */
export async function listTransactions(db: KioskOutboxDb, options: { limit: number; offset?: number }): Promise<TransactionSummary[]> {
  const rows = await db.transactions
    .orderBy('seq')
    .reverse()
    .offset(options.offset ?? 0)
    .limit(options.limit)
    .toArray();
  return rows.map(summarise);
}

/** Oldest first. */
export async function deadLetters(db: KioskOutboxDb): Promise<DeadLetterRecord[]> {
  return db.deadLetters.orderBy('at').toArray();
}
