import { describe, expect, it } from 'vitest';
import { enqueueTransaction } from '../outbox/enqueue';
import { freshDb, testEntry, testUlid } from '../outbox/testing';
import { deleteEntries, queuedAmong, readTransactions } from './store';

async function seeded(count: number) {
  const { db } = freshDb();
  for (let i = 1; i <= count; i += 1) {
    const written = await enqueueTransaction(db, testEntry(i));
    if (!written.ok) throw new Error(written.error.code);
  }
  return db;
}

describe('sync store: batch reads and deletions in few requests, same answers as by key', () => {
  it('reads records in the order asked, undefined for unknown ids, whatever the spread of the ids', async () => {
    const db = await seeded(30);
    const cases = [
      [testUlid(3), testUlid(4), testUlid(5)],
      [testUlid(9), testUlid(2), testUlid(30), testUlid(1)],
      // a range far wider than the ids: cut at its limit, the rest read by key
      [testUlid(1), testUlid(29), testUlid(30)],
      [testUlid(7), testUlid(99), testUlid(8), testUlid(7)],
      [testUlid(12)],
      [],
    ];
    for (const ids of cases) {
      expect((await readTransactions(db, ids)).map((t) => t?.id)).toEqual((await db.transactions.bulkGet(ids)).map((t) => t?.id));
    }
  });

  it('tells which ids are queued, as reading every entry by key would, whatever the spread', async () => {
    const db = await seeded(30);
    await db.outbox.bulkDelete([testUlid(4), testUlid(20)]);
    const cases = [
      [testUlid(3), testUlid(4), testUlid(5)],
      [testUlid(1), testUlid(20), testUlid(30)],
      [testUlid(30), testUlid(99), testUlid(2), testUlid(2)],
      [testUlid(4)],
      [],
    ];
    for (const ids of cases) {
      const byKey = (await db.outbox.bulkGet(ids)).flatMap((e) => (e ? [e.id] : []));
      expect([...(await queuedAmong(db, ids))].sort()).toEqual([...new Set(byKey)].sort());
    }
  });

  it('deletes exactly the entries asked for, never a neighbour inside their range', async () => {
    const db = await seeded(10);
    await deleteEntries(db, [testUlid(2), testUlid(3), testUlid(4)]);
    await deleteEntries(db, [testUlid(6), testUlid(8)]);
    await deleteEntries(db, [testUlid(10), testUlid(42)]);
    expect((await db.outbox.toCollection().primaryKeys()).sort()).toEqual([1, 5, 7, 9].map(testUlid).sort());
    expect(await db.transactions.count()).toBe(10);
  });
});
