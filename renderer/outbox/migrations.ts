import type { Transaction } from 'dexie';
import type { SealedBlob } from '../../electron/api/contract';
import type { AttachmentRecord, OutboxEntry, OutcomeRecord, TransactionRecord } from './schema';

/** A transaction record as versions 1 and 2 stored it: the state lived on the record. */
interface LegacyTransactionRecord {
  readonly id: string;
  state: 'pending' | 'sending' | 'accepted' | 'duplicate' | 'dead';
  caseNumber?: string;
  receivedAt?: string;
  /** v2 only */
  acceptedAt?: number;
  attempts?: number;
  lastError?: string;
  sealed?: SealedBlob;
}

const LEGACY_ACCEPTED = ['accepted', 'duplicate'] as const;

function isLegacyAccepted(t: LegacyTransactionRecord): t is LegacyTransactionRecord & { state: 'accepted' | 'duplicate' } {
  return (LEGACY_ACCEPTED as readonly string[]).includes(t.state);
}

/**
 * v1 stored only the platform's `receivedAt` string. Retention in v2 counts from `acceptedAt`
 * (ms); the platform's time is the best record of when v1 rows were accepted. v1 attachments
 * had no 400 counter.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<LegacyTransactionRecord, string>('transactions')
    .toCollection()
    .modify((t) => {
      if (isLegacyAccepted(t) && t.acceptedAt === undefined) {
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

/**
 * v2 → v3: each accepted record's outcome becomes an outcome row of its own, a queued record's
 * send count, last error and attachment digests go to its outbox entry, and the records keep only what was
 * written when the citizen confirmed. `sending` was never final: it is simply queued.
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const outcomes: OutcomeRecord[] = [];
  const queued = new Map<string, { attempts: number; lastError?: string; attachmentShas: readonly string[] }>();
  await tx
    .table<LegacyTransactionRecord & TransactionRecord, string>('transactions')
    .toCollection()
    .modify((t) => {
      if (isLegacyAccepted(t)) {
        const acceptedAt = t.acceptedAt ?? 0;
        outcomes.push({
          batchId: t.id,
          ids: [t.id],
          items: [{ id: t.id, status: t.state, caseNumber: t.caseNumber ?? '', receivedAt: t.receivedAt ?? '' }],
          acceptedAt,
          ...(t.sealed === undefined ? {} : { retainedFrom: acceptedAt }),
        });
      } else if (t.state === 'pending' || t.state === 'sending') {
        queued.set(t.id, { attempts: t.attempts ?? 0, attachmentShas: t.attachmentShas, ...(t.lastError === undefined ? {} : { lastError: t.lastError }) });
      }
      const legacy: Partial<LegacyTransactionRecord> = t;
      delete legacy.state;
      delete legacy.caseNumber;
      delete legacy.receivedAt;
      delete legacy.acceptedAt;
      delete legacy.attempts;
      delete legacy.lastError;
    });
  if (outcomes.length > 0) await tx.table<OutcomeRecord, string>('outcomes').bulkAdd(outcomes);
  await tx
    .table<OutboxEntry, string>('outbox')
    .toCollection()
    .modify((e: OutboxEntry & { attachmentShas: readonly string[] }) => {
      const from = queued.get(e.id);
      e.attachmentShas = from?.attachmentShas ?? [];
      e.attempts = from?.attempts ?? 0;
      if (from?.lastError !== undefined) e.lastError = from.lastError;
    });
}
