import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../fixtures/platform';

// `npm run loadtest` end to end: the real script, a real browser-mode host, headless Chromium,
// the real outbox and sync engine, against the stand-in on loopback.
const CODE = 'LOADTEST-E2E-01';
const ROOT = join(import.meta.dirname, '..');

let standIn: StandIn;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'loadtest-e2e-'));
  standIn = await startStandIn({ dataDir, port: 0, enrolmentCodes: [CODE] });
});

afterAll(async () => {
  await standIn?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function loadtest(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'loadtest.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (s: string): string => s.trim().split('\n').at(-1) ?? '';

describe('npm run loadtest', () => {
  it('enqueues n transactions through the real outbox and finds each one case at the platform', async () => {
    // the first batch is applied and its answer lost: the resend must come back as duplicates
    standIn.faults.add({ kind: 'drop-after-apply', path: '/transactions/batch', count: 1 });
    const run = await loadtest(['--platform', standIn.url, '--enrolment-code', CODE, '--transactions', '5', '--photo-bytes', '20000', '--timeout', '90', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(lastLine(run.stdout)) as Record<string, number>;
    expect(Object.keys(result)).toEqual(['enqueued', 'accepted', 'duplicates', 'rejected', 'pending', 'elapsedMs', 'txPerSec']);
    expect(result).toMatchObject({ enqueued: 5, accepted: 5, rejected: 0, pending: 0 });
    expect(result.duplicates).toBeGreaterThan(0);
    expect(result.txPerSec).toBeGreaterThan(0);

    const report = standIn.report();
    expect(report.transactions.distinct).toBe(5);
    expect(report.transactions.conflicts).toBe(0);
    expect(report.attachments.missingReferenced).toBe(0);
    // one distinct photo per transaction, each referenced by its own case
    expect(report.attachments.stored).toBe(5);
    expect(new Set(report.cases.flatMap((c) => c.attachments)).size).toBe(5);
    expect(new Set(report.cases.map((c) => c.terminalId)).size).toBe(1);
    expect(report.cases.map((c) => c.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    // no synthetic name or ID number on the console
    expect(run.stderr).not.toMatch(/\d{17}[\dX]/);
  });

  it('exits 1 with one clear line when the platform refuses the enrolment code', async () => {
    const run = await loadtest(['--platform', standIn.url, '--enrolment-code', 'WRONG-CODE-99', '--transactions', '1', '--timeout', '30', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/enrolment failed: enrolment-code-invalid/);
  });

  it('exits 2 on a usage error', async () => {
    const run = await loadtest(['--platform', standIn.url, '--transactions', '3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--enrolment-code <code> is required/);
  });
});
