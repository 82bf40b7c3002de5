import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testEntry } from '../outbox/testing';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffCeiling, backoffDelay } from './backoff';
import { harness } from './harness';

describe('backoff with full jitter', () => {
  it('stays within [0, min(cap, base × 2^attempt)] for any attempt and random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const d = backoffDelay({ attempt, random: () => r });
        const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(ceiling);
        expect(d).toBeLessThanOrEqual(10 * 60 * 1000);
      }),
    );
  });

  it('uses the whole window: 0 at random 0, close to the ceiling near 1', () => {
    expect(backoffDelay({ attempt: 3, random: () => 0 })).toBe(0);
    expect(backoffDelay({ attempt: 3, random: () => 0.999 })).toBe(Math.floor(0.999 * 8000));
    expect(backoffCeiling(0)).toBe(1000);
    expect(backoffCeiling(9)).toBe(512_000);
    expect(backoffCeiling(10)).toBe(BACKOFF_CAP_MS);
    expect(backoffCeiling(5000)).toBe(BACKOFF_CAP_MS);
  });

  it('never undercuts Retry-After, and Retry-After may exceed the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 3_600_000 }), (attempt, r, retryAfterMs) => {
        const d = backoffDelay({ attempt, random: () => r, retryAfterMs });
        expect(d).toBeGreaterThanOrEqual(retryAfterMs);
        expect(d).toBeLessThanOrEqual(Math.max(retryAfterMs, backoffCeiling(attempt)));
      }),
    );
  });

  it('the engine grows the window with each failure, caps it at 10 minutes, and resets it after success', async () => {
    const h = harness();
    h.random.value = 0.999_999;
    await h.enqueue(testEntry(1));
    h.platform.failNext('sendBatch', { code: 'server-error' }, 14);
    const delays: number[] = [];
    for (let i = 0; i < 14; i += 1) {
      const report = await h.engine.drainOnce();
      expect(report.outcome).toBe('backoff');
      delays.push((report.nextAttemptAt ?? 0) - h.clock.t);
    }
    expect(delays.slice(0, 4)).toEqual([999, 1999, 3999, 7999]);
    expect(delays.slice(10)).toEqual([599_999, 599_999, 599_999, 599_999]);
    for (const [i, d] of delays.entries()) expect(d).toBeLessThanOrEqual(backoffCeiling(i));

    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 1 });
    expect((await h.engine.snapshot()).backoffAttempt).toBe(0);
  });

  it('the backoff survives a reload', async () => {
    const h = harness();
    await h.enqueue(testEntry(1));
    h.platform.failNext('sendBatch', { code: 'rate-limited', retryAfterMs: 120_000 });
    await h.engine.drainOnce();
    const reloaded = h.newEngine();
    expect(await reloaded.drainOnce()).toMatchObject({ outcome: 'backoff', requests: 0 });
    expect(await reloaded.snapshot()).toMatchObject({ backoffAttempt: 1, nextAttemptAt: h.clock.t + 120_000 });
  });
});
