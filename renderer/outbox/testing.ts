import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { SealedAttachment, SealedBlob, SealedTransaction } from '../../electron/api/contract';
import type { ServiceCode } from '../../electron/api/platform-schemas';
import { openOutboxDb } from './db';
import type { KioskOutboxDb } from './db';
import type { OutboxInput } from './enqueue';

/**
 * Test support for the outbox and the sync engine (imported by tests only). The "sealed" blobs
 * here are not encrypted: the ciphertext is the JSON of what a test platform needs to know about
 * the item (id, attachments), so a fake host can "open" it the way the real host would.
 */

/** A fresh in-memory IndexedDB per call: no state leaks between tests. */
export function freshFactory(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function freshDb(name = 'test-outbox'): { db: KioskOutboxDb; factory: ReturnType<typeof freshFactory> } {
  const factory = freshFactory();
  return { db: openOutboxDb({ name, ...factory }), factory };
}

export interface TestSealedContent {
  id: string;
  attachments: string[];
  /** differs between two sealings of "the same" transaction: regeneration is detectable */
  nonce: number;
}

export function testSeal(content: unknown, nonce = 0): SealedBlob {
  return {
    v: 1,
    kid: 'test-key',
    wrappedKey: new Uint8Array([1, 2, 3, 4, nonce & 0xff]),
    iv: new Uint8Array(12).fill(nonce & 0xff),
    ciphertext: new TextEncoder().encode(JSON.stringify(content)),
  };
}

export function testUnseal(sealed: SealedBlob): unknown {
  return JSON.parse(new TextDecoder().decode(sealed.ciphertext));
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A valid ULID whose order follows n, so tests can read ids as "transaction n". */
export function testUlid(n: number): string {
  let tail = '';
  let rest = n;
  for (let i = 0; i < 16; i += 1) {
    tail = (CROCKFORD[rest % 32] ?? '0') + tail;
    rest = Math.floor(rest / 32);
  }
  return `01JD3Z6Q8W${tail}`;
}

export function testSha(n: number): string {
  return n.toString(16).padStart(64, 'a');
}

export function testAttachment(n: number, nonce = 0): SealedAttachment {
  return { sha256: testSha(n), size: 1000 + n, contentType: 'image/jpeg', sealed: testSeal({ sha256: testSha(n), photo: n }, nonce) };
}

export function testEntry(
  n: number,
  options: { attachments?: SealedAttachment[]; service?: ServiceCode; createdAt?: string; nonce?: number } = {},
): OutboxInput {
  const id = testUlid(n);
  const attachments = options.attachments ?? [];
  const content: TestSealedContent = { id, attachments: attachments.map((a) => a.sha256), nonce: options.nonce ?? 0 };
  const transaction: SealedTransaction = {
    id,
    seq: n,
    service: options.service ?? 'id.renewal',
    createdAt: options.createdAt ?? new Date(Date.UTC(2026, 10, 24, 8, 0, n % 60)).toISOString(),
    masked: { name: '张*', idNumber: '110105********002X' },
    sealed: testSeal(content, options.nonce ?? 0),
  };
  return { transaction, attachments };
}

/** Makes a queued transaction final the way the sync engine does: an outcome row or a dead letter, and no outbox entry. */
export async function settleForTest(db: KioskOutboxDb, n: number, state: 'accepted' | 'duplicate' | 'dead', acceptedAt = 0): Promise<void> {
  const id = testUlid(n);
  await db.transaction('rw', [db.outbox, db.outcomes, db.deadLetters], async () => {
    await db.outbox.delete(id);
    if (state === 'dead') await db.deadLetters.put({ id, reason: { code: 'id-number-invalid', message: 'refused' }, source: 'platform', at: acceptedAt });
    else await db.outcomes.add({ batchId: id, ids: [id], items: [{ id, status: state, caseNumber: `C-${n}`, receivedAt: '2026-11-24T09:00:00.000Z' }], acceptedAt, retainedFrom: acceptedAt });
  });
}
