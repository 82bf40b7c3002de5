import { describe, expect, it } from 'vitest';
import { transactionSummary } from '../outbox/queries';
import { testAttachment, testEntry, testUlid } from '../outbox/testing';
import { BACKOFF_CAP_MS, OFFLINE_PROBE_CAP_MS } from './backoff';
import type { Fault, Method } from './fake-platform';
import { harness } from './harness';
import type { Harness } from './harness';
import type { SyncEvent } from './types';

/** Runs the engine on its own timers, moving the clock to each timer, until nothing is queued. */
async function runUntilDrained(h: Harness, maxDrains: number): Promise<number> {
  await h.engine.start();
  let drains = 0;
  while (drains < maxDrains) {
    const due = h.timers.delays();
    if (due.length === 0) break;
    h.clock.t += Math.max(0, ...due);
    h.timers.fireAll();
    await h.engine.drainOnce(); // the drain the timer started (there is never a second one)
    drains += 1;
    if ((await h.engine.snapshot()).pending === 0) break;
  }
  await h.engine.stop();
  return drains;
}

const backoffs = (events: readonly SyncEvent[]) => events.flatMap((e) => (e.type === 'backoff' ? [e] : []));

describe('sync engine under a steady fraction of failures', () => {
  it('counts consecutive failures only: every third request failing, all is delivered exactly once', async () => {
    const h = harness({ batchSize: 5 });
    h.random.value = 0.999_999; // the longest delay each window allows
    const entries = Array.from({ length: 30 }, (_, i) => testEntry(i + 1, { attachments: [testAttachment(i + 1)] }));
    await h.enqueue(...entries);
    // batches are applied and then the answer is lost; everything else fails outright
    h.platform.failEvery = { every: 3, fault: (m: Method): Fault => (m === 'sendBatch' ? { code: 'network', applied: true } : { code: 'server-error' }) };

    const drains = await runUntilDrained(h, 500);

    expect(await h.db.outbox.count()).toBe(0);
    expect(h.platform.distinctCases()).toBe(30);
    for (const [i, entry] of entries.entries()) {
      const t = await transactionSummary(h.db, testUlid(i + 1));
      expect(['accepted', 'duplicate']).toContain(t?.state);
      expect(t?.caseNumber).toBe(h.platform.cases.get(entry.transaction.id)?.caseNumber);
      // every send of an item carried the bytes sealed at confirmation
      for (const r of h.platform.received.filter((x) => x.id === entry.transaction.id)) expect(r.ciphertext).toEqual(entry.transaction.sealed.ciphertext);
    }
    // a drain that got something through before failing starts the count again: the window never
    // grows past the first few steps, where a count of failed drains would have reached the cap
    const attempts = backoffs(h.events).map((e) => e.attempt);
    expect(attempts.length).toBeGreaterThan(5);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(3);
    expect(drains).toBeLessThan(200);
  });

  it('a drain that made progress before failing retries within the first step; one that did not keeps doubling', async () => {
    const h = harness({ batchSize: 2 });
    h.random.value = 0.999_999;
    await h.enqueue(testEntry(1), testEntry(2), testEntry(3), testEntry(4));
    // both batches are on the wire together: each drain meets two failures
    h.platform.failNext('sendBatch', { code: 'server-error' }, 6);
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) delays.push(((await h.engine.drainOnce()).nextAttemptAt ?? 0) - h.clock.t);
    expect(delays).toEqual([999, 1999, 3999]);

    // the first batch goes through, the second fails: the count starts again
    h.platform.passNext('sendBatch');
    h.platform.failNext('sendBatch', { code: 'server-error' });
    const partial = await h.engine.drainOnce();
    expect(partial).toMatchObject({ outcome: 'backoff', accepted: 2 });
    expect((partial.nextAttemptAt ?? 0) - h.clock.t).toBe(999);
    // the rest fails with nothing through: the window doubles from there
    h.platform.failNext('sendBatch', { code: 'server-error' });
    expect(((await h.engine.drainOnce()).nextAttemptAt ?? 0) - h.clock.t).toBe(1999);
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 2 });
    expect((await h.engine.snapshot()).backoffAttempt).toBe(0);
  });

  it('while offline, probes within a window that stops growing at 10 s; a platform that answers with 5xx still backs off to 10 minutes', async () => {
    const h = harness();
    h.random.value = 0.999_999;
    await h.enqueue(testEntry(1));
    h.platform.online = false;
    const offline: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const report = await h.engine.drainOnce();
      expect(report.outcome).toBe('offline');
      offline.push((report.nextAttemptAt ?? 0) - h.clock.t);
    }
    expect(offline.slice(0, 4)).toEqual([999, 1999, 3999, 7999]);
    expect(offline.slice(4)).toEqual(Array.from({ length: 8 }, () => OFFLINE_PROBE_CAP_MS - 1));
    expect(OFFLINE_PROBE_CAP_MS).toBeLessThan(30_000);

    // back online, but the batch endpoint fails: that count starts from the first step, not from
    // the offline one, and grows to the 10-minute cap
    h.platform.online = true;
    h.platform.failNext('sendBatch', { code: 'server-error' }, 12);
    const failing: number[] = [];
    for (let i = 0; i < 12; i += 1) failing.push(((await h.engine.drainOnce()).nextAttemptAt ?? 0) - h.clock.t);
    expect(failing.slice(0, 3)).toEqual([999, 1999, 3999]);
    expect(failing.at(-1)).toBe(BACKOFF_CAP_MS - 1);
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 1 });
  });
});
