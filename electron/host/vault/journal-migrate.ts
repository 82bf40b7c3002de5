import { readFile, readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Sha256Hex } from '../../../drivers/schemas';
import { fsyncDir, isNotFound, removeStaleTemporaries } from './durable-file';
import type { JournalIndex } from './journal-index';
import type { SegmentLog } from './journal-log';
import { AttachmentFile, TransactionFile, encodeAttachment, encodeTransaction, parseJson } from './journal-records';

/**
 * The journal used to keep one file per record (`tx/<id>.json`, `att/<sha256>.json`). A
 * terminal upgraded in the field may hold queued transactions there: they are appended to the
 * log and synced before any old file is removed, so a crash at any point leaves each record in
 * the log, in its old file, or both (migrated again, the later copy wins, with the same bytes).
 * Files that do not parse stay where they are and are reported, as before.
 *
 * @returns the old files that could not be read (relative to the journal directory)
 */
const CHUNK_BYTES = 8 * 1024 * 1024;

export async function migrateOldLayout(dir: string, log: SegmentLog, index: JournalIndex): Promise<string[]> {
  const unreadable: string[] = [];
  const migrated: { dir: string; name: string }[] = [];
  const existing: string[] = [];
  let chunk: MigratedPayload[] = [];
  let chunkBytes = 0;
  // A chunk at a time, each in one write and one fdatasync: a large backlog of photos is never
  // all in memory at once.
  const appendChunk = async (): Promise<void> => {
    const appends = chunk.map((p) => log.append({ payload: () => p.bytes, durable: true, written: p.written }));
    chunk = [];
    chunkBytes = 0;
    for (const r of await Promise.all(appends)) if (!r.ok) throw new Error(`the old journal files could not be appended to the log: ${r.error.code}`);
  };

  for (const kind of ['att', 'tx'] as const) {
    const from = join(dir, kind);
    let names: string[];
    try {
      await removeStaleTemporaries(from);
      names = (await readdir(from)).sort();
    } catch (e) {
      if (isNotFound(e)) continue;
      throw e;
    }
    existing.push(from);
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const text = await readFile(join(from, name), 'utf8');
      const payload = kind === 'tx' ? transactionPayload(name, text, index) : attachmentPayload(name, text, index);
      if (!payload) {
        unreadable.push(`${kind}/${name}`);
        continue;
      }
      migrated.push({ dir: from, name });
      chunk.push(payload);
      chunkBytes += payload.bytes.byteLength;
      if (chunkBytes >= CHUNK_BYTES) await appendChunk();
    }
  }
  await appendChunk();
  for (const { dir: from, name } of migrated) await unlink(join(from, name));
  let removed = false;
  for (const from of existing) {
    if (migrated.some((m) => m.dir === from)) await fsyncDir(from);
    // an emptied old directory goes; one holding an unreadable file stays for the technician
    if ((await readdir(from)).length === 0) {
      await rmdir(from);
      removed = true;
    }
  }
  if (removed) await fsyncDir(dir);
  return unreadable;
}

interface MigratedPayload {
  readonly bytes: Buffer;
  readonly written: Parameters<SegmentLog['append']>[0]['written'];
}

function transactionPayload(name: string, text: string, index: JournalIndex): MigratedPayload | null {
  const file = parseJson(TransactionFile, text);
  if (!file || `${file.transaction.id}.json` !== name) return null;
  return { bytes: encodeTransaction(file), written: (at) => index.putTransaction(file, at) };
}

function attachmentPayload(name: string, text: string, index: JournalIndex): MigratedPayload | null {
  const file = parseJson(AttachmentFile, text);
  if (!file || `${file.sha256}.json` !== name || !Sha256Hex.safeParse(file.sha256).success) return null;
  const { sealed: _sealed, ...meta } = file;
  return { bytes: encodeAttachment(file), written: (at) => index.putAttachment(meta, at) };
}
