import { describe, expect, it } from 'vitest';
import { openOutboxDb } from './db';
import { enqueueTransaction, reconcileFromJournal } from './enqueue';
import { transactionSummary } from './queries';
import { freshDb, freshFactory, settleForTest, testAttachment, testEntry, testUlid } from './testing';

describe('enqueueTransaction', () => {
  it('writes the transaction, its attachments and its outbox entry, metadata masked', async () => {
    const { db } = freshDb();
    const entry = testEntry(7, { attachments: [testAttachment(1), testAttachment(2)] });
    expect(await enqueueTransaction(db, entry)).toEqual({ ok: true, value: undefined });

    const t = await db.transactions.get(testUlid(7));
    expect(t).toMatchObject({ seq: 7, service: 'id.renewal', maskedName: '张*', maskedIdNumber: '110105********002X' });
    expect(await transactionSummary(db, testUlid(7))).toMatchObject({ state: 'pending', attempts: 0, hasSealedData: true });
    expect(t?.attachmentShas).toEqual([testAttachment(1).sha256, testAttachment(2).sha256]);
    expect(t?.sealed?.ciphertext).toEqual(entry.transaction.sealed.ciphertext);
    expect(await db.attachments.get(testAttachment(1).sha256)).toMatchObject({ refs: [testUlid(7)], uploaded: false, size: 1001 });
    expect(await db.outbox.get(testUlid(7))).toMatchObject({ seq: 7, nextAttemptAt: 0, suspect: false, attempts: 0, attachmentShas: [testAttachment(1).sha256, testAttachment(2).sha256], createdAtMs: Date.parse(entry.transaction.createdAt) });
  });

  it('is one Dexie transaction: a failure after the attachment writes leaves nothing stored', async () => {
    const { db } = freshDb();
    // the outbox entry is written last; failing it must roll back the record and the attachments
    db.outbox.hook('creating', () => {
      throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
    });
    const res = await enqueueTransaction(db, testEntry(1, { attachments: [testAttachment(1)] }));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('storage-full');
    expect(await db.transactions.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('is idempotent for the same id', async () => {
    const { db } = freshDb();
    const entry = testEntry(3, { attachments: [testAttachment(1)] });
    expect((await enqueueTransaction(db, entry)).ok).toBe(true);
    // a retry of the confirm step, even with re-sealed bytes, must not change or add anything
    expect((await enqueueTransaction(db, testEntry(3, { attachments: [testAttachment(1)], nonce: 9 }))).ok).toBe(true);
    expect(await db.transactions.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.attachments.get(testAttachment(1).sha256))?.refs).toEqual([testUlid(3)]);
    expect((await db.transactions.get(testUlid(3)))?.sealed?.ciphertext).toEqual(entry.transaction.sealed.ciphertext);
  });

  it('shares one attachment record between transactions', async () => {
    const { db } = freshDb();
    await enqueueTransaction(db, testEntry(1, { attachments: [testAttachment(5)] }));
    await enqueueTransaction(db, testEntry(2, { attachments: [testAttachment(5)] }));
    expect((await db.attachments.get(testAttachment(5).sha256))?.refs).toEqual([testUlid(1), testUlid(2)]);
  });

  it('reports a closed database as a coded error', async () => {
    const { db } = freshDb();
    await db.open();
    db.close();
    const res = await enqueueTransaction(db, testEntry(1));
    expect(res).toMatchObject({ ok: false, error: { code: 'storage-closed' } });
  });
});

describe('reconcileFromJournal', () => {
  it('restores a queued transaction after the database was deleted, with the same sealed bytes', async () => {
    const factory = freshFactory();
    const entry = testEntry(11, { attachments: [testAttachment(3)] });
    const first = openOutboxDb({ name: 'outbox', ...factory });
    await enqueueTransaction(first, entry);
    await first.delete();

    const db = openOutboxDb({ name: 'outbox', ...factory });
    expect(await db.transactions.count()).toBe(0);
    expect(await reconcileFromJournal(db, [entry, testEntry(12)])).toEqual({ ok: true, value: { restored: 2 } });
    const t = await db.transactions.get(testUlid(11));
    expect(t).toMatchObject({ seq: 11 });
    expect((await transactionSummary(db, testUlid(11)))?.state).toBe('pending');
    expect(t?.sealed?.ciphertext).toEqual(entry.transaction.sealed.ciphertext);
    expect(await db.attachments.get(testAttachment(3).sha256)).toMatchObject({ refs: [testUlid(11)] });
    expect(await db.outbox.count()).toBe(2);
  });

  it('leaves transactions IndexedDB still has alone', async () => {
    const { db } = freshDb();
    await enqueueTransaction(db, testEntry(1));
    await settleForTest(db, 1, 'accepted', 5);
    expect(await reconcileFromJournal(db, [testEntry(1)])).toEqual({ ok: true, value: { restored: 0 } });
    expect(await transactionSummary(db, testUlid(1))).toMatchObject({ state: 'accepted', caseNumber: 'C-1', acceptedAt: 5 });
    expect(await db.outbox.count()).toBe(0);
  });
});
