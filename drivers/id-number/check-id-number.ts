import { computeMod112CheckChar, computeMrzCheckDigit } from './check-digits';

export type IdNumberKind = 'resident' | 'hmt-residence' | 'foreigner-2017' | 'foreigner-2023';

/**
 * Error codes (kebab-case, stable; the UI and kioskctl map them to text with describeIdNumberError):
 * bad-length, bad-characters, lowercase-x, bad-check-character, bad-birth-date, bad-region,
 * legacy-15-digit.
 */
export interface IdNumberCheck {
  readonly valid: boolean;
  readonly kind: IdNumberKind;
  readonly errors: string[];
}

const HMT_PREFIXES = ['810000', '820000', '830000'] as const;

/**
 * Validates a citizen ID number, HK/Macau/Taiwan residence-permit number, or foreigner
 * permanent-residence number (domain-notes §2). Strict: no trimming, upper-case X only (the
 * card and GB 11643 print an upper-case X; a lower-case x means the value was retyped).
 */
export function checkIdNumber(value: string): IdNumberCheck {
  const kind = guessKind(value);
  const errors: string[] = [];
  switch (kind) {
    case 'foreigner-2017':
      checkForeigner2017(value, errors);
      break;
    case 'resident':
    case 'hmt-residence':
    case 'foreigner-2023':
      checkEighteen(value, kind, errors);
      break;
  }
  return { valid: errors.length === 0, kind, errors };
}

function guessKind(value: string): IdNumberKind {
  if (/^[A-Za-z]/.test(value) || (value.length === 15 && /[A-Za-z]/.test(value))) return 'foreigner-2017';
  if (value.startsWith('9')) return 'foreigner-2023';
  if (/^8[123]/.test(value)) return 'hmt-residence';
  return 'resident';
}

function checkEighteen(value: string, kind: IdNumberKind, errors: string[]): void {
  if (kind === 'resident' && /^\d{15}$/.test(value)) {
    errors.push('legacy-15-digit');
    return;
  }
  if (value.length !== 18) {
    errors.push('bad-length');
    return;
  }
  if (/^\d{17}x$/.test(value)) {
    errors.push('lowercase-x');
    return;
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    errors.push('bad-characters');
    return;
  }
  if (kind === 'hmt-residence' && !HMT_PREFIXES.some((p) => value.startsWith(p))) errors.push('bad-region');
  // Mainland province codes start 1–8 (domain-notes §2); 0 is no region at all.
  if (kind === 'resident' && value.startsWith('0')) errors.push('bad-region');
  if (!isRealDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14)))) errors.push('bad-birth-date');
  if (computeMod112CheckChar(value.slice(0, 17)) !== value[17]) errors.push('bad-check-character');
}

/** Old 15-character foreigner number: 3-letter nationality + 4-digit region + YYMMDD + 1 digit + 7-3-1 check digit (§2). */
function checkForeigner2017(value: string, errors: string[]): void {
  if (value.length !== 15) {
    errors.push('bad-length');
    return;
  }
  if (!/^[A-Z]{3}\d{12}$/.test(value)) {
    errors.push('bad-characters');
    return;
  }
  const yy = Number(value.slice(7, 9));
  const mm = Number(value.slice(9, 11));
  const dd = Number(value.slice(11, 13));
  if (!isRealDate(1900 + yy, mm, dd) && !isRealDate(2000 + yy, mm, dd)) errors.push('bad-birth-date');
  if (computeMrzCheckDigit(value.slice(0, 14)) !== Number(value[14])) errors.push('bad-check-character');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const ERROR_TEXT: Record<string, string> = {
  'bad-length': 'wrong length (18 characters; 15 for the 2017 foreigner card)',
  'bad-characters': 'contains characters that do not belong in this number',
  'lowercase-x': 'the check character must be an upper-case X',
  'bad-check-character': 'check character does not match',
  'bad-birth-date': 'birth date is not a real date',
  'bad-region': 'region code is not valid for this kind of number',
  'legacy-15-digit': 'a 15-digit legacy number (GB 11643-1989) is not accepted; use the 18-character number',
};

/** One line of English for an error code (technician-facing; the UI localises codes itself). */
export const describeIdNumberError = (code: string): string => ERROR_TEXT[code] ?? code;
