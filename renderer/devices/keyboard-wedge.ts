/**
 * Tells a keyboard-wedge scanner apart from a person typing (issue 3 item 4). A scanner "types"
 * a whole code in a burst — a few ms between keys — and ends with Enter; people type 100+ ms
 * apart. Pure logic, no DOM globals: feed it `{key, timeStamp}` from keydown events (timeStamp in
 * ms, as `KeyboardEvent.timeStamp`); it returns the code when a burst ends in Enter, and tells
 * the caller whether to swallow the key (only keys of a burst in progress).
 */
export interface WedgeKey {
  readonly key: string;
  readonly timeStamp: number;
}

export interface KeyboardWedgeOptions {
  /** the longest gap between two keys of a scan */
  readonly maxInterKeyMs?: number;
  /** shorter bursts (a fast double key press) are typing, not a scan */
  readonly minLength?: number;
  /** bound on a burst's length: a stuck key is not allowed to grow a buffer without end */
  readonly maxLength?: number;
}

export type WedgeOutcome = { readonly type: 'code'; readonly text: string } | { readonly type: 'none' };

export interface KeyboardWedge {
  feed(event: WedgeKey): WedgeOutcome;
  reset(): void;
}

export function createKeyboardWedge(options: KeyboardWedgeOptions = {}): KeyboardWedge {
  const maxInterKeyMs = options.maxInterKeyMs ?? 35;
  const minLength = options.minLength ?? 4;
  const maxLength = options.maxLength ?? 4096;
  let buffer = '';
  let last = Number.NEGATIVE_INFINITY;
  // a burst is only "fast" if every gap so far was fast; the first key starts a candidate
  let fast = true;

  return {
    feed({ key, timeStamp }) {
      const gap = timeStamp - last;
      last = timeStamp;
      if (gap > maxInterKeyMs) {
        buffer = '';
        fast = true;
      }
      if (key === 'Enter') {
        const text = buffer;
        buffer = '';
        if (fast && gap <= maxInterKeyMs && text.length >= minLength) return { type: 'code', text };
        return { type: 'none' };
      }
      // printable characters only (Shift, Tab, arrows… have longer key names)
      if ([...key].length !== 1) return { type: 'none' };
      if (buffer.length >= maxLength) {
        buffer = '';
        fast = false;
        return { type: 'none' };
      }
      buffer += key;
      return { type: 'none' };
    },
    reset() {
      buffer = '';
      last = Number.NEGATIVE_INFINITY;
      fast = true;
    },
  };
}
