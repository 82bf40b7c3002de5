import { describe, expect, it, vi } from 'vitest';
import { MAX_BATCHES_PER_CALL } from '../../electron/api/contract';
import { transactionSummary } from '../outbox/queries';
import { testAttachment, testEntry, testUlid } from '../outbox/testing';
import { harness } from './harness';

/** Several batches per call to the host: it sends them in order and stops at the first whole-request failure. */
describe('sync engine: a group of batches per call', () => {
  const eight = (): ReturnType<typeof testEntry>[] => Array.from({ length: 8 }, (_, i) => testEntry(i + 1));
  const allIds = Array.from({ length: 8 }, (_, i) => testUlid(i + 1));

  it('sends up to MAX_BATCHES_PER_CALL batches per call, in seq order', async () => {
    const h = harness({ batchSize: 1 });
    await h.enqueue(...Array.from({ length: 2 * MAX_BATCHES_PER_CALL + 1 }, (_, i) => testEntry(i + 1)));
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 2 * MAX_BATCHES_PER_CALL + 1, requests: 2 * MAX_BATCHES_PER_CALL + 2 });
    expect(h.platform.batchCalls).toEqual([MAX_BATCHES_PER_CALL, MAX_BATCHES_PER_CALL, 1]);
    expect(h.platform.received.map((r) => r.id)).toEqual(Array.from({ length: 2 * MAX_BATCHES_PER_CALL + 1 }, (_, i) => testUlid(i + 1)));
    // one outcome row per platform answer, though a call's answers are written together
    expect((await h.db.outcomes.toArray()).map((o) => o.ids.length)).toEqual(Array.from({ length: 2 * MAX_BATCHES_PER_CALL + 1 }, () => 1));
  });

  it('a long drain ends on smaller and smaller calls; a short one stays one call', async () => {
    const h = harness({ batchSize: 1 });
    const total = 3 * MAX_BATCHES_PER_CALL + 4;
    await h.enqueue(...Array.from({ length: total }, (_, i) => testEntry(i + 1)));
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: total });
    // the last four batches: half of them, then half of what is left…
    expect(h.platform.batchCalls).toEqual([MAX_BATCHES_PER_CALL, MAX_BATCHES_PER_CALL, MAX_BATCHES_PER_CALL, 2, 1, 1]);
    expect(h.platform.received.map((r) => r.id)).toEqual(Array.from({ length: total }, (_, i) => testUlid(i + 1)));

    const short = harness({ batchSize: 1 });
    await short.enqueue(...Array.from({ length: 4 }, (_, i) => testEntry(i + 1)));
    expect(await short.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 4 });
    expect(short.platform.batchCalls).toEqual([4]);
  });

  it('a failure in one call: the call behind it starts no batch after it, and the drain backs off', async () => {
    const h = harness({ batchSize: 1 });
    const total = 2 * MAX_BATCHES_PER_CALL + 2;
    await h.enqueue(...Array.from({ length: total }, (_, i) => testEntry(i + 1)));
    // both calls reach the host before the first batch is answered; the last batch of the first call fails
    const held = h.platform.holdNext('sendBatch');
    h.platform.passNext('sendBatch', MAX_BATCHES_PER_CALL - 2);
    h.platform.failNext('sendBatch', { code: 'server-error' });
    const draining = h.engine.drainOnce();
    await held.reached;
    await vi.waitFor(() => expect(h.platform.batchCalls).toEqual([MAX_BATCHES_PER_CALL, MAX_BATCHES_PER_CALL]));
    held.release();
    const report = await draining;
    // the platform got the first call's batches but the failed one, and of the second call at
    // most the batch already on the wire when the failure came back
    const received = h.platform.received.length;
    expect(received).toBeGreaterThanOrEqual(MAX_BATCHES_PER_CALL - 1);
    expect(received).toBeLessThanOrEqual(MAX_BATCHES_PER_CALL);
    expect(report).toMatchObject({ outcome: 'backoff', error: 'server-error', accepted: received });
    expect(h.platform.batchCalls).toHaveLength(2);
    expect(await transactionSummary(h.db, testUlid(MAX_BATCHES_PER_CALL))).toMatchObject({ state: 'pending', lastError: 'server-error', attempts: 1 });
    expect(await h.db.outbox.count()).toBe(total - received);

    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: total - received, duplicates: 0 });
    expect(h.platform.distinctCases()).toBe(total);
  });

  it('413 on the second batch of a call: the first is recorded, the second halved, the unsent ones follow it', async () => {
    const h = harness({ batchSize: 2 });
    await h.enqueue(...eight());
    h.platform.passNext('sendBatch');
    h.platform.failNext('sendBatch', { code: 'too-large' });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 8, duplicates: 0 });
    // the 413 came back before a third batch started: the halves of the second, then the two
    // unsent batches in the new size
    expect(h.platform.batchCalls).toEqual([4, 6]);
    expect(h.platform.batchSizes).toEqual([2, 1, 1, 1, 1, 1, 1]);
    expect(h.platform.received.map((r) => r.id)).toEqual(allIds);
  });

  it('a transient failure on the second batch: the first is recorded, nothing after it was sent, the next drain delivers', async () => {
    const h = harness({ batchSize: 2 });
    await h.enqueue(...eight());
    h.platform.passNext('sendBatch');
    h.platform.failNext('sendBatch', { code: 'network', applied: true });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'backoff', error: 'network', accepted: 2, requests: 3 });
    for (const n of [1, 2]) expect((await transactionSummary(h.db, testUlid(n)))?.state).toBe('accepted');
    for (const n of [3, 4]) expect(await transactionSummary(h.db, testUlid(n))).toMatchObject({ state: 'pending', lastError: 'network', attempts: 1 });
    for (const n of [5, 6, 7, 8]) expect(await transactionSummary(h.db, testUlid(n))).toMatchObject({ state: 'pending', attempts: 0 });
    expect(h.platform.received.map((r) => r.id)).toEqual(allIds.slice(0, 4));

    // the lost answer's batch was applied: its resend is answered duplicate, nothing is doubled
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 4, duplicates: 2 });
    expect(h.platform.distinctCases()).toBe(8);
    expect(await h.db.outbox.count()).toBe(0);
  });

  it('a batch with an item the journal lacks goes again with its sealed items; the unsent batches follow', async () => {
    const h = harness({ batchSize: 2 });
    await h.enqueue(...eight());
    h.platform.journal = h.platform.journal.filter((e) => e.transaction.id !== testUlid(3));
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 8, duplicates: 0 });
    expect(h.platform.batchCalls).toEqual([4, 2]);
    // batch 1 by id; batch 2 refused before sending, then sent sealed; batches 3 and 4 by id
    expect(h.platform.byIdOnly).toBe(6);
    expect(h.platform.received.map((r) => r.id)).toEqual(allIds);
  });

  it('an upload failure while a call is made up: the batches ready before it go out and are recorded, then the drain backs off', async () => {
    const h = harness({ batchSize: 2 });
    await h.enqueue(...Array.from({ length: 6 }, (_, i) => testEntry(i + 1, i >= 4 ? { attachments: [testAttachment(i + 1)] } : {})));
    h.platform.failNext('uploadAttachment', { code: 'server-error' });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'backoff', error: 'server-error', accepted: 4 });
    expect(h.platform.batchCalls).toEqual([2]);
    for (const n of [5, 6]) expect((await transactionSummary(h.db, testUlid(n)))?.state).toBe('pending');
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 2 });
    expect(h.platform.distinctCases()).toBe(6);
  });

  it('reads the outbox a page at a time: everything goes out in seq order, and what is confirmed meanwhile joins the drain', async () => {
    // batches of 1, pages of 3: the pages read before the first call reach past its batches
    // but not to the end of the queue, and the entry confirmed while it is on the wire comes later
    const h = harness({ batchSize: 1, pageSize: 3 });
    const before = MAX_BATCHES_PER_CALL + 6;
    await h.enqueue(...Array.from({ length: before }, (_, i) => testEntry(i + 1)));
    const held = h.platform.holdNext('sendBatch');
    const running = h.engine.drainOnce();
    await held.reached;
    await h.enqueue(testEntry(before + 1));
    held.release();
    expect(await running).toMatchObject({ outcome: 'drained', accepted: before + 1 });
    // each once; the held first batch was overtaken by the second, on the wire beside it
    expect(h.platform.received.map((r) => r.id).sort()).toEqual(Array.from({ length: before + 1 }, (_, i) => testUlid(i + 1)));
  });

  it('skips entries not yet due on every page', async () => {
    const h = harness({ batchSize: 2, pageSize: 2 });
    await h.enqueue(...Array.from({ length: 6 }, (_, i) => testEntry(i + 1)));
    await h.db.outbox.where('id').anyOf([testUlid(2), testUlid(3), testUlid(4)]).modify({ nextAttemptAt: h.clock.t + 60_000 });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 3, nextAttemptAt: h.clock.t + 60_000 });
    expect(h.platform.received.map((r) => r.id)).toEqual([testUlid(1), testUlid(5), testUlid(6)]);
  });

  it('a revoked token on the second batch pauses sync though the first failed otherwise (found by the strict checker)', async () => {
    const h = harness({ batchSize: 2 });
    await h.enqueue(...eight());
    h.platform.failNext('sendBatch', { code: 'server-error' });
    h.platform.failNext('sendBatch', { code: 'unauthorized' });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'paused', error: 'unauthorized' });
    expect(h.events).toContainEqual({ type: 'paused', reason: 'unauthorized' });
    expect((await h.engine.snapshot()).paused).toBe('unauthorized');
    await h.engine.resume();
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 8 });
  });

  it('waits out the longest Retry-After among the failed batches of a call', async () => {
    const h = harness({ batchSize: 2 });
    await h.enqueue(...eight());
    h.platform.failNext('sendBatch', { code: 'server-error' });
    h.platform.failNext('sendBatch', { code: 'rate-limited', retryAfterMs: 120_000 });
    const report = await h.engine.drainOnce();
    expect(report).toMatchObject({ outcome: 'backoff', error: 'server-error' });
    expect(report.nextAttemptAt).toBeGreaterThanOrEqual(h.clock.t + 120_000);
  });
});
