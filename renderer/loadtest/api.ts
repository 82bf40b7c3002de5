/**
 * What the load-test page (renderer/loadtest.html) offers to the script that drives it through
 * `page.evaluate` (scripts/loadtest.ts, bench/outbox.ts, bench/sync.ts). Counts and codes only: the page never
 * reports a name or an ID number, synthetic as they are.
 */
export const LOADTEST_GLOBAL = 'kioskLoadTest';

export interface LoadTestOptions {
  readonly transactions: number;
  /** every photo is a valid JPEG of exactly this many bytes */
  readonly photoBytes: number;
  /** makes this run's photos distinct from any other run's (it is in each photo's COM segment) */
  readonly runTag: string;
}

/**
 * `refused`: not in development mode (or the host did not answer); nothing was done.
 * `failed`: the run stopped on an error it cannot work around (see `error`).
 */
export type LoadTestPhase = 'loading' | 'ready' | 'refused' | 'enqueueing' | 'draining' | 'failed';

/** Read from the outbox itself, so the numbers always add up: enqueued = accepted + rejected + pending. */
export interface LoadTestCounts {
  /** transactions in the outbox */
  readonly enqueued: number;
  /** final at the platform: answered `accepted` or `duplicate` */
  readonly accepted: number;
  /** the part of `accepted` answered `duplicate` (a send applied earlier without an answer) */
  readonly duplicates: number;
  /** refused for good: in dead letters */
  readonly rejected: number;
  /** still queued (pending or in flight) */
  readonly pending: number;
}

export interface LoadTestStatus {
  readonly phase: LoadTestPhase;
  readonly counts: LoadTestCounts;
  /** transactions that could not be sealed or written (never in the outbox) */
  readonly enqueueFailures: number;
  /** error codes seen, with how often: seal/enqueue failures, sync backoffs, dead-letter reasons */
  readonly codes: Readonly<Record<string, number>>;
  readonly error?: string;
}

export interface OutboxBenchOptions {
  readonly iterations: number;
  readonly warmup: number;
  readonly photoBytes: number;
  readonly runTag: string;
}

/** Milliseconds per operation, in run order. */
export interface OutboxBenchSamples {
  /** enqueueTransaction of a sealed transaction and its sealed photo (the real outbox write) */
  readonly enqueue: number[];
  /** one raw IndexedDB put of the same sealed bytes, durability strict */
  readonly rawPut: number[];
  /** sealing (two host calls) plus the enqueue: what a confirmation costs end to end */
  readonly sealAndEnqueue: number[];
  readonly bytesPerWrite: number;
}

export interface SyncBenchOptions {
  readonly transactions: number;
  /** names this run's outbox database */
  readonly runTag: string;
}

/** bench/sync's measured part: the engine's drains of the prepared outbox. */
export interface SyncBenchDrain {
  /** from the first drain's start to the last outcome written */
  readonly ms: number;
  readonly drains: number;
  readonly requests: number;
  readonly accepted: number;
  readonly duplicates: number;
  /** left queued at the end (0 when the drain completed) */
  readonly pending: number;
}

export interface LoadTestApi {
  start(options: LoadTestOptions): { ok: true } | { ok: false; error: string };
  status(): Promise<LoadTestStatus>;
  /** stops the sync engine (waits for a request in flight) */
  stop(): Promise<void>;
  benchOutbox(options: OutboxBenchOptions): Promise<OutboxBenchSamples>;
  /** bench/sync setup: seal and enqueue, no photos, no engine running */
  prepareSyncBench(options: SyncBenchOptions): Promise<{ enqueued: number }>;
  /** bench/sync measured part: drain what prepareSyncBench queued */
  drainSyncBench(options: SyncBenchOptions): Promise<SyncBenchDrain>;
}

declare global {
  interface Window {
    /** set by renderer/loadtest/main.ts on the load-test page only */
    kioskLoadTest?: LoadTestApi;
  }
}
