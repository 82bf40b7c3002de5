import { createHash } from 'node:crypto';
import type { SealedAttachment, SealedTransaction } from '../../api/contract';
import type { Journal } from './journal';
import type { Keystore } from './keystore';
import { sealBytes } from './seal';

/**
 * Records for the journal's tests, sealed for real with a test keystore: the journal stores
 * what the vault hands it and never opens it, so no canonical item is needed inside.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** a valid ULID, distinct for each n */
export function testId(n: number): string {
  let tail = '';
  for (let v = n, i = 0; i < 10; i++, v = Math.floor(v / 32)) tail = CROCKFORD.charAt(v % 32) + tail;
  return `01JD3Z6Q8W5N0K${'00'}${tail}`;
}

export function sealedTransaction(keystore: Keystore, n: number, padding = 0): SealedTransaction {
  const id = testId(n);
  return {
    id,
    seq: n,
    service: 'id.renewal',
    createdAt: '2026-11-24T08:15:02.311Z',
    masked: { name: '张*', idNumber: '1101**********002X' },
    sealed: sealBytes(keystore, { kind: 'transaction', id }, Buffer.from(`{"id":"${id}","pad":"${'x'.repeat(padding)}"}`, 'utf8')),
  };
}

export function sealedPhoto(keystore: Keystore, seed: number, bytes = 64): SealedAttachment {
  const content = Buffer.alloc(bytes, seed);
  content[0] = 0xff;
  content[1] = 0xd8;
  const sha256 = createHash('sha256').update(content).digest('hex');
  return { sha256, size: bytes, contentType: 'image/jpeg', sealed: sealBytes(keystore, { kind: 'attachment', sha256 }, content) };
}

/** records the attachments, then the transaction naming them, as the vault does */
export async function journalTransaction(journal: Journal, transaction: SealedTransaction, photos: readonly SealedAttachment[] = []): Promise<void> {
  for (const photo of photos) expectOk(await journal.recordAttachment(photo));
  expectOk(await journal.recordTransaction(transaction, photos.map((p) => p.sha256)));
}

export function expectOk<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.value;
}
