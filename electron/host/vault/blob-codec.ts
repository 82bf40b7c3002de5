import { z } from 'zod';
import type { SealedBlob } from '../../api/contract';

/** SealedBlob as JSON on disk: the byte fields as base64. Parsed with zod when read back. */
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

export const SealedBlobOnDisk = z.object({
  v: z.literal(1),
  kid: z.string().min(1).max(64),
  wrappedKey: Base64,
  iv: Base64,
  ciphertext: Base64,
});
export type SealedBlobOnDisk = z.infer<typeof SealedBlobOnDisk>;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
// a copy in its own ArrayBuffer (a decoded Buffer may share Node's pool); the typed-array
// constructor copies in one go, where Uint8Array.from walks the bytes one by one
const bytesOf = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, 'base64'));

export function blobToDisk(blob: SealedBlob): SealedBlobOnDisk {
  return { v: blob.v, kid: blob.kid, wrappedKey: b64(blob.wrappedKey), iv: b64(blob.iv), ciphertext: b64(blob.ciphertext) };
}

export function blobFromDisk(disk: SealedBlobOnDisk): SealedBlob {
  return { v: disk.v, kid: disk.kid, wrappedKey: bytesOf(disk.wrappedKey), iv: bytesOf(disk.iv), ciphertext: bytesOf(disk.ciphertext) };
}
