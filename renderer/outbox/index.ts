export { KioskOutboxDb, OUTBOX_DB_NAME, openOutboxDb } from './db';
export type { OpenOutboxOptions } from './db';
export { enqueueTransaction, reconcileFromJournal } from './enqueue';
export type { OutboxInput } from './enqueue';
export { deadLetters, listTransactions, queueCounts, queueStats, summarise, transactionSummary } from './queries';
export type { QueueCounts, TransactionSummary } from './queries';
export { DEFAULT_RETENTION_MS, purgeAccepted } from './retention';
export type { PurgeReport } from './retention';
export { ACCEPTED_STATES } from './schema';
export type {
  AttachmentRecord,
  DeadLetterReason,
  DeadLetterRecord,
  OutboxEntry,
  OutcomeItem,
  OutcomeRecord,
  ReferenceRecord,
  SyncStateRecord,
  TransactionRecord,
  TransactionState,
} from './schema';
export { storageError } from './storage-error';
export type { StorageErrorCode } from './storage-error';
export { deleteSyncState, readSyncState, writeSyncState } from './sync-state';
