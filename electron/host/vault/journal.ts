import { join } from 'node:path';
import { describeError, err, ok, type Result } from '../../../drivers/result';
import type { JournalEntry, SealedAttachment, SealedTransaction } from '../../api/contract';
import { blobFromDisk, blobToDisk } from './blob-codec';
import { createMaintenance } from './journal-compact';
import { createJournalIndex, replaySegment, type AttachmentEntry } from './journal-index';
import { openSegmentLog, type FlushInfo, type Location, type SegmentLog } from './journal-log';
import { migrateOldLayout } from './journal-migrate';
import { decodeAttachment, encodeAttachment, encodeForget, encodeTransaction, type AttachmentFile, type TransactionFile } from './journal-records';

/**
 * The backstop (issue 4 item 3): every sealed transaction and its sealed attachments stay on
 * disk until the platform has accepted the transaction, so the outbox can be rebuilt after
 * IndexedDB is lost (disk-full reset, corruption, a wiped profile). They are records in an
 * append-only log (`journal-log.ts`, framed by `journal-frame.ts`) under `<dir>/log/`: an append
 * resolves after fdatasync, concurrent appends share one write and one fdatasync, and acceptance
 * is a small forget record. A crash tears at most the tail of the last write, which was never
 * acknowledged and is cut away on open. The index of what is pending lives in memory, rebuilt by
 * replaying the log.
 */
export interface Journal {
  recordAttachment(attachment: SealedAttachment): Promise<Result<void>>;
  recordTransaction(transaction: SealedTransaction, attachmentDigests: readonly string[]): Promise<Result<void>>;
  /** entries the platform has not accepted yet, by ascending seq, read back from disk; a page when asked */
  pending(page?: JournalPage): Promise<JournalEntry[]>;
  /**
   * The platform accepted them (or reported them duplicates): forget the entries and their
   * unshared attachments. One forget record, not synced, for the lot (and for any other ids asked
   * for before it is written); a forget record lost to a crash only brings an entry back, and
   * resending it yields `duplicate`. The entries leave the index at once, so `pending` called
   * after this never returns them, even when nobody awaited the record.
   */
  markAccepted(...ids: string[]): Promise<Result<void>>;
  /** the highest seq any pending entry carries (0 when none) */
  maxSeq(): number;
  /** the journaled transaction with this id, if it is still pending */
  findTransaction(id: string): SealedTransaction | undefined;
  /**
   * what could not be read, left in place for a technician and never deleted: damaged log bytes
   * (`log/<segment>@<offset>+<length>`), a segment kept for its damage (`log/<segment>.damaged`),
   * old-layout files that failed to parse (`tx/<name>`, `att/<name>`)
   */
  unreadable(): readonly string[];
}

export interface JournalPage {
  /** only entries with a seq above this */
  readonly afterSeq?: number;
  readonly limit?: number;
}


/**
 * An attachment is sealed before the transaction that references it. Until that transaction is
 * journaled nothing refers to the attachment, so unreferenced attachments younger than this are
 * kept: accepting one transaction must not delete the photo of the citizen still at the screen.
 */
export const ATTACHMENT_GRACE_MS = 60 * 60 * 1000;

/** a segment takes no new records past this size; sparse old ones are compacted (journal-compact.ts) */
export const SEGMENT_BYTES = 8 * 1024 * 1024;

export interface JournalOptions {
  readonly segmentBytes?: number;
  /** each write the log makes (records, bytes, whether synced): for tests and benchmarks */
  readonly flushed?: (info: FlushInfo) => void;
}

