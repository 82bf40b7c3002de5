import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

// `kioskctl scan` through the real CLI against the standalone scanner simulator behind a pty.
const dir = mkdtempSync(join(tmpdir(), 'kioskctl-scan-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGTERM');
});

function start(args: string[]): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn('npx', ['tsx', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, lines };
}

async function next(lines: AsyncIterator<string>): Promise<string> {
  const r = await lines.next();
  return r.done ? '' : r.value;
}

const exited = (child: ChildProcess): Promise<number> => new Promise((resolve) => child.once('exit', (code) => resolve(code ?? -1)));

/** Processes other than `except` that hold the tty open (the simulator's socat holds it too). */
function holders(tty: string): Set<string> {
  const out = new Set<string>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) if (readlinkSync(`/proc/${pid}/fd/${fd}`) === tty) out.add(pid);
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Waits until a process not in `before` has the tty open: kioskctl has opened its port. */
async function portOpenedBySomeoneNew(tty: string, before: Set<string>): Promise<void> {
  for (;;) {
    if ([...holders(tty)].some((p) => !before.has(p))) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('kioskctl scan', () => {
  it('prints n codes as JSON lines, reports garbled input on stderr, and exits 0', async () => {
    const link = join(dir, 'scanner');
    const sim = start(['fixtures/devices/scanner/main.ts', '--pty', link, '--terminator', 'crlf']);
    expect(await next(sim.lines)).toBe(`ready ${link}`);
    const tty = realpathSync(link);
    const before = holders(tty);
    const cli = start(['cli/kioskctl.ts', 'scan', '--port', link, '--count', '2', '--json']);
    let stderr = '';
    cli.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const done = exited(cli.child);
    await portOpenedBySomeoneNew(tty, before);
    for (const cmd of ['garble on', 'scan BROKEN', 'garble off', 'scan 6901234567892', 'scan https://example.invalid/q?x=回执']) {
      sim.child.stdin!.write(`${cmd}\n`);
      expect(await next(sim.lines)).toBe('ok');
    }
    expect(await next(cli.lines)).toBe(JSON.stringify({ text: '6901234567892', source: 'serial' }));
    expect(await next(cli.lines)).toBe(JSON.stringify({ text: 'https://example.invalid/q?x=回执', source: 'serial' }));
    expect(await done).toBe(0);
    expect(stderr).toContain('invalid-encoding');
    sim.child.stdin!.write('quit\n');
    await exited(sim.child);
  });

  it('exits 4 when the port cannot be opened or the HID device is absent; 2 on usage errors', async () => {
    const noPort = start(['cli/kioskctl.ts', 'scan', '--port', join(dir, 'nothing-here'), '--json']);
    expect(JSON.parse(await next(noPort.lines))).toMatchObject({ error: { code: 'device-unreachable' } });
    expect(await exited(noPort.child)).toBe(4);
    const noHid = start(['cli/kioskctl.ts', 'scan', '--hid', 'ffff:fffe', '--json']);
    expect(JSON.parse(await next(noHid.lines))).toMatchObject({ error: { code: 'device-not-found' } });
    expect(await exited(noHid.child)).toBe(4);
    const both = start(['cli/kioskctl.ts', 'scan', '--port', 'x', '--hid', '1:2']);
    expect(await exited(both.child)).toBe(2);
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
