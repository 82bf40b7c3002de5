/**
 * SAM protocol framing (GA/T 467 §7; domain-notes §1.3):
 *   Preamble AA AA AA 96 69 | Len1 Len2 (big-endian, counts body + CHK_SUM) | body | CHK_SUM
 * where CHK_SUM is the XOR of Len1..last body byte. Host→reader bodies are CMD Para Data;
 * reader→host bodies are SW1 SW2 SW3 Data. This file only frames; meaning lives in commands.ts.
 */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + 2 length bytes. */
export const HEADER_LENGTH = 7;
/**
 * Largest Len accepted: the biggest known answer is 30 10 with two fingerprint templates,
 * Len 0x090A (§1.6). Anything larger is a corrupted length, so the decoder resyncs instead of
 * waiting for kilobytes that will never come.
 */
export const MAX_LEN = 0x0a00;
/** Smallest Len: three bytes of body (CMD Para, or SW1 SW2 SW3 minus one) + CHK_SUM. */
export const MIN_LEN = 3;

export function xorChecksum(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i += 1) x ^= bytes[i] ?? 0;
  return x;
}

/** Frames a body (bytes between the length and the checksum). */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > MAX_LEN) throw new RangeError(`SAM frame body too long: ${body.length}`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = (len >> 8) & 0xff;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

/** A host→reader command frame: CMD, Para and optional data (§1.4). */
export function encode(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd & 0xff;
  body[1] = para & 0xff;
  body.set(data, 2);
  return encodeFrame(body);
}

export type DecodeEvent =
  | { readonly type: 'frame'; readonly body: Uint8Array }
  /** a complete frame whose checksum did not match: the caller retries the command once */
  | { readonly type: 'checksum-error' }
  /** bytes dropped while looking for a preamble (line noise, a frame cut short) */
  | { readonly type: 'discarded'; readonly count: number };

/** Decoder state: the bytes not yet consumed. Never longer than HEADER_LENGTH + MAX_LEN. */
export interface DecoderState {
  readonly pending: Uint8Array;
}

export const initialDecoderState: DecoderState = { pending: new Uint8Array(0) };

/**
 * Pure streaming decoder: `(state, chunk) → (state, events)`. Chunks may split or merge
 * frames arbitrarily. Resyncs on the preamble after garbage, a length out of bounds or a bad
 * checksum (searching again from the byte after the rejected preamble, so a real frame hidden
 * inside a damaged one is still found).
 */
export function decode(state: DecoderState, chunk: Uint8Array): { state: DecoderState; events: DecodeEvent[] } {
  const buf = concat(state.pending, chunk);
  const events: DecodeEvent[] = [];
  let pos = 0;
  for (;;) {
    const start = findPreamble(buf, pos);
    if (start < 0) {
      // keep only a tail that could still become a preamble
      const keep = partialPreambleTail(buf, pos);
      if (buf.length - keep > pos) events.push({ type: 'discarded', count: buf.length - keep - pos });
      return { state: { pending: buf.slice(buf.length - keep) }, events };
    }
    if (start > pos) events.push({ type: 'discarded', count: start - pos });
    pos = start;
    if (buf.length - pos < HEADER_LENGTH) break;
    const len = ((buf[pos + 5] ?? 0) << 8) | (buf[pos + 6] ?? 0);
    if (len < MIN_LEN || len > MAX_LEN) {
      events.push({ type: 'discarded', count: 1 });
      pos += 1;
      continue;
    }
    const end = pos + HEADER_LENGTH + len;
    if (buf.length < end) break;
    if (xorChecksum(buf, pos + 5, end - 1) === buf[end - 1]) {
      events.push({ type: 'frame', body: buf.slice(pos + HEADER_LENGTH, end - 1) });
      pos = end;
    } else {
      events.push({ type: 'checksum-error' });
      pos += 1;
    }
  }
  return { state: { pending: buf.slice(pos) }, events };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function findPreamble(buf: Uint8Array, from: number): number {
  outer: for (let i = from; i + PREAMBLE.length <= buf.length; i += 1) {
    for (let j = 0; j < PREAMBLE.length; j += 1) if (buf[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest suffix of buf[from..] that is a proper prefix of the preamble. */
function partialPreambleTail(buf: Uint8Array, from: number): number {
  for (let n = Math.min(PREAMBLE.length - 1, buf.length - from); n > 0; n -= 1) {
    let match = true;
    for (let j = 0; j < n; j += 1) if (buf[buf.length - n + j] !== PREAMBLE[j]) match = false;
    if (match) return n;
  }
  return 0;
}
