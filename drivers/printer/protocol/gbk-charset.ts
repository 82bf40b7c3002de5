/**
 * Which characters a Chinese receipt printer can print in Chinese mode (domain-notes §5.1):
 * printable ASCII as single bytes, and the 2-byte GBK area. 4-byte GB18030 sequences are left
 * out on purpose: many printers implement only the 2-byte areas.
 *
 * Pure (WHATWG TextDecoder, no Node built-ins) so the renderer's receipt preview agrees with
 * the encoder. The table is the GBK decoding of every lead/trail byte pair, minus the private
 * use area: the FE row and the user-defined areas decode to PUA code points whose glyphs differ
 * between printer fonts (and between iconv-lite and WHATWG), so they are not trusted.
 */
let table: Set<number> | undefined;

function gbkTable(): Set<number> {
  if (table) return table;
  const decoder = new TextDecoder('gbk');
  const set = new Set<number>();
  const row = new Uint8Array(190 * 2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    let i = 0;
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      row[i++] = lead;
      row[i++] = trail;
    }
    for (const ch of decoder.decode(row.subarray(0, i))) {
      const cp = ch.codePointAt(0) ?? 0xfffd;
      if (cp !== 0xfffd && !isPrivateUse(cp)) set.add(cp);
    }
  }
  table = set;
  return set;
}

const isPrivateUse = (cp: number): boolean => cp >= 0xe000 && cp <= 0xf8ff;

/** A visible stand-in for what GBK cannot encode: □ (GBK A1 F5), so a gap on paper is noticed. */
export const REPLACEMENT_CHAR = '\u25a1';

export function isPrintableAscii(cp: number): boolean {
  return cp >= 0x20 && cp <= 0x7e;
}

export function isGbkPrintable(cp: number): boolean {
  return isPrintableAscii(cp) || gbkTable().has(cp);
}

/**
 * Columns a character takes: in Chinese mode ASCII prints in the half-width font and every
 * 2-byte GB code in the full-width one (§5.1), so width equals the encoded byte count.
 */
export function charColumns(cp: number): 1 | 2 {
  return cp < 0x80 ? 1 : 2;
}

export interface Sanitised {
  readonly text: string;
  /** code points replaced by REPLACEMENT_CHAR, in order of appearance, de-duplicated */
  readonly replaced: readonly number[];
}

/** Replaces what the printer cannot print; tabs become a space, other controls are dropped. */
export function sanitiseForPrinter(text: string): Sanitised {
  let out = '';
  const replaced: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x09) out += ' ';
    else if (cp < 0x20 || cp === 0x7f) continue;
    else if (isGbkPrintable(cp)) out += ch;
    else {
      out += REPLACEMENT_CHAR;
      if (!replaced.includes(cp)) replaced.push(cp);
    }
  }
  return { text: out, replaced };
}
