import { computeMrzCheckDigit } from '../id-number';
import { isExpired, resolveMrzDate } from './mrz-date';
import type { PermitLayout, Range } from './permit-layout';
import { MRZ_CHARSET, type MrzDocument, type MrzErrorCode, type MrzParseOptions } from './types';

/**
 * Parses the one-line 30-character `CS` / `CD` permit MRZ (domain-notes §3.3/§3.4). The `mrz`
 * package cannot: it routes every 30-character single line to the French driving licence.
 * Every position comes from the layout table (permit-layout.ts). A line of the wrong length is
 * padded with fillers or cut to the layout's length so the fields can still be shown, and
 * `length` is reported.
 */
export function parsePermitLine(input: string, layout: PermitLayout, options: MrzParseOptions): MrzDocument {
  const errors = new Set<MrzErrorCode>();
  if (input.length !== layout.length) errors.add('length');
  if (!MRZ_CHARSET.test(input)) errors.add('charset');
  const line = input.slice(0, layout.length).padEnd(layout.length, '<');
  const at = (r: Range): string => line.slice(r.start, r.end);

  if (!line.startsWith(layout.documentCode)) errors.add('document-code');
  for (const p of layout.fillers) if (line[p] !== '<') errors.add('filler');

  const rawNumber = at(layout.documentNumber);
  const documentNumber = rawNumber.replace(/<+$/, '');
  if (layout.numberPattern && !layout.numberPattern.test(documentNumber)) errors.add('document-number');
  checkDigit(rawNumber, line[layout.documentNumberCheck], 'check-digit-document-number', errors);

  const rawExpiry = at(layout.expiry);
  const expiryDate = resolveMrzDate(rawExpiry, 'expiry', options.today);
  if (expiryDate === null) errors.add('expiry-date');
  checkDigit(rawExpiry, line[layout.expiryCheck], 'check-digit-expiry-date', errors);

  const rawBirth = at(layout.birth);
  const birthDate = resolveMrzDate(rawBirth, 'birth', options.today);
  if (birthDate === null) errors.add('birth-date');
  checkDigit(rawBirth, line[layout.birthCheck], 'check-digit-birth-date', errors);

  checkDigit(layout.composite.map(at).join(''), line[layout.compositeCheck], 'check-digit-composite', errors);

  const list = [...errors];
  return {
    document: layout.document,
    documentNumber,
    birthDate,
    expiryDate,
    expired: isExpired(expiryDate, options.today),
    valid: list.length === 0,
    errors: list,
  };
}

function checkDigit(value: string, digit: string | undefined, code: MrzErrorCode, errors: Set<MrzErrorCode>): void {
  const expected = computeMrzCheckDigit(value);
  if (expected === undefined || digit !== String(expected)) errors.add(code);
}
