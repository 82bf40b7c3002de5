import type { DeviceState } from './device-status';

/**
 * A driver's current status and its listeners. Every set() is announced, even an unchanged
 * state (the id reader's StatusStore, which drops repeats, is deliberately a separate thing).
 */
export interface StatusHolder {
  readonly current: DeviceState;
  set(next: DeviceState): void;
  /** returns the unsubscribe function */
  subscribe(listener: (state: DeviceState) => void): () => void;
}

/** Starts `disconnected`: a driver has no device until its first connection. */
export function createStatusHolder(): StatusHolder {
  const listeners = new Set<(state: DeviceState) => void>();
  let current: DeviceState = { state: 'disconnected' };
  return {
    get current() {
      return current;
    },
    set(next) {
      current = next;
      // a copy: a listener may unsubscribe while being told
      for (const l of [...listeners]) l(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
