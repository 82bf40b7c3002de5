import { permitLayoutFor } from '../../mrz';

/**
 * Groups the text lines an MRZ reader sends into documents (pure; time is passed in). Readers
 * send each MRZ line terminated by CR/LF: a TD3 passport is two 44-character lines sent in
 * quick succession, a CS/CD permit one 30-character line (domain-notes §3.2–3.4). Some readers
 * send the two TD3 lines without a separator (88 characters). A first TD3 line with no second
 * line within `interLineTimeoutMs` is an incomplete read (document moved during the swipe).
 */
export type AssemblerEvent =
  | { readonly type: 'document'; readonly lines: readonly string[] }
  | { readonly type: 'error'; readonly code: 'not-mrz' | 'incomplete-document' };

export interface AssemblerState {
  readonly pending?: { readonly line: string; readonly since: number };
}

export const initialAssemblerState: AssemblerState = {};

const TD3 = 44;

export function assembleMrzLine(state: AssemblerState, rawLine: string, now: number, interLineTimeoutMs: number): [AssemblerState, AssemblerEvent[]] {
  const [afterExpiry, events] = expireMrzLine(state, now, interLineTimeoutMs);
  const line = rawLine.trim();
  const pending = afterExpiry.pending;
  if (pending) {
    if (line.length === TD3 && !line.startsWith('P')) return [initialAssemblerState, [...events, { type: 'document', lines: [pending.line, line] }]];
    events.push({ type: 'error', code: 'incomplete-document' });
  }
  if (line.length === 2 * TD3 && line.startsWith('P')) return [initialAssemblerState, [...events, { type: 'document', lines: [line.slice(0, TD3), line.slice(TD3)] }]];
  if (line.length === TD3 && line.startsWith('P')) return [{ pending: { line, since: now } }, events];
  if (permitLayoutFor(line) && line.length <= 32) return [initialAssemblerState, [...events, { type: 'document', lines: [line] }]];
  return [initialAssemblerState, [...events, { type: 'error', code: 'not-mrz' }]];
}

/** Reports a first TD3 line whose partner did not come in time. */
export function expireMrzLine(state: AssemblerState, now: number, interLineTimeoutMs: number): [AssemblerState, AssemblerEvent[]] {
  if (state.pending && now - state.pending.since >= interLineTimeoutMs) return [initialAssemblerState, [{ type: 'error', code: 'incomplete-document' }]];
  return [state, []];
}
