import type { LoadTestCounts } from '../../renderer/loadtest/api';

/**
 * The load test's result line (issue 4 item 7). Accounting, decided once:
 * - `accepted` counts every transaction the platform holds as final: answered `accepted`, or
 *   `duplicate` (the same item was applied earlier, e.g. a send whose answer was lost, and the
 *   platform returned the original case number). A duplicate is not a second case, so it is
 *   counted once, as accepted; `duplicates` says how many of them came back that way.
 * - `rejected`: refused for good (dead letters). `pending`: still queued when the run ended.
 * - enqueued = accepted + rejected + pending, always, because all four are read from the
 *   outbox itself; transactions that failed before reaching the outbox are not enqueued.
 */
export interface LoadTestResult {
  readonly enqueued: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly pending: number;
  readonly elapsedMs: number;
  readonly txPerSec: number;
}

export function summarise(counts: LoadTestCounts, elapsedMs: number): LoadTestResult {
  const elapsed = Math.max(0, Math.round(elapsedMs));
  return {
    enqueued: counts.enqueued,
    accepted: counts.accepted,
    duplicates: counts.duplicates,
    rejected: counts.rejected,
    pending: counts.pending,
    elapsedMs: elapsed,
    txPerSec: elapsed > 0 ? Math.round((counts.accepted / (elapsed / 1000)) * 100) / 100 : 0,
  };
}

/** True when the counts obey the accounting above (a broken invariant is a load-test bug). */
export function isConsistent(r: Pick<LoadTestResult, 'enqueued' | 'accepted' | 'duplicates' | 'rejected' | 'pending'>): boolean {
  const parts = [r.enqueued, r.accepted, r.duplicates, r.rejected, r.pending];
  return parts.every((n) => Number.isInteger(n) && n >= 0) && r.enqueued === r.accepted + r.rejected + r.pending && r.duplicates <= r.accepted;
}

/** 0 only when every requested transaction reached the outbox and was accepted. */
export function exitCodeFor(r: LoadTestResult, requested: number): 0 | 1 {
  return r.enqueued === requested && r.accepted === requested && isConsistent(r) ? 0 : 1;
}

export interface RunNotes {
  readonly requested: number;
  readonly enqueueFailures: number;
  readonly timedOut: boolean;
  readonly codes: Readonly<Record<string, number>>;
  readonly error?: string;
}

export function formatSummary(r: LoadTestResult, notes: RunNotes): string {
  const lines = [
    `load test: ${r.accepted}/${notes.requested} accepted${r.duplicates > 0 ? ` (${r.duplicates} as duplicates of an earlier send)` : ''}, ${r.rejected} rejected, ${r.pending} pending`,
    `  enqueued ${r.enqueued}${notes.enqueueFailures > 0 ? `, ${notes.enqueueFailures} failed before reaching the outbox` : ''}`,
    `  ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.txPerSec} accepted transactions/s${notes.timedOut ? ' (timed out before the outbox drained)' : ''}`,
  ];
  const codes = Object.entries(notes.codes).sort(([a], [b]) => a.localeCompare(b));
  if (codes.length > 0) lines.push(`  seen: ${codes.map(([code, n]) => `${code}×${n}`).join(', ')}`);
  if (notes.error) lines.push(`  error: ${notes.error}`);
  lines.push(exitCodeFor(r, notes.requested) === 0 ? 'PASS: every transaction was accepted' : 'FAIL: not every transaction was accepted');
  return lines.join('\n');
}

export function progressLine(counts: LoadTestCounts, requested: number, phase: string): string {
  return `[loadtest] ${phase}: enqueued ${counts.enqueued}/${requested}, accepted ${counts.accepted} (duplicates ${counts.duplicates}), rejected ${counts.rejected}, pending ${counts.pending}`;
}
