import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCaseWaiter } from './case-waiter';

const timers = { setTimer: (fn: () => void, ms: number): unknown => setTimeout(fn, ms), clearTimer: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
const accepted = (id: string, caseNumber: string) => ({ type: 'accepted' as const, id, caseNumber, duplicate: false });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createCaseWaiter', () => {
  it('resolves with the case number when the transaction is accepted in time', async () => {
    const waiter = createCaseWaiter(timers);
    const pending = waiter.waitForCase('A', 3000);
    waiter.onEvent(accepted('B', 'CASE-B'));
    waiter.onEvent(accepted('A', 'CASE-A'));
    await expect(pending).resolves.toBe('CASE-A');
  });

  it('resolves null when the time runs out', async () => {
    const waiter = createCaseWaiter(timers);
    const pending = waiter.waitForCase('A', 3000);
    await vi.advanceTimersByTimeAsync(3000);
    await expect(pending).resolves.toBeNull();
    waiter.onEvent(accepted('A', 'CASE-A'));
  });

  it('remembers an acceptance that came between two waits', async () => {
    const waiter = createCaseWaiter(timers);
    waiter.onEvent({ type: 'online', clockOffsetMs: 0 });
    waiter.onEvent(accepted('A', 'CASE-A'));
    await expect(waiter.waitForCase('A', 10)).resolves.toBe('CASE-A');
  });
});
