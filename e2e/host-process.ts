import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** A port nobody listens on right now: listen on port 0, note the port, close. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

export interface HostProcess {
  readonly url: string;
  readonly pid: number;
  /** everything the host printed so far (stdout and stderr), one entry per line */
  readonly output: readonly string[];
  /** SIGKILL: no shutdown handler runs, no buffer is flushed; resolves once the process is gone */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not gone within 5 s; safe to call when it is gone already */
  stop(): Promise<void>;
}

/**
 * Browser mode as the kiosk runs it: `node --import tsx electron/browser-main.ts` in its own
 * process (not `npx tsx`, whose wrapper process would take the signal instead of the host).
 */
export async function startHostProcess(options: { port: number; dataDir: string; configPath: string; timeoutMs?: number }): Promise<HostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron', 'browser-main.ts'), '--port', String(options.port), '--data-dir', options.dataDir, '--config', options.configPath, '--no-open'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  let exited = child.exitCode !== null || child.signalCode !== null;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start within ${options.timeoutMs ?? 60_000} ms:\n${output.join('\n')}`)), options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        output.push(line);
        const ready = /Browser mode: open (\S+)/.exec(line);
        if (ready?.[1]) {
          clearTimeout(timer);
          resolve(ready[1]);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the host exited (${code ?? signal}) before it was ready:\n${output.join('\n')}`));
    });
  }).catch(async (e: unknown) => {
    if (!exited) child.kill('SIGKILL');
    await gone;
    throw e;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the host has no pid');
  return {
    url,
    pid,
    output,
    async kill() {
      if (!exited) child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
