import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyboardWedge, type WedgeKey } from './keyboard-wedge';

const burst = (text: string, start: number, gap: number): WedgeKey[] => [...[...text].map((key, i) => ({ key, timeStamp: start + i * gap })), { key: 'Enter', timeStamp: start + text.length * gap }];

const codes = (events: readonly WedgeKey[], options = {}) => {
  const wedge = createKeyboardWedge(options);
  return events.map((e) => wedge.feed(e)).flatMap((o) => (o.type === 'code' ? [o.text] : []));
};

describe('keyboard-wedge discriminator', () => {
  it('emits a fast burst ending in Enter as a code', () => {
    expect(codes(burst('6901234567892', 1000, 8))).toEqual(['6901234567892']);
  });

  it('ignores a person typing the same text', () => {
    expect(codes(burst('6901234567892', 1000, 150))).toEqual([]);
  });

  it('a scan right after some slow typing still comes out whole', () => {
    expect(codes([...burst('hi', 0, 200).slice(0, 2), ...burst('QR-CODE-1', 1000, 5)])).toEqual(['QR-CODE-1']);
  });

  it('honours injected thresholds', () => {
    expect(codes(burst('ABCD', 0, 50), { maxInterKeyMs: 60 })).toEqual(['ABCD']);
    expect(codes(burst('ABC', 0, 5), { minLength: 4 })).toEqual([]);
    expect(codes(burst('ABCDEFGH', 0, 5), { maxLength: 4 })).toEqual([]);
  });

  it('a slow key inside a burst breaks it', () => {
    const events = burst('ABCDEFGH', 0, 5);
    events[4] = { key: 'E', timeStamp: 200 };
    for (let i = 5; i < events.length; i += 1) events[i] = { ...events[i]!, timeStamp: 200 + (i - 4) * 5 };
    // ABCD is dropped; only the burst after the pause counts, and it is too short here
    expect(codes(events, { minLength: 6 })).toEqual([]);
  });

  it('never throws on random key streams', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.oneof(fc.string({ maxLength: 3 }), fc.constant('Enter')), timeStamp: fc.nat(1e6) }), { maxLength: 100 }), (events) => {
        for (const c of codes(events)) expect(c.length).toBeGreaterThan(0);
      }),
    );
  });
});
