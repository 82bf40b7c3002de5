import { describe, expect, it } from 'vitest';
import { transactionSummary } from '../outbox/queries';
import { testAttachment, testEntry, testUlid } from '../outbox/testing';
import { harness } from './harness';

describe('sync engine: per-item results', () => {
  it('uploads attachments first, then sends the batch; accepted items store their case number', async () => {
    const h = harness();
    await h.enqueue(testEntry(1, { attachments: [testAttachment(1)] }), testEntry(2, { attachments: [testAttachment(2)] }), testEntry(3));

    const report = await h.engine.drainOnce();
    expect(report).toMatchObject({ outcome: 'drained', accepted: 3, duplicates: 0, uploaded: 2, sent: 3, requests: 4 });
    expect(h.platform.calls).toEqual(['health', 'uploadAttachment', 'uploadAttachment', 'sendBatch']);
    for (const n of [1, 2, 3]) {
      const t = await transactionSummary(h.db, testUlid(n));
      expect(t?.state).toBe('accepted');
      expect(t?.caseNumber).toBe(h.platform.cases.get(testUlid(n))?.caseNumber);
      expect(t?.acceptedAt).toBe(h.clock.t);
    }
    expect(await h.db.outbox.count()).toBe(0);
    expect((await h.db.attachments.get(testAttachment(1).sha256))?.uploaded).toBe(true);

    // nothing left: the next drain only checks health
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', requests: 1, sent: 0 });
    expect(h.platform.uploads).toHaveLength(2);
  });

  it('treats duplicate as success with the original case number', async () => {
    const h = harness();
    const entry = testEntry(4);
    const original = h.platform.acceptDirectly(entry.transaction.id, entry.transaction.sealed);
    await h.enqueue(entry);
    expect(await h.engine.drainOnce()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await transactionSummary(h.db, testUlid(4))).toMatchObject({ state: 'duplicate', caseNumber: original });
    expect(h.platform.distinctCases()).toBe(1);
    expect(h.events).toContainEqual({ type: 'accepted', id: testUlid(4), caseNumber: original, duplicate: true });
  });

  it('moves a rejected item to dead letters with its reason and carries on with the rest', async () => {
    const h = harness();
    h.platform.reject.set(testUlid(2), { code: 'id-number-invalid', message: 'check digit', field: 'applicant.idNumber' });
    await h.enqueue(testEntry(1), testEntry(2), testEntry(3));
    expect(await h.engine.drainOnce()).toMatchObject({ accepted: 2, deadLettered: 1 });
    expect(await transactionSummary(h.db, testUlid(2))).toMatchObject({ state: 'dead', lastError: 'id-number-invalid' });
    expect(await h.db.deadLetters.get(testUlid(2))).toEqual({
      id: testUlid(2),
      reason: { code: 'id-number-invalid', message: 'check digit', field: 'applicant.idNumber' },
      source: 'platform',
      at: h.clock.t,
    });
    expect((await transactionSummary(h.db, testUlid(3)))?.state).toBe('accepted');
    expect(await h.db.outbox.count()).toBe(0);
    // a dead letter is final: it is not sent again
    await h.engine.drainOnce();
    expect(h.platform.received.filter((r) => r.id === testUlid(2))).toHaveLength(1);
  });

  it('answers retry attachment-missing by uploading it again and resending the same item', async () => {
    const h = harness();
    const photo = testAttachment(8);
    // the platform acknowledges the first upload but loses it: the batch gets `retry`
    h.platform.loseAfterUpload.set(photo.sha256, 1);
    await h.enqueue(testEntry(1, { attachments: [photo] }), testEntry(2));

    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 2, retried: 1, uploaded: 2 });
    expect(h.platform.calls).toEqual(['health', 'uploadAttachment', 'sendBatch', 'uploadAttachment', 'sendBatch']);
    const sends = h.platform.received.filter((r) => r.id === testUlid(1));
    expect(sends).toHaveLength(2);
    expect(sends[1]?.ciphertext).toEqual(sends[0]?.ciphertext);
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('accepted');
  });

  it('leaves an item the platform keeps answering retry for a later drain instead of looping', async () => {
    const h = harness();
    const photo = testAttachment(9);
    h.platform.loseAfterUpload.set(photo.sha256, 100);
    await h.enqueue(testEntry(1, { attachments: [photo] }));
    const report = await h.engine.drainOnce();
    expect(report.outcome).toBe('drained');
    expect(h.platform.batchSizes).toHaveLength(3);
    const entry = await h.db.outbox.get(testUlid(1));
    expect(entry?.nextAttemptAt).toBeGreaterThan(h.clock.t);
    expect(report.nextAttemptAt).toBe(entry?.nextAttemptAt);
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('pending');
  });

  it('sends batches of at most 50, in seq order', async () => {
    const h = harness();
    await h.enqueue(...Array.from({ length: 120 }, (_, i) => testEntry(i + 1)));
    expect(await h.engine.drainOnce()).toMatchObject({ accepted: 120 });
    expect(h.platform.batchSizes).toEqual([50, 50, 20]);
    expect(h.platform.received.map((r) => r.id)).toEqual(Array.from({ length: 120 }, (_, i) => testUlid(i + 1)));
  });

  it('honours a smaller configured batch size and clamps it to 50', async () => {
    const small = harness({ batchSize: 4 });
    await small.enqueue(...Array.from({ length: 9 }, (_, i) => testEntry(i + 1)));
    await small.engine.drainOnce();
    expect(small.platform.batchSizes).toEqual([4, 4, 1]);

    const big = harness({ batchSize: 500 });
    await big.enqueue(...Array.from({ length: 60 }, (_, i) => testEntry(i + 1)));
    await big.engine.drainOnce();
    expect(big.platform.batchSizes).toEqual([50, 10]);
  });

  it('uploads a few attachments at a time and remembers those stored even when one in the group fails', async () => {
    const h = harness();
    const photos = [1, 2, 3, 4, 5, 6].map((n) => testAttachment(n));
    await h.enqueue(...photos.map((p, i) => testEntry(i + 1, { attachments: [p] })));
    h.platform.failNext('uploadAttachment', { code: 'server-error' });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'backoff', error: 'server-error', uploaded: 3 });
    expect(h.platform.maxInFlight).toBe(4);
    expect(h.platform.calls.filter((c) => c === 'uploadAttachment')).toHaveLength(4);

    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 6, uploaded: 3 });
    // 4 in the first group (one failed), then the failed one and the last two
    expect(h.platform.calls.filter((c) => c === 'uploadAttachment')).toHaveLength(7);
    expect([...h.platform.uploads].sort()).toEqual(photos.map((p) => p.sha256).sort());
  });

  it('names journaled items by id; sends the sealed items when the host journal lacks one', async () => {
    const h = harness();
    const entries = [testEntry(1), testEntry(2), testEntry(3)];
    await h.enqueue(...entries);
    // the host forgot #2 (an acceptance whose record IndexedDB then lost): the batch goes again, sealed
    h.platform.journal = h.platform.journal.filter((e) => e.transaction.id !== testUlid(2));
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 3, requests: 3 }); // health, by id, sealed
    expect(h.platform.byIdOnly).toBe(0);
    expect(h.platform.received.map((r) => r.ciphertext)).toEqual(entries.map((e) => e.transaction.sealed.ciphertext));

    await h.enqueue(testEntry(4), testEntry(5));
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 2, requests: 2 }); // health, by id
    expect(h.platform.byIdOnly).toBe(2);
    expect(h.platform.distinctCases()).toBe(5);
  });

  it('a storage failure under a drain keeps everything queued and reports a coded error', async () => {
    const h = harness();
    await h.enqueue(testEntry(1));
    h.db.close();
    const report = await h.engine.drainOnce();
    expect(report).toMatchObject({ outcome: 'backoff', error: 'storage-closed' });
    expect(h.events).toContainEqual({ type: 'storage-error', code: 'storage-closed' });
    expect(h.platform.distinctCases()).toBe(0);

    await h.db.open();
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 1 });
  });
});
