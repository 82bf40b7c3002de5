import type { PrinterProfile } from './profiles';
import type { Receipt } from './types';

/** What `QR` on the test receipt holds; a technician scans it to check the QR path end to end. */
export const TEST_RECEIPT_QR = 'KIOSK-PRINTER-TEST';

/**
 * The `kioskctl printer test` receipt (shared/kioskctl.md): Chinese text including characters
 * outside GB2312 (堃, 赟, 喆 need GBK, domain-notes §5.1 lead-byte caveat), a row, a QR code
 * and a cut. Deterministic on purpose: it is also a golden receipt.
 */
export function buildTestReceipt(profile: PrinterProfile): Receipt {
  return {
    lines: [
      { type: 'text', text: '打印测试', align: 'center', size: 'double', bold: true },
      { type: 'text', text: 'Printer test', align: 'center' },
      { type: 'rule' },
      { type: 'row', left: '纸宽 Paper', right: profile.id },
      { type: 'row', left: '列数 Columns', right: String(profile.columns) },
      { type: 'text', text: '中文：居民身份证 出入境证件 交通违法' },
      { type: 'text', text: 'GBK 扩展字：堃 赟 喆 镕' },
      { type: 'text', text: 'ASCII: 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz' },
      { type: 'rule' },
      { type: 'qr', data: TEST_RECEIPT_QR, ecc: 'M' },
      { type: 'text', text: `扫码应显示 ${TEST_RECEIPT_QR}`, align: 'center' },
      { type: 'cut', partial: true },
    ],
  };
}
