import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openOutboxDb } from './db';
import { transactionSummary } from './queries';
import { purgeAccepted } from './retention';
import { SCHEMA_V1, SCHEMA_V2 } from './schema';
import { freshFactory, testSeal, testSha, testUlid } from './testing';

const base = { service: 'id.renewal', createdAt: '2026-11-24T08:00:00.000Z', maskedName: '张*', maskedIdNumber: '110105********002X' };

/** What version 1 of the app wrote: the state on the record, no acceptedAt, no attachment 400 counter. */
async function writeV1Database(factory: ReturnType<typeof freshFactory>): Promise<void> {
  const v1 = new Dexie('outbox', factory);
  v1.version(1).stores(SCHEMA_V1);
  await v1.table('transactions').bulkAdd([
    { ...base, id: testUlid(1), seq: 1, state: 'accepted', attempts: 1, caseNumber: 'C-1', receivedAt: '2026-11-24T09:00:00.000Z', attachmentShas: [testSha(1)], sealed: testSeal({ n: 1 }) },
    { ...base, id: testUlid(2), seq: 2, state: 'pending', attempts: 3, lastError: 'network', attachmentShas: [testSha(2)], sealed: testSeal({ n: 2 }) },
    { ...base, id: testUlid(3), seq: 3, state: 'duplicate', attempts: 2, caseNumber: 'C-0', attachmentShas: [], sealed: testSeal({ n: 3 }) },
  ]);
  await v1.table('attachments').bulkAdd([
    { sha256: testSha(1), size: 10, contentType: 'image/jpeg', refs: [testUlid(1)], uploaded: true, sealed: testSeal({ a: 1 }) },
    { sha256: testSha(2), size: 20, contentType: 'image/png', refs: [testUlid(2)], uploaded: false, sealed: testSeal({ a: 2 }) },
  ]);
  await v1.table('outbox').add({ id: testUlid(2), seq: 2, createdAtMs: Date.parse(base.createdAt), nextAttemptAt: 0, suspect: false, badRequests: 0 });
  v1.close();
}

/** What version 2 wrote: acceptedAt on the record, `sending` while a request was in flight, a dead letter. */
async function writeV2Database(factory: ReturnType<typeof freshFactory>): Promise<void> {
  const v2 = new Dexie('outbox', factory);
  v2.version(2).stores(SCHEMA_V2);
  await v2.table('transactions').bulkAdd([
    { ...base, id: testUlid(4), seq: 4, state: 'accepted', attempts: 1, caseNumber: 'C-4', receivedAt: '2026-11-24T09:00:00.000Z', acceptedAt: 1_000, attachmentShas: [] },
    { ...base, id: testUlid(5), seq: 5, state: 'sending', attempts: 1, attachmentShas: [], sealed: testSeal({ n: 5 }) },
    { ...base, id: testUlid(6), seq: 6, state: 'dead', attempts: 1, lastError: 'id-number-invalid', attachmentShas: [], sealed: testSeal({ n: 6 }) },
  ]);
  await v2.table('outbox').add({ id: testUlid(5), seq: 5, createdAtMs: Date.parse(base.createdAt), nextAttemptAt: 0, suspect: false, badRequests: 0 });
  await v2.table('deadLetters').add({ id: testUlid(6), reason: { code: 'id-number-invalid', message: 'refused' }, source: 'platform', at: 2_000 });
  v2.close();
}

describe('schema migrations', () => {
  it('upgrades a v1 database with data in it to v3', async () => {
    const factory = freshFactory();
    await writeV1Database(factory);

    const db = openOutboxDb({ name: 'outbox', ...factory });
    await db.open();
    expect(db.verno).toBe(3);
    // acceptance time backfilled from the platform's receivedAt; unknown → 0 (purge-eligible)
    expect(await transactionSummary(db, testUlid(1))).toMatchObject({ state: 'accepted', caseNumber: 'C-1', acceptedAt: Date.parse('2026-11-24T09:00:00.000Z') });
    expect(await transactionSummary(db, testUlid(3))).toMatchObject({ state: 'duplicate', caseNumber: 'C-0', acceptedAt: 0 });
    // the queued one keeps its history on its outbox entry
    expect(await transactionSummary(db, testUlid(2))).toMatchObject({ state: 'pending', attempts: 3, lastError: 'network' });
    expect(await db.outbox.get(testUlid(2))).toMatchObject({ attempts: 3, lastError: 'network', attachmentShas: [testSha(2)] });
    // records hold only what was written at confirmation
    for (const n of [1, 2, 3]) {
      const record = await db.transactions.get(testUlid(n));
      for (const gone of ['state', 'caseNumber', 'receivedAt', 'acceptedAt', 'attempts', 'lastError']) expect(record).not.toHaveProperty(gone);
    }
    expect((await db.attachments.get(testSha(2)))?.badRequests).toBe(0);
    // the indexes work on the migrated rows
    expect(await db.outcomes.where('ids').equals(testUlid(1)).primaryKeys()).toEqual([testUlid(1)]);
    expect(await db.attachments.where('refs').equals(testUlid(2)).primaryKeys()).toEqual([testSha(2)]);
    // nothing queued was lost
    expect(await db.outbox.toArray()).toHaveLength(1);
    expect((await db.transactions.get(testUlid(2)))?.sealed).toBeDefined();

    const purged = await purgeAccepted(db, { now: Date.parse('2026-11-26T00:00:00.000Z') });
    expect(purged).toEqual({ ok: true, value: { transactions: 2, attachments: 1 } });
    expect((await db.transactions.get(testUlid(2)))?.sealed).toBeDefined();
  });

  it('upgrades a v2 database: sending is queued again, dead stays dead, a purged record owes retention nothing', async () => {
    const factory = freshFactory();
    await writeV2Database(factory);

    const db = openOutboxDb({ name: 'outbox', ...factory });
    await db.open();
    expect(db.verno).toBe(3);
    expect(await transactionSummary(db, testUlid(4))).toMatchObject({ state: 'accepted', caseNumber: 'C-4', acceptedAt: 1_000, hasSealedData: false });
    expect(await db.outcomes.get(testUlid(4))).not.toHaveProperty('retainedFrom');
    expect(await transactionSummary(db, testUlid(5))).toMatchObject({ state: 'pending', attempts: 1 });
    expect(await transactionSummary(db, testUlid(6))).toMatchObject({ state: 'dead', lastError: 'id-number-invalid' });
    expect(await purgeAccepted(db, { now: 10_000_000_000 })).toEqual({ ok: true, value: { transactions: 0, attachments: 0 } });
  });
});
