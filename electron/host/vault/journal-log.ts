import { open, readFile, type FileHandle, readdir, rename, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, err, ok, type Result } from '../../../drivers/result';
import { ensureDir, fsyncDir, isNotFound } from './durable-file';
import { encodeFrame, frameAt, scanFrames, type ScannedFrame } from './journal-frame';

/**
 * The journal's segment files: records are appended to the newest segment and never rewritten
 * in place. Appends asked for while a write is in flight are group-committed: one write and one
 * fdatasync for all of them, so concurrent seals share the cost of the disk flush.
 */

export interface Location {
  readonly segment: number;
  readonly offset: number;
  /** the whole frame, header included */
  readonly length: number;
}

export interface AppendRequest {
  /** built when the write starts, so a record still waiting can gather more (forget records); null writes nothing */
  readonly payload: () => Buffer | null;
  /** resolve only after fdatasync; false for records whose loss is harmless (forget records) */
  readonly durable: boolean;
  /** called synchronously, in log order, once written: the index follows the log's order exactly */
  readonly written?: (at: Location) => void;
}

export interface FlushInfo {
  readonly records: number;
  readonly bytes: number;
  readonly synced: boolean;
}

export interface SegmentLogOptions {
  /** a segment takes no new records once it holds this many bytes */
  readonly segmentBytes: number;
  /** each write the log makes, for tests and benchmarks */
  readonly flushed?: (info: FlushInfo) => void;
}

export interface ReplayedSegment {
  readonly segment: number;
  readonly name: string;
  readonly frames: readonly ScannedFrame[];
  readonly damaged: readonly { readonly offset: number; readonly length: number }[];
  /** bytes after the last whole frame of the newest segment: a write a crash interrupted */
  readonly tornBytes: number;
}

export interface SegmentLog {
  append(request: AppendRequest): Promise<Result<Location | null>>;
  /** resolves once every append asked for before it is written */
  settled(): Promise<void>;
  /** the payload of the record at `at`; null when its segment is gone (moved meanwhile) or the bytes no longer check */
  read(at: Location): Promise<Buffer | null>;
  /** run after each group of appends, between writes: the only time `copyFrames` and `retire` may be called */
  setMaintenance(task: () => Promise<void>): void;
  /** durable append of whole frames (a compaction's live records), outside the queue */
  copyFrames(frames: readonly Buffer[]): Promise<Result<Location[]>>;
  /** delete a segment, or keep it under a `.damaged` name when it holds bytes a technician must see */
  retire(segment: number, keepAsDamaged: boolean): Promise<void>;
  readSegment(segment: number): Promise<Buffer>;
  /** segment numbers, oldest first; the last one takes appends */
  segments(): number[];
  size(segment: number): number;
  readonly segmentBytes: number;
}

const SEGMENT_NAME = /^seg-(\d{10})\.log$/;
export const DAMAGED_SUFFIX = '.damaged';
const segmentName = (n: number): string => `seg-${String(n).padStart(10, '0')}.log`;

/**
 * Reads every segment in `dir`, oldest first, handing each to `visit` before the next is read
 * (a backlog of photos is never all in memory). Nothing is changed on disk.
 */
export async function readSegments(dir: string, visit: (segment: ReplayedSegment) => void): Promise<{ sizes: Map<number, number>; damagedFiles: string[] }> {
  const names = await readdir(dir);
  const damagedFiles = names.filter((n) => n.endsWith(DAMAGED_SUFFIX)).sort();
  const numbers = names.flatMap((n) => {
    const m = SEGMENT_NAME.exec(n);
    return m?.[1] ? [Number(m[1])] : [];
  });
  numbers.sort((a, b) => a - b);
  const sizes = new Map<number, number>();
  for (const [i, segment] of numbers.entries()) {
    const data = await readFile(join(dir, segmentName(segment)));
    const scan = scanFrames(data);
    const damaged = [...scan.damaged];
    const tornBytes = data.byteLength - scan.end;
    const newest = i === numbers.length - 1;
    // only the newest segment is ever written to: an incomplete end of an older one is damage
    if (tornBytes > 0 && !newest) damaged.push({ offset: scan.end, length: tornBytes });
    sizes.set(segment, newest ? scan.end : data.byteLength);
    visit({ segment, name: segmentName(segment), frames: scan.frames, damaged, tornBytes: newest ? tornBytes : 0 });
  }
  return { sizes, damagedFiles };
}

/**
 * Opens (creating) the log in `dir`, handing every segment to `visit` (see readSegments). A torn
 * tail of the newest segment (a write a crash interrupted, never acknowledged) is truncated away
 * before anything is appended after it; damage anywhere else is reported, never cut out.
 */
export async function openSegmentLog(dir: string, options: SegmentLogOptions, visit: (segment: ReplayedSegment) => void): Promise<{ log: SegmentLog; damagedFiles: string[] }> {
  await ensureDir(dir);
  let torn: number | undefined;
  const { sizes, damagedFiles } = await readSegments(dir, (segment) => {
    if (segment.tornBytes > 0) torn = segment.segment;
    visit(segment);
  });
  if (torn !== undefined) {
    const path = join(dir, segmentName(torn));
    await truncate(path, sizes.get(torn) ?? 0);
    await syncFile(path);
  }
  if (sizes.size === 0) {
    await createSegment(dir, 1);
    sizes.set(1, 0);
  }
  return { log: createLog(dir, sizes, options), damagedFiles };
}

