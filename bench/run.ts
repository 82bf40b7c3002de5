import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseBenchArgv } from './lib/result';
import type { BenchOptions, BenchResult } from './lib/result';

/**
 * `npm run bench [-- --quick]`: every benchmark, one after the other (they would skew each
 * other in parallel on a small machine), then a table. A missed target is reported, not
 * failed: the exit code is non-zero only when a benchmark crashed.
 */
type Runner = (options: BenchOptions) => Promise<BenchResult>;

const BENCHES = ['id-read', 'outbox', 'sync', 'herd'] as const;

async function load(name: string): Promise<Runner | undefined> {
  const file = join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { run?: unknown };
  return typeof mod.run === 'function' ? (mod.run as Runner) : undefined;
}

function cell(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '?';
}

async function main(): Promise<number> {
  const options = parseBenchArgv(process.argv.slice(2));
  const rows: { name: string; result?: BenchResult; error?: string; seconds: number }[] = [];
  for (const name of BENCHES) {
    const runner = await load(name);
    if (!runner) {
      rows.push({ name, error: 'not present (no exported run())', seconds: 0 });
      continue;
    }
    process.stderr.write(`── bench ${name}${options.quick ? ' (quick)' : ''}\n`);
    const t0 = Date.now();
    try {
      const result = await runner(options);
      rows.push({ name, result, seconds: (Date.now() - t0) / 1000 });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } catch (e) {
      rows.push({ name, error: e instanceof Error ? e.message : String(e), seconds: (Date.now() - t0) / 1000 });
    }
  }
  const header = ['bench', 'ratio', 'target', 'pass', 'seconds'];
  const table = rows.map((r) =>
    r.result ? [r.name, cell(r.result.ratio), cell(r.result.target), r.result.pass ? 'PASS' : 'MISS', r.seconds.toFixed(1)] : [r.name, '-', '-', r.error?.startsWith('not present') ? 'SKIP' : 'CRASH', r.seconds.toFixed(1)],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${table.map(line).join('\n')}\n`);
  for (const r of rows) if (r.error && !r.error.startsWith('not present')) process.stdout.write(`${r.name}: ${r.error}\n`);
  return rows.some((r) => r.error !== undefined && !r.error.startsWith('not present')) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
