import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Crash-safe file writes for the host's small durable state (seq counter, enrolment); the
 * journal appends to a log instead (journal-log.ts).
 * A power cut or SIGKILL at any instant leaves either the old file or the new one, never a
 * torn mix: write a temporary file, fsync it, rename it over the target, fsync the directory
 * so the rename itself is on disk before we report success.
 */

const TMP_SUFFIX = '.tmp';

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileDurable(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}${TMP_SUFFIX}`);
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await fsyncDir(dirname(path));
}

/** Temporary files a killed process left behind; they never became the real file. */
export async function removeStaleTemporaries(dir: string): Promise<void> {
  const names = await readdir(dir);
  for (const name of names) {
    if (name.startsWith('.') && name.endsWith(TMP_SUFFIX)) await unlink(join(dir, name)).catch(() => undefined);
  }
}

export function isNotFound(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
