import { describe, expect, it } from 'vitest';
import { encodeReceipt } from './encoder';
import { renderReceiptPreview } from './preview';
import { printerProfile } from './profiles';
import { receiptToCommands } from './protocol/receipt-commands';

const p58 = printerProfile('58mm');
const p80 = printerProfile('80mm');

describe('receipt model → commands', () => {
  it('starts with ESC @ and FS &, lays out styled text, QR and cut', () => {
    const { commands } = receiptToCommands(
      {
        lines: [
          { type: 'text', text: '受理回执', align: 'center', size: 'double', bold: true },
          { type: 'qr', data: 'A1', moduleSize: 16, ecc: 'Q' },
          { type: 'cut', partial: true },
        ],
      },
      p58,
    );
    expect(commands).toEqual([
      { type: 'init' },
      { type: 'chinese-mode', on: true },
      { type: 'align', align: 'center' },
      { type: 'bold', on: true },
      { type: 'size', width: 2, height: 2 },
      { type: 'chinese-size', double: true },
      { type: 'text', text: '受理回执' },
      { type: 'newline' },
      { type: 'size', width: 1, height: 1 },
      { type: 'chinese-size', double: false },
      { type: 'bold', on: false },
      // still centred: no ESC a between the title and the QR code
      { type: 'qr-model' },
      // module size clamped to the 58 mm profile's maximum
      { type: 'qr-module-size', size: 6 },
      { type: 'qr-ecc', level: 'Q' },
      { type: 'qr-store', data: 'A1' },
      { type: 'qr-print' },
      { type: 'newline' },
      { type: 'feed', lines: 4 },
      { type: 'cut', partial: true },
    ]);
  });

  it('double-size text wraps at half the columns', () => {
    const { commands } = receiptToCommands({ lines: [{ type: 'text', text: '一二三四五六七八九十', size: 'double' }] }, p58);
    expect(commands.filter((c) => c.type === 'text')).toEqual([
      { type: 'text', text: '一二三四五六七八' },
      { type: 'text', text: '九十' },
    ]);
  });

  it('reports unencodable characters and prints □ instead', () => {
    const encoded = encodeReceipt({ lines: [{ type: 'text', text: '𠮷野家 😀' }] }, p80);
    expect(encoded.replaced).toEqual([0x20bb7, 0x1f600]);
    expect(encoded.commands).toContainEqual({ type: 'text', text: '□野家 □' });
    // □ = A1 F5 in GBK
    expect(Buffer.from(encoded.bytes).toString('hex')).toContain('a1f5');
  });
});

describe('receipt preview', () => {
  it('renders the same layout as the printer, as plain text', () => {
    const preview = renderReceiptPreview(
      {
        lines: [
          { type: 'text', text: '回执', align: 'center' },
          { type: 'row', left: '业务', right: '换领' },
          { type: 'rule' },
          { type: 'text', text: 'AB', size: 'double', align: 'right' },
          { type: 'qr', data: 'CASE-1' },
          { type: 'feed', lines: 1 },
          { type: 'cut' },
        ],
      },
      p58,
    );
    expect(preview.split('\n')).toEqual([
      `${' '.repeat(14)}回执`,
      `业务${' '.repeat(24)}换领`,
      '-'.repeat(32),
      `${' '.repeat(29)}A B`,
      `${' '.repeat(9)}[QR M] CASE-1`,
      '',
      `${'- '.repeat(14)}8<`,
    ]);
  });
});
