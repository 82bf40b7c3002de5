import type { PrinterProfile } from './profiles';
import { sanitiseForPrinter } from './protocol/gbk-charset';
import { centre, layoutRow, padLeft, rule, wrapText } from './protocol/layout';
import type { Receipt, ReceiptLine } from './types';
import { assertNever } from '../result';

/**
 * A plain-text preview of a receipt as the profile's printer lays it out: same wrapping, same
 * double-width CJK counting, same □ for what GBK cannot encode. Pure and free of Node built-ins
 * (no iconv-lite) so the renderer and diagnostics can import it. Double-size text is spread to
 * twice its width, which is as close as a monospace preview gets to the larger font.
 */
export function renderReceiptPreview(receipt: Receipt, profile: PrinterProfile): string {
  const out: string[] = [];
  for (const line of receipt.lines) previewLine(line, profile, out);
  return out.join('\n');
}

const clean = (text: string): string => sanitiseForPrinter(text).text;

function previewLine(line: ReceiptLine, profile: PrinterProfile, out: string[]): void {
  const columns = profile.columns;
  switch (line.type) {
    case 'text': {
      const double = line.size === 'double';
      const width = double ? Math.floor(columns / 2) : columns;
      for (const part of line.text.split(/\r?\n/)) {
        for (const wrapped of wrapText(clean(part), width)) {
          const shown = double ? [...wrapped].map((ch) => ((ch.codePointAt(0) ?? 0) < 0x80 ? `${ch} ` : `${ch}  `)).join('').trimEnd() : wrapped;
          const aligned = line.align === 'center' ? centre(shown, columns) : line.align === 'right' ? padLeft(shown, columns) : shown;
          out.push(aligned);
        }
      }
      return;
    }
    case 'row':
      out.push(...layoutRow(clean(line.left), clean(line.right), columns));
      return;
    case 'rule':
      out.push(rule(columns));
      return;
    case 'qr':
      out.push(centre(`[QR ${line.ecc ?? 'M'}] ${line.data.length > columns - 8 ? `${line.data.slice(0, columns - 11)}...` : line.data}`, columns));
      return;
    case 'feed':
      for (let i = 0; i < line.lines; i++) out.push('');
      return;
    case 'cut':
      out.push(`${'- '.repeat(Math.floor(columns / 2) - 2)}8<${line.partial === true ? ' (partial)' : ''}`);
      return;
    default:
      assertNever(line, 'receipt line');
  }
}
