import type { ParseArgsConfig } from 'node:util';
import { isCardLevel, isIdReaderErrorCode } from '../drivers/id-reader/status';
import { EXIT, type ExitCode } from './exit-codes';

export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: readonly string[];
  readonly json: boolean;
}

/** One `kioskctl <group> <name>` command. Commands return an exit code; they never throw for expected failures. */
export interface CommandSpec {
  readonly path: readonly [string, string] | readonly [string];
  readonly usage: string;
  readonly options: OptionSpec;
  /** how many positionals the command takes: [min, max] */
  readonly positionals: readonly [number, number];
  run(args: ParsedArgs, io: CliIo): Promise<ExitCode>;
}

/** An expected failure: one clear line on stderr and, with --json, `{"error": {code, message}}` on stdout. */
export function fail(io: CliIo, args: Pick<ParsedArgs, 'json'>, exit: ExitCode, code: string, message: string): ExitCode {
  io.stderr(`kioskctl: ${message}`);
  if (args.json) io.stdout(JSON.stringify({ error: { code, message } }));
  return exit;
}

/**
 * Maps a driver's coded error to kioskctl's exit codes: device not ready (3) vs unreachable (4).
 * The id reader's codes follow its own card-vs-reader classification (the one its status uses);
 * the printer's refusals are not-ready; anything else is the device being out of reach.
 */
export function exitForDeviceError(code: string): ExitCode {
  if (isIdReaderErrorCode(code)) return isCardLevel(code) ? EXIT.deviceNotReady : EXIT.deviceUnreachable;
  switch (code) {
    case 'paper-out':
    case 'cover-open':
    case 'offline':
    case 'printer-error':
      return EXIT.deviceNotReady;
    default:
      return EXIT.deviceUnreachable;
  }
}

export const stringOption = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
