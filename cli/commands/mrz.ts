import { localToday, parseMrz } from '../../drivers/mrz';
import type { CommandSpec } from '../command';
import { fail } from '../command';
import { EXIT } from '../exit-codes';

/**
 * `mrz parse <line> [<line>…] [--json]` (shared/kioskctl.md). An invalid MRZ still prints the
 * parsed object and exits 1; input that is not an MRZ of a supported document exits 1 with an
 * error. Two-digit years and `expired` are resolved against the local date of today.
 */
export const mrzParseCommand: CommandSpec = {
  path: ['mrz', 'parse'],
  usage: 'mrz parse <line> [<line>…] [--json]   Chinese passport (TD3, 2 lines), HK/Macau permit (CS…) or Taiwan permit (CD…)',
  options: {},
  positionals: [1, 4],
  async run(args, io) {
    const parsed = parseMrz(args.positionals, { today: localToday() });
    if (!parsed.ok) return fail(io, args, EXIT.invalidInput, parsed.error.code, parsed.error.message);
    const doc = parsed.value;
    if (args.json) {
      io.stdout(JSON.stringify(doc));
    } else {
      const rows: [string, string | undefined][] = [
        ['document', doc.document],
        ['number', doc.documentNumber],
        ['surname', doc.surname],
        ['given names', doc.givenNames],
        ['chinese name', doc.nameZh],
        ['sex', doc.sex],
        ['nationality', doc.nationality],
        ['birth date', doc.birthDate ?? '(invalid)'],
        ['expiry date', `${doc.expiryDate ?? '(invalid)'}${doc.expired ? ' (expired)' : ''}`],
        ['valid', doc.valid ? 'yes' : `no: ${doc.errors.join(', ')}`],
      ];
      for (const [label, value] of rows) if (value !== undefined) io.stdout(`${label.padEnd(13)}${value}`);
    }
    if (!doc.valid) io.stderr(`kioskctl: invalid MRZ: ${doc.errors.join(', ')}`);
    return doc.valid ? EXIT.ok : EXIT.invalidInput;
  },
};
