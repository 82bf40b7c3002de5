import type { SealedBlob } from '../../electron/api/contract';
import type { ServiceCode } from '../../electron/api/platform-schemas';

/**
 * What the outbox keeps in IndexedDB (DESIGN.md "Data and sync"): sealed ciphertext the host
 * made, plus only the metadata the UI and supervisors need. Never a clear name, ID number,
 * phone or address: `maskedName` / `maskedIdNumber` come masked from the host.
 */

/**
 * A transaction's state is not stored on its record: it follows from where the transaction is.
 * `pending`: it has an outbox entry. `accepted`: an outcome row holds its new case number.
 * `duplicate`: the platform had already accepted this exact item (an earlier send was applied
 * without an answer reaching us); just as final, and the case number is the original one.
 * `dead`: refused for good, see deadLetters.
 */
export type TransactionState = 'pending' | 'accepted' | 'duplicate' | 'dead';

export const ACCEPTED_STATES: readonly TransactionState[] = ['accepted', 'duplicate'];

/**
 * Written once when the citizen confirms, and changed after that only by retention (which
 * destroys `sealed`). Everything that happens to the transaction later is recorded elsewhere
 * (outbox entry, outcome row, dead letter), so the platform accepting a batch costs one
 * IndexedDB write for the whole batch, not one per transaction (schema v3).
 */
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
  /** the exact item to send, sealed by the host; removed by retention after acceptance */
  sealed?: SealedBlob;
  purgedAt?: number;
}

/** One accepted (or duplicate) item of a batch, as the platform answered it. */
export interface OutcomeItem {
  readonly id: string;
  readonly status: 'accepted' | 'duplicate';
  readonly caseNumber: string;
  /** the platform's receivedAt (RFC 3339), as answered */
  readonly receivedAt: string;
}

/**
 * The items of one platform answer that are final successes, in one row (schema v3): the
 * platform answers per batch, and so the kiosk records per batch.
 */
export interface OutcomeRecord {
  /** the id of the row's first item: unique, as a transaction is accepted only once */
  readonly batchId: string;
  /** every item's id (multi-entry index: a transaction's outcome by its id) */
  readonly ids: readonly string[];
  readonly items: readonly OutcomeItem[];
  /** kiosk clock (ms) when the acceptance was stored; retention counts from here */
  readonly acceptedAt: number;
  /** = acceptedAt while the kiosk still holds the items' sealed data; deleted by retention */
  retainedFrom?: number;
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
  /** the record's attachmentShas (schema v3): a drain uploads them without reading the records */
  readonly attachmentShas: readonly string[];
  /** not before this kiosk-clock time (ms) */
  nextAttemptAt: number;
  /** set after a whole batch was refused with 400: sent alone until it is cleared */
  suspect: boolean;
  /** 400 answers to this item sent alone */
  badRequests: number;
  /** sendBatch requests that carried it and got no final answer for it (schema v3) */
  attempts: number;
  /** the code of the last of those */
  lastError?: string;
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
 * Version 3: a transaction record is written once; acceptance is one outcome row per platform
 * answer (`*ids` finds a transaction's, `retainedFrom` the rows whose sealed data retention has
 * still to destroy), and a failed send is noted on the outbox entry. The state indexes go, and
 * so do those of the outbox but `seq`.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  transactions: 'id, seq, createdAt',
  // every index is written again for each entry deleted when a batch is accepted: only `seq`
  // stays (the drain's order; the oldest entry is the lowest seq, as the host allocates seq
  // when it stamps createdAt); the earliest retry time is read whole after a drain
  outbox: 'id, seq',
  outcomes: 'batchId, *ids, retainedFrom',
} as const;
