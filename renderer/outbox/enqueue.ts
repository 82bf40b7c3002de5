import { ok } from '../../drivers/result';
import type { Result } from '../../drivers/result';
import type { JournalEntry, SealedAttachment, SealedTransaction } from '../../electron/api/contract';
import type { KioskOutboxDb } from './db';
import type { AttachmentRecord, OutboxEntry, TransactionRecord } from './schema';
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
    // The common case in one round of requests: a new transaction with a new photo, only added.
    // An add that finds its key taken (this id enqueued before, or a photo another transaction
    // shares) aborts the whole Dexie transaction, nothing written; the careful way follows.
    await db.transaction('rw', [db.transactions, db.attachments, db.outbox], () => Promise.all(newEntryWrites(db, entry)));
    return ok(undefined);
  } catch (e) {
    if (!isConstraintError(e)) return storageError(e);
  }
  try {
    await db.transaction('rw', [db.transactions, db.attachments, db.outbox], async () => {
      await writeEntry(db, entry);
    });
    return ok(undefined);
  } catch (e) {
    return storageError(e);
  }
}

function isConstraintError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ConstraintError' || (e.name === 'AbortError' && 'inner' in e && e.inner instanceof Error && e.inner.name === 'ConstraintError'));
}

function recordOf({ transaction: t, attachments }: OutboxInput): TransactionRecord {
  return {
    id: t.id,
    seq: t.seq,
    service: t.service,
    createdAt: t.createdAt,
    maskedName: t.masked.name,
    maskedIdNumber: t.masked.idNumber,
    attachmentShas: attachments.map((a) => a.sha256),
    sealed: t.sealed,
  };
}

function entryOf(record: TransactionRecord): OutboxEntry {
  return { id: record.id, seq: record.seq, createdAtMs: Date.parse(record.createdAt), attachmentShas: record.attachmentShas, nextAttemptAt: 0, suspect: false, badRequests: 0, attempts: 0 };
}

function freshAttachment(a: SealedAttachment, id: string): AttachmentRecord {
  return { sha256: a.sha256, size: a.size, contentType: a.contentType, refs: [id], uploaded: false, badRequests: 0, sealed: a.sealed };
}

/** Every write of a new transaction whose attachments are all new: adds only. */
function newEntryWrites(db: KioskOutboxDb, entry: OutboxInput): Promise<unknown>[] {
  const record = recordOf(entry);
  const unique = [...new Map(entry.attachments.map((a) => [a.sha256, a])).values()];
  return [db.transactions.add(record), db.outbox.add(entryOf(record)), ...unique.map((a) => db.attachments.add(freshAttachment(a, record.id)))];
}

/**
 * @returns whether it was new. Two rounds of requests whatever the number of attachments: the
 * reads together, then the writes together (in Chromium every request is a round trip to the
 * browser process, and a citizen waits for this one before the receipt prints).
 */
async function writeEntry(db: KioskOutboxDb, { transaction: t, attachments }: OutboxInput): Promise<boolean> {
  const [existing, stored] = await Promise.all([db.transactions.get(t.id), db.attachments.bulkGet(attachments.map((a) => a.sha256))]);
  if (existing) return false;
  const record = recordOf({ transaction: t, attachments });
  const writes: Promise<unknown>[] = [db.transactions.add(record), db.outbox.add(entryOf(record))];
  const seen = new Set<string>();
  for (const [i, a] of attachments.entries()) {
    if (seen.has(a.sha256)) continue;
    seen.add(a.sha256);
    const present = stored[i];
    if (present) {
      // the same photo in a second transaction: one upload serves both; give its sealed bytes
      // back if retention had already destroyed them
      writes.push(
        db.attachments.put({
          ...present,
          refs: present.refs.includes(t.id) ? present.refs : [...present.refs, t.id],
          ...(present.sealed ? {} : { sealed: a.sealed, purgedAt: undefined }),
        }),
      );
    } else {
      writes.push(db.attachments.add(freshAttachment(a, t.id)));
    }
  }
  await Promise.all(writes);
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
