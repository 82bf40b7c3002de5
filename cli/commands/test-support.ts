import { execFile } from 'node:child_process';

/** Runs kioskctl through the real CLI, as a technician does (shared/kioskctl.md); for the command tests. */

const root = new URL('../..', import.meta.url).pathname;

export interface Run {
  code: number;
  stdout: string;
  /** without npm's own warnings and blank lines, so tests see kioskctl's lines only */
  stderr: string;
}

export function kioskctl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'cli/kioskctl.ts', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr: stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') });
    });
  });
}
