/**
 * GB 11643-1999 check character: ISO 7064 MOD 11-2 over the 17-digit body (domain-notes §2).
 * Returns undefined when the body is not exactly 17 digits.
 */
const MOD112_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const MOD112_CHARS = '10X98765432';

export function computeMod112CheckChar(body17: string): string | undefined {
  if (!/^\d{17}$/.test(body17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body17[i]) * (MOD112_WEIGHTS[i] ?? 0);
  return MOD112_CHARS[sum % 11];
}

/**
 * ICAO 9303 "7-3-1" check digit (domain-notes §3.1): 0-9 → 0–9, A-Z → 10–35, `<` → 0, weights
 * 7,3,1 repeating, sum mod 10. Also checks the old 15-character foreigner number (§2).
 * Returns undefined when the value contains any other character (e.g. lower case, OCR noise).
 */
export function computeMrzCheckDigit(value: string): number | undefined {
  const weights = [7, 3, 1] as const;
  let sum = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    let v: number;
    if (c >= 0x30 && c <= 0x39) v = c - 0x30;
    else if (c >= 0x41 && c <= 0x5a) v = c - 0x41 + 10;
    else if (c === 0x3c) v = 0;
    else return undefined;
    sum += v * (weights[i % 3] ?? 0);
  }
  return sum % 10;
}
