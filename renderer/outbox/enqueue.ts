import { ok } from '../../drivers/result';
import type { Result } from '../../drivers/result';
import type { JournalEntry, SealedAttachment, SealedTransaction } from '../../electron/api/contract';
import type { KioskOutboxDb } from './db';
import type { AttachmentRecord, TransactionRecord } from './schema';
import { storageError } from './storage-error';

export interface OutboxInput {
  transaction: SealedTransaction;
  attachments: SealedAttachment[];
}

/**
 * Writes a confirmed transaction, its attachments and its outbox entry in ONE read-write Dexie
 * transaction, so a crash or a full disk leaves either all of it or none of it. The promise
 * settles only after IndexedDB reports the commit (Dexie resolves `db.transaction` on the
 * `complete` event, which with the database's strict durability means flushed to disk): the
 * receipt prints after it. Enqueueing the same id again changes nothing.
 */
export async function enqueueTransaction(db: KioskOutboxDb, entry: OutboxInput): Promise<Result<void>> {
  try {
    await db.transaction('rw', [db.transactions, db.attachments, db.outbox], async () => {
      await writeEntry(db, entry);
    });
    return ok(undefined);
  } catch (e) {
    return storageError(e);
  }
}

/** @returns whether it was new */
async function writeEntry(db: KioskOutboxDb, { transaction: t, attachments }: OutboxInput): Promise<boolean> {
  if (await db.transactions.get(t.id)) return false;
  const record: TransactionRecord = {
    id: t.id,
    seq: t.seq,
    service: t.service,
    createdAt: t.createdAt,
    maskedName: t.masked.name,
    maskedIdNumber: t.masked.idNumber,
    attachmentShas: attachments.map((a) => a.sha256),
    sealed: t.sealed,
  };
  await db.transactions.add(record);
  for (const a of attachments) {
    const existing = await db.attachments.get(a.sha256);
    if (existing) {
      // the same photo in a second transaction: one upload serves both; give its sealed bytes
      // back if retention had already destroyed them
      await db.attachments.put({
        ...existing,
        refs: existing.refs.includes(t.id) ? existing.refs : [...existing.refs, t.id],
        ...(existing.sealed ? {} : { sealed: a.sealed, purgedAt: undefined }),
      });
    } else {
      const fresh: AttachmentRecord = {
        sha256: a.sha256,
        size: a.size,
        contentType: a.contentType,
        refs: [t.id],
        uploaded: false,
        badRequests: 0,
        sealed: a.sealed,
      };
      await db.attachments.add(fresh);
    }
  }
  await db.outbox.add({
    id: t.id,
    seq: t.seq,
    createdAtMs: Date.parse(t.createdAt),
    attachmentShas: record.attachmentShas,
    nextAttemptAt: 0,
    suspect: false,
    badRequests: 0,
    attempts: 0,
  });
  return true;
}

/**
 * Start-up backstop (issue 4 item 3): the host keeps a sealed, fsync'd journal entry for every
 * transaction the platform has not accepted. Any of them IndexedDB no longer has (database
 * deleted, profile wiped, corruption reset) is queued again with the very same sealed item, so
 * a resend is a `duplicate`, never a second case. Entries IndexedDB still knows are left alone.
 */
export async function reconcileFromJournal(db: KioskOutboxDb, journal: readonly JournalEntry[]): Promise<Result<{ restored: number }>> {
  let restored = 0;
  try {
    for (const entry of journal) {
      // one transaction per entry: each restored item is complete on its own
      const isNew = await db.transaction('rw', [db.transactions, db.attachments, db.outbox], () => writeEntry(db, entry));
      if (isNew) restored += 1;
    }
    return ok({ restored });
  } catch (e) {
    return storageError(e);
  }
}
