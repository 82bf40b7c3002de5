import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { checkIdNumber, maskIdNumber, maskName } from '../../../drivers/id-number';
import { err, ok, type Result } from '../../../drivers/result';
import { MAX_ATTACHMENT_BYTES, type JournalEntry, type SealedAttachment, type SealedBlob, type SealedTransaction, type SealTransactionInput } from '../../api/contract';
import { ONLINE_ONLY_SERVICES, TransactionItem } from '../../api/platform-schemas';
import { canonicalJson } from './canonical-json';
import type { Keystore } from './keystore';
import { openJournal, type Journal, type JournalPage } from './journal';
import { openBytes, sealBytes } from './seal';
import { openSeqCounter } from './seq-counter';

/**
 * The host's vault (issue 4 item 2): the only place personal data is sealed and opened again.
 * The renderer stores what comes out of here and hands it back to be sent; it never holds a key.
 */
export interface Vault {
  readonly backend: Keystore['backend'];
  /** allocates seq durably, stamps createdAt and the clock offset, seals and journals the exact item to send */
  sealTransaction(input: SealTransactionInput, ctx: SealContext): Promise<Result<SealedTransaction>>;
  sealAttachment(input: { bytes: Uint8Array; contentType: 'image/jpeg' | 'image/png' }): Promise<Result<SealedAttachment>>;
  unsealTransaction(id: string, sealed: SealedBlob): Result<TransactionItem>;
  /** the exact bytes that were sealed (canonical JSON), parsed and checked again */
  unsealTransactionJson(id: string, sealed: SealedBlob): Result<{ item: TransactionItem; json: string }>;
  /**
   * The exact bytes that were sealed, for sending unchanged: decrypted and not parsed. Sealing
   * checked that the item is valid and in canonical form, and AES-GCM with the record id as
   * associated data proves these are those bytes, made by this vault for this id; parsing them
   * again for every send would cost more than the rest of the send. Without `sealed`, the
   * journal's copy (the same blob) is opened: `sealed-item-unavailable` when it has none.
   */
  openForSend(id: string, sealed: SealedBlob | undefined): Result<string>;
  unsealAttachment(sha256: string, sealed: SealedBlob): Result<Uint8Array>;
  /** journal entries not yet accepted by the platform, by ascending seq; a page when asked */
  pending(page?: JournalPage): Promise<JournalEntry[]>;
  /** accepted or duplicate at the platform: drop them from the journal */
  markAccepted(...ids: string[]): Promise<Result<void>>;
  /** the highest seq ever allocated on this terminal */
  lastSeq(): number;
}

export interface SealContext {
  readonly terminalId: string;
  /** platform time minus host time from the last successful health check */
  readonly clockOffsetMs?: number;
}

export interface VaultOptions {
  readonly dataDir: string;
  readonly keystore: Keystore;
  /** browser mode's explicit, announced development mode: the only place a plain-text keystore is allowed */
  readonly devMode: boolean;
  readonly now?: () => number;
}

export async function createVault(options: VaultOptions): Promise<Result<Vault>> {
  const { keystore, devMode } = options;
  const now = options.now ?? Date.now;
  if (keystore.backend === 'plain-text' && !devMode) {
    return err('keystore-insecure', 'the keystore stores keys in plain text; personal data is not captured outside development mode');
  }
  const root = join(options.dataDir, 'vault');
  const journal = await openJournal(join(root, 'journal'), now);
  if (!journal.ok) return journal;
  const seq = await openSeqCounter(root, journal.value.maxSeq());
  if (!seq.ok) return seq;
  return ok(buildVault(keystore, journal.value, seq.value, now));
}

