import { describe, expect, it } from 'vitest';
import { transactionSummary } from '../outbox/queries';
import { testAttachment, testEntry, testUlid } from '../outbox/testing';
import { MAX_BAD_REQUESTS } from './context';
import { harness } from './harness';

describe('sync engine: whole-request failures', () => {
  it.each(['network', 'network-down', 'server-error', 'invalid-response', 'rate-limited', 'something-new'])(
    '%s on sendBatch keeps everything queued, backs off, and the next drain delivers',
    async (code) => {
      const h = harness();
      await h.enqueue(testEntry(1), testEntry(2));
      h.platform.failNext('sendBatch', { code });
      const report = await h.engine.drainOnce();
      expect(report).toMatchObject({ outcome: 'backoff', error: code, accepted: 0 });
      expect(report.nextAttemptAt).toBeGreaterThanOrEqual(h.clock.t);
      for (const n of [1, 2]) expect(await transactionSummary(h.db, testUlid(n))).toMatchObject({ state: 'pending', lastError: code, attempts: 1 });
      expect(await h.db.outbox.count()).toBe(2);
      expect(h.events).toContainEqual(expect.objectContaining({ type: 'backoff', code, attempt: 1 }));

      expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 2 });
      expect(h.platform.distinctCases()).toBe(2);
    },
  );

  it.each(['network', 'server-error', 'rate-limited'])('%s on an attachment upload ends the drain before any batch', async (code) => {
    const h = harness();
    await h.enqueue(testEntry(1, { attachments: [testAttachment(1)] }));
    h.platform.failNext('uploadAttachment', { code });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'backoff', error: code });
    expect(h.platform.calls).not.toContain('sendBatch');
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 1 });
  });

  it('is offline when health says so or cannot be reached, and sends nothing', async () => {
    const h = harness();
    await h.enqueue(testEntry(1));
    h.platform.online = false;
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'offline', error: 'offline', requests: 1 });
    h.platform.online = true;
    h.platform.failNext('health', { code: 'network-down' });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'offline', error: 'network-down' });
    expect(h.platform.calls).toEqual(['health', 'health']);
    expect((await h.engine.snapshot()).online).toBe(false);
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 1 });
    expect(await h.engine.snapshot()).toMatchObject({ online: true, clockOffsetMs: -1320, pending: 0 });
  });

  it('honours Retry-After as a lower bound: no request before it', async () => {
    const h = harness();
    h.random.value = 0; // jitter would say "now"
    await h.enqueue(testEntry(1));
    h.platform.failNext('sendBatch', { code: 'rate-limited', retryAfterMs: 30_000 });
    const report = await h.engine.drainOnce();
    expect(report.nextAttemptAt).toBe(h.clock.t + 30_000);

    h.clock.t += 29_999;
    const calls = h.platform.calls.length;
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'backoff', requests: 0 });
    expect(h.platform.calls).toHaveLength(calls);

    h.clock.t += 1;
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 1 });
  });

  it('a request applied without an answer is resent unchanged and comes back duplicate: exactly one case', async () => {
    const h = harness();
    const entry = testEntry(5, { attachments: [testAttachment(5)] });
    await h.enqueue(entry, testEntry(6));
    h.platform.failNext('sendBatch', { code: 'network', applied: true });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'backoff', accepted: 0 });
    expect(h.platform.distinctCases()).toBe(2); // the platform has them, the kiosk does not know
    expect(await transactionSummary(h.db, testUlid(5))).toMatchObject({ state: 'pending', attempts: 1, lastError: 'network' });

    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 0, duplicates: 2 });
    expect(h.platform.distinctCases()).toBe(2);
    const sends = h.platform.received.filter((r) => r.id === testUlid(5));
    expect(sends).toHaveLength(2);
    expect(sends[1]?.ciphertext).toEqual(sends[0]?.ciphertext);
    expect(sends[0]?.ciphertext).toEqual(entry.transaction.sealed.ciphertext);
    expect(await transactionSummary(h.db, testUlid(5))).toMatchObject({ state: 'duplicate', caseNumber: h.platform.cases.get(testUlid(5))?.caseNumber });
  });

  it('413 halves the batch until it fits', async () => {
    const h = harness();
    h.platform.maxBatchItems = 10;
    await h.enqueue(...Array.from({ length: 30 }, (_, i) => testEntry(i + 1)));
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 30 });
    // the two halves of 15 go out together (two batches on the wire) and are both refused
    expect(h.platform.batchSizes).toEqual([30, 15, 15, 7, 7, 7, 7, 2]);
    expect(h.events).toContainEqual({ type: 'batch-size', size: 7 });
    expect(h.platform.distinctCases()).toBe(30);
  });

  it('413 for a single item dead-letters it and carries on', async () => {
    const h = harness({ batchSize: 1 });
    h.platform.maxBatchItems = 0;
    await h.enqueue(testEntry(1));
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', deadLettered: 1 });
    expect(await h.db.deadLetters.get(testUlid(1))).toMatchObject({ reason: { code: 'too-large' }, source: 'request' });
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('dead');
  });

  it.each(['too-large', 'digest-mismatch'] as const)('an attachment refused with %s dead-letters every transaction that references it', async (code) => {
    const h = harness();
    const bad = testAttachment(1);
    if (code === 'too-large') h.platform.tooLargeAttachments.add(bad.sha256);
    else h.platform.badDigestAttachments.add(bad.sha256);
    await h.enqueue(testEntry(1, { attachments: [bad] }), testEntry(2, { attachments: [testAttachment(2)] }), testEntry(3, { attachments: [bad] }));
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 1, deadLettered: 2 });
    for (const n of [1, 3]) {
      expect(await h.db.deadLetters.get(testUlid(n))).toMatchObject({ reason: { code, field: `attachments[sha256=${bad.sha256}]` }, source: 'attachment' });
    }
    expect(h.platform.received.map((r) => r.id)).toEqual([testUlid(2)]);
  });

  it.each(['unauthorized', 'not-enrolled'] as const)('%s pauses sync, keeps everything queued, alerts, and resumes after re-enrolment', async (code) => {
    const h = harness();
    await h.enqueue(testEntry(1), testEntry(2));
    h.platform.failNext('sendBatch', { code });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'paused', error: code });
    expect(h.events).toContainEqual({ type: 'paused', reason: code });
    expect(await h.db.outbox.count()).toBe(2);

    const calls = h.platform.calls.length;
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'paused', requests: 0 });
    // the pause survives a reload
    const reloaded = h.newEngine();
    expect(await reloaded.drainOnce()).toMatchObject({ outcome: 'paused', requests: 0 });
    expect(await reloaded.snapshot()).toMatchObject({ paused: code, pending: 2 });
    expect(h.platform.calls).toHaveLength(calls);

    await reloaded.resume();
    expect(await reloaded.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 2 });
    expect(await reloaded.snapshot()).toMatchObject({ paused: null, pending: 0 });
  });

  it('a revoked token on upload pauses too', async () => {
    const h = harness();
    await h.enqueue(testEntry(1, { attachments: [testAttachment(1)] }));
    h.platform.revoked = true;
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'paused', error: 'unauthorized' });
    h.platform.revoked = false;
    await h.engine.resume();
    expect(await h.engine.drainOnce()).toMatchObject({ accepted: 1 });
  });

  it('400 never resends the same bytes in a tight loop: split, back off, dead-letter the bad item after a bounded count', async () => {
    const h = harness();
    h.platform.malformed.add(testUlid(2));
    await h.enqueue(testEntry(1), testEntry(2), testEntry(3));

    const first = await h.engine.drainOnce();
    expect(first).toMatchObject({ outcome: 'backoff', error: 'bad-request' });
    expect(h.platform.batchSizes).toEqual([3]);

    // each further drain sends suspects alone, and each 400 for item 2 ends the drain
    const drains = [];
    for (let i = 0; i < MAX_BAD_REQUESTS + 2; i += 1) drains.push(await h.engine.drainOnce());
    expect(await h.db.deadLetters.get(testUlid(2))).toMatchObject({ reason: { code: 'bad-request', message: 'malformed item' }, source: 'request' });
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('accepted');
    expect((await transactionSummary(h.db, testUlid(3)))?.state).toBe('accepted');
    // item 2 went out in 1 + MAX_BAD_REQUESTS requests, each time in a different drain
    expect(h.platform.batchSizes).toEqual([3, 1, 1, 1, 1, 1]);
    expect(drains.map((d) => d.outcome).slice(0, MAX_BAD_REQUESTS)).toEqual(['backoff', 'backoff', 'drained']);
  });

  it('a 400 on an attachment upload backs off and dead-letters after the bound', async () => {
    const h = harness();
    await h.enqueue(testEntry(1, { attachments: [testAttachment(1)] }));
    for (let i = 0; i < MAX_BAD_REQUESTS; i += 1) h.platform.failNext('uploadAttachment', { code: 'bad-request' });
    const outcomes = [];
    for (let i = 0; i < MAX_BAD_REQUESTS; i += 1) outcomes.push((await h.engine.drainOnce()).outcome);
    expect(outcomes).toEqual(['backoff', 'backoff', 'drained']);
    expect(await h.db.deadLetters.get(testUlid(1))).toMatchObject({ reason: { code: 'bad-request' }, source: 'attachment' });
    expect(h.platform.calls).not.toContain('sendBatch');
  });
});
