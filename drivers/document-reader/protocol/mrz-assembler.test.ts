import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HKMO_PERMIT, PASSPORT_ZHANG_SAN } from '../../../fixtures/mrz/lines';
import { assembleMrzLine, expireMrzLine, initialAssemblerState, type AssemblerEvent, type AssemblerState } from './mrz-assembler';

function feed(lines: readonly [string, number][], timeout = 300): AssemblerEvent[] {
  let state: AssemblerState = initialAssemblerState;
  const out: AssemblerEvent[] = [];
  for (const [line, now] of lines) {
    const [next, events] = assembleMrzLine(state, line, now, timeout);
    state = next;
    out.push(...events);
  }
  return out;
}

describe('MRZ line assembler', () => {
  it('groups two TD3 lines, one permit line, and an 88-character run', () => {
    expect(feed([[PASSPORT_ZHANG_SAN[0], 0], [PASSPORT_ZHANG_SAN[1], 50]])).toEqual([{ type: 'document', lines: [...PASSPORT_ZHANG_SAN] }]);
    expect(feed([[HKMO_PERMIT, 0]])).toEqual([{ type: 'document', lines: [HKMO_PERMIT] }]);
    expect(feed([[PASSPORT_ZHANG_SAN.join(''), 0]])).toEqual([{ type: 'document', lines: [...PASSPORT_ZHANG_SAN] }]);
  });

  it('reports a first line without its partner in time, and text that is not MRZ', () => {
    expect(feed([[PASSPORT_ZHANG_SAN[0], 0], [PASSPORT_ZHANG_SAN[1], 300]])).toEqual([
      { type: 'error', code: 'incomplete-document' },
      { type: 'error', code: 'not-mrz' },
    ]);
    expect(expireMrzLine({ pending: { line: PASSPORT_ZHANG_SAN[0], since: 0 } }, 299, 300)[1]).toEqual([]);
    expect(feed([['HELLO', 0]])).toEqual([{ type: 'error', code: 'not-mrz' }]);
    expect(feed([[PASSPORT_ZHANG_SAN[0], 0], [HKMO_PERMIT, 10]])).toEqual([
      { type: 'error', code: 'incomplete-document' },
      { type: 'document', lines: [HKMO_PERMIT] },
    ]);
  });

  it('never throws and holds at most one pending line', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 100 }), fc.nat(1000)), { maxLength: 20 }), (lines) => {
        let state: AssemblerState = initialAssemblerState;
        let now = 0;
        for (const [line, dt] of lines) {
          now += dt;
          [state] = assembleMrzLine(state, line, now, 300);
          expect(state.pending === undefined || state.pending.line.length === 44).toBe(true);
        }
      }),
    );
  });
});
