/**
 * Splits a byte stream into text lines: the framing of serial scanners and serial MRZ readers,
 * which end every code / MRZ line with CR, LF or CR LF (configurable on most devices; we accept
 * all three). Pure: `(state, chunk) → (state, events)` (STYLE.md §3). The buffer is bounded:
 * a line longer than `maxLineBytes` is dropped up to its terminator and reported once, so a
 * stuck or hostile device (10 MB with no terminator) costs at most `maxLineBytes` of memory.
 */
export type LineEvent =
  | { readonly type: 'line'; readonly text: string }
  | { readonly type: 'error'; readonly code: 'line-too-long' | 'invalid-encoding' | 'binary-data' };

export interface LineFramerState {
  readonly pending: Uint8Array;
  /** true while discarding the rest of an over-long line */
  readonly discarding: boolean;
}

export const initialLineFramerState: LineFramerState = { pending: new Uint8Array(0), discarding: false };

const CR = 0x0d;
const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function frameLines(state: LineFramerState, chunk: Uint8Array, maxLineBytes: number): [LineFramerState, LineEvent[]] {
  const events: LineEvent[] = [];
  let pending = state.pending;
  let discarding = state.discarding;
  let start = 0;
  for (let i = 0; i < chunk.length; i += 1) {
    const b = chunk[i];
    if (b !== CR && b !== LF) continue;
    if (discarding) discarding = false;
    else {
      const line = concat(pending, chunk.subarray(start, i));
      // CR LF (and empty lines) produce no empty code
      if (line.length > maxLineBytes) events.push({ type: 'error', code: 'line-too-long' });
      else if (line.length > 0) events.push(decodeLine(line));
    }
    pending = new Uint8Array(0);
    start = i + 1;
  }
  if (!discarding) {
    const rest = chunk.subarray(start);
    if (pending.length + rest.length > maxLineBytes) {
      events.push({ type: 'error', code: 'line-too-long' });
      pending = new Uint8Array(0);
      discarding = true;
    } else if (rest.length > 0) {
      pending = concat(pending, rest);
    }
  }
  return [{ pending, discarding }, events];
}

function decodeLine(bytes: Uint8Array): LineEvent {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { type: 'error', code: 'invalid-encoding' };
  }
  // C0 controls other than TAB and GS (the GS1 field separator in GS1 QR / DataMatrix codes)
  // mean line noise or a binary protocol on the wrong port, not a code
  if (/[\u0000-\u0008\u000a-\u001c\u001e\u001f\u007f]/.test(text)) return { type: 'error', code: 'binary-data' };
  return { type: 'line', text };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return Uint8Array.from(b);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