export async function openJournal(dir: string, now: () => number = Date.now, options: JournalOptions = {}): Promise<Result<Journal>> {
  const index = createJournalIndex();
  const unreadable: string[] = [];
  /** segments holding damaged bytes: never deleted (journal-compact.ts keeps them by another name) */
  const damaged = new Set<number>();
  let log: SegmentLog;
  try {
    const opened = await openSegmentLog(
      join(dir, 'log'),
      { segmentBytes: options.segmentBytes ?? SEGMENT_BYTES, ...(options.flushed ? { flushed: options.flushed } : {}) },
      (segment) => {
        const bad = replaySegment(index, segment);
        for (const b of bad) unreadable.push(`log/${segment.name}@${b.offset}+${b.length}`);
        if (bad.length > 0) damaged.add(segment.segment);
      },
    );
    log = opened.log;
    for (const name of opened.damagedFiles) unreadable.push(`log/${name}`);
    unreadable.push(...(await migrateOldLayout(dir, log, index)));
  } catch (e) {
    return err('journal-unavailable', `the journal could not be read: ${describeError(e)}`);
  }

  const isStale = (sha256: string): boolean => {
    const entry = index.attachments.get(sha256);
    return entry !== undefined && now() - entry.meta.sealedAt >= ATTACHMENT_GRACE_MS;
  };

  /**
   * Appends whose records are not written yet, by id or digest. A transaction accepted while its
   * record is on its way must not enter the index when that record lands: the forget record is
   * behind it in the log, so replay would drop it too. `forgottenAt` holds the append ticket
   * current when it was forgotten; only records asked for later count.
   */
  let ticket = 0;
  const inFlight = new Map<string, number>();
  const forgottenAt = new Map<string, number>();
  function appendRecord(key: string, payload: Buffer, written: (at: Location) => void): Promise<Result<void>> {
    const mine = ++ticket;
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    const settle = (): void => {
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left);
      else {
        inFlight.delete(key);
        forgottenAt.delete(key);
      }
    };
    return log
      .append({
        payload: () => payload,
        durable: true,
        written: (at) => {
          if ((forgottenAt.get(key) ?? 0) < mine) written(at);
        },
      })
      .then((r) => {
        settle();
        return r.ok ? ok(undefined) : r;
      });
  }

  const toForget = { tx: new Set<string>(), att: new Set<string>() };
  let forgetting: Promise<Result<void>> | undefined;
  function forget(tx: readonly string[], att: readonly string[]): Promise<Result<void>> {
    for (const id of tx) toForget.tx.add(id);
    for (const sha of att) toForget.att.add(sha);
    // Forgets asked for before the record is written join it: under a steady stream of batches
    // the acceptances of several go in one write.
    forgetting ??= log
      .append({
        payload: () => {
          forgetting = undefined;
          const record = { tx: [...toForget.tx], att: [...toForget.att] };
          toForget.tx.clear();
          toForget.att.clear();
          return record.tx.length + record.att.length > 0 ? encodeForget(record) : null;
        },
        durable: false,
      })
      .then((r) => (r.ok ? ok(undefined) : r));
    return forgetting;
  }

  /** unreferenced, past its grace and not being written again: dropped from the index */
  function dropIfOrphan(sha256: string): boolean {
    if (index.isReferenced(sha256) || inFlight.has(`att:${sha256}`) || !isStale(sha256)) return false;
    return index.dropAttachment(sha256);
  }

  async function readAttachment(sha256: string): Promise<SealedAttachment | null> {
    // a compaction may move the record while it is read: follow it once
    for (let attempt = 0; attempt < 2; attempt++) {
      const entry: AttachmentEntry | undefined = index.attachments.get(sha256);
      if (!entry) return null;
      const payload = await log.read(entry.at).catch(() => null);
      const file = payload ? decodeAttachment(payload) : null;
      if (file) return { sha256: file.sha256, size: file.size, contentType: file.contentType, sealed: blobFromDisk(file.sealed) };
      if (index.attachments.get(sha256)?.at === entry.at) return null;
    }
    return null;
  }

  const maintain = createMaintenance({ log, index, damaged, isStale });
  // Photos of sessions that were cancelled after capture are never referenced: sweep them. Like
  // compaction, this only saves space: a failure here leaves the journal whole and is tried again
  // after the next write, so it does not keep the vault from opening.
  const swept = [...index.attachments.keys()].filter(dropIfOrphan);
  if (swept.length > 0) await forget([], swept);
  await maintain().catch(() => undefined);
  log.setMaintenance(maintain);

  return ok({
    findTransaction(id) {
      const entry = index.transactions.get(id);
      return entry ? { ...entry.file.transaction, sealed: blobFromDisk(entry.file.transaction.sealed) } : undefined;
    },
    recordAttachment(a) {
      const meta = { v: 1 as const, sha256: a.sha256, size: a.size, contentType: a.contentType, sealedAt: now() };
      const file: AttachmentFile = { ...meta, sealed: blobToDisk(a.sealed) };
      return appendRecord(`att:${a.sha256}`, encodeAttachment(file), (at) => index.putAttachment(meta, at));
    },
    recordTransaction(t, digests) {
      const file: TransactionFile = {
        v: 1,
        transaction: { id: t.id, seq: t.seq, service: t.service, createdAt: t.createdAt, masked: t.masked, sealed: blobToDisk(t.sealed) },
        attachments: [...new Set(digests)],
      };
      return appendRecord(`tx:${t.id}`, encodeTransaction(file), (at) => index.putTransaction(file, at));
    },
    async pending(page = {}) {
      // behind every append asked for before it, as the one-file-per-record journal was
      await log.settled();
      const files = [...index.transactions.values()]
        .map((e) => e.file)
        .filter((f) => f.transaction.seq > (page.afterSeq ?? 0))
        .sort((a, b) => a.transaction.seq - b.transaction.seq)
        .slice(0, page.limit ?? Number.POSITIVE_INFINITY);
      const entries: JournalEntry[] = [];
      for (const file of files) {
        const attachments: SealedAttachment[] = [];
        for (const sha of file.attachments) {
          const a = await readAttachment(sha);
          if (a) attachments.push(a);
        }
        entries.push({ transaction: { ...file.transaction, sealed: blobFromDisk(file.transaction.sealed) }, attachments });
      }
      return entries;
    },
    markAccepted(...ids) {
      const accepted: string[] = [];
      const dropped: string[] = [];
      for (const id of ids) {
        if (inFlight.has(`tx:${id}`)) {
          forgottenAt.set(`tx:${id}`, ticket);
          accepted.push(id);
        }
        const entry = index.dropTransaction(id);
        if (!entry) continue;
        accepted.push(id);
        for (const sha of entry.file.attachments) if (dropIfOrphan(sha)) dropped.push(sha);
      }
      return forget(accepted, dropped);
    },
    maxSeq: () => {
      let max = 0;
      for (const { file } of index.transactions.values()) max = Math.max(max, file.transaction.seq);
      return max;
    },
    unreadable: () => unreadable,
  });
}
