import { checkIdNumber, describeIdNumberError } from '../../drivers/id-number/index';
import { openSamSerialReader } from '../../drivers/id-reader/index';
import type { IdCardRecord, IdCardReader } from '../../drivers/id-reader/types';
import type { CliIo, CommandSpec, ParsedArgs } from '../command';
import { exitForDeviceError, fail, stringOption } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';

/** `id read`, `id sam`, `id check` (shared/kioskctl.md). The same SAM driver the kiosk uses. */

const BAUDS = [115200, 57600, 38400, 19200, 9600] as const;
type Baud = (typeof BAUDS)[number];
const DEFAULT_TIMEOUT_S = 10;

type Opened = { ok: true; reader: IdCardReader } | { ok: false; exit: ExitCode };

/** Validates --port/--baud and opens the reader without background polling or endless retries. */
function openReader(args: ParsedArgs, io: CliIo, usage: string): Opened {
  const port = stringOption(args.values.port);
  if (!port) return { ok: false, exit: fail(io, args, EXIT.usage, 'usage', `--port is required; usage: ${usage}`) };
  const baudText = stringOption(args.values.baud) ?? '115200';
  const baud = BAUDS.find((b) => String(b) === baudText);
  if (baud === undefined) return { ok: false, exit: fail(io, args, EXIT.usage, 'usage', `--baud must be one of ${BAUDS.join(', ')}`) };
  const reader = openSamSerialReader({ adapter: 'sam-serial', port, baud: baud satisfies Baud }, { statusPollMs: 0, reconnect: { initialDelayMs: 60_000 } });
  return { ok: true, reader };
}

/** Ctrl-C cancels the wait for a card cleanly instead of killing the process mid-frame. */
function interruptible(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

const CARD_TYPE_LABEL: Record<IdCardRecord['cardType'], string> = {
  resident: '居民身份证 / resident ID card',
  'hmt-residence': '港澳台居民居住证 / HK-Macau-Taiwan residence permit',
  'foreigner-2017': '外国人永久居留证 (2017) / foreigner permanent residence card (2017)',
  'foreigner-2023': '外国人永久居留身份证 (2023) / foreigner permanent residence ID card (2023)',
};
const SEX_LABEL: Record<IdCardRecord['sex'], string> = { male: '男 / male', female: '女 / female', unknown: '未知 / unknown', unspecified: '未说明 / unspecified' };

function printRecord(io: CliIo, r: IdCardRecord): void {
  const rows: [string, string | undefined][] = [
    ['证件类型 Card type', CARD_TYPE_LABEL[r.cardType]],
    ['姓名 Name', r.name],
    ['英文姓名 Name (EN)', r.nameEn],
    ['性别 Sex', SEX_LABEL[r.sex]],
    ['民族 Nation', r.nation ? `${r.nation.name} (${r.nation.code})` : undefined],
    ['出生 Birth date', r.birthDate],
    ['住址 Address', r.address],
    ['追加住址 New address', r.appendedAddress],
    ['证件号码 ID number', r.idNumber],
    ['签发机关 Authority', r.authority],
    ['有效期 Valid', `${r.validFrom} – ${r.validTo === 'long-term' ? '长期 / long-term' : r.validTo}`],
    ['通行证号码 Permit no.', r.passNumber],
    ['签发次数 Issue count', r.issueCount?.toString()],
    ['国籍 Nationality', r.nationality],
    ['换证次数 Renewals', r.renewalCount?.toString()],
    ['照片 Photo', `WLT ${r.photo.size} bytes, sha256 ${r.photo.sha256}`],
  ];
  for (const [label, value] of rows) if (value !== undefined) io.stdout(`${label}: ${value}`);
}

const readUsage = 'id read --port <path> [--baud 115200] [--timeout <s>] [--json]   waits for a card on a SAM-protocol reader and prints it';
export const idReadCommand: CommandSpec = {
  path: ['id', 'read'],
  usage: readUsage,
  options: { port: { type: 'string' }, baud: { type: 'string' }, timeout: { type: 'string' } },
  positionals: [0, 0],
  async run(args, io) {
    const timeoutText = stringOption(args.values.timeout);
    const timeoutS = timeoutText === undefined ? DEFAULT_TIMEOUT_S : Number(timeoutText);
    if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 3600) return fail(io, args, EXIT.usage, 'usage', '--timeout must be a number of seconds between 0 and 3600');
    const opened = openReader(args, io, readUsage);
    if (!opened.ok) return opened.exit;
    const { signal, dispose } = interruptible();
    try {
      if (!args.json) io.stderr(`kioskctl: waiting up to ${timeoutS} s for a card…`);
      const result = await opened.reader.readCard({ timeoutMs: Math.round(timeoutS * 1000), signal });
      if (!result.ok) return fail(io, args, exitForDeviceError(result.error.code), result.error.code, result.error.message);
      if (args.json) {
        // Exactly the shape of shared/kioskctl.md: the appended address is shown in the
        // readable listing only, so strict consumers of the JSON see no unknown field.
        const { appendedAddress: _appended, ...record } = result.value.record;
        io.stdout(JSON.stringify(record));
      } else printRecord(io, result.value.record);
      return EXIT.ok;
    } finally {
      dispose();
      await opened.reader.close();
    }
  },
};

const samUsage = 'id sam --port <path> [--baud 115200] [--json]   prints the reader SAM id';
export const idSamCommand: CommandSpec = {
  path: ['id', 'sam'],
  usage: samUsage,
  options: { port: { type: 'string' }, baud: { type: 'string' } },
  positionals: [0, 0],
  async run(args, io) {
    const opened = openReader(args, io, samUsage);
    if (!opened.ok) return opened.exit;
    try {
      const result = await opened.reader.readSamId();
      if (!result.ok) return fail(io, args, exitForDeviceError(result.error.code), result.error.code, result.error.message);
      io.stdout(args.json ? JSON.stringify({ samId: result.value }) : `SAM 编号 SAM id: ${result.value}`);
      return EXIT.ok;
    } finally {
      await opened.reader.close();
    }
  },
};

const KIND_LABEL: Record<ReturnType<typeof checkIdNumber>['kind'], string> = {
  resident: '居民身份证号码 / resident ID number',
  'hmt-residence': '港澳台居民居住证号码 / HK-Macau-Taiwan residence permit number',
  'foreigner-2017': '外国人永久居留证号码 (2017) / foreigner permanent residence number (2017)',
  'foreigner-2023': '外国人永久居留身份证号码 (2023) / foreigner permanent residence number (2023)',
};

export const idCheckCommand: CommandSpec = {
  path: ['id', 'check'],
  usage: 'id check <number> [--json]   validates a resident ID / residence-permit / foreigner number; exit 0 valid, 1 invalid',
  options: {},
  positionals: [1, 1],
  async run(args, io) {
    const result = checkIdNumber(args.positionals[0] ?? '');
    if (args.json) io.stdout(JSON.stringify(result));
    else io.stdout(`${result.valid ? '有效 valid' : '无效 invalid'}: ${KIND_LABEL[result.kind]}${result.valid ? '' : ` — ${result.errors.map(describeIdNumberError).join('; ')}`}`);
    if (!result.valid) io.stderr(`kioskctl: invalid ID number: ${result.errors.map(describeIdNumberError).join('; ')}`);
    return result.valid ? EXIT.ok : EXIT.invalidInput;
  },
};

export const idCommands: readonly CommandSpec[] = [idReadCommand, idSamCommand, idCheckCommand];
