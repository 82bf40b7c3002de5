import { z } from 'zod';

/**
 * Exponential backoff with FULL jitter (platform-api.md "Whole-request outcomes"): the delay is
 * uniform in [0, min(cap, base × 2^attempt)]. Spreading retries over the whole window is what
 * keeps a hundred terminals that lost the network together from coming back in lock-step.
 * A `Retry-After` from the platform is a lower bound that jitter never undercuts.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 10 * 60 * 1000;

/**
 * The ceiling for health probes while the platform cannot be reached. Two failures, two caps:
 * - The platform ANSWERS but fails (5xx, 400, a request dropped after applying): every retry is
 *   real work for a platform in trouble, so the window keeps doubling up to 10 minutes.
 * - The platform CANNOT BE REACHED (connection refused, network down, health not answering): a
 *   probe is one small GET, and what matters is how the fleet comes back. A window that kept
 *   doubling while offline brings terminals back spread over minutes with a long tail (after a
 *   20 s outage, 100 terminals came back over a minute: peak/mean 5.99 in bench/herd). A window
 *   that stops growing brings every terminal back within one window of the platform; with full
 *   jitter the returns thin out linearly over that window (twice the mean rate at first), and the
 *   smaller the window, the less a second's count strays from that (a 30 s window measured 3.8,
 *   10 s measured 2.4). Cost: one GET per terminal every 5 s on average while offline.
 * A platform whose health endpoint answers 5xx is reported offline by the host, so it is probed
 * this way too; its batch and upload failures still back off to 10 minutes.
 */
export const OFFLINE_PROBE_CAP_MS = 10_000;

export interface BackoffInput {
  /** 0 for the first failure */
  attempt: number;
  /** in [0, 1) */
  random: () => number;
  retryAfterMs?: number;
  baseMs?: number;
  capMs?: number;
}

export function backoffCeiling(attempt: number, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  // 2^attempt overflows to Infinity for large attempts; min() keeps it at the cap
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
}

export function backoffDelay(input: BackoffInput): number {
  const ceiling = backoffCeiling(input.attempt, input.baseMs, input.capMs);
  const r = Math.min(Math.max(input.random(), 0), 1);
  const jittered = Math.floor(r * ceiling);
  return Math.max(jittered, input.retryAfterMs ?? 0);
}

/** The engine's backoff, kept in syncState so a reload neither forgets nor restarts it. */
export const BackoffState = z.object({
  /** CONSECUTIVE failures of the same kind (see nextBackoff) */
  attempt: z.number().int().nonnegative(),
  nextAttemptAt: z.number(),
  retryAfterUntil: z.number().optional(),
  /** the platform could not be reached (rather than answering with a failure) */
  offline: z.boolean().optional(),
});
export type BackoffState = z.infer<typeof BackoffState>;

export const NO_BACKOFF: BackoffState = { attempt: 0, nextAttemptAt: 0 };

export interface FailureInput {
  readonly now: number;
  readonly random: () => number;
  /** health failed or said offline */
  readonly offline: boolean;
  /** some upload or batch got an answer in this drain before the failure */
  readonly progressed: boolean;
  readonly retryAfterMs?: number;
}

/**
 * The backoff after a failed drain. The window doubles only over CONSECUTIVE failures: under a
 * platform that fails a steady fraction of requests, a count that only a fully clean drain
 * resets keeps doubling while work is in fact getting through, until a long queue makes no
 * progress at all. So:
 * - a drain that got an answer to an upload or a batch before failing starts the count again:
 *   the retry comes after the first step's jitter (≤ 1 s, or Retry-After);
 * - a platform failure right after the health check succeeded, following offline failures,
 *   starts the count again too: those failures were about reaching the platform, and that is
 *   fixed. A successful health check alone does NOT reset a count of platform failures: a
 *   platform whose health answers while its batch endpoint fails would otherwise be retried
 *   about every half second, forever, by every terminal;
 * - offline failures grow the window only up to OFFLINE_PROBE_CAP_MS.
 */
export function nextBackoff(previous: BackoffState, input: FailureInput): { state: BackoffState; delayMs: number } {
  const fresh = input.progressed || (!input.offline && previous.offline === true);
  const attempt = fresh ? 0 : previous.attempt;
  const capMs = input.offline ? OFFLINE_PROBE_CAP_MS : BACKOFF_CAP_MS;
  const retryAfterMs = input.retryAfterMs;
  const delayMs = backoffDelay({ attempt, random: input.random, capMs, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  const state: BackoffState = {
    attempt: attempt + 1,
    nextAttemptAt: input.now + delayMs,
    ...(retryAfterMs === undefined ? {} : { retryAfterUntil: input.now + retryAfterMs }),
    ...(input.offline ? { offline: true } : {}),
  };
  return { state, delayMs };
}
