import type { ClientOf } from '../../electron/api/define';
import type { KioskContract, KioskEvents } from '../../electron/api/contract';

type KioskClient = ClientOf<KioskContract, KioskEvents>;

/** The narrow part of `window.kiosk` the sync engine uses (fakes implement only this). */
export interface SyncKiosk {
  readonly vault: Pick<KioskClient['vault'], 'journal' | 'forgetAccepted'>;
  readonly platform: Pick<KioskClient['platform'], 'health' | 'uploadAttachment' | 'sendBatch' | 'sendBatches' | 'reference' | 'heartbeat'>;
}

/** Why sync is stopped until `resume()`: both need a (re-)enrolment by a technician. */
export type PauseReason = 'unauthorized' | 'not-enrolled';

export type DrainOutcome =
  /** every due item got a final answer or is waiting for its own next attempt */
  | 'drained'
  /** health said offline, or the platform could not be reached: backing off */
  | 'offline'
  /** a whole request failed: backing off */
  | 'backoff'
  | 'paused'
  /** the engine was stopped */
  | 'stopped';

export interface DrainReport {
  outcome: DrainOutcome;
  /** requests made: health, uploads, batches */
  requests: number;
  uploaded: number;
  /** items carried by sendBatch requests (a resend counts again) */
  sent: number;
  accepted: number;
  duplicates: number;
  deadLettered: number;
  /** items answered `retry` */
  retried: number;
  /** the whole-request error that ended the drain */
  error?: string;
  /** kiosk-clock time of the next scheduled attempt, when one is needed */
  nextAttemptAt?: number;
}

export interface SyncSnapshot {
  /** null until the first health check */
  online: boolean | null;
  paused: PauseReason | null;
  draining: boolean;
  pending: number;
  deadLetters: number;
  oldestPendingAgeSec: number;
  nextAttemptAt: number | null;
  clockOffsetMs: number | null;
  /** consecutive whole-request failures */
  backoffAttempt: number;
}

/** Engine events for the UI, the supervisor console and the audit log: ids and codes only. */
export type SyncEvent =
  | { type: 'online'; clockOffsetMs: number | null }
  | { type: 'offline'; code: string }
  | { type: 'uploaded'; sha256: string }
  | { type: 'accepted'; id: string; caseNumber: string; duplicate: boolean }
  | { type: 'dead-letter'; id: string; code: string }
  | { type: 'backoff'; code: string; attempt: number; delayMs: number }
  | { type: 'batch-size'; size: number }
  /** a supervisor alert: nothing is sent until re-enrolment */
  | { type: 'paused'; reason: PauseReason }
  | { type: 'resumed' }
  | { type: 'restored'; count: number }
  /** the host's journal could not be read at start-up: nothing restored this time */
  | { type: 'journal-error'; code: string }
  | { type: 'storage-error'; code: string }
  | { type: 'drained'; report: DrainReport };

export interface TimerDeps {
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}
