import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { describe, expect, it } from 'vitest';
import { MAX_BATCHES_PER_CALL } from '../../electron/api/contract';
import { transactionSummary } from '../outbox/queries';
import type { KioskOutboxDb } from '../outbox/db';
import { testAttachment, testEntry, testUlid } from '../outbox/testing';
import { harness } from './harness';

interface WriteLog {
  /** read-write IndexedDB transactions, with their mutate requests (table and type) */
  txs: { stores: string[]; mutates: DBCoreMutateRequest['type'][]; tables: string[] }[];
}

/** Records every read-write transaction and the write requests in it (Dexie's DBCore middleware). */
function logWrites(db: KioskOutboxDb): WriteLog {
  const log: WriteLog = { txs: [] };
  const entries = new WeakMap<object, WriteLog['txs'][number]>();
  db.use({
    stack: 'dbcore',
    name: 'write-log',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction(stores, mode, options) {
        const tx = down.transaction(stores, mode, options);
        if (mode === 'readwrite') {
          const entry = { stores: [...stores], mutates: [], tables: [] };
          entries.set(tx, entry);
          log.txs.push(entry);
        }
        return tx;
      },
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate(req) {
            entries.get(req.trans)?.mutates.push(req.type);
            entries.get(req.trans)?.tables.push(name);
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return log;
}

async function drainBatches(batchSize: number, count: number): Promise<WriteLog['txs']> {
  const h = harness({ batchSize });
  const log = logWrites(h.db);
  // a mix of every per-item result in each batch: accepted, duplicate, rejected, retry
  const entries = Array.from({ length: count }, (_, i) => testEntry(i + 1, i % 4 === 3 ? { attachments: [testAttachment(i + 1)] } : {}));
  await h.enqueue(...entries);
  for (const [i, e] of entries.entries()) {
    if (i % 4 === 1) h.platform.acceptDirectly(e.transaction.id, e.transaction.sealed);
    if (i % 4 === 2) h.platform.reject.set(e.transaction.id, { code: 'id-number-invalid' });
    if (i % 4 === 3) h.platform.loseAfterUpload.set(testAttachment(i + 1).sha256, 1);
  }
  log.txs.length = 0;
  expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained' });
  expect(await h.db.outbox.count()).toBe(0);
  expect((await transactionSummary(h.db, testUlid(2)))?.state).toBe('duplicate');
  // uploads write the attachments table alone, the drain's end the sync state alone
  return log.txs.filter((t) => !(t.stores.length === 1 && ['attachments', 'syncState'].includes(t.stores[0] ?? '')));
}

describe('sync engine: IndexedDB writes per batch', () => {
  it('writes the outcomes of each call of batches in ONE transaction and nothing else; transaction records are never rewritten', async () => {
    const writes = await drainBatches(8, 32);
    // 4 batches of 8 in one call (MAX_BATCHES_PER_CALL ≥ 4), their outcomes in one transaction; then
    // the 8 `retry` items again, one batch, one more. No other writes (but those of uploads and
    // the sync state, left out above)
    expect(MAX_BATCHES_PER_CALL).toBeGreaterThanOrEqual(4);
    const outcomes = writes.filter((t) => t.stores.includes('outcomes'));
    expect(outcomes).toHaveLength(2);
    expect(writes).toHaveLength(outcomes.length);
    // one request adds the call's outcome rows (one row per platform answer)
    expect(outcomes.map((t) => t.tables.filter((n) => n === 'outcomes').length)).toEqual([1, 1]);
    expect(writes.flatMap((t) => t.tables)).not.toContain('transactions');
  });

  it('does not write item by item: the writes of an outcome do not grow with the batch size', async () => {
    const small = (await drainBatches(4, 4)).filter((t) => t.stores.includes('outcomes'))[0];
    const large = (await drainBatches(40, 40)).filter((t) => t.stores.includes('outcomes'))[0];
    expect(small?.mutates.length).toBeGreaterThan(0);
    // the same number of write requests; the outbox deletion is one range delete when the final
    // items are a run of ids (the small batch: its `retry` item is the last) and one bulk delete
    // by keys otherwise, one request either way
    expect(large?.mutates.length).toBe(small?.mutates.length);
    expect(large?.mutates.map((m) => (m === 'deleteRange' ? 'delete' : m))).toEqual(small?.mutates.map((m) => (m === 'deleteRange' ? 'delete' : m)));
  });
});
