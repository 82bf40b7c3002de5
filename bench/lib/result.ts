import { pathToFileURL } from 'node:url';

/** What every bench returns (bench/run.ts prints them as a table). */
export interface BenchResult {
  readonly bench: string;
  /** the measured ratio against a baseline measured in the same run */
  readonly ratio: number;
  readonly target: number;
  readonly pass: boolean;
  readonly [detail: string]: unknown;
}

export interface BenchOptions {
  /** smaller sizes, for a first look or a busy machine */
  readonly quick?: boolean;
  /** progress lines (stderr by default) */
  readonly log?: (line: string) => void;
}

export const stderrLog = (line: string): void => void process.stderr.write(`${line}\n`);

export function parseBenchArgv(argv: readonly string[]): BenchOptions {
  return { quick: argv.includes('--quick'), log: stderrLog };
}

/** True when the module at `metaUrl` is the script node was started with. */
export function isMain(metaUrl: string): boolean {
  return metaUrl === pathToFileURL(process.argv[1] ?? '').href;
}

/**
 * `npx tsx bench/<name>.ts [--quick]`: a readable line, then the JSON as the last line. A missed
 * target is a result, not a failure (exit 0); only a crash exits non-zero.
 */
export function runStandalone(run: (options: BenchOptions) => Promise<BenchResult>, describe: (r: BenchResult) => string): void {
  run(parseBenchArgv(process.argv.slice(2))).then(
    (r) => {
      process.stdout.write(`${describe(r)} ${r.pass ? 'PASS' : 'MISS'}\n${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
