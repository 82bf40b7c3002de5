import { describe, expect, it } from 'vitest';
import { printerProfile } from '../profiles';
import { layoutRow, rule, textColumns, wrapText } from './layout';

const c58 = printerProfile('58mm').columns;
const c80 = printerProfile('80mm').columns;

describe('layout with CJK double width', () => {
  it('profiles: 32 columns on 58 mm, 48 on 80 mm', () => {
    expect(c58).toBe(32);
    expect(c80).toBe(48);
  });

  it('16 Chinese characters fill a 58 mm line, 24 an 80 mm line', () => {
    const text = '居民身份证有效期满换领业务受理凭证请妥善保管';
    expect([...text].length).toBe(22);
    expect(wrapText(text, c58)).toEqual(['居民身份证有效期满换领业务受理凭', '证请妥善保管']);
    expect(wrapText(text, c80)).toEqual([text]);
    for (const line of wrapText(text.repeat(3), c80)) expect(textColumns(line)).toBeLessThanOrEqual(c80);
  });

  it('a CJK character never straddles the edge: 31 ASCII columns + one CJK wraps', () => {
    expect(wrapText(`${'a'.repeat(31)}证`, c58)).toEqual(['a'.repeat(31), '证']);
  });

  it('mixed text breaks ASCII words at spaces', () => {
    expect(wrapText('Case number 2024ABCDEF0001 was accepted', c58)).toEqual(['Case number 2024ABCDEF0001 was', 'accepted']);
  });

  it('closing punctuation does not start a line (禁则)', () => {
    const lines = wrapText(`${'办'.repeat(16)}。`, c58);
    expect(lines).toEqual(['办'.repeat(15), '办。']);
  });

  it('rows: right text flush right, CJK counted double', () => {
    expect(layoutRow('业务', '换领', c58)).toEqual([`业务${' '.repeat(24)}换领`]);
    expect(textColumns(layoutRow('受理时间', '2024-05-01 10:00', c58)[0] ?? '')).toBe(32);
    expect(layoutRow('受理时间', '2024-05-01 10:00', c80)).toEqual([`受理时间${' '.repeat(24)}2024-05-01 10:00`]);
  });

  it('rows that do not fit put the right text on its own line', () => {
    expect(layoutRow('居民身份证有效期满换领', '2024-05-01 10:00', c58)).toEqual(['居民身份证有效期满换领', `${' '.repeat(16)}2024-05-01 10:00`]);
  });

  it('rules span the profile width', () => {
    expect(rule(c58)).toBe('-'.repeat(32));
    expect(rule(c80)).toBe('-'.repeat(48));
  });
});
