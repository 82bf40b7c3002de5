import type { DeviceState } from '../device-status';
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
 * What each outcome says about the reader itself: card-level outcomes (no card, card removed, a
 * card that fails authentication) leave it ready; faults of the reader, the SAM or the line do
 * not. One table, so the driver's status and kioskctl's exit codes cannot disagree; a Record so
 * a new code does not compile until it is classified.
 */
const OUTCOME_KIND: Readonly<Record<IdReaderErrorCode, 'card' | 'reader'>> = {
  'no-card': 'card',
  'card-removed': 'card',
  'read-failed': 'card',
  'unknown-card': 'card',
  'card-auth-failed': 'card',
  cancelled: 'card',
  busy: 'card',
  'photo-decoder-missing': 'card',
  'photo-decoder-failed': 'card',
  'device-unreachable': 'reader',
  'protocol-error': 'reader',
  'sam-fault': 'reader',
};

export const isIdReaderErrorCode = (code: string): code is IdReaderErrorCode => Object.hasOwn(OUTCOME_KIND, code);

/** true for outcomes of the card (or the wait for one), false for faults of the reader, the SAM or the line */
export const isCardLevel = (code: IdReaderErrorCode): boolean => OUTCOME_KIND[code] === 'card';

/** Card-level outcomes leave the reader ready; reader faults make it `error` until a later exchange succeeds. */
export function stateAfter(code: IdReaderErrorCode): DeviceState {
  return isCardLevel(code) ? { state: 'ready' } : { state: 'error', code };
}
