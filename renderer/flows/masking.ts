/**
 * What the screen and the receipt may show of a citizen: enough for them to recognise their own
 * card, too little for a passer-by to copy it. Computed here, once, so every screen agrees.
 * Array.from keeps rare surname characters outside the BMP (e.g. 𠮷) as one character.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  const first = chars[0];
  if (first === undefined) return '';
  // A one-character name still gets a star: the length must not reveal the name either.
  return first + '*'.repeat(Math.max(1, chars.length - 1));
}

/** First and last character kept (the check character helps a citizen spot a wrong card). */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.trim());
  if (chars.length === 0) return '';
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}
