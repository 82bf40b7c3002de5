import { assertNever } from '../../../drivers/result';
import type { Location, ReplayedSegment } from './journal-log';
import { decodeRecord, type AttachmentMeta, type LogRecord, type TransactionFile } from './journal-records';

export interface TransactionEntry {
  readonly file: TransactionFile;
  readonly at: Location;
}

export interface AttachmentEntry {
  readonly meta: AttachmentMeta;
  readonly at: Location;
}

/**
 * What the log says is pending, in memory: every pending transaction whole, every live
 * attachment by place. It also counts the live bytes in each segment, which is how the journal
 * knows when a segment can be deleted or is sparse enough to compact.
 */
export interface JournalIndex {
  readonly transactions: ReadonlyMap<string, TransactionEntry>;
  readonly attachments: ReadonlyMap<string, AttachmentEntry>;
  putTransaction(file: TransactionFile, at: Location): void;
  dropTransaction(id: string): TransactionEntry | undefined;
  putAttachment(meta: AttachmentMeta, at: Location): void;
  dropAttachment(sha256: string): boolean;
  /** a compaction copied the record: only when it is still the live one */
  moveTransaction(id: string, from: Location, to: Location): void;
  moveAttachment(sha256: string, from: Location, to: Location): void;
  /** whether a pending transaction references the attachment */
  isReferenced(sha256: string): boolean;
  liveBytes(segment: number): number;
  /** replay: apply one record read back from the log */
  apply(record: LogRecord, at: Location): void;
}

export function createJournalIndex(): JournalIndex {
  const transactions = new Map<string, TransactionEntry>();
  const attachments = new Map<string, AttachmentEntry>();
  /** how many pending entries reference each attachment */
  const references = new Map<string, number>();
  const live = new Map<number, number>();

  const account = (at: Location, sign: 1 | -1): void => {
    const bytes = (live.get(at.segment) ?? 0) + sign * at.length;
    if (bytes > 0) live.set(at.segment, bytes);
    else live.delete(at.segment);
  };
  const count = (file: TransactionFile, delta: 1 | -1): void => {
    for (const sha of file.attachments) {
      const n = (references.get(sha) ?? 0) + delta;
      if (n > 0) references.set(sha, n);
      else references.delete(sha);
    }
  };
  const same = (a: Location, b: Location): boolean => a.segment === b.segment && a.offset === b.offset;
  // transactions and attachments are kept the same way: an entry per key, its bytes counted live
  const place = <E extends { at: Location }>(map: Map<string, E>, key: string, entry: E): void => {
    map.set(key, entry);
    account(entry.at, 1);
  };
  const remove = <E extends { at: Location }>(map: Map<string, E>, key: string): E | undefined => {
    const entry = map.get(key);
    if (!entry) return undefined;
    map.delete(key);
    account(entry.at, -1);
    return entry;
  };
  const move = <E extends { at: Location }>(map: Map<string, E>, key: string, from: Location, to: Location): void => {
    const entry = map.get(key);
    if (!entry || !same(entry.at, from)) return;
    map.set(key, { ...entry, at: to });
    account(from, -1);
    account(to, 1);
  };

  const index: JournalIndex = {
    transactions,
    attachments,
    putTransaction(file, at) {
      index.dropTransaction(file.transaction.id);
      place(transactions, file.transaction.id, { file, at });
      count(file, 1);
    },
    dropTransaction(id) {
      const entry = remove(transactions, id);
      if (entry) count(entry.file, -1);
      return entry;
    },
    putAttachment(meta, at) {
      index.dropAttachment(meta.sha256);
      place(attachments, meta.sha256, { meta, at });
    },
    dropAttachment: (sha256) => remove(attachments, sha256) !== undefined,
    moveTransaction: (id, from, to) => move(transactions, id, from, to),
    moveAttachment: (sha256, from, to) => move(attachments, sha256, from, to),
    isReferenced: (sha256) => references.has(sha256),
    liveBytes: (segment) => live.get(segment) ?? 0,
    apply(record, at) {
      switch (record.k) {
        case 'tx': {
          const { k: _k, ...file } = record;
          index.putTransaction(file, at);
          return;
        }
        case 'att': {
          const { k: _k, sealed: _sealed, ...meta } = record;
          index.putAttachment(meta, at);
          return;
        }
        case 'forget':
          for (const id of record.tx) index.dropTransaction(id);
          for (const sha of record.att) index.dropAttachment(sha);
          return;
        default:
          assertNever(record, 'journal record');
      }
    },
  };
  return index;
}

/**
 * Applies a segment's records in log order.
 * @returns the damaged bytes and the whole records this version cannot read, by offset
 */
export function replaySegment(index: JournalIndex, segment: ReplayedSegment): { offset: number; length: number }[] {
  const bad = [...segment.damaged];
  for (const frame of segment.frames) {
    const record = decodeRecord(frame.payload);
    if (record) index.apply(record, { segment: segment.segment, offset: frame.offset, length: frame.length });
    else bad.push({ offset: frame.offset, length: frame.length });
  }
  return bad.sort((x, y) => x.offset - y.offset);
}
