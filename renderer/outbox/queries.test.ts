import { describe, expect, it } from 'vitest';
import { enqueueTransaction } from './enqueue';
import { deadLetters, listTransactions, queueCounts, queueStats } from './queries';
import { freshDb, settleForTest, testEntry, testUlid } from './testing';

describe('queries', () => {
  it('counts the queue and the age of the oldest pending transaction', async () => {
    const { db } = freshDb();
    const now = Date.parse('2026-11-24T10:00:00.000Z');
    expect(await queueStats(db, now)).toEqual({ pending: 0, deadLetters: 0, oldestPendingAgeSec: 0 });
    await enqueueTransaction(db, testEntry(1, { createdAt: '2026-11-24T09:00:00.000Z' }));
    await enqueueTransaction(db, testEntry(2, { createdAt: '2026-11-24T09:30:00.000Z' }));
    await db.deadLetters.put({ id: testUlid(9), reason: { code: 'x', message: 'x' }, source: 'platform', at: now });
    expect(await queueStats(db, now)).toEqual({ pending: 2, deadLetters: 1, oldestPendingAgeSec: 3600 });
  });

  it('lists metadata without the sealed item, newest first', async () => {
    const { db } = freshDb();
    for (const n of [1, 2, 3]) await enqueueTransaction(db, testEntry(n));
    const list = await listTransactions(db, { limit: 2 });
    expect(list.map((t) => t.seq)).toEqual([3, 2]);
    for (const t of list) {
      expect(t).not.toHaveProperty('sealed');
      expect(t.hasSealedData).toBe(true);
    }
  });

  it('puts each state together from where the transaction is, and counts them', async () => {
    const { db } = freshDb();
    for (const n of [1, 2, 3, 4]) await enqueueTransaction(db, testEntry(n));
    await settleForTest(db, 1, 'accepted', 10);
    await settleForTest(db, 2, 'duplicate', 11);
    await settleForTest(db, 3, 'dead', 12);
    const list = await listTransactions(db, { limit: 10 });
    expect(list.map((t) => [t.seq, t.state, t.caseNumber])).toEqual([
      [4, 'pending', undefined],
      [3, 'dead', undefined],
      [2, 'duplicate', 'C-2'],
      [1, 'accepted', 'C-1'],
    ]);
    expect(await queueCounts(db)).toEqual({ enqueued: 4, accepted: 2, duplicates: 1, dead: 1, pending: 1 });
  });

  it('lists dead letters oldest first', async () => {
    const { db } = freshDb();
    await db.deadLetters.put({ id: testUlid(2), reason: { code: 'b', message: 'b' }, source: 'platform', at: 20 });
    await db.deadLetters.put({ id: testUlid(1), reason: { code: 'a', message: 'a', field: 'applicant.idNumber' }, source: 'platform', at: 10 });
    expect((await deadLetters(db)).map((d) => d.reason.code)).toEqual(['a', 'b']);
  });
});
