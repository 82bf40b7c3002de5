import { parseArgs } from 'node:util';
import { type CliIo, type CommandSpec, fail } from './command';
import { EXIT, type ExitCode } from './exit-codes';
import { commands } from './commands/index';

const usageText = (specs: readonly CommandSpec[]): string =>
  ['usage: kioskctl <command> [options]', '', ...specs.map((c) => `  ${c.usage}`)].join('\n');

/** Runs one kioskctl invocation; returns the exit code (shared/kioskctl.md). */
export async function runKioskctl(argv: readonly string[], io: CliIo, specs: readonly CommandSpec[] = commands): Promise<ExitCode> {
  const json = argv.includes('--json');
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout(usageText(specs));
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const spec =
    specs.find((c) => c.path.length === 2 && c.path[0] === argv[0] && c.path[1] === argv[1]) ??
    specs.find((c) => c.path.length === 1 && c.path[0] === argv[0]);
  if (!spec) {
    io.stderr(usageText(specs));
    return fail(io, { json }, EXIT.usage, 'unknown-command', `unknown command: ${argv.slice(0, 2).join(' ')}`);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(spec.path.length) as string[],
      options: { ...spec.options, json: { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    return fail(io, { json }, EXIT.usage, 'usage', `${e instanceof Error ? e.message : String(e)}; usage: ${spec.usage}`);
  }
  if (parsed.values.help === true) {
    io.stdout(`usage: ${spec.usage}`);
    return EXIT.ok;
  }
  const [min, max] = spec.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    return fail(io, { json }, EXIT.usage, 'usage', `usage: ${spec.usage}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  return spec.run({ values, positionals: parsed.positionals, json }, io);
}
