import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChineseName, encodeChineseName } from './chinese-name';

describe('A–P encoded GB2312 names (domain-notes §3.2)', () => {
  it.each([
    ['张', 'NFMF'],
    ['证', 'NGKE'],
    ['件', 'LMPO'],
    ['样', 'NBPJ'],
    ['本', 'LBLO'],
  ])('%s = %s', (hanzi, letters) => {
    expect(encodeChineseName(hanzi)).toBe(letters);
    expect(decodeChineseName(letters)).toBe(hanzi);
  });

  it('stops at fillers and at groups that are not GB2312 characters', () => {
    expect(decodeChineseName('NFMFNGKE<<<<<<')).toBe('张证');
    expect(decodeChineseName('<<<<<<<<<<<<<<')).toBeUndefined();
    expect(decodeChineseName('AAAANFMF')).toBeUndefined();
    expect(decodeChineseName('NFMFZZZZ')).toBe('张');
  });

  it('cannot encode characters outside GB2312', () => {
    expect(encodeChineseName('A')).toBeUndefined();
    expect(encodeChineseName('𠀀')).toBeUndefined();
  });

  it('never throws on arbitrary optional data', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => (decodeChineseName(s) ?? '').length <= 5));
  });
});
