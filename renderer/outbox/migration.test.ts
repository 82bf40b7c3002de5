import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openOutboxDb } from './db';
import { purgeAccepted } from './retention';
import { SCHEMA_V1 } from './schema';
import { freshFactory, testSeal, testSha, testUlid } from './testing';

/** What version 1 of the app wrote: no acceptedAt, no attachment 400 counter. */
async function writeV1Database(factory: ReturnType<typeof freshFactory>): Promise<void> {
  const v1 = new Dexie('outbox', factory);
  v1.version(1).stores(SCHEMA_V1);
  const base = { service: 'id.renewal', createdAt: '2026-11-24T08:00:00.000Z', maskedName: '张*', maskedIdNumber: '110105********002X', attempts: 1 };
  await v1.table('transactions').bulkAdd([
    { ...base, id: testUlid(1), seq: 1, state: 'accepted', caseNumber: 'C-1', receivedAt: '2026-11-24T09:00:00.000Z', attachmentShas: [testSha(1)], sealed: testSeal({ n: 1 }) },
    { ...base, id: testUlid(2), seq: 2, state: 'pending', attachmentShas: [testSha(2)], sealed: testSeal({ n: 2 }) },
    { ...base, id: testUlid(3), seq: 3, state: 'duplicate', caseNumber: 'C-0', attachmentShas: [], sealed: testSeal({ n: 3 }) },
  ]);
  await v1.table('attachments').bulkAdd([
    { sha256: testSha(1), size: 10, contentType: 'image/jpeg', refs: [testUlid(1)], uploaded: true, sealed: testSeal({ a: 1 }) },
    { sha256: testSha(2), size: 20, contentType: 'image/png', refs: [testUlid(2)], uploaded: false, sealed: testSeal({ a: 2 }) },
  ]);
  await v1.table('outbox').add({ id: testUlid(2), seq: 2, createdAtMs: Date.parse(base.createdAt), nextAttemptAt: 0, suspect: false, badRequests: 0 });
  v1.close();
}

describe('schema migration v1 → v2', () => {
  it('upgrades a v1 database with data in it', async () => {
    const factory = freshFactory();
    await writeV1Database(factory);

    const db = openOutboxDb({ name: 'outbox', ...factory });
    await db.open();
    expect(db.verno).toBe(2);
    // acceptance time backfilled from the platform's receivedAt; unknown → 0 (purge-eligible)
    expect((await db.transactions.get(testUlid(1)))?.acceptedAt).toBe(Date.parse('2026-11-24T09:00:00.000Z'));
    expect((await db.transactions.get(testUlid(3)))?.acceptedAt).toBe(0);
    expect((await db.transactions.get(testUlid(2)))?.acceptedAt).toBeUndefined();
    expect((await db.attachments.get(testSha(2)))?.badRequests).toBe(0);

    // the new indexes work on the migrated rows
    expect(await db.transactions.where('[state+acceptedAt]').between(['accepted', Dexie.minKey], ['accepted', Dexie.maxKey]).primaryKeys()).toEqual([testUlid(1)]);
    expect(await db.attachments.where('refs').equals(testUlid(2)).primaryKeys()).toEqual([testSha(2)]);
    // nothing queued was lost
    expect(await db.outbox.toArray()).toHaveLength(1);
    expect((await db.transactions.get(testUlid(2)))?.sealed).toBeDefined();

    const purged = await purgeAccepted(db, { now: Date.parse('2026-11-26T00:00:00.000Z') });
    expect(purged).toEqual({ ok: true, value: { transactions: 2, attachments: 1 } });
  });
});
