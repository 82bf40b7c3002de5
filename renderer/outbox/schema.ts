import type { Transaction } from 'dexie';
import type { SealedBlob } from '../../electron/api/contract';
import type { ServiceCode } from '../../electron/api/platform-schemas';

/**
 * What the outbox keeps in IndexedDB (DESIGN.md "Data and sync"): sealed ciphertext the host
 * made, plus only the metadata the UI and supervisors need. Never a clear name, ID number,
 * phone or address: `maskedName` / `maskedIdNumber` come masked from the host.
 */

/**
 * `accepted`: the platform took it and gave a new case number. `duplicate`: the platform had
 * already accepted this exact item (an earlier send was applied without an answer reaching us);
 * it is just as final and `caseNumber` is the original one. `dead`: refused for good, see
 * deadLetters. `sending` only lives while a request is in flight; after a reload it is pending.
 */
export type TransactionState = 'pending' | 'sending' | 'accepted' | 'duplicate' | 'dead';

export const ACCEPTED_STATES: readonly TransactionState[] = ['accepted', 'duplicate'];
export const QUEUED_STATES: readonly TransactionState[] = ['pending', 'sending'];

export interface TransactionRecord {
  /** the ULID made when the citizen confirmed; the platform's idempotency key */
  readonly id: string;
  /** allocated durably by the host, never reused */
  readonly seq: number;
  readonly service: ServiceCode;
  /** RFC 3339, stamped by the host when it sealed the item (it is inside the sealed item too) */
  readonly createdAt: string;
  readonly maskedName: string;
  readonly maskedIdNumber: string;
  /** sha256 of every attachment the sealed item references */
  readonly attachmentShas: readonly string[];
  state: TransactionState;
  caseNumber?: string;
  /** the platform's receivedAt (RFC 3339), as answered */
  receivedAt?: string;
  /** kiosk clock (ms) when the acceptance was stored; retention counts from here (schema v2) */
  acceptedAt?: number;
  /** number of sendBatch requests that carried this item */
  attempts: number;
  lastError?: string;
  /** the exact item to send, sealed by the host; removed by retention after acceptance */
  sealed?: SealedBlob;
  purgedAt?: number;
}

export interface AttachmentRecord {
  readonly sha256: string;
  readonly size: number;
  readonly contentType: 'image/jpeg' | 'image/png';
  /** ids of the transactions that reference this attachment */
  refs: string[];
  /** known stored at the platform; reset when the platform answers `attachment-missing` */
  uploaded: boolean;
  /** 400 answers to the upload, bounded before the referencing transactions are dead-lettered */
  badRequests: number;
  sealed?: SealedBlob;
  purgedAt?: number;
}

export interface OutboxEntry {
  /** the transaction id; one entry per queued transaction, deleted when it is final */
  readonly id: string;
  readonly seq: number;
  /** Date.parse(createdAt), for the oldest-pending age without loading sealed records */
  readonly createdAtMs: number;
  /** not before this kiosk-clock time (ms) */
  nextAttemptAt: number;
  /** set after a whole batch was refused with 400: sent alone until it is cleared */
  suspect: boolean;
  /** 400 answers to this item sent alone */
  badRequests: number;
}

export interface SyncStateRecord {
  readonly key: string;
  value: unknown;
}

export interface ReferenceRecord {
  readonly kind: string;
  readonly key: string;
  value: Record<string, unknown>;
}

export interface DeadLetterReason {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export interface DeadLetterRecord {
  /** the transaction id */
  readonly id: string;
  readonly reason: DeadLetterReason;
  /** where the refusal came from */
  readonly source: 'platform' | 'attachment' | 'request';
  /** kiosk clock (ms) */
  readonly at: number;
}

/** Version 1: the first shipped schema (kept verbatim so upgrades from it stay testable). */
export const SCHEMA_V1 = {
  transactions: 'id, seq, state, createdAt',
  attachments: 'sha256',
  outbox: 'id, seq, nextAttemptAt, createdAtMs',
  syncState: 'key',
  reference: '[kind+key], kind',
  deadLetters: 'id, at',
} as const;

/**
 * Version 2: retention needs "accepted before T" without scanning every record, so acceptance
 * gets a kiosk-clock `acceptedAt` and a `[state+acceptedAt]` index; `*refs` finds the
 * transactions an attachment belongs to when an upload is refused for good.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  transactions: 'id, seq, state, createdAt, [state+acceptedAt]',
  attachments: 'sha256, *refs',
} as const;

/**
 * v1 stored only the platform's `receivedAt` string. Retention in v2 counts from `acceptedAt`
 * (ms); the platform's time is the best record of when v1 rows were accepted. v1 attachments
 * had no 400 counter.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<TransactionRecord, string>('transactions')
    .toCollection()
    .modify((t) => {
      if (ACCEPTED_STATES.includes(t.state) && t.acceptedAt === undefined) {
        const received = t.receivedAt === undefined ? Number.NaN : Date.parse(t.receivedAt);
        // unknown acceptance time: 0 makes it eligible for purge at once, which errs on the side
        // of destroying personal data the platform already holds
        t.acceptedAt = Number.isFinite(received) ? received : 0;
      }
    });
  await tx
    .table<AttachmentRecord, string>('attachments')
    .toCollection()
    .modify((a) => {
      if (typeof a.badRequests !== 'number') a.badRequests = 0;
    });
}
