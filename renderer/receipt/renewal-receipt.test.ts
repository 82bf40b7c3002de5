import { describe, expect, it } from 'vitest';
import { Receipt } from '../../drivers/printer/types';
import { buildRenewalReceipt, formatReceiptTime } from './renewal-receipt';

const base = {
  maskedName: '张*',
  maskedIdNumber: '1****************X',
  reference: '01JH0000000000000000000000',
  at: new Date(2025, 2, 4, 9, 5),
};

const texts = (r: Receipt) =>
  r.lines.flatMap((l) => (l.type === 'text' ? [l.text] : l.type === 'row' ? [l.left, l.right] : []));

describe('buildRenewalReceipt', () => {
  it('is a valid receipt model with the service, masked identity, reference and a cut', () => {
    const receipt = buildRenewalReceipt({ ...base, caseNumber: null });
    expect(Receipt.safeParse(receipt).success).toBe(true);
    const all = texts(receipt).join('\n');
    expect(all).toContain('居民身份证有效期满换领');
    expect(all).toContain('张*');
    expect(all).toContain('1****************X');
    expect(all).toContain('2025-03-04 09:05');
    expect(all).toContain(base.reference);
    expect(all).toContain('待上传');
    expect(receipt.lines.at(-1)).toEqual({ type: 'cut' });
  });

  it('puts only the reference in the QR code', () => {
    const qrs = buildRenewalReceipt({ ...base, caseNumber: 'C-1' }).lines.filter((l) => l.type === 'qr');
    expect(qrs).toEqual([expect.objectContaining({ data: base.reference })]);
  });

  it('says uploaded and shows the case number once the platform accepted it', () => {
    const all = texts(buildRenewalReceipt({ ...base, caseNumber: 'SZ2025-000123' })).join('\n');
    expect(all).toContain('SZ2025-000123');
    expect(all).toContain('已上传');
    expect(all).not.toContain('待上传');
  });

  it('formats the local time with zero padding', () => {
    expect(formatReceiptTime(new Date(2024, 11, 31, 23, 59))).toBe('2024-12-31 23:59');
  });
});
