import { frameAt } from './journal-frame';
import type { JournalIndex } from './journal-index';
import type { Location, SegmentLog } from './journal-log';

/**
 * Keeps the journal's disk use bounded under steady traffic. Only the oldest segment is ever
 * removed: a forget record only kills records written before it, so while an older segment
 * exists, the forget records after it must stay. The oldest segment goes when nothing in it is
 * live; when it is sparse (a transaction the platform has not accepted for a long while), or
 * the segments together hold more than twice the live data, its live records are appended to
 * the newest segment durably first.
 */

/** compact the oldest segment once less than this share of it is live */
const SPARSE_SHARE = 1 / 8;

export interface MaintenanceOptions {
  readonly log: SegmentLog;
  readonly index: JournalIndex;
  /** segments holding damaged bytes: kept under another name for a technician, never deleted */
  readonly damaged: ReadonlySet<number>;
  /** an attachment no pending transaction references and past its grace: dropped, not copied */
  readonly isStale: (sha256: string) => boolean;
}

export function createMaintenance({ log, index, damaged, isStale }: MaintenanceOptions): () => Promise<void> {
  function isDue(oldest: number, segments: readonly number[]): boolean {
    const live = index.liveBytes(oldest);
    if (live === 0) return true;
    if (live < log.size(oldest) * SPARSE_SHARE) return true;
    let total = 0;
    let totalLive = 0;
    for (const s of segments) {
      total += log.size(s);
      totalLive += index.liveBytes(s);
    }
    return total > 2 * totalLive + 2 * log.segmentBytes;
  }

  /** @returns whether every live record of the segment now has a durable copy in the newest one */
  async function compact(segment: number): Promise<boolean> {
    const data = await log.readSegment(segment);
    // From here to the copy being asked for nothing awaits: the live set is the one copied.
    // A transaction accepted meanwhile has its forget record queued behind the copy.
    const moves: { key: string; kind: 'tx' | 'att'; from: Location; frame: Buffer }[] = [];
    for (const [id, entry] of index.transactions) if (entry.at.segment === segment) moves.push({ key: id, kind: 'tx', from: entry.at, frame: slice(data, entry.at) });
    for (const [sha, entry] of index.attachments) {
      if (entry.at.segment !== segment) continue;
      if (!index.isReferenced(sha) && isStale(sha)) index.dropAttachment(sha);
      else moves.push({ key: sha, kind: 'att', from: entry.at, frame: slice(data, entry.at) });
    }
    if (moves.some((m) => frameAt(m.frame, 0) === null)) return false;
    if (moves.length === 0) return true;
    const copied = await log.copyFrames(moves.map((m) => m.frame));
    if (!copied.ok) return false;
    for (const [i, m] of moves.entries()) {
      const to = copied.value[i];
      if (!to) return false;
      if (m.kind === 'tx') index.moveTransaction(m.key, m.from, to);
      else index.moveAttachment(m.key, m.from, to);
    }
    return true;
  }

  return async function maintain(): Promise<void> {
    for (;;) {
      const segments = log.segments();
      const oldest = segments[0];
      // the newest segment takes appends and stays
      if (oldest === undefined || segments.length < 2 || !isDue(oldest, segments)) return;
      if (index.liveBytes(oldest) > 0 && !(await compact(oldest))) return;
      await log.retire(oldest, damaged.has(oldest));
    }
  };
}

const slice = (data: Buffer, at: Location): Buffer => data.subarray(at.offset, at.offset + at.length);
