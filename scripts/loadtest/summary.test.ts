import { describe, expect, it } from 'vitest';
import { exitCodeFor, formatSummary, isConsistent, summarise } from './summary';

const counts = (enqueued: number, accepted: number, duplicates: number, rejected: number, pending: number) => ({ enqueued, accepted, duplicates, rejected, pending });

describe('load-test accounting', () => {
  it('prints exactly the keys of issue 4 item 7, with throughput from accepted transactions', () => {
    const r = summarise(counts(100, 100, 7, 0, 0), 4000);
    expect(Object.keys(r)).toEqual(['enqueued', 'accepted', 'duplicates', 'rejected', 'pending', 'elapsedMs', 'txPerSec']);
    expect(r).toEqual({ enqueued: 100, accepted: 100, duplicates: 7, rejected: 0, pending: 0, elapsedMs: 4000, txPerSec: 25 });
  });

  it('counts a duplicate as accepted once: exit 0 when every transaction is final at the platform', () => {
    const r = summarise(counts(10, 10, 10, 0, 0), 1000);
    expect(isConsistent(r)).toBe(true);
    expect(exitCodeFor(r, 10)).toBe(0);
  });

  it('fails when anything is rejected, pending, or never reached the outbox', () => {
    expect(exitCodeFor(summarise(counts(10, 9, 0, 1, 0), 1000), 10)).toBe(1);
    expect(exitCodeFor(summarise(counts(10, 8, 0, 0, 2), 1000), 10)).toBe(1);
    expect(exitCodeFor(summarise(counts(9, 9, 0, 0, 0), 1000), 10)).toBe(1);
  });

  it('keeps enqueued = accepted + rejected + pending, duplicates within accepted', () => {
    expect(isConsistent(counts(10, 6, 2, 1, 3))).toBe(true);
    expect(isConsistent(counts(10, 6, 2, 1, 2))).toBe(false);
    expect(isConsistent(counts(10, 6, 7, 1, 3))).toBe(false);
    expect(exitCodeFor(summarise(counts(10, 10, 0, 0, 1), 1000), 10)).toBe(1);
  });

  it('reports zero throughput for a zero-length run instead of dividing by zero', () => {
    expect(summarise(counts(0, 0, 0, 0, 0), 0).txPerSec).toBe(0);
  });

  it('writes a readable summary that says what was seen', () => {
    const text = formatSummary(summarise(counts(5, 3, 1, 1, 1), 2500), {
      requested: 6,
      enqueueFailures: 1,
      timedOut: true,
      codes: { 'sync:server-error': 2, 'rejected:idempotency-conflict': 1 },
    });
    expect(text).toContain('3/6 accepted (1 as duplicates');
    expect(text).toContain('1 failed before reaching the outbox');
    expect(text).toContain('timed out');
    expect(text).toContain('rejected:idempotency-conflict×1');
    expect(text).toMatch(/FAIL/);
  });
});
