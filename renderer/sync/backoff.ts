/**
 * Exponential backoff with FULL jitter (platform-api.md "Whole-request outcomes"): the delay is
 * uniform in [0, min(cap, base × 2^attempt)]. Spreading retries over the whole window is what
 * keeps a hundred terminals that lost the network together from coming back in lock-step.
 * A `Retry-After` from the platform is a lower bound that jitter never undercuts.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 10 * 60 * 1000;

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
