import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from './masking';

describe('masking', () => {
  it('keeps the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('王')).toBe('王*');
    expect(maskName('')).toBe('');
  });

  it('keeps the first and last character of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1****************X');
    expect(maskIdNumber('110105491231002')).toBe('1*************2');
    expect(maskIdNumber('12')).toBe('**');
  });
});
