import { ulid } from 'ulid';
import type { KioskClient } from '../kiosk-client';
import { openOutboxDb } from '../outbox/db';
import { enqueueTransaction } from '../outbox/enqueue';
import type { OutboxInput } from '../outbox/enqueue';
import type { OutboxBenchOptions, OutboxBenchSamples } from './api';
import { createPhotoMaker } from './photo';
import { syntheticApplicant } from './synthetic';

/**
 * bench/outbox, in Chromium's real IndexedDB: the outbox write of a confirmed transaction (its
 * record, its sealed photo and its outbox entry in one strict Dexie transaction) against the
 * least a durable write can cost, one raw put of the same sealed bytes with strict durability.
 * The two alternate, so a disk that slows down during the run slows both alike.
 */
export async function benchOutbox(kiosk: KioskClient, options: OutboxBenchOptions): Promise<OutboxBenchSamples> {
  const outbox = openOutboxDb({ name: `bench-outbox-${options.runTag}` });
  const raw = await openRawDb(`bench-raw-${options.runTag}`);
  const tag = (i: number): string => `kiosk-bench ${options.runTag} ${i}`;
  const photos = await createPhotoMaker(options.photoBytes, tag(options.iterations + options.warmup));
  const samples = { enqueue: [] as number[], rawPut: [] as number[], sealAndEnqueue: [] as number[], bytesPerWrite: 0 };
  try {
    for (let i = 0; i < options.warmup + options.iterations; i += 1) {
      const t0 = performance.now();
      const entry = await sealEntry(kiosk, photos.photo(tag(i)), i);
      const t1 = performance.now();
      const bytes = concat(entry.attachments[0]?.sealed.ciphertext, entry.transaction.sealed.ciphertext);
      const enqueue = async (): Promise<void> => {
        const written = await enqueueTransaction(outbox, entry);
        if (!written.ok) throw new Error(`enqueue failed: ${written.error.code}`);
      };
      const put = (): Promise<void> => rawPut(raw, i, bytes);
      let enqueueMs: number;
      let rawMs: number;
      if (i % 2 === 0) {
        rawMs = await timed(put);
        enqueueMs = await timed(enqueue);
      } else {
        enqueueMs = await timed(enqueue);
        rawMs = await timed(put);
      }
      if (i < options.warmup) continue;
      samples.enqueue.push(enqueueMs);
      samples.rawPut.push(rawMs);
      samples.sealAndEnqueue.push(t1 - t0 + enqueueMs);
      samples.bytesPerWrite = bytes.byteLength;
    }
  } finally {
    outbox.close();
    raw.close();
  }
  return samples;
}

async function sealEntry(kiosk: KioskClient, photo: Uint8Array<ArrayBuffer>, n: number): Promise<OutboxInput> {
  const attachment = await kiosk.vault.sealAttachment({ bytes: photo, contentType: 'image/jpeg' });
  if (!attachment.ok) throw new Error(`sealAttachment failed: ${attachment.error.code}`);
  const { sha256, size, contentType } = attachment.value;
  const transaction = await kiosk.vault.sealTransaction({
    id: ulid(),
    service: 'id.renewal',
    applicant: syntheticApplicant(n),
    attachments: [{ sha256, role: 'photo', contentType, size }],
  });
  if (!transaction.ok) throw new Error(`sealTransaction failed: ${transaction.error.code}`);
  return { transaction: transaction.value, attachments: [attachment.value] };
}

async function timed(op: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await op();
  return performance.now() - t0;
}

function concat(a: Uint8Array | undefined, b: Uint8Array): Uint8Array {
  const out = new Uint8Array((a?.byteLength ?? 0) + b.byteLength);
  if (a) out.set(a, 0);
  out.set(b, a?.byteLength ?? 0);
  return out;
}

function openRawDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('puts');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
}

/** Settles on `complete`, which with strict durability means the data was flushed. */
function rawPut(db: IDBDatabase, key: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('puts', 'readwrite', { durability: 'strict' });
    tx.objectStore('puts').put(bytes, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('put failed'));
    tx.onabort = () => reject(tx.error ?? new Error('put aborted'));
  });
}
