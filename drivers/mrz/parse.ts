import { parsePassportTd3 } from './passport';
import { parsePermitLine } from './permit';
import { PERMIT_LAYOUTS, permitLayoutFor } from './permit-layout';
import type { MrzDocument, MrzParseOptions } from './types';
import { err, ok, type Result } from '../result';

export type MrzParseError = 'unrecognised-mrz';

/**
 * Picks the parser from the document code: `P…` on two lines → TD3 passport; `CS` / `CD` on
 * one line → the 30-character permit. Anything else is not a document the kiosk reads
 * (a coded error, no object). Input lines are trimmed; one argument holding several lines
 * (newline separated, as a reader or a shell heredoc delivers them) is split, and an 88-char
 * run of a TD3 sent without a separator is cut in two.
 */
export function parseMrz(lines: readonly string[], options: MrzParseOptions): Result<MrzDocument, { code: MrzParseError; message: string }> {
  const input = normaliseMrzLines(lines);
  const first = input[0] ?? '';
  if (first.startsWith('P') && input.length === 2) {
    return ok(parsePassportTd3([first, input[1] ?? ''], options));
  }
  const layout = permitLayoutFor(first);
  if (layout && input.length === 1) return ok(parsePermitLine(first, layout, options));
  const codes = PERMIT_LAYOUTS.map((l) => l.documentCode).join('/');
  return err('unrecognised-mrz', `not a supported MRZ: expected two passport lines (P…) or one ${codes} permit line`);
}

export function normaliseMrzLines(lines: readonly string[]): string[] {
  const out = lines
    .flatMap((l) => l.split(/[\r\n]+/))
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const only = out[0];
  if (out.length === 1 && only !== undefined && only.length === 88 && only.startsWith('P')) return [only.slice(0, 44), only.slice(44)];
  return out;
}
