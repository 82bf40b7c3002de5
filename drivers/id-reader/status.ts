import type { DeviceState } from '../device-status';
import { assertNever } from '../result';
import type { IdReaderErrorCode } from './types';

/**
 * The reader's status union (DESIGN.md "Devices"). Listeners hear each change once.
 */
export class StatusStore {
  private state: DeviceState = { state: 'disconnected' };
  private readonly listeners = new Set<(state: DeviceState) => void>();

  get current(): DeviceState {
    return this.state;
  }

  set(next: DeviceState): void {
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  subscribe(listener: (state: DeviceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * What an operation's outcome says about the reader itself: card-level outcomes (no card, card
 * removed, a card that fails authentication) leave it ready; faults of the reader, the SAM or the
 * line make it `error` until a later exchange succeeds.
 */
export function stateAfter(code: IdReaderErrorCode): DeviceState {
  switch (code) {
    case 'no-card':
    case 'card-removed':
    case 'read-failed':
    case 'unknown-card':
    case 'card-auth-failed':
    case 'cancelled':
    case 'busy':
    case 'photo-decoder-missing':
    case 'photo-decoder-failed':
      return { state: 'ready' };
    case 'device-unreachable':
    case 'protocol-error':
    case 'sam-fault':
      return { state: 'error', code };
    default:
      return assertNever(code, 'id reader error code');
  }
}
