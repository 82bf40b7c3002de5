import iconv from 'iconv-lite';

/**
 * The Chinese name in a Chinese passport's optional data (domain-notes §3.2, GA/T 704.16):
 * each GB2312 byte is written as two hex nibbles, each nibble as a letter A–P (0 → A … 15 → P),
 * so one Hanzi takes four letters (张 = NFMF). At most three Hanzi fit in the 14 positions.
 * Characters outside GB2312 cannot be represented, so decoding stops at the first group that is
 * not a GB2312 double-byte character.
 */
const NIBBLE_LETTERS = 'ABCDEFGHIJKLMNOP';

/** Decodes the leading run of A–P groups; undefined when there is no Chinese name. */
export function decodeChineseName(optionalData: string): string | undefined {
  let name = '';
  for (let i = 0; i + 4 <= optionalData.length; i += 4) {
    const group = optionalData.slice(i, i + 4);
    if (!/^[A-P]{4}$/.test(group)) break;
    const bytes = [0, 2].map((o) => NIBBLE_LETTERS.indexOf(group[o] ?? '') * 16 + NIBBLE_LETTERS.indexOf(group[o + 1] ?? ''));
    // GB2312 (EUC-CN) double-byte characters: both bytes in A1–FE
    if (!bytes.every((b) => b >= 0xa1 && b <= 0xfe)) break;
    const text = iconv.decode(Buffer.from(bytes), 'gb2312');
    if (text.length !== 1 || text === '\ufffd') break;
    name += text;
  }
  return name === '' ? undefined : name;
}

/** Encodes a name into A–P letters (fixtures and tests); undefined when a character is outside GB2312. */
export function encodeChineseName(name: string): string | undefined {
  let out = '';
  for (const ch of name) {
    const bytes = iconv.encode(ch, 'gb2312');
    if (bytes.length !== 2 || !bytes.every((b) => b >= 0xa1 && b <= 0xfe) || iconv.decode(bytes, 'gb2312') !== ch) return undefined;
    for (const b of bytes) out += `${NIBBLE_LETTERS[b >> 4] ?? ''}${NIBBLE_LETTERS[b & 15] ?? ''}`;
  }
  return out;
}
