import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HKMO_PERMIT, PASSPORT_ZHANG_SAN } from '../../fixtures/mrz/lines';
import { parseMrz } from './parse';
import { MrzDocument } from './types';

const today = '2025-06-01';
const mrzChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<'.split(''));

describe('MRZ parsers never crash', () => {
  it('random text gives a coded error or a schema-valid object', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 100 }), { maxLength: 4 }), (lines) => {
        const r = parseMrz(lines, { today });
        if (r.ok) MrzDocument.parse(r.value);
        else expect(r.error.code).toBe('unrecognised-mrz');
      }),
    );
  });

  it('a mutated valid MRZ is either still valid or lists why not', () => {
    fc.assert(
      fc.property(fc.nat(43), mrzChar, fc.boolean(), (index, ch, passport) => {
        const lines = passport ? [PASSPORT_ZHANG_SAN[0], `${PASSPORT_ZHANG_SAN[1].slice(0, index)}${ch}${PASSPORT_ZHANG_SAN[1].slice(index + 1)}`] : [`${HKMO_PERMIT.slice(0, index % 30)}${ch}${HKMO_PERMIT.slice((index % 30) + 1)}`];
        const r = parseMrz(lines, { today });
        if (!r.ok) return;
        const doc = MrzDocument.parse(r.value);
        expect(doc.valid).toBe(doc.errors.length === 0);
      }),
    );
  });

  it('a single changed digit in a checked field never goes unnoticed', () => {
    // 7-3-1 detects every single-digit substitution (ICAO 9303 Part 3)
    fc.assert(
      fc.property(fc.constantFrom(2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26), fc.integer({ min: 1, max: 9 }), (index, delta) => {
        const digit = String((Number(HKMO_PERMIT[index]) + delta) % 10);
        if (Number.isNaN(Number(HKMO_PERMIT[index]))) return;
        const r = parseMrz([`${HKMO_PERMIT.slice(0, index)}${digit}${HKMO_PERMIT.slice(index + 1)}`], { today });
        expect(r.ok && r.value.valid).toBe(false);
      }),
    );
  });
});
