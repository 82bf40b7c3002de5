import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU milliseconds per group of processes; empty where /proc and ps are not available. */
export type CpuByGroup = Record<string, number>;

/**
 * Which processes a benchmark's time goes to (Linux only, from /proc/<pid>/stat): this process
 * (the bench and the in-process host), the stand-ins, Chromium's browser process (where its
 * IndexedDB backend runs), its renderers and its other helpers. Snapshot before and after the
 * measured part and subtract: on a small machine the question is often whether the run was
 * CPU-bound, and on what.
 */
export function cpuSnapshot(): CpuByGroup {
  const out: CpuByGroup = {};
  let table: string;
  try {
    table = execFileSync('ps', ['-eo', 'pid=,comm=,args='], { encoding: 'utf8' });
  } catch {
    return out;
  }
  const tickMs = 10; // USER_HZ is 100 on every Linux the kiosk targets
  for (const line of table.split('\n')) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const [, pid = '', comm = '', args = ''] = m;
    const group = groupOf(Number(pid), comm, args);
    if (!group) continue;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      out[group] = (out[group] ?? 0) + (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * tickMs;
    } catch {
      // the process ended between ps and the read
    }
  }
  return out;
}

export function cpuSince(before: CpuByGroup): CpuByGroup {
  const now = cpuSnapshot();
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

function groupOf(pid: number, comm: string, args: string): string | undefined {
  if (pid === process.pid) return 'benchAndHost';
  if (args.includes('fixtures/platform/main.ts')) return 'standIns';
  if (!comm.includes('chrom')) return undefined;
  if (args.includes('--type=renderer')) return 'chromiumRenderer';
  return args.includes('--type=') ? 'chromiumOther' : 'chromiumBrowser';
}
