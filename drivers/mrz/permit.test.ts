import { describe, expect, it } from 'vitest';
import { BROKEN, FIXTURE_TODAY, HKMO_PERMIT, HKMO_PERMIT_NEW_SERIES, TW_PERMIT, TW_PERMIT_EXPIRED, withCharAt } from '../../fixtures/mrz/lines';
import { parseMrz } from './parse';
import { permitLayoutFor } from './permit-layout';
import { parsePermitLine } from './permit';

const today = FIXTURE_TODAY;
const parse = (line: string) => {
  const r = parseMrz([line], { today });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe('CS / CD permit line (domain-notes §3.3, §3.4)', () => {
  it('parses the §3.3 synthetic vector', () => {
    expect(parse(HKMO_PERMIT)).toEqual({
      document: 'hkmo-permit',
      documentNumber: 'C12345678',
      birthDate: '1990-01-01',
      expiryDate: '2029-12-31',
      expired: false,
      valid: true,
      errors: [],
    });
  });

  it('accepts the post-2018 number series and a Taiwan permit', () => {
    expect(parse(HKMO_PERMIT_NEW_SERIES)).toMatchObject({ documentNumber: 'CA0000001', birthDate: '2002-04-15', valid: true });
    expect(parse(TW_PERMIT)).toMatchObject({ document: 'tw-permit', documentNumber: '12345678', birthDate: '1975-05-05', valid: true });
  });

  it('reports expiry as `expired`, not as an error', () => {
    expect(parse(TW_PERMIT_EXPIRED)).toMatchObject({ expiryDate: '2019-01-01', expired: true, valid: true, errors: [] });
    expect(parsePermitLine(HKMO_PERMIT, permitLayoutFor(HKMO_PERMIT)!, { today: '2029-12-31' }).expired).toBe(false);
    expect(parsePermitLine(HKMO_PERMIT, permitLayoutFor(HKMO_PERMIT)!, { today: '2030-01-01' }).expired).toBe(true);
  });

  it.each([
    ['document number', BROKEN.permitNumberCheck, ['check-digit-document-number', 'check-digit-composite']],
    ['expiry date', BROKEN.permitExpiryCheck, ['check-digit-expiry-date', 'check-digit-composite']],
    ['birth date', BROKEN.permitBirthCheck, ['check-digit-birth-date', 'check-digit-composite']],
    ['composite', BROKEN.permitComposite, ['check-digit-composite']],
  ])('flags a broken %s check digit', (_what, line, codes) => {
    const doc = parse(line);
    expect(doc.valid).toBe(false);
    expect(doc.errors).toEqual(codes);
  });

  it('flags a changed field whose check digit no longer holds', () => {
    // a different birth year: the birth and composite digits both fail
    expect(parse(withCharAt(HKMO_PERMIT, 22, '1')).errors).toEqual(['check-digit-birth-date', 'check-digit-composite']);
  });

  it('flags length, charset, fillers and number format', () => {
    expect(parse(BROKEN.permitShort).errors).toContain('length');
    expect(parse(`${HKMO_PERMIT}<`).errors).toContain('length');
    expect(parse(BROKEN.permitLowerCase).errors).toContain('charset');
    expect(parse(withCharAt(HKMO_PERMIT, 12, 'X')).errors).toEqual(['filler']);
    // `CI…`: the letter I is not used in the new series (§3.3)
    expect(parse('CSCI00000011<3306301<0204152<0').errors).toContain('document-number');
  });

  it('flags dates that are not calendar dates', () => {
    const doc = parse('CSC123456788<2902306<9001011<0');
    expect(doc.expiryDate).toBeNull();
    expect(doc.errors).toContain('expiry-date');
  });
});
