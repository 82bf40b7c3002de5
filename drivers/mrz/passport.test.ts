import { describe, expect, it } from 'vitest';
import {
  BROKEN,
  FIXTURE_TODAY,
  ICAO_SPECIMEN_TD3,
  PASSPORT_LI_YANGBEN_EXPIRED,
  PASSPORT_ZHANG_SAN,
  PASSPORT_ZHANG_ZHENGJIAN,
  withCharAt,
} from '../../fixtures/mrz/lines';
import { parseMrz } from './parse';

const today = FIXTURE_TODAY;
const parse = (lines: readonly string[]) => {
  const r = parseMrz(lines, { today });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe('TD3 passport (domain-notes §3.1, §3.2)', () => {
  it('parses the ICAO specimen: every check digit holds', () => {
    expect(parse(ICAO_SPECIMEN_TD3)).toEqual({
      document: 'passport',
      documentNumber: 'L898902C3',
      birthDate: '1974-08-12',
      expiryDate: '2012-04-15',
      expired: true,
      sex: 'female',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      nationality: 'UTO',
      valid: true,
      errors: [],
    });
  });

  it('parses a Chinese passport with the Chinese name from the optional data', () => {
    expect(parse(PASSPORT_ZHANG_SAN)).toEqual({
      document: 'passport',
      documentNumber: 'E98765432',
      birthDate: '1990-01-01',
      expiryDate: '2030-01-01',
      expired: false,
      sex: 'male',
      surname: 'ZHANG',
      givenNames: 'SAN',
      nameZh: '张三',
      nationality: 'CHN',
      valid: true,
      errors: [],
    });
  });

  it('decodes a three-character name and reports expiry', () => {
    expect(parse(PASSPORT_LI_YANGBEN_EXPIRED)).toMatchObject({ nameZh: '李样本', sex: 'female', expired: true, valid: true });
    expect(parse(PASSPORT_ZHANG_ZHENGJIAN)).toMatchObject({ nameZh: '张证件', birthDate: '2004-02-29', valid: true });
  });

  it('accepts both lines in one argument, newline separated or run together', () => {
    expect(parse([PASSPORT_ZHANG_SAN.join('\n')]).valid).toBe(true);
    expect(parse([PASSPORT_ZHANG_SAN.join('')]).valid).toBe(true);
    expect(parse([`  ${PASSPORT_ZHANG_SAN[0]}\r`, PASSPORT_ZHANG_SAN[1]]).valid).toBe(true);
  });

  it.each([
    ['document number', 9, 'check-digit-document-number'],
    ['birth date', 19, 'check-digit-birth-date'],
    ['expiry date', 27, 'check-digit-expiry-date'],
    ['personal number', 42, 'check-digit-personal-number'],
    ['composite', 43, 'check-digit-composite'],
  ])('flags a broken %s check digit', (_what, index, code) => {
    const line2 = PASSPORT_ZHANG_SAN[1];
    const digit = String((Number(line2[index]) + 1) % 10);
    const doc = parse([PASSPORT_ZHANG_SAN[0], withCharAt(line2, index, digit)]);
    expect(doc.valid).toBe(false);
    expect(doc.errors).toContain(code);
  });

  it('flags the broken fixture variants', () => {
    expect(parse(BROKEN.passportComposite).errors).toEqual(['check-digit-composite']);
    expect(parse(BROKEN.passportNumberCheck).errors).toEqual(['check-digit-document-number', 'check-digit-composite']);
  });

  it('flags length, charset, sex and state codes', () => {
    expect(parse([PASSPORT_ZHANG_SAN[0], PASSPORT_ZHANG_SAN[1].slice(0, 40)]).errors).toContain('length');
    expect(parse([PASSPORT_ZHANG_SAN[0].replace('ZHANG', 'zhang'), PASSPORT_ZHANG_SAN[1]]).errors).toContain('charset');
    expect(parse([PASSPORT_ZHANG_SAN[0], withCharAt(PASSPORT_ZHANG_SAN[1], 20, 'Q')]).errors).toContain('sex');
    expect(parse([withCharAt(PASSPORT_ZHANG_SAN[0], 2, 'Q'), PASSPORT_ZHANG_SAN[1]]).errors).toContain('issuing-state');
  });

  it('applies the century rules relative to today', () => {
    // born "30" → 1930 when today is 2025, but 2030 is still in the future: 1930
    expect(parse(PASSPORT_ZHANG_SAN).birthDate).toBe('1990-01-01');
    const r = parseMrz(PASSPORT_ZHANG_SAN, { today: '2095-01-01' });
    expect(r.ok && r.value.birthDate).toBe('2090-01-01');
    expect(r.ok && r.value.expiryDate).toBe('2030-01-01');
    expect(r.ok && r.value.expired).toBe(true);
  });

  it('refuses what is not a supported MRZ with a coded error', () => {
    const r = parseMrz(['HELLO'], { today });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('unrecognised-mrz');
    expect(parseMrz([], { today }).ok).toBe(false);
    expect(parseMrz([PASSPORT_ZHANG_SAN[0]], { today }).ok).toBe(false);
  });
});
