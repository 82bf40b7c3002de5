/**
 * Masking for display and logs (DESIGN.md "Logs": never personal data values, masked values only).
 *
 * ID numbers keep the first and the last character and the length: `1****************X`. That
 * is enough for a supervisor to tell two entries apart next to a masked name and a time, while
 * the region, birth date and sequence stay hidden (first 3 + last 4, as some sites do, would
 * reveal the province and the sex digit).
 */
export function maskIdNumber(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}

/** Keeps the first character: 张三 → 张*, 欧阳娜娜 → 欧***, JOHN SMITH → J*********. */
export function maskName(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 1)}`;
}
