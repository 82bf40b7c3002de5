import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeError, err, ok, type Result } from '../../../drivers/result';
import { ensureDir, isNotFound, removeStaleTemporaries, writeFileDurable } from './durable-file';
import { createSerialQueue } from './serial-queue';

/**
 * The per-terminal `seq` (platform-api.md §5: increases by one per transaction, never reused).
 * It lives in the host, not in IndexedDB, so wiping the browser profile cannot rewind it. Each
 * number is written durably before it is handed out: a crash after that costs at most a gap,
 * never a reuse.
 */
export interface SeqCounter {
  /** the highest seq ever handed out (0 before the first) */
  last(): number;
  allocate(): Promise<Result<number>>;
}

export const SEQ_FILE = 'seq.json';
const SeqFile = z.object({ v: z.literal(1), last: z.number().int().nonnegative() });

/**
 * `floor` is the highest seq the journal still holds: a defence against a counter file older
 * than the journal (restored from a backup, say); the counter never goes below what was used.
 */
export async function openSeqCounter(dir: string, floor: number): Promise<Result<SeqCounter>> {
  const path = join(dir, SEQ_FILE);
  let stored: Result<number>;
  try {
    await ensureDir(dir);
    await removeStaleTemporaries(dir);
    stored = await readLast(path);
  } catch (e) {
    return err('seq-counter-unavailable', `the seq counter could not be read: ${describeError(e)}`);
  }
  if (!stored.ok) return stored;
  let last = Math.max(stored.value, floor);
  const serial = createSerialQueue();
  return ok({
    last: () => last,
    allocate: () =>
      serial(async () => {
        const next = last + 1;
        try {
          await writeFileDurable(path, JSON.stringify({ v: 1, last: next }));
        } catch (e) {
          return err('seq-counter-unavailable', `the seq counter could not be written: ${describeError(e)}`);
        }
        last = next;
        return ok(next);
      }),
  });
}

async function readLast(path: string): Promise<Result<number>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (isNotFound(e)) return ok(0);
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = SeqFile.safeParse(json);
  // Never restart from 1 on a damaged file: that would reuse numbers the platform has seen.
  if (!parsed.success) return err('seq-counter-corrupt', 'the seq counter file is unreadable; refusing to guess a seq');
  return ok(parsed.data.last);
}
