import { describe, expect, it } from 'vitest';
import { commandBytes, commandsToBytes } from './commands';

const hex = (bytes: readonly number[] | Uint8Array): string => Buffer.from(Uint8Array.from(bytes)).toString('hex');

describe('ESC/POS command bytes', () => {
  it('init, Chinese mode on and off (§5.1)', () => {
    expect(commandBytes({ type: 'init' })).toEqual([0x1b, 0x40]);
    expect(commandBytes({ type: 'chinese-mode', on: true })).toEqual([0x1c, 0x26]);
    expect(commandBytes({ type: 'chinese-mode', on: false })).toEqual([0x1c, 0x2e]);
  });

  it('GBK text: 居民身份证 as 2-byte GB codes', () => {
    expect(hex(commandBytes({ type: 'text', text: '居民身份证' }))).toBe('bed3c3f1c9edb7ddd6a4');
  });

  it('GBK text: a surname outside GB2312 but inside GBK (堃, lead byte 0x88)', () => {
    expect(hex(commandBytes({ type: 'text', text: '王堃' }))).toBe('cdf588d2');
    // GB2312 (EUC-CN) uses 0xA1–0xFE for both bytes; 0x88 is the GBK extension area
    expect(commandBytes({ type: 'text', text: '堃' })[0]).toBeLessThan(0xa1);
    expect(hex(commandBytes({ type: 'text', text: 'A1 赟' }))).toBe('413120da53');
  });

  it('style commands', () => {
    expect(commandBytes({ type: 'align', align: 'center' })).toEqual([0x1b, 0x61, 0x01]);
    expect(commandBytes({ type: 'bold', on: true })).toEqual([0x1b, 0x45, 0x01]);
    expect(commandBytes({ type: 'size', width: 2, height: 2 })).toEqual([0x1d, 0x21, 0x11]);
    expect(commandBytes({ type: 'size', width: 1, height: 1 })).toEqual([0x1d, 0x21, 0x00]);
    expect(commandBytes({ type: 'chinese-size', double: true })).toEqual([0x1c, 0x21, 0x0c]);
    expect(commandBytes({ type: 'feed', lines: 3 })).toEqual([0x1b, 0x64, 0x03]);
    expect(commandBytes({ type: 'newline' })).toEqual([0x0a]);
  });

  it('QR frames (§5.2): model 2, module size, ECC, print', () => {
    expect(hex(commandBytes({ type: 'qr-model' }))).toBe('1d286b0400314132' + '00');
    expect(hex(commandBytes({ type: 'qr-module-size', size: 6 }))).toBe('1d286b0300314306');
    expect(hex(commandBytes({ type: 'qr-ecc', level: 'L' }))).toBe('1d286b0300314530');
    expect(hex(commandBytes({ type: 'qr-ecc', level: 'H' }))).toBe('1d286b0300314533');
    expect(hex(commandBytes({ type: 'qr-print' }))).toBe('1d286b0300315130');
  });

  it('QR store with short data: pL = len + 3, pH = 0', () => {
    expect(hex(commandBytes({ type: 'qr-store', data: 'AB12' }))).toBe('1d286b0700315030' + '41423132');
  });

  it('QR store with data over 255 bytes: pL pH little-endian', () => {
    const data = 'x'.repeat(300);
    const bytes = commandBytes({ type: 'qr-store', data });
    // 300 + 3 = 303 = 0x012F
    expect(hex(bytes.slice(0, 8))).toBe('1d286b2f01315030');
    expect(bytes.length).toBe(8 + 300);
  });

  it('QR store counts UTF-8 bytes, not characters', () => {
    // 受理 = 6 UTF-8 bytes → pL = 9
    expect(hex(commandBytes({ type: 'qr-store', data: '受理' }))).toBe('1d286b0900315030e58f97e79086');
  });

  it('cuts (§5.3) and status requests (§5.4)', () => {
    expect(commandBytes({ type: 'cut', partial: false })).toEqual([0x1d, 0x56, 0x00]);
    expect(commandBytes({ type: 'cut', partial: true })).toEqual([0x1d, 0x56, 0x01]);
    expect(commandBytes({ type: 'status-request', n: 4 })).toEqual([0x10, 0x04, 0x04]);
  });

  it('concatenates commands in order', () => {
    expect(hex(commandsToBytes([{ type: 'init' }, { type: 'chinese-mode', on: true }, { type: 'text', text: '证' }, { type: 'newline' }]))).toBe('1b401c26d6a40a');
  });
});
