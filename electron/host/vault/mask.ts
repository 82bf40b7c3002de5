/**
 * Masked values for IndexedDB metadata and supervisors (DESIGN.md "Data and sync"): enough to
 * recognise a record at a glance, too little to identify a person. Code points, not UTF-16
 * units, so a name outside the BMP is never split into half a character.
 */

/** `张三` → `张*`, `欧阳娜娜` → `欧***`; a one-character name is fully masked. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 1)}`;
}

/** `11010519491231002X` → `1101**********002X`: province/city and the last four only. */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.trim().toUpperCase());
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}
