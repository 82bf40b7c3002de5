import type { SyncEvent } from '../sync';
import type { SyncPort } from '../flows/ports';

/** How many recent acceptances to remember: a done screen asks about a transaction seconds old. */
const RECENT = 64;

export interface CaseWaiter {
  /** feed the sync engine's events in */
  onEvent(event: SyncEvent): void;
  waitForCase: SyncPort['waitForCase'];
}

/**
 * Turns the sync engine's `accepted` events into "tell me the case number of this transaction
 * within N ms". Acceptances are remembered briefly, because one can arrive between two waits
 * (before printing, then on the done screen). Holds ids and case numbers only, no personal data.
 */
export function createCaseWaiter(timers: { setTimer: (fn: () => void, ms: number) => unknown; clearTimer: (h: unknown) => void }): CaseWaiter {
  const recent = new Map<string, string>();
  const waiters = new Map<string, Set<(caseNumber: string) => void>>();

  return {
    onEvent(event) {
      if (event.type !== 'accepted') return;
      recent.set(event.id, event.caseNumber);
      if (recent.size > RECENT) {
        const oldest = recent.keys().next();
        if (!oldest.done) recent.delete(oldest.value);
      }
      for (const resolve of waiters.get(event.id) ?? []) resolve(event.caseNumber);
      waiters.delete(event.id);
    },
    waitForCase(id, timeoutMs) {
      const known = recent.get(id);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise<string | null>((resolve) => {
        const set = waiters.get(id) ?? new Set();
        waiters.set(id, set);
        const settle = (value: string | null) => {
          timers.clearTimer(handle);
          set.delete(onAccepted);
          if (set.size === 0 && waiters.get(id) === set) waiters.delete(id);
          resolve(value);
        };
        const onAccepted = (caseNumber: string) => settle(caseNumber);
        const handle = timers.setTimer(() => settle(null), timeoutMs);
        set.add(onAccepted);
      });
    },
  };
}
