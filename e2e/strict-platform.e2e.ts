import { describe, expect, it } from 'vitest';
import { runLoadTestAgainstChecker } from '../fixtures/strict-platform/run-loadtest';

// `npm run loadtest` (the real script, browser-mode host, headless Chromium, real outbox and sync
// engine) against the strict checker, an implementation of platform-api.md written apart from the
// stand-in, with a mix of its own faults: every transaction held exactly once, no conflict, no
// breach of the protocol, and the JSON line true to what the checker counted.
const N = 60;
const PHOTO_BYTES = 40_000;

describe('loadtest against the strict platform checker', () => {
  it('drains every transaction exactly once through 500s, lost answers, throttling, resets, hangs and a revoked token', async () => {
    const run = await runLoadTestAgainstChecker({
      transactions: N,
      photoBytes: PHOTO_BYTES,
      timeoutSec: 100,
      seed: 7,
      faults: { serverErrorRate: 0.05, dropAfterApplyRate: 0.1, throttleRate: 0.04, retryAfterSec: 1, resetRate: 0.04, hangRate: 0.02, hangSec: 4, revokeOnBatch: [2] },
    });
    expect(run.findings, run.stderr.split('\n').slice(-20).join('\n')).toEqual([]);
    expect(run.exitCode).toBe(0);

    const { report, line } = run;
    // the faults really happened; whatever was applied without an answer is still one case each
    expect(report.faults['drop-after-apply'] ?? 0).toBeGreaterThan(0);
    expect(report.appliedWithoutAnswer).toBeGreaterThan(0);
    expect((report.faults['500'] ?? 0) + (report.faults.reset ?? 0) + (report.faults['429'] ?? 0) + (report.faults['503'] ?? 0)).toBeGreaterThan(0);
    // the token revoked on the second batch: sync stopped, the load test re-enrolled as a
    // technician would, and the kiosk resumed (platform-api.md "401")
    expect(report.enrolments).toBe(2);
    expect(run.stderr).toContain('re-enrolled; sync resumes');
    expect(report.transactions).toBe(N);
    expect(report.conflicts).toBe(0);
    expect(report.seqReuse).toBe(0);
    expect(report.rejected).toEqual({});
    expect(report.violations).toEqual([]);
    expect(report.attachments).toMatchObject({ stored: N, bytes: N * PHOTO_BYTES, digestMismatches: 0 });
    expect(typeof line === 'string' ? line : { ...line, elapsedMs: 0, txPerSec: 0 }).toEqual({
      enqueued: N,
      accepted: N,
      duplicates: report.delivered.duplicate ?? 0,
      rejected: 0,
      pending: 0,
      elapsedMs: 0,
      txPerSec: 0,
    });
    // no synthetic name or ID number on the console
    expect(run.stderr).not.toMatch(/\d{17}[\dX]/);
  });
});
