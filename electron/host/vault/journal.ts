import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Sha256Hex } from '../../../drivers/schemas';
import { describeError, err, ok, type Result } from '../../../drivers/result';
import { Masked, type JournalEntry, type SealedAttachment, type SealedTransaction } from '../../api/contract';
import { Rfc3339, ServiceCode } from '../../api/platform-schemas';
import { SealedBlobOnDisk, blobFromDisk, blobToDisk } from './blob-codec';
import { ensureDir, fsyncDir, isNotFound, removeStaleTemporaries, writeFileDurable } from './durable-file';
import { createSerialQueue } from './serial-queue';

/**
 * The backstop (issue 4 item 3): every sealed transaction and its sealed attachments stay in
 * fsync'd files until the platform has accepted the transaction, so the outbox can be rebuilt
 * after IndexedDB is lost (disk-full reset, corruption, a wiped profile). One file per record:
 * a crash tears at most the record being written, and that one only as a stray temporary.
 */
export interface Journal {
  recordAttachment(attachment: SealedAttachment): Promise<Result<void>>;
  recordTransaction(transaction: SealedTransaction, attachmentDigests: readonly string[]): Promise<Result<void>>;
  /** entries the platform has not accepted yet, by ascending seq, read back from disk; a page when asked */
  pending(page?: JournalPage): Promise<JournalEntry[]>;
  /**
   * The platform accepted them (or reported them duplicates): forget the entries and their
   * unshared attachments. One directory fsync for the lot (and for any other ids asked for
   * before it starts); a deletion lost to a crash only brings an entry back, and resending it
   * yields `duplicate`. Queued behind earlier journal work and before later work, so `pending`
   * called after this never returns these entries, even when nobody awaited the deletion.
   */
  markAccepted(...ids: string[]): Promise<Result<void>>;
  /** the highest seq any pending entry carries (0 when none) */
  maxSeq(): number;
  /** the journaled transaction with this id, if it is still pending */
  findTransaction(id: string): SealedTransaction | undefined;
  /** journal files that failed to parse; left in place for a technician, never deleted */
  unreadable(): readonly string[];
}

/**
 * An attachment is sealed before the transaction that references it. Until that transaction is
 * journaled nothing refers to the attachment, so unreferenced attachments younger than this are
 * kept: accepting one transaction must not delete the photo of the citizen still at the screen.
 */
export interface JournalPage {
  /** only entries with a seq above this */
  readonly afterSeq?: number;
  readonly limit?: number;
}

export const ATTACHMENT_GRACE_MS = 60 * 60 * 1000;

const TransactionFile = z.object({
  v: z.literal(1),
  transaction: z.object({
    id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    seq: z.number().int().positive(),
    service: ServiceCode,
    createdAt: Rfc3339,
    masked: Masked,
    sealed: SealedBlobOnDisk,
  }),
  attachments: z.array(Sha256Hex).max(10),
});
type TransactionFile = z.infer<typeof TransactionFile>;

const AttachmentFile = z.object({
  v: z.literal(1),
  sha256: Sha256Hex,
  size: z.number().int().positive(),
  contentType: z.enum(['image/jpeg', 'image/png']),
  sealed: SealedBlobOnDisk,
  sealedAt: z.number().int().nonnegative(),
});
type AttachmentFile = z.infer<typeof AttachmentFile>;

