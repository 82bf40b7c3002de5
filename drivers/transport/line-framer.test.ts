import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameLines, initialLineFramerState, type LineEvent, type LineFramerState } from './line-framer';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

function feed(chunks: readonly Uint8Array[], max = 64): { events: LineEvent[]; state: LineFramerState } {
  let state = initialLineFramerState;
  const events: LineEvent[] = [];
  for (const c of chunks) {
    const [next, out] = frameLines(state, c, max);
    state = next;
    events.push(...out);
  }
  return { events, state };
}

const lines = (events: readonly LineEvent[]) => events.map((e) => (e.type === 'line' ? e.text : `!${e.code}`));

describe('line framer', () => {
  it('accepts CR, LF and CR LF terminators', () => {
    expect(lines(feed([bytes('A1\rB2\nC3\r\nD4\n\n')]).events)).toEqual(['A1', 'B2', 'C3', 'D4']);
  });

  it('gives the same lines for every split of a chunk', () => {
    const wire = bytes('https://example.invalid/q?a=1\r\n扫码测试\r\nX\r\n');
    const expected = ['https://example.invalid/q?a=1', '扫码测试', 'X'];
    for (let i = 0; i <= wire.length; i += 1) {
      expect(lines(feed([wire.subarray(0, i), wire.subarray(i)]).events)).toEqual(expected);
    }
  });

  it('drops an over-long line once and recovers at the next terminator', () => {
    const { events, state } = feed([bytes('x'.repeat(50)), bytes('y'.repeat(50)), bytes('z'.repeat(50)), bytes('\nOK\n')], 64);
    expect(lines(events)).toEqual(['!line-too-long', 'OK']);
    expect(state.pending.length).toBe(0);
  });

  it('reports invalid UTF-8 and control bytes as coded errors', () => {
    expect(lines(feed([Uint8Array.of(0xff, 0xfe, 0x41, 0x0a)]).events)).toEqual(['!invalid-encoding']);
    expect(lines(feed([Uint8Array.of(0x41, 0x00, 0x42, 0x0d)]).events)).toEqual(['!binary-data']);
    expect(lines(feed([Uint8Array.of(0x30, 0x31, 0x1d, 0x32, 0x0d)]).events)).toEqual(['01\u001d2']);
  });

  it('never throws and keeps its buffer bounded on random input', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), fc.integer({ min: 1, max: 128 }), (chunks, max) => {
        let state = initialLineFramerState;
        for (const c of chunks) {
          const [next, events] = frameLines(state, c, max);
          state = next;
          expect(state.pending.length).toBeLessThanOrEqual(max);
          for (const e of events) if (e.type === 'line') expect(new TextEncoder().encode(e.text).length).toBeLessThanOrEqual(max);
        }
      }),
    );
  });

  it('survives 10 MB without a terminator in bounded memory', () => {
    const mb = new Uint8Array(1024 * 1024).fill(0x41);
    let state = initialLineFramerState;
    let errors = 0;
    for (let i = 0; i < 10; i += 1) {
      const [next, events] = frameLines(state, mb, 4096);
      state = next;
      errors += events.length;
    }
    expect(errors).toBe(1);
    expect(state.pending.length).toBe(0);
    expect(lines(frameLines(state, bytes('\nNEXT\n'), 4096)[1])).toEqual(['NEXT']);
  });
});
