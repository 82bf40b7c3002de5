import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encodeFrame, HEADER_LENGTH, initialDecoderState, MAX_LEN, type DecodeEvent, type DecoderState } from './frame-codec';

const BOUND = HEADER_LENGTH + MAX_LEN;

function feed(chunks: readonly Uint8Array[]): { events: DecodeEvent[]; maxPending: number; state: DecoderState } {
  let state = initialDecoderState;
  const events: DecodeEvent[] = [];
  let maxPending = 0;
  for (const chunk of chunks) {
    const out = decode(state, chunk);
    state = out.state;
    events.push(...out.events);
    maxPending = Math.max(maxPending, state.pending.length);
  }
  return { events, maxPending, state };
}

/** Splits bytes at the given cut points. */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.slice(from, p));
    from = p;
  }
  out.push(bytes.slice(from));
  return out;
}

const body = fc.uint8Array({ minLength: 2, maxLength: 300 });
const frames = fc.array(body, { minLength: 1, maxLength: 6 });
const concat = (parts: readonly Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const PREAMBLE_HEAVY = fc.uint8Array({ maxLength: 400 }).map((b) => b.map((x, i) => (i % 7 === 0 ? 0xaa : x)));

describe('SAM decoder properties', () => {
  it('random bytes in random chunks: never throws, stays bounded, finishes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 3000 }), PREAMBLE_HEAVY), { maxLength: 20 }), (chunks) => {
        const { maxPending } = feed(chunks);
        expect(maxPending).toBeLessThanOrEqual(BOUND);
      }),
      { numRuns: 300 },
    );
  });

  it('a huge declared length never makes the buffer grow past the frame bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.array(fc.uint8Array({ minLength: 1, maxLength: 4096 }), { maxLength: 8 }), (len, tail) => {
        const header = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, len >> 8, len & 0xff);
        expect(feed([header, ...tail]).maxPending).toBeLessThanOrEqual(BOUND);
      }),
      { numRuns: 200 },
    );
  });

  it('valid frames decode the same however the stream is chunked', () => {
    fc.assert(
      fc.property(frames, fc.array(fc.nat(), { maxLength: 30 }), (bodies, cuts) => {
        const stream = concat(bodies.map(encodeFrame));
        const got = feed(split(stream, cuts)).events.flatMap((e) => (e.type === 'frame' ? [[...e.body]] : []));
        expect(got).toEqual(bodies.map((b) => [...b]));
      }),
      { numRuns: 300 },
    );
  });

  it('frames separated by noise without 0xAA are all recovered, in order', () => {
    const noise = fc.uint8Array({ maxLength: 50 }).map((b) => b.filter((x) => x !== 0xaa));
    fc.assert(
      fc.property(fc.array(fc.tuple(noise, body), { minLength: 1, maxLength: 5 }), noise, fc.array(fc.nat(), { maxLength: 20 }), (pairs, trailing, cuts) => {
        const stream = concat([...pairs.flatMap(([n, b]) => [n, encodeFrame(b)]), trailing]);
        const got = feed(split(stream, cuts)).events.flatMap((e) => (e.type === 'frame' ? [[...e.body]] : []));
        expect(got).toEqual(pairs.map(([, b]) => [...b]));
      }),
      { numRuns: 300 },
    );
  });

  it('mutated frames (flips, drops, insertions): never throws, stays bounded, and every frame it yields passed the checksum', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), value: fc.constant(0) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    );
    fc.assert(
      fc.property(frames, fc.array(mutation, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 20 }), (bodies, mutations, cuts) => {
        const bytes = [...concat(bodies.map(encodeFrame))];
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          if (m.kind === 'flip' && at < bytes.length) bytes[at] = (bytes[at] ?? 0) ^ m.value;
          else if (m.kind === 'drop') bytes.splice(at, 1);
          else if (m.kind === 'insert') bytes.splice(at, 0, m.value);
        }
        const { events, maxPending } = feed(split(Uint8Array.from(bytes), cuts));
        expect(maxPending).toBeLessThanOrEqual(BOUND);
        for (const e of events) {
          if (e.type !== 'frame') continue;
          // re-framing a yielded body must give a frame that is a substring of the input
          const again = [...encodeFrame(e.body)].join(',');
          expect(bytes.join(',')).toContain(again);
        }
      }),
      { numRuns: 300 },
    );
  });
});
