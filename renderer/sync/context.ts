import type { KioskOutboxDb } from '../outbox/db';
import type { FailureKind } from './classify';
import type { DrainReport, SyncEvent, SyncKiosk } from './types';

/** What one drain works with; created per drain by the engine. */
export interface DrainContext {
  readonly db: KioskOutboxDb;
  readonly kiosk: SyncKiosk;
  readonly now: () => number;
  readonly random: () => number;
  readonly emit: (e: SyncEvent) => void;
  /** true once stop() was called: finish the request in flight, start no new one */
  readonly stopping: () => boolean;
  /** items per sendBatch; halved by 413 for the rest of this drain */
  batchLimit: number;
  /** outbox entries read at a time */
  readonly pageSize: number;
  readonly report: DrainReport;
  /** uploads and batches the platform answered with success in this drain (health not counted) */
  answered: number;
}

export type StepResult =
  | { type: 'ok' }
  | { type: 'stopped' }
  | { type: 'failed'; code: string; message: string; retryAfterMs?: number; failure: FailureKind; offline?: boolean };

/** 400 answers tolerated for the same bytes (with backoff between them) before a dead letter. */
export const MAX_BAD_REQUESTS = 3;

/** `retry` answers for one item within one drain before it waits for a later drain. */
export const MAX_RETRY_ROUNDS = 3;

export function emptyReport(): DrainReport {
  return { outcome: 'drained', requests: 0, uploaded: 0, sent: 0, accepted: 0, duplicates: 0, deadLettered: 0, retried: 0 };
}
