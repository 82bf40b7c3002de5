import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealedBlob } from '../../api/contract';
import { err, ok, type CodedError, type Result } from '../../../drivers/result';
import type { Keystore } from './keystore';

/**
 * AES-256-GCM with a fresh random data key per record, the data key wrapped by the keystore
 * and stored inside the blob: destroying the blob destroys the only copy of its key. What the
 * record is (transaction id, attachment digest) is bound as associated data, so a blob moved
 * onto another record fails authentication instead of opening as someone else's data.
 */

export type SealSubject = { readonly kind: 'transaction'; readonly id: string } | { readonly kind: 'attachment'; readonly sha256: string };

export type OpenErrorCode = 'sealed-invalid' | 'seal-key-unknown' | 'seal-unwrap-failed' | 'seal-tampered';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

function associatedData(subject: SealSubject): Buffer {
  switch (subject.kind) {
    case 'transaction':
      return Buffer.from(`kiosk-seal/v1/transaction/${subject.id}`, 'utf8');
    case 'attachment':
      return Buffer.from(`kiosk-seal/v1/attachment/${subject.sha256}`, 'utf8');
  }
}

/** The key id names the wrapping backend, so a blob is never handed to the wrong keystore. */
export const keyIdOf = (keystore: Keystore): string => `${keystore.backend}-v1`;

export function sealBytes(keystore: Keystore, subject: SealSubject, plaintext: Uint8Array): SealedBlob {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(associatedData(subject));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return {
      v: 1,
      kid: keyIdOf(keystore),
      wrappedKey: new Uint8Array(keystore.wrap(dataKey)),
      iv: new Uint8Array(iv),
      ciphertext: new Uint8Array(body),
    };
  } finally {
    dataKey.fill(0);
  }
}

export function openBytes(keystore: Keystore, subject: SealSubject, blob: SealedBlob): Result<Uint8Array, CodedError<OpenErrorCode>> {
  const shape = SealedBlob.safeParse(blob);
  if (!shape.success || blob.iv.byteLength !== IV_BYTES || blob.ciphertext.byteLength < TAG_BYTES) {
    return err('sealed-invalid', 'sealed blob is malformed');
  }
  if (blob.kid !== keyIdOf(keystore)) return err('seal-key-unknown', `sealed with key ${blob.kid}, this host holds ${keyIdOf(keystore)}`);
  let dataKey: Uint8Array;
  try {
    dataKey = keystore.unwrap(blob.wrappedKey);
  } catch {
    return err('seal-unwrap-failed', 'the record key could not be unwrapped by the keystore');
  }
  if (dataKey.byteLength !== DATA_KEY_BYTES) return err('seal-unwrap-failed', 'the unwrapped record key has the wrong length');
  try {
    const tagStart = blob.ciphertext.byteLength - TAG_BYTES;
    const decipher = createDecipheriv('aes-256-gcm', dataKey, blob.iv);
    decipher.setAAD(associatedData(subject));
    decipher.setAuthTag(blob.ciphertext.subarray(tagStart));
    const plain = Buffer.concat([decipher.update(blob.ciphertext.subarray(0, tagStart)), decipher.final()]);
    return ok(new Uint8Array(plain));
  } catch {
    return err('seal-tampered', 'sealed data failed authentication: altered, or bound to another record');
  } finally {
    dataKey.fill(0);
  }
}
