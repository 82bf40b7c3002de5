import { describe, expect, it, vi } from 'vitest';
import { MAX_BATCHES_PER_CALL } from '../../electron/api/contract';
import { CALLS_IN_FLIGHT } from '../../electron/api/send-in-turn';
import { transactionSummary } from '../outbox/queries';
import { openOutboxDb } from '../outbox/db';
import { freshFactory, testAttachment, testEntry, testUlid } from '../outbox/testing';
import { createSyncEngine } from './engine';
import { FakePlatform, ManualTimers } from './fake-platform';
import { harness } from './harness';

describe('sync engine: lifecycle', () => {
  it('runs exactly one drain at a time', async () => {
    const h = harness();
    await h.enqueue(testEntry(1), testEntry(2));
    const held = h.platform.holdNext('sendBatch');
    const a = h.engine.drainOnce();
    const b = h.engine.drainOnce();
    expect(b).toBe(a);
    await held.reached;
    expect(await h.engine.snapshot()).toMatchObject({ draining: true });
    const c = h.engine.drainOnce();
    expect(c).toBe(a);
    held.release({ code: 'network' });
    await a;
    expect(h.platform.maxInFlight).toBe(1);
    expect(h.platform.calls).toEqual(['health', 'sendBatch']);
  });

  it('survives a reload mid-drain: the item in flight is pending again and comes back duplicate', async () => {
    const h = harness();
    const entry = testEntry(1, { attachments: [testAttachment(1)] });
    await h.enqueue(entry);
    // the platform applies the batch; the answer never arrives because the renderer reloads
    const held = h.platform.holdNext('sendBatch', { applied: true });
    const lost = h.engine.drainOnce();
    await held.reached;
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('pending');

    const reloaded = h.newEngine();
    await reloaded.start();
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('pending');
    h.timers.fireAll();
    const report = await reloaded.drainOnce();
    expect(report).toMatchObject({ duplicates: 1, accepted: 0 });
    expect(h.platform.distinctCases()).toBe(1);
    const sends = h.platform.received.filter((r) => r.id === testUlid(1));
    expect(sends.map((s) => s.ciphertext)).toEqual([entry.transaction.sealed.ciphertext, entry.transaction.sealed.ciphertext]);

    held.release({ code: 'network' });
    await lost;
    await reloaded.stop();
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('duplicate');
  });

  it('start() has the host forget journal entries the outbox holds as accepted, and only those', async () => {
    const h = harness();
    await h.enqueue(testEntry(1), testEntry(2));
    h.platform.failNext('sendBatch', { code: 'server-error' });
    await h.engine.drainOnce();
    await h.enqueue(testEntry(3));
    // #3 alone is accepted; the host's deletion of its entry is lost (the fake keeps every entry)
    await h.db.outbox.bulkUpdate([testUlid(1), testUlid(2)].map((key) => ({ key, changes: { nextAttemptAt: Number.MAX_SAFE_INTEGER } })));
    h.clock.t += 1;
    expect(await h.engine.drainOnce()).toMatchObject({ accepted: 1 });
    expect(h.platform.forgotten).toEqual([]);

    const restarted = h.newEngine();
    await restarted.start();
    expect(h.platform.forgotten).toEqual([testUlid(3)]);
    expect(h.platform.journal.map((e) => e.transaction.id)).toEqual([testUlid(1), testUlid(2)]);
    await restarted.stop();
  });

  it('start() restores from the host journal after IndexedDB was deleted, then delivers exactly once', async () => {
    const platform = new FakePlatform();
    const timers = new ManualTimers();
    const factory = freshFactory();
    const entry = testEntry(3, { attachments: [testAttachment(3)] });
    platform.journal = [entry];
    const lostDb = openOutboxDb({ name: 'outbox', ...factory });
    await lostDb.delete();

    const db = openOutboxDb({ name: 'outbox', ...factory });
    const events: unknown[] = [];
    const engine = createSyncEngine({ db, kiosk: platform.client(), now: () => 1_000, random: () => 0.5, ...timers, onEvent: (e) => events.push(e) });
    await engine.start();
    expect(events).toContainEqual({ type: 'restored', count: 1 });
    expect(timers.delays()).toEqual([0]);
    timers.fireAll();
    expect(await engine.drainOnce()).toMatchObject({ accepted: 1 }); // the drain the timer started
    await engine.stop();
    expect(await transactionSummary(db, testUlid(3))).toMatchObject({ state: 'accepted' });
    expect(platform.received.map((r) => r.ciphertext)).toEqual([entry.transaction.sealed.ciphertext]);
    expect(platform.uploads).toEqual([testAttachment(3).sha256]);
  });

  it('start() reads the host journal page by page: a long queue restores whole', async () => {
    const platform = new FakePlatform();
    const timers = new ManualTimers();
    platform.journal = Array.from({ length: 120 }, (_, i) => testEntry(i + 1));
    const db = openOutboxDb({ name: 'outbox', ...freshFactory() });
    const events: unknown[] = [];
    const engine = createSyncEngine({ db, kiosk: platform.client(), now: () => 1_000, random: () => 0.5, ...timers, onEvent: (e) => events.push(e) });
    await engine.start();
    await engine.stop();
    expect(events).toContainEqual({ type: 'restored', count: 120 });
    expect(await db.transactions.count()).toBe(120);
  });

  it('schedules itself: backoff after a failure, a kick for new work, nothing while paused or stopped', async () => {
    const h = harness();
    h.random.value = 0.5;
    await h.engine.start();
    expect(h.timers.delays()).toEqual([0]);
    h.timers.fireAll();
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', requests: 1 }); // the timer's drain

    await h.enqueue(testEntry(1));
    h.platform.failNext('sendBatch', { code: 'server-error' });
    h.engine.kick();
    expect(h.timers.delays()).toEqual([0]);
    h.timers.fireAll();
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'backoff', error: 'server-error' });
    const snap = await h.engine.snapshot();
    expect(snap.backoffAttempt).toBe(1);
    // full jitter on attempt 0: 0.5 × 1 s
    expect(h.timers.delays()).toEqual([500]);
    // a kick does not cut a backoff after the platform answered with a failure
    h.engine.kick();
    expect(h.timers.delays()).toEqual([500]);

    h.clock.t += 500;
    h.timers.fireAll();
    await h.engine.drainOnce();
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('accepted');
    expect((await h.engine.snapshot()).backoffAttempt).toBe(0);

    await h.engine.stop();
    h.engine.kick();
    expect(h.timers.delays()).toEqual([]);
  });

  it('after an offline drain a kick tries at once (the network may be back)', async () => {
    const h = harness();
    await h.enqueue(testEntry(1));
    await h.engine.start();
    h.platform.online = false;
    h.timers.fireAll();
    await h.engine.drainOnce();
    expect(h.timers.delays()).toHaveLength(1);
    expect(h.timers.delays()[0]).toBeGreaterThan(0);
    h.platform.online = true;
    h.engine.kick();
    expect(h.timers.delays()).toEqual([0]);
    h.timers.fireAll();
    expect(await h.engine.drainOnce()).toMatchObject({ accepted: 1 });
    await h.engine.stop();
    expect((await transactionSummary(h.db, testUlid(1)))?.state).toBe('accepted');
  });

  it('stop() lets the calls in flight finish and starts no new one', async () => {
    // batches of 1, so each call holds MAX_BATCHES_PER_CALL of them, and two are left after the calls in flight
    const h = harness({ batchSize: 1 });
    const total = CALLS_IN_FLIGHT * MAX_BATCHES_PER_CALL + 2;
    await h.enqueue(...Array.from({ length: total }, (_, i) => testEntry(i + 1)));
    await h.engine.start();
    const held = h.platform.holdNext('sendBatch');
    h.timers.fireAll();
    await held.reached;
    const running = h.engine.drainOnce();
    await vi.waitFor(() => expect(h.platform.batchCalls).toHaveLength(CALLS_IN_FLIGHT));
    const stopped = h.engine.stop();
    held.release();
    await stopped;
    const inFlight = CALLS_IN_FLIGHT * MAX_BATCHES_PER_CALL;
    expect(await running).toMatchObject({ outcome: 'stopped', accepted: inFlight });
    expect(h.timers.delays()).toEqual([]);
    expect(h.platform.batchCalls).toEqual(Array.from({ length: CALLS_IN_FLIGHT }, () => MAX_BATCHES_PER_CALL));
    expect(h.platform.calls).toEqual(['health', ...Array.from({ length: inFlight }, () => 'sendBatch')]);
    expect(await h.db.outbox.count()).toBe(2);
  });

  it('a kick during a drain runs another one afterwards', async () => {
    const h = harness();
    await h.enqueue(testEntry(1));
    await h.engine.start();
    const held = h.platform.holdNext('health');
    h.timers.fireAll();
    await held.reached;
    await h.enqueue(testEntry(2));
    h.engine.kick();
    expect(h.timers.delays()).toEqual([]);
    held.release({ code: 'network' });
    await h.engine.drainOnce();
    expect(h.timers.delays()).toHaveLength(1);
    await h.engine.stop();
  });
});
