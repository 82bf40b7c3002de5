import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { REPLACEMENT_CHAR, charColumns, isGbkPrintable, sanitiseForPrinter } from './gbk-charset';

describe('GBK printable set', () => {
  it('holds GB2312 and GBK-extension characters, not 4-byte GB18030 ones', () => {
    expect(isGbkPrintable('证'.codePointAt(0) ?? 0)).toBe(true);
    expect(isGbkPrintable('堃'.codePointAt(0) ?? 0)).toBe(true);
    // 𠮷 (U+20BB7) is only in GB18030's 4-byte area
    expect(isGbkPrintable(0x20bb7)).toBe(false);
    expect(isGbkPrintable(0x1f600)).toBe(false);
    expect(isGbkPrintable(0x0a)).toBe(false);
    // the euro sign is single-byte 0x80 in cp936, which Chinese mode takes as a lead byte
    expect(isGbkPrintable(0x20ac)).toBe(false);
  });

  it('agrees with iconv-lite: every printable non-ASCII character encodes to exactly 2 GBK bytes', () => {
    const bad: string[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (!isGbkPrintable(cp)) continue;
      const bytes = iconv.encode(String.fromCodePoint(cp), 'gbk');
      if (bytes.length !== 2 || (bytes[0] ?? 0) < 0x81) bad.push(cp.toString(16));
    }
    expect(bad).toEqual([]);
  });

  it('counts CJK as two columns and ASCII as one', () => {
    expect(charColumns('A'.codePointAt(0) ?? 0)).toBe(1);
    expect(charColumns('证'.codePointAt(0) ?? 0)).toBe(2);
    expect(charColumns('，'.codePointAt(0) ?? 0)).toBe(2);
  });

  it('replaces what GBK cannot encode with a visible □ and reports it once', () => {
    expect(sanitiseForPrinter('吉𠮷𠮷😀\tA\u0007')).toEqual({ text: `吉${REPLACEMENT_CHAR}${REPLACEMENT_CHAR}${REPLACEMENT_CHAR} A`, replaced: [0x20bb7, 0x1f600] });
  });
});
