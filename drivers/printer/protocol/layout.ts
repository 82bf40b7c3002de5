import { charColumns } from './gbk-charset';

/**
 * Line layout in printer columns, pure (the renderer's preview uses it too). CJK characters are
 * counted double width (domain-notes §5.1), so a 32-column 58 mm line holds 16 Chinese
 * characters. Input is already sanitised (sanitiseForPrinter), one logical line at a time.
 */
export function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch.codePointAt(0) ?? 0);
  return n;
}

/** Chinese line-breaking rule (禁则): these never start a line; they stay with the previous char. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〉,.;:?!)]}%·']);

/**
 * Greedy wrap: ASCII words break at spaces when a word fits on a line, CJK text anywhere;
 * a word longer than a line is split. Never returns an empty array.
 */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 2) throw new Error(`columns must be at least 2, got ${columns}`);
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const ch of text) {
    const w = charColumns(ch.codePointAt(0) ?? 0);
    if (width + w > columns) {
      if (ch === ' ') {
        lines.push(line.join('').trimEnd());
        line = [];
        width = 0;
        continue;
      }
      const carried = carryOver(line, ch);
      lines.push(line.slice(0, line.length - carried.length).join('').trimEnd());
      line = carried;
      width = textColumns(carried.join(''));
    }
    line.push(ch);
    width += w;
  }
  lines.push(line.join('').trimEnd());
  return lines;
}

/** What moves to the next line with `next`: the tail of an ASCII word, or one char for 禁则. */
function carryOver(line: readonly string[], next: string): string[] {
  if (NO_LINE_START.has(next) && line.length > 1) return line.slice(-1);
  if (!isWordChar(next)) return [];
  let i = line.length;
  while (i > 0 && isWordChar(line[i - 1] ?? ' ')) i--;
  // a word that fills the whole line cannot move; split it instead
  if (i === 0) return [];
  return line.slice(i);
}

const isWordChar = (ch: string): boolean => /^[\x21-\x7e]$/.test(ch);

/**
 * A two-column row: `left` flush left, `right` flush right (amounts, dates). When both do not
 * fit on one line, `left` wraps and `right` goes flush right on the last line, or on its own.
 */
export function layoutRow(left: string, right: string, columns: number): string[] {
  const rightWidth = textColumns(right);
  if (rightWidth === 0) return wrapText(left, columns);
  if (rightWidth > columns - 2) return [...(left === '' ? [] : wrapText(left, columns)), ...wrapText(right, columns).map((l) => padLeft(l, columns))];
  const leftLines = left === '' ? [''] : wrapText(left, columns);
  const last = leftLines[leftLines.length - 1] ?? '';
  const gap = columns - textColumns(last) - rightWidth;
  if (gap >= 1) return [...leftLines.slice(0, -1), last + ' '.repeat(gap) + right];
  return [...leftLines, padLeft(right, columns)];
}

export function padLeft(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - textColumns(text))) + text;
}

export function centre(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, Math.floor((columns - textColumns(text)) / 2))) + text;
}

export function rule(columns: number): string {
  return '-'.repeat(columns);
}
