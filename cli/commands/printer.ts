import { type CliIo, type CommandSpec, type ParsedArgs, exitForDeviceError, fail, stringOption } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { DEFAULT_PRINTER_BAUD, type HardwarePrinterConfig, printerOpener } from '../../drivers/printer/config';
import { createEscPosPrinter } from '../../drivers/printer/driver';
import { printerProfile } from '../../drivers/printer/profiles';
import { buildTestReceipt } from '../../drivers/printer/test-receipt';
import type { ReceiptPrinter } from '../../drivers/printer/types';

const target = '(--port <path> [--baud <n>] | --tcp <host:port>)';
const options = { port: { type: 'string' }, baud: { type: 'string' }, tcp: { type: 'string' } } as const;

/**
 * The test receipt is laid out for 58 mm: it prints correctly on an 80 mm roll too (narrower),
 * while an 80 mm layout would wrap badly on a 58 mm printer.
 */
const TEST_PROFILE = printerProfile('58mm');

type Target = { ok: true; config: HardwarePrinterConfig } | { ok: false; message: string };

function parseTarget(args: ParsedArgs): Target {
  const port = stringOption(args.values.port);
  const tcp = stringOption(args.values.tcp);
  const baud = stringOption(args.values.baud);
  if ((port === undefined) === (tcp === undefined)) return { ok: false, message: 'give exactly one of --port <path> or --tcp <host:port>' };
  if (tcp !== undefined) {
    if (baud !== undefined) return { ok: false, message: '--baud applies to --port only' };
    // host:port, with IPv6 hosts in brackets: [::1]:9100
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(tcp);
    const tcpPort = Number(match?.[3]);
    const host = match?.[1] ?? match?.[2];
    if (host === undefined || !Number.isInteger(tcpPort) || tcpPort < 1 || tcpPort > 65535) return { ok: false, message: `--tcp expects <host:port>, got ${JSON.stringify(tcp)}` };
    return { ok: true, config: { adapter: 'escpos-tcp', host, port: tcpPort, profile: '58mm' } };
  }
  const baudRate = baud === undefined ? DEFAULT_PRINTER_BAUD : Number(baud);
  if (!/^\d+$/.test(baud ?? '0') || !Number.isInteger(baudRate) || baudRate < 50 || baudRate > 4_000_000) return { ok: false, message: `--baud expects a baud rate, got ${JSON.stringify(baud)}` };
  return { ok: true, config: { adapter: 'escpos-serial', port: port ?? '', baud: baudRate, profile: '58mm' } };
}

async function withPrinter(args: ParsedArgs, io: CliIo, usage: string, use: (printer: ReceiptPrinter) => Promise<ExitCode>): Promise<ExitCode> {
  const parsed = parseTarget(args);
  if (!parsed.ok) return fail(io, args, EXIT.usage, 'usage', `${parsed.message}; usage: ${usage}`);
  const printer = createEscPosPrinter(printerOpener(parsed.config), { profile: TEST_PROFILE, statusTimeoutMs: 1500, jobTimeoutMs: 15_000 });
  try {
    return await use(printer);
  } finally {
    await printer.close();
  }
}

const statusUsage = `printer status ${target} [--json]`;
const testUsage = `printer test ${target} [--json]`;

export const printerStatusCommand: CommandSpec = {
  path: ['printer', 'status'],
  usage: statusUsage,
  options,
  positionals: [0, 0],
  run: (args, io) =>
    withPrinter(args, io, statusUsage, async (printer) => {
      const status = await printer.status();
      if (!status.ok) return fail(io, args, exitForDeviceError(status.error.code), status.error.code, status.error.message);
      const s = status.value;
      if (args.json) {
        io.stdout(JSON.stringify({ online: s.online, paper: s.paper, coverOpen: s.coverOpen, cutterError: s.cutterError, error: s.error }));
      } else {
        io.stdout(`online:        ${s.online ? 'yes' : 'no'}`);
        io.stdout(`paper:         ${s.paper}`);
        io.stdout(`cover:         ${s.coverOpen ? 'open' : 'closed'}`);
        io.stdout(`cutter error:  ${s.cutterError ? 'yes' : 'no'}`);
        io.stdout(`error:         ${s.error ? 'yes' : 'no'}`);
      }
      return EXIT.ok;
    }),
};

export const printerTestCommand: CommandSpec = {
  path: ['printer', 'test'],
  usage: testUsage,
  options,
  positionals: [0, 0],
  run: (args, io) =>
    withPrinter(args, io, testUsage, async (printer) => {
      const printed = await printer.print(buildTestReceipt(TEST_PROFILE));
      if (!printed.ok) return fail(io, args, exitForDeviceError(printed.error.code), printed.error.code, printed.error.message);
      const warnings = printed.value.warnings;
      if (args.json) io.stdout(JSON.stringify({ printed: true, warnings }));
      else io.stdout(`test receipt printed${warnings.length > 0 ? ` (warnings: ${warnings.join(', ')})` : ''}`);
      for (const warning of warnings) io.stderr(`kioskctl: warning: ${warning}`);
      return EXIT.ok;
    }),
};

export const printerCommands: readonly CommandSpec[] = [printerStatusCommand, printerTestCommand];