export async function openJournal(dir: string, now: () => number = Date.now): Promise<Result<Journal>> {
  const txDir = join(dir, 'tx');
  const attDir = join(dir, 'att');
  const index = new Map<string, TransactionFile>();
  const unreadable: string[] = [];
  try {
    for (const d of [txDir, attDir]) {
      await ensureDir(d);
      await removeStaleTemporaries(d);
    }
    for (const name of await readdir(txDir)) {
      if (!name.endsWith('.json')) continue;
      const parsed = parseJson(TransactionFile, await readFile(join(txDir, name), 'utf8'));
      if (parsed && `${parsed.transaction.id}.json` === name) index.set(parsed.transaction.id, parsed);
      else unreadable.push(`tx/${name}`);
    }
  } catch (e) {
    return err('journal-unavailable', `the journal could not be read: ${describeError(e)}`);
  }

  const serial = createSerialQueue();
  /** how many pending entries reference each attachment */
  const references = new Map<string, number>();
  const count = (file: TransactionFile, delta: 1 | -1): void => {
    for (const sha of file.attachments) {
      const n = (references.get(sha) ?? 0) + delta;
      if (n > 0) references.set(sha, n);
      else references.delete(sha);
    }
  };
  for (const file of index.values()) count(file, 1);

  async function readAttachment(sha256: string): Promise<AttachmentFile | null> {
    try {
      return parseJson(AttachmentFile, await readFile(join(attDir, `${sha256}.json`), 'utf8'));
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** @returns whether a file was unlinked */
  async function dropIfOrphan(sha256: string): Promise<boolean> {
    if (references.has(sha256)) return false;
    const file = await readAttachment(sha256).catch(() => null);
    if (file && now() - file.sealedAt < ATTACHMENT_GRACE_MS) return false;
    return unlink(join(attDir, `${sha256}.json`)).then(
      () => true,
      (e: unknown) => {
        if (!isNotFound(e)) throw e;
        return false;
      },
    );
  }

  const toForget = new Set<string>();
  let forgetting: Promise<Result<void>> | undefined;

  async function forget(ids: readonly string[]): Promise<void> {
    const accepted: TransactionFile[] = [];
    for (const id of ids) {
      const file = index.get(id);
      if (!file) continue;
      await unlink(join(txDir, `${id}.json`)).catch((e: unknown) => {
        if (!isNotFound(e)) throw e;
      });
      index.delete(id);
      count(file, -1);
      accepted.push(file);
    }
    if (accepted.length === 0) return;
    await fsyncDir(txDir);
    let dropped = 0;
    for (const file of accepted) for (const sha of file.attachments) dropped += (await dropIfOrphan(sha)) ? 1 : 0;
    if (dropped > 0) await fsyncDir(attDir);
  }

  // Photos of sessions that were cancelled after capture are never referenced: sweep them.
  try {
    for (const name of await readdir(attDir)) {
      const sha = name.endsWith('.json') ? name.slice(0, -5) : '';
      if (Sha256Hex.safeParse(sha).success) await dropIfOrphan(sha);
    }
    await fsyncDir(attDir);
  } catch (e) {
    return err('journal-unavailable', `the journal could not be swept: ${describeError(e)}`);
  }

  return ok({
    findTransaction(id) {
      const file = index.get(id);
      return file ? { ...file.transaction, sealed: blobFromDisk(file.transaction.sealed) } : undefined;
    },
    recordAttachment: (a) =>
      serial(async () => {
        const file: AttachmentFile = { v: 1, sha256: a.sha256, size: a.size, contentType: a.contentType, sealed: blobToDisk(a.sealed), sealedAt: now() };
        return attempt(() => writeFileDurable(join(attDir, `${a.sha256}.json`), JSON.stringify(file)));
      }),
    recordTransaction: (t, digests) =>
      serial(async () => {
        const file: TransactionFile = {
          v: 1,
          transaction: { id: t.id, seq: t.seq, service: t.service, createdAt: t.createdAt, masked: t.masked, sealed: blobToDisk(t.sealed) },
          attachments: [...new Set(digests)],
        };
        const written = await attempt(() => writeFileDurable(join(txDir, `${t.id}.json`), JSON.stringify(file)));
        if (written.ok) {
          const previous = index.get(t.id);
          if (previous) count(previous, -1);
          index.set(t.id, file);
          count(file, 1);
        }
        return written;
      }),
    pending: (page = {}) =>
      serial(async () => {
        const entries: JournalEntry[] = [];
        const files = [...index.values()]
          .filter((f) => f.transaction.seq > (page.afterSeq ?? 0))
          .sort((a, b) => a.transaction.seq - b.transaction.seq)
          .slice(0, page.limit ?? Number.POSITIVE_INFINITY);
        for (const file of files) {
          const attachments: SealedAttachment[] = [];
          for (const sha of file.attachments) {
            const a = await readAttachment(sha).catch(() => null);
            if (a) attachments.push({ sha256: a.sha256, size: a.size, contentType: a.contentType, sealed: blobFromDisk(a.sealed) });
          }
          entries.push({ transaction: { ...file.transaction, sealed: blobFromDisk(file.transaction.sealed) }, attachments });
        }
        return entries;
      }),
    markAccepted(...ids) {
      for (const id of ids) toForget.add(id);
      // Deletions asked for while one is waiting in the queue join it: under a steady stream of
      // batches the files of several go with one directory fsync.
      forgetting ??= serial(() => {
        forgetting = undefined;
        const batch = [...toForget];
        toForget.clear();
        return attempt(() => forget(batch));
      });
      return forgetting;
    },
    maxSeq: () => Math.max(0, ...[...index.values()].map((t) => t.transaction.seq)),
    unreadable: () => unreadable,
  });
}

function parseJson<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function attempt(write: () => Promise<void>): Promise<Result<void>> {
  try {
    await write();
    return ok(undefined);
  } catch (e) {
    return err('journal-write-failed', `the journal could not be written: ${describeError(e)}`);
  }
}
