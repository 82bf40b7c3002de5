/** Timers injected, so the loop is tested without waiting. */
export interface LoopTimers {
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const browserTimers: LoopTimers = {
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AssessLoopOptions<T> {
  /** one assessment; null when there was nothing to assess yet (no video frame) */
  readonly run: () => Promise<T | null>;
  readonly onResult: (result: T) => void;
  /** the loop has stopped for good after `run` threw */
  readonly onError: (error: unknown) => void;
  /** pause between the end of one assessment and the start of the next */
  readonly intervalMs: number;
  readonly timers?: LoopTimers;
}

/**
 * Assesses the live preview one frame after another, never overlapping: the next assessment starts
 * `intervalMs` after the previous one finished, so a slow CPU-only kiosk assesses less often instead
 * of queueing work behind the preview. The first runs at once. Returns stop(): no further run starts
 * and the result of one still in flight is dropped (the screen it was for has gone, or a photo was
 * taken). A run that throws ends the loop: a failing model does not recover by retrying 3× a second.
 */
export function startAssessLoop<T>({ run, onResult, onError, intervalMs, timers = browserTimers }: AssessLoopOptions<T>): () => void {
  let stopped = false;
  let handle: unknown = null;

  const tick = () => {
    handle = null;
    if (stopped) return;
    run().then(
      (result) => {
        if (stopped) return;
        if (result !== null) onResult(result);
        handle = timers.setTimer(tick, intervalMs);
      },
      (error: unknown) => {
        if (stopped) return;
        stopped = true;
        onError(error);
      },
    );
  };
  tick();

  return () => {
    stopped = true;
    if (handle !== null) timers.clearTimer(handle);
    handle = null;
  };
}

/**
 * A loader run at most once at a time and cached once it succeeded (the face model is loaded when
 * the photo screen first opens and kept for every later citizen). A failure is not cached: the next
 * photo screen tries again, while this one carries on without live checks.
 */
export function lazyOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
