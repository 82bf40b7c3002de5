import type { PrinterProfile } from '../profiles';
import type { Receipt, ReceiptLine } from '../types';
import { assertNever } from '../../result';
import type { Align, EscPosCommand, QrEcc } from './commands';
import { sanitiseForPrinter } from './gbk-charset';
import { layoutRow, rule, wrapText } from './layout';

export interface ReceiptCommands {
  readonly commands: EscPosCommand[];
  /** code points GBK cannot encode, printed as □ (see gbk-charset.ts) */
  readonly replaced: readonly number[];
}

/** Stage one → two: the receipt model as typed ESC/POS commands for one printer profile. */
export function receiptToCommands(receipt: Receipt, profile: PrinterProfile): ReceiptCommands {
  const commands: EscPosCommand[] = [{ type: 'init' }];
  // ESC @ does not leave Chinese mode on every model; select it explicitly (§5.1)
  if (profile.sendChineseMode) commands.push({ type: 'chinese-mode', on: true });
  const replaced: number[] = [];
  const clean = (text: string): string => {
    const s = sanitiseForPrinter(text);
    for (const cp of s.replaced) if (!replaced.includes(cp)) replaced.push(cp);
    return s.text;
  };
  // ESC a stays in force until changed: emit it only when the alignment changes
  let align: Align = 'left';
  const setAlign = (next: Align): void => {
    if (next === align) return;
    commands.push({ type: 'align', align: next });
    align = next;
  };
  const pushLines = (lines: readonly string[]): void => {
    for (const line of lines) {
      if (line !== '') commands.push({ type: 'text', text: line });
      commands.push({ type: 'newline' });
    }
  };
  for (const line of receipt.lines) lineCommands(line, profile, { commands, clean, pushLines, setAlign });
  return { commands, replaced };
}

interface Emit {
  readonly commands: EscPosCommand[];
  readonly clean: (text: string) => string;
  readonly pushLines: (lines: readonly string[]) => void;
  readonly setAlign: (align: Align) => void;
}

function lineCommands(line: ReceiptLine, profile: PrinterProfile, emit: Emit): void {
  const { commands, clean, pushLines, setAlign } = emit;
  switch (line.type) {
    case 'text': {
      const double = line.size === 'double';
      const columns = double ? Math.floor(profile.columns / 2) : profile.columns;
      setAlign(line.align ?? 'left');
      if (line.bold === true) commands.push({ type: 'bold', on: true });
      if (double) commands.push({ type: 'size', width: 2, height: 2 }, { type: 'chinese-size', double: true });
      pushLines(line.text.split(/\r?\n/).flatMap((part) => wrapText(clean(part), columns)));
      if (double) commands.push({ type: 'size', width: 1, height: 1 }, { type: 'chinese-size', double: false });
      if (line.bold === true) commands.push({ type: 'bold', on: false });
      return;
    }
    case 'row':
      setAlign('left');
      pushLines(layoutRow(clean(line.left), clean(line.right), profile.columns));
      return;
    case 'rule':
      setAlign('left');
      pushLines([rule(profile.columns)]);
      return;
    case 'qr': {
      const size = Math.min(line.moduleSize ?? profile.defaultQrModuleSize, profile.maxQrModuleSize);
      const ecc: QrEcc = line.ecc ?? 'M';
      setAlign('center');
      commands.push(
        { type: 'qr-model' },
        { type: 'qr-module-size', size },
        { type: 'qr-ecc', level: ecc },
        { type: 'qr-store', data: line.data },
        { type: 'qr-print' },
        { type: 'newline' },
      );
      return;
    }
    case 'feed':
      commands.push({ type: 'feed', lines: line.lines });
      return;
    case 'cut':
      if (profile.feedBeforeCut > 0) commands.push({ type: 'feed', lines: profile.feedBeforeCut });
      commands.push({ type: 'cut', partial: line.partial === true && profile.partialCut });
      return;
    default:
      assertNever(line, 'receipt line');
  }
}