interface Queued {
  readonly request: AppendRequest;
  readonly resolve: (r: Result<Location | null>) => void;
}

function createLog(dir: string, sizes: Map<number, number>, options: SegmentLogOptions): SegmentLog {
  let queue: Queued[] = [];
  let running = false;
  let maintenance: () => Promise<void> = () => Promise.resolve();
  /** set when a failed write could not be undone: the next write starts a fresh segment */
  let mustRotate = false;
  const current = (): number => Math.max(...sizes.keys());
  const path = (segment: number): string => join(dir, segmentName(segment));

  async function rotateIfDue(): Promise<void> {
    const segment = current();
    if (!mustRotate && (sizes.get(segment) ?? 0) < options.segmentBytes) return;
    await createSegment(dir, segment + 1);
    sizes.set(segment + 1, 0);
    mustRotate = false;
  }

  /** one write and at most one fdatasync for all the frames; on failure the segment is cut back */
  async function writeFrames(frames: readonly (Buffer | null)[], durable: boolean): Promise<Result<(Location | null)[]>> {
    try {
      await rotateIfDue();
    } catch (e) {
      return err('journal-write-failed', `the journal could not start a new segment: ${describeError(e)}`);
    }
    const segment = current();
    const start = sizes.get(segment) ?? 0;
    let offset = start;
    const at = frames.map((f) => {
      if (!f) return null;
      const here = { segment, offset, length: f.byteLength };
      offset += f.byteLength;
      return here;
    });
    const bytes = offset - start;
    if (bytes === 0) return ok(at);
    const data = Buffer.concat(frames.filter((f) => f !== null));
    try {
      const handle = await open(path(segment), 'r+');
      try {
        for (let done = 0; done < bytes; ) done += (await handle.write(data, done, bytes - done, start + done)).bytesWritten;
        if (durable) await handle.datasync();
      } finally {
        await handle.close();
      }
    } catch (e) {
      // Nothing here was acknowledged: cut the segment back so the next records do not follow a
      // half-written one; when even that fails, they go to a new segment instead.
      try {
        await truncate(path(segment), start);
        await syncFile(path(segment));
      } catch {
        mustRotate = true;
        sizes.set(segment, offset);
      }
      return err('journal-write-failed', `the journal could not be written: ${describeError(e)}`);
    }
    sizes.set(segment, offset);
    options.flushed?.({ records: at.filter((a) => a !== null).length, bytes, synced: durable });
    return ok(at);
  }

  async function drain(): Promise<void> {
    // appends asked for in the same turn of the event loop join the first write
    await Promise.resolve();
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        const frames = batch.map((q) => {
          const payload = q.request.payload();
          return payload ? encodeFrame(payload) : null;
        });
        const written = await writeFrames(frames, batch.some((q) => q.request.durable));
        for (const [i, q] of batch.entries()) {
          if (!written.ok) {
            q.resolve(written);
            continue;
          }
          const at = written.value[i] ?? null;
          if (at) q.request.written?.(at);
          q.resolve(ok(at));
        }
        await maintenance().catch(() => undefined);
      }
    } finally {
      running = false;
    }
  }

  return {
    segmentBytes: options.segmentBytes,
    append(request) {
      return new Promise((resolve) => {
        queue.push({ request, resolve });
        if (!running) {
          running = true;
          void drain();
        }
      });
    },
    async settled() {
      await this.append({ payload: () => null, durable: false });
    },
    async read(at) {
      let handle: FileHandle;
      try {
        handle = await open(path(at.segment), 'r');
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
      try {
        const buffer = Buffer.alloc(at.length);
        const { bytesRead } = await handle.read(buffer, 0, at.length, at.offset);
        return frameAt(buffer.subarray(0, bytesRead), 0);
      } finally {
        await handle.close();
      }
    },
    setMaintenance(task) {
      maintenance = task;
    },
    async copyFrames(frames) {
      const written = await writeFrames(frames, true);
      return written.ok ? ok(written.value.filter((a) => a !== null)) : written;
    },
    async retire(segment, keepAsDamaged) {
      if (segment === current()) throw new Error('the segment taking appends cannot be retired');
      if (keepAsDamaged) await rename(path(segment), `${path(segment)}${DAMAGED_SUFFIX}`);
      else await unlink(path(segment));
      sizes.delete(segment);
      await fsyncDir(dir);
    },
    readSegment: (segment) => readFile(path(segment)),
    segments: () => [...sizes.keys()].sort((a, b) => a - b),
    size: (segment) => sizes.get(segment) ?? 0,
  };
}

async function createSegment(dir: string, segment: number): Promise<void> {
  const handle = await open(join(dir, segmentName(segment)), 'wx', 0o600);
  await handle.close();
  // the new name must be on disk before a record in it is acknowledged
  await fsyncDir(dir);
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
