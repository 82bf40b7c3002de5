import type { Receipt, ReceiptLine } from '../../drivers/printer/types';

export interface RenewalReceiptInput {
  /** already masked (flows/masking.ts): a receipt is left behind in bins and on counters */
  readonly maskedName: string;
  readonly maskedIdNumber: string;
  /** the transaction's ULID: the only thing the QR code carries */
  readonly reference: string;
  readonly caseNumber: string | null;
  readonly at: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time, the way the citizen reads the kiosk's clock. */
export function formatReceiptTime(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * The receipt of 居民身份证有效期满换领, as the printer-independent model (drivers/printer/types).
 * Chinese first with English where a foreign resident needs it; labels short enough for the
 * 32 columns of a 58 mm printer (CJK counts double), long values on their own line.
 */
export function buildRenewalReceipt(input: RenewalReceiptInput): Receipt {
  const uploaded = input.caseNumber !== null;
  const lines: ReceiptLine[] = [
    { type: 'text', text: '自助警务服务回执', align: 'center', size: 'double', bold: true },
    { type: 'text', text: 'Self-service receipt', align: 'center' },
    { type: 'rule' },
    { type: 'text', text: '业务 Service:' },
    { type: 'text', text: '居民身份证有效期满换领', bold: true },
    { type: 'text', text: 'ID card renewal (expiry)' },
    { type: 'row', left: '姓名 Name', right: input.maskedName },
    { type: 'row', left: '证件号码 ID', right: input.maskedIdNumber },
    { type: 'row', left: '时间 Time', right: formatReceiptTime(input.at) },
    { type: 'text', text: '受理编号 Reference:' },
    { type: 'text', text: input.reference, bold: true },
  ];
  if (input.caseNumber !== null) {
    lines.push({ type: 'text', text: '案件编号 Case number:' }, { type: 'text', text: input.caseNumber, bold: true });
  }
  lines.push(
    uploaded
      ? { type: 'text', text: '数据状态: 已上传 (Uploaded)' }
      : { type: 'text', text: '数据状态: 待上传 (Waiting to upload)' },
    { type: 'rule' },
    { type: 'qr', data: input.reference, moduleSize: 6, ecc: 'M' },
    { type: 'text', text: '请保留此回执，凭受理编号查询办理进度', align: 'center' },
    { type: 'text', text: 'Keep this receipt to check progress.', align: 'center' },
    { type: 'feed', lines: 3 },
    { type: 'cut' },
  );
  return { lines };
}
