import { describe, expect, it } from 'vitest';
import { checkIdNumber, computeMod112CheckChar, computeMrzCheckDigit, maskIdNumber, maskName } from './index';

describe('computeMod112CheckChar (GB 11643 / ISO 7064 MOD 11-2)', () => {
  it('matches the standard examples', () => {
    expect(computeMod112CheckChar('11010519491231002')).toBe('X');
    expect(computeMod112CheckChar('44052418800101001')).toBe('4');
  });
  it('refuses a body that is not 17 digits', () => {
    expect(computeMod112CheckChar('1101051949123100')).toBeUndefined();
    expect(computeMod112CheckChar('1101051949123100A')).toBeUndefined();
  });
});

describe('computeMrzCheckDigit (ICAO 7-3-1)', () => {
  it('matches the ICAO specimen vectors', () => {
    expect(computeMrzCheckDigit('L898902C3')).toBe(6);
    expect(computeMrzCheckDigit('740812')).toBe(2);
    expect(computeMrzCheckDigit('120415')).toBe(9);
    expect(computeMrzCheckDigit('ZE184226B<<<<<')).toBe(1);
    const line2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<1';
    expect(computeMrzCheckDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43))).toBe(0);
  });
  it('refuses characters outside 0-9 A-Z <', () => {
    expect(computeMrzCheckDigit('l898902c3')).toBeUndefined();
  });
});

describe('checkIdNumber', () => {
  it('accepts the standard examples', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ valid: true, kind: 'resident', errors: [] });
    expect(checkIdNumber('440524188001010014')).toEqual({ valid: true, kind: 'resident', errors: [] });
  });
  it('rejects a wrong check character', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ valid: false, kind: 'resident', errors: ['bad-check-character'] });
  });
  it('rejects a lower-case x', () => {
    expect(checkIdNumber('11010519491231002x')).toEqual({ valid: false, kind: 'resident', errors: ['lowercase-x'] });
  });
  it('rejects an impossible birth date even with a matching check character', () => {
    const body = '11010519490231002';
    const result = checkIdNumber(body + (computeMod112CheckChar(body) ?? ''));
    expect(result.errors).toEqual(['bad-birth-date']);
  });
  it('rejects wrong lengths, characters and legacy numbers', () => {
    expect(checkIdNumber('1101051949123100').errors).toEqual(['bad-length']);
    expect(checkIdNumber('11010519491231002Z').errors).toEqual(['bad-characters']);
    expect(checkIdNumber(' 11010519491231002X').valid).toBe(false);
    expect(checkIdNumber('110105491231002').errors).toEqual(['legacy-15-digit']);
    expect(checkIdNumber('').valid).toBe(false);
  });
  it('accepts HK, Macau and Taiwan residence-permit numbers and rejects other 8x prefixes', () => {
    expect(checkIdNumber('810000199408230021')).toEqual({ valid: true, kind: 'hmt-residence', errors: [] });
    expect(checkIdNumber('820000198811200030')).toEqual({ valid: true, kind: 'hmt-residence', errors: [] });
    expect(checkIdNumber('830000199201300022')).toEqual({ valid: true, kind: 'hmt-residence', errors: [] });
    const body = '81010019940823002';
    expect(checkIdNumber(body + (computeMod112CheckChar(body) ?? '')).errors).toEqual(['bad-region']);
    expect(checkIdNumber('810000199408230022').errors).toEqual(['bad-check-character']);
  });
  it('accepts the 2023 foreigner number (leading 9, MOD 11-2)', () => {
    expect(checkIdNumber('91184019850312001X')).toEqual({ valid: true, kind: 'foreigner-2023', errors: [] });
    expect(checkIdNumber('913156199002200029')).toEqual({ valid: true, kind: 'foreigner-2023', errors: [] });
    expect(checkIdNumber('911840198503120011')).toEqual({ valid: false, kind: 'foreigner-2023', errors: ['bad-check-character'] });
  });
  it('accepts the 2017 foreigner number (15 characters, 7-3-1 check digit)', () => {
    expect(checkIdNumber('USA110085031210')).toEqual({ valid: true, kind: 'foreigner-2017', errors: [] });
    expect(checkIdNumber('CAN310007042222')).toEqual({ valid: true, kind: 'foreigner-2017', errors: [] });
    expect(checkIdNumber('USA110085031211')).toEqual({ valid: false, kind: 'foreigner-2017', errors: ['bad-check-character'] });
    expect(checkIdNumber('usa110085031210').errors).toEqual(['bad-characters']);
    expect(checkIdNumber('USA110085133210').errors).toContain('bad-birth-date');
  });
});

describe('masking', () => {
  it('masks ID numbers keeping the first and last character and the length', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1****************X');
    expect(maskIdNumber('USA110085031210')).toBe('U*************0');
    expect(maskIdNumber('12')).toBe('**');
  });
  it('masks names keeping the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
    expect(maskName('SMITH JOHN')).toBe('S*********');
    expect(maskName('')).toBe('');
  });
});
