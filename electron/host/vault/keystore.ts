import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Wraps (encrypts) the per-record data keys of the vault. In Electron the main process
 * implements it with `safeStorage` (the OS keystore: DPAPI, Keychain, libsecret); the host only
 * sees this interface, so it never imports `electron`.
 *
 * `unwrap` throws when the wrapped bytes cannot be opened (wrong key, altered bytes), as
 * `safeStorage.decryptString` does; the vault turns that into a coded error.
 */
export interface Keystore {
  /** `plain-text`: the master key sits in a file readable by anyone with the disk */
  readonly backend: 'os' | 'plain-text';
  wrap(key: Uint8Array): Uint8Array;
  unwrap(wrapped: Uint8Array): Uint8Array;
}

export const DEV_MASTER_KEY_FILE = 'dev-master.key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Development keystore for browser mode's explicit, announced development mode: a random
 * master key in a 0600 file under dataDir. It protects nothing against someone holding the
 * disk, which is why the vault refuses it outside development mode.
 */
export function createDevKeystore(dataDir: string): Keystore {
  const masterKey = loadOrCreateMasterKey(dataDir);
  return {
    backend: 'plain-text',
    wrap(key) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
      const body = Buffer.concat([cipher.update(key), cipher.final()]);
      return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
    },
    unwrap(wrapped) {
      if (wrapped.byteLength < IV_BYTES + TAG_BYTES) throw new Error('wrapped key too short');
      const iv = wrapped.subarray(0, IV_BYTES);
      const tag = wrapped.subarray(wrapped.byteLength - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', masterKey, iv);
      decipher.setAuthTag(tag);
      const body = wrapped.subarray(IV_BYTES, wrapped.byteLength - TAG_BYTES);
      return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
    },
  };
}

function loadOrCreateMasterKey(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, DEV_MASTER_KEY_FILE);
  const existing = readKey(path);
  if (existing) return existing;
  // Create-if-absent atomically with complete contents: write a temporary file, fsync it, then
  // link() it into place, which fails if another process won the race; then both use its key.
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(32));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  const dirFd = openSync(dataDir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
  const created = readKey(path);
  if (!created) throw new Error('development master key vanished after creation');
  return created;
}

function readKey(path: string): Buffer | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  // A truncated or foreign file must not silently become a weaker key.
  if (bytes.byteLength !== 32) throw new Error(`development master key file must hold 32 bytes, found ${bytes.byteLength}`);
  return bytes;
}
