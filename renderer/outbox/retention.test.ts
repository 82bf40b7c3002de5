import { describe, expect, it } from 'vitest';
import { enqueueTransaction } from './enqueue';
import { purgeAccepted } from './retention';
import { transactionSummary } from './queries';
import { freshDb, settleForTest, testAttachment, testEntry, testUlid } from './testing';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-25T12:00:00.000Z');

const settle = settleForTest;

describe('purgeAccepted', () => {
  it('destroys sealed data accepted longer ago than the retention time, keeps metadata', async () => {
    const { db } = freshDb();
    await enqueueTransaction(db, testEntry(1, { attachments: [testAttachment(1)] }));
    await enqueueTransaction(db, testEntry(2, { attachments: [testAttachment(2)] }));
    await enqueueTransaction(db, testEntry(3, { attachments: [testAttachment(3)] }));
    await enqueueTransaction(db, testEntry(4, { attachments: [testAttachment(1)] })); // shares photo 1, still pending
    await enqueueTransaction(db, testEntry(5, { attachments: [testAttachment(5)] }));
    await enqueueTransaction(db, testEntry(6, { attachments: [testAttachment(6)] }));
    await settle(db, 1, 'accepted', NOW - 25 * HOUR);
    await settle(db, 2, 'duplicate', NOW - 25 * HOUR);
    await settle(db, 3, 'accepted', NOW - 1 * HOUR);
    await settle(db, 5, 'dead');
    await settle(db, 6, 'accepted', NOW - 24 * HOUR); // exactly at the limit

    expect(await purgeAccepted(db, { now: NOW })).toEqual({ ok: true, value: { transactions: 3, attachments: 2 } });

    const t1 = await db.transactions.get(testUlid(1));
    expect(t1?.sealed).toBeUndefined();
    expect(t1).toMatchObject({ maskedName: '张*', purgedAt: NOW, service: 'id.renewal' });
    expect(await transactionSummary(db, testUlid(1))).toMatchObject({ state: 'accepted', caseNumber: 'C-1', hasSealedData: false });
    expect((await db.transactions.get(testUlid(2)))?.sealed).toBeUndefined();
    expect((await db.transactions.get(testUlid(6)))?.sealed).toBeUndefined();
    // within retention, queued, or dead-lettered: kept
    for (const n of [3, 4, 5]) expect((await db.transactions.get(testUlid(n)))?.sealed).toBeDefined();

    expect((await db.attachments.get(testAttachment(1).sha256))?.sealed).toBeDefined(); // pending 4 needs it
    expect((await db.attachments.get(testAttachment(2).sha256))?.sealed).toBeUndefined();
    expect((await db.attachments.get(testAttachment(6).sha256))?.sealed).toBeUndefined();
    expect((await db.attachments.get(testAttachment(3).sha256))?.sealed).toBeDefined();
    expect((await db.attachments.get(testAttachment(5).sha256))?.sealed).toBeDefined();
    expect(await db.attachments.get(testAttachment(2).sha256)).toMatchObject({ size: 1002, purgedAt: NOW });

    // a second run finds nothing more
    expect(await purgeAccepted(db, { now: NOW })).toEqual({ ok: true, value: { transactions: 0, attachments: 0 } });
  });

  it('takes a configurable retention time', async () => {
    const { db } = freshDb();
    await enqueueTransaction(db, testEntry(1));
    await settle(db, 1, 'accepted', NOW - 2 * HOUR);
    expect(await purgeAccepted(db, { now: NOW, olderThanMs: 3 * HOUR })).toMatchObject({ value: { transactions: 0 } });
    expect(await purgeAccepted(db, { now: NOW, olderThanMs: HOUR })).toMatchObject({ value: { transactions: 1 } });
  });
});
