import { parse as parseWithMrzPackage, states, type Details, type FieldName } from 'mrz';
import { decodeChineseName } from './chinese-name';
import { isExpired, resolveMrzDate } from './mrz-date';
import { MRZ_CHARSET, type MrzDocument, type MrzErrorCode, type MrzParseOptions } from './types';

/**
 * Chinese passport, ICAO TD3 (2 × 44, domain-notes §3.2). The `mrz` package checks the layout
 * and every check digit; we add what it does not do: the century rules, calendar dates,
 * `expired`, and the Chinese name that GA/T 704.16 encodes in the optional data.
 */
const TD3_LINE_LENGTH = 44;

// `mrz` field → our error code; fields we check ourselves (dates, sex, states) are left out.
const FIELD_ERRORS: Partial<Record<FieldName, MrzErrorCode>> = {
  documentCode: 'document-code',
  lastName: 'name',
  firstName: 'name',
  documentNumber: 'document-number',
  documentNumberCheckDigit: 'check-digit-document-number',
  birthDateCheckDigit: 'check-digit-birth-date',
  expirationDateCheckDigit: 'check-digit-expiry-date',
  personalNumber: 'personal-number',
  personalNumberCheckDigit: 'check-digit-personal-number',
  compositeCheckDigit: 'check-digit-composite',
};

// ICAO 9303 Part 3 uses `UTO` (Utopia) on specimens; `mrz` does not know it.
const isStateCode = (code: string): boolean => code === 'UTO' || Object.hasOwn(states, code.replace(/<+$/, ''));

export function parsePassportTd3(input: readonly [string, string], options: MrzParseOptions): MrzDocument {
  const errors = new Set<MrzErrorCode>();
  if (input.some((l) => l.length !== TD3_LINE_LENGTH)) errors.add('length');
  if (input.some((l) => !MRZ_CHARSET.test(l))) errors.add('charset');
  const [line1, line2] = input.map((l) => l.slice(0, TD3_LINE_LENGTH).padEnd(TD3_LINE_LENGTH, '<')) as [string, string];

  let details: readonly Details[] = [];
  try {
    details = parseWithMrzPackage([line1, line2], { autocorrect: false }).details;
  } catch {
    // `mrz` throws on input it cannot lay out at all; the charset/length codes above say why
    errors.add('document-code');
  }
  const field = (name: FieldName): string | undefined => details.find((d) => d.field === name)?.value ?? undefined;
  for (const d of details) {
    const code = d.field ? FIELD_ERRORS[d.field] : undefined;
    if (code && !d.valid) errors.add(code);
  }

  const issuingState = line1.slice(2, 5);
  const nationality = line2.slice(10, 13);
  if (!isStateCode(issuingState)) errors.add('issuing-state');
  if (!isStateCode(nationality)) errors.add('nationality');

  const sex = sexOf(line2[20]);
  if (sex === undefined) errors.add('sex');

  const birthDate = resolveMrzDate(line2.slice(13, 19), 'birth', options.today);
  if (birthDate === null) errors.add('birth-date');
  const expiryDate = resolveMrzDate(line2.slice(21, 27), 'expiry', options.today);
  if (expiryDate === null) errors.add('expiry-date');

  // GA/T 704.16: only Chinese passports carry the A–P encoded name in positions 29–42
  const nameZh = issuingState === 'CHN' ? decodeChineseName(line2.slice(28, 42)) : undefined;
  const surname = field('lastName');
  const givenNames = field('firstName');
  const list = [...errors];
  return {
    document: 'passport',
    documentNumber: field('documentNumber') ?? line2.slice(0, 9).replace(/<+$/, ''),
    birthDate,
    expiryDate,
    expired: isExpired(expiryDate, options.today),
    ...(sex === undefined ? {} : { sex }),
    ...(surname ? { surname } : {}),
    ...(givenNames ? { givenNames } : {}),
    ...(nameZh === undefined ? {} : { nameZh }),
    ...(isStateCode(nationality) ? { nationality: nationality.replace(/<+$/, '') } : {}),
    valid: list.length === 0,
    errors: list,
  };
}

// ICAO 9303 Part 4: M, F, or `<` / X for unspecified
function sexOf(c: string | undefined): MrzDocument['sex'] {
  if (c === undefined) return undefined;
  switch (c) {
    case 'M':
      return 'male';
    case 'F':
      return 'female';
    case '<':
    case 'X':
      return 'unspecified';
    default:
      return undefined;
  }
}