function buildVault(keystore: Keystore, journal: Journal, seq: { last(): number; allocate(): Promise<Result<number>> }, now: () => number): Vault {
  function unsealTransactionJson(id: string, sealed: SealedBlob): Result<{ item: TransactionItem; json: string }> {
    const opened = openBytes(keystore, { kind: 'transaction', id }, sealed);
    if (!opened.ok) return opened;
    const json = Buffer.from(opened.value).toString('utf8');
    opened.value.fill(0);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return err('sealed-content-invalid', `sealed transaction ${id} is not JSON`);
    }
    const item = TransactionItem.safeParse(parsed);
    if (!item.success || item.data.id !== id) return err('sealed-content-invalid', `sealed transaction ${id} does not hold that transaction item`);
    // The schema parse must not have changed a byte: what is sent is what was sealed.
    if (canonicalJson(item.data) !== json) return err('sealed-content-invalid', `sealed transaction ${id} is not in canonical form`);
    return ok({ item: item.data, json });
  }

  /** The journaled item answers a re-seal only when it is the same application. */
  function sameApplication(existing: SealedTransaction, draft: TransactionItem): Result<SealedTransaction> {
    const opened = unsealTransactionJson(existing.id, existing.sealed);
    if (!opened.ok) return opened;
    const comparable = (item: TransactionItem) => canonicalJson({ ...item, seq: 0, createdAt: '', clockOffsetMs: 0 });
    return comparable(opened.value.item) === comparable(draft)
      ? ok(existing)
      : err('transaction-id-reused', `transaction ${existing.id} was sealed before with different content`);
  }

  return {
    backend: keystore.backend,

    async sealTransaction(input, ctx) {
      if (ONLINE_ONLY_SERVICES.has(input.service)) {
        return err('service-online-only', `${input.service} needs a live connection and is never queued`);
      }
      // Check everything that can be checked before a seq is spent on it.
      const idCheck = checkIdNumber(input.applicant.idNumber.trim().toUpperCase());
      if (!idCheck.valid) return err('id-number-invalid', `transaction ${input.id}: the ID number fails its checks (${idCheck.errors.join(', ')})`);
      const draft = TransactionItem.safeParse(buildItem(input, ctx, 1, new Date(now()).toISOString()));
      if (!draft.success) return err('transaction-invalid', `transaction ${input.id} does not match the platform schema: ${describeIssues(draft.error.issues)}`);
      if (!roundTrips(draft.data)) return err('transaction-invalid', `transaction ${input.id} holds data with no stable JSON form`);
      // A retry of a confirm whose answer was lost (outbox write failed, renderer reloaded) must
      // get the same item back — same seq, same createdAt — never a second version of it (§5).
      const existing = journal.findTransaction(input.id);
      if (existing) return sameApplication(existing, draft.data);
      const allocated = await seq.allocate();
      if (!allocated.ok) return allocated;
      const item = TransactionItem.parse({ ...draft.data, seq: allocated.value });
      const sealed = sealBytes(keystore, { kind: 'transaction', id: item.id }, Buffer.from(canonicalJson(item), 'utf8'));
      const transaction: SealedTransaction = {
        id: item.id,
        seq: item.seq,
        service: item.service,
        createdAt: item.createdAt,
        masked: { name: maskName(item.applicant.name ?? ''), idNumber: maskIdNumber(item.applicant.idNumber) },
        sealed,
      };
      const journaled = await journal.recordTransaction(transaction, item.attachments.map((a) => a.sha256));
      if (!journaled.ok) return journaled;
      return ok(transaction);
    },

    async sealAttachment({ bytes, contentType }) {
      if (bytes.byteLength === 0) return err('attachment-empty', 'an attachment needs at least one byte');
      // §4: the platform refuses more than 2 MiB with 413; refuse it here, before it is queued.
      if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return err('attachment-too-large', `an attachment holds at most ${MAX_ATTACHMENT_BYTES} bytes`);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const attachment: SealedAttachment = {
        sha256,
        size: bytes.byteLength,
        contentType,
        sealed: sealBytes(keystore, { kind: 'attachment', sha256 }, bytes),
      };
      const journaled = await journal.recordAttachment(attachment);
      if (!journaled.ok) return journaled;
      return ok(attachment);
    },

    unsealTransactionJson,

    openForSend(id, sealed) {
      const blob = sealed ?? journal.findTransaction(id)?.sealed;
      if (!blob) return err('sealed-item-unavailable', `transaction ${id} is not in the journal: send its sealed item`);
      const opened = openBytes(keystore, { kind: 'transaction', id }, blob);
      if (!opened.ok) return opened;
      const json = Buffer.from(opened.value).toString('utf8');
      opened.value.fill(0);
      return ok(json);
    },

    unsealTransaction(id, sealed) {
      const opened = unsealTransactionJson(id, sealed);
      return opened.ok ? ok(opened.value.item) : opened;
    },

    unsealAttachment(sha256, sealed) {
      const opened = openBytes(keystore, { kind: 'attachment', sha256 }, sealed);
      if (!opened.ok) return opened;
      const digest = createHash('sha256').update(opened.value).digest('hex');
      if (digest !== sha256) return err('attachment-digest-mismatch', 'the unsealed attachment does not match its digest');
      return ok(opened.value);
    },

    pending: (page) => journal.pending(page),
    markAccepted: (...ids) => journal.markAccepted(...ids),
    lastSeq: () => seq.last(),
  };
}

/** The platform item (§5), built once; keys absent rather than undefined so the JSON is stable. */
function buildItem(input: SealTransactionInput, ctx: SealContext, seq: number, createdAt: string): TransactionItem {
  const applicant: TransactionItem['applicant'] = { idNumber: input.applicant.idNumber.trim().toUpperCase() };
  if (input.applicant.name !== undefined) applicant.name = input.applicant.name;
  if (input.applicant.phone !== undefined) applicant.phone = input.applicant.phone;
  const item: TransactionItem = {
    id: input.id,
    terminalId: ctx.terminalId,
    seq,
    service: input.service,
    createdAt,
    applicant,
    attachments: input.attachments.map((a) => ({ sha256: a.sha256, role: a.role, contentType: a.contentType, size: a.size })),
  };
  if (ctx.clockOffsetMs !== undefined) item.clockOffsetMs = Math.round(ctx.clockOffsetMs) + 0; // never -0
  if (input.data !== undefined) item.data = input.data;
  if (input.preApplicationId !== undefined) item.preApplicationId = input.preApplicationId;
  return item;
}

/** True when the item survives seal → JSON → schema → JSON unchanged, so unsealing it later cannot fail. */
function roundTrips(item: TransactionItem): boolean {
  try {
    const json = canonicalJson(item);
    const again = TransactionItem.safeParse(JSON.parse(json));
    return again.success && canonicalJson(again.data) === json;
  } catch {
    return false;
  }
}

/** Schema paths and messages only: zod issues can echo input values, which may be personal data. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; code: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`).join('; ');
}
