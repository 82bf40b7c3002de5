import type { SealedBlob } from '../../electron/api/contract';
import type { AttachmentRecord } from '../outbox/schema';
import { classifyFailure } from './classify';
import { MAX_BAD_REQUESTS } from './context';
import type { DrainContext, StepResult } from './context';
import { deadLetter } from './store';

/**
 * Attachments go before the transactions that reference them (platform-api.md §4). The host's
 * client does HEAD then PUT; an attachment we know is stored is not asked about again until
 * the platform answers `attachment-missing`.
 */
/**
 * A few uploads at a time: photos are most of the bytes, and one at a time would leave the link
 * idle between round trips. Kept small so a terminal coming back online does not burst.
 */
export const UPLOAD_CONCURRENCY = 4;

type UploadOutcome = { sha256: string; res: Awaited<ReturnType<DrainContext['kiosk']['platform']['uploadAttachment']>> };

/** What uploads need to know of a transaction: an outbox entry or a record. */
interface Referrer {
  readonly id: string;
  readonly attachmentShas: readonly string[];
}

export async function uploadAttachmentsFor(ctx: DrainContext, transactions: readonly Referrer[]): Promise<StepResult> {
  const shas = [...new Set(transactions.flatMap((t) => t.attachmentShas))];
  if (shas.length === 0) return { type: 'ok' };
  const records = await ctx.db.attachments.bulkGet(shas);
  const toUpload: (AttachmentRecord & { sealed: SealedBlob })[] = [];
  for (const [i, record] of records.entries()) {
    const sha256 = shas[i];
    if (sha256 === undefined || record?.uploaded) continue;
    if (!record?.sealed) {
      // lost with no copy left to send: the platform can never get it, the transaction cannot
      // be completed without a new capture
      await deadLetterReferrers(ctx, sha256, transactions, { code: 'attachment-unavailable', message: 'the attachment is no longer stored on this terminal' });
      continue;
    }
    toUpload.push({ ...record, sealed: record.sealed });
  }
  for (let i = 0; i < toUpload.length; i += UPLOAD_CONCURRENCY) {
    if (ctx.stopping()) return { type: 'stopped' };
    const group = toUpload.slice(i, i + UPLOAD_CONCURRENCY);
    ctx.report.requests += group.length;
    const outcomes: UploadOutcome[] = await Promise.all(
      group.map(async (a) => ({ sha256: a.sha256, res: await ctx.kiosk.platform.uploadAttachment({ sha256: a.sha256, contentType: a.contentType, sealed: a.sealed }) })),
    );
    const stored = outcomes.filter((o) => o.res.ok).map((o) => o.sha256);
    if (stored.length > 0) {
      ctx.answered += stored.length;
      // one write for the group: under strict durability every transaction is a disk flush
      await ctx.db.attachments.where('sha256').anyOf(stored).modify({ uploaded: true, badRequests: 0 });
      ctx.report.uploaded += stored.length;
      for (const sha256 of stored) ctx.emit({ type: 'uploaded', sha256 });
    }
    let stop: StepResult | undefined;
    for (const { sha256, res } of outcomes) {
      if (res.ok) continue;
      const failure = classifyFailure(res.error.code);
      switch (failure.kind) {
        case 'too-large':
        case 'digest-mismatch':
          // final for these bytes (413 over 2 MiB, 422 wrong digest): platform-api.md says to
          // dead-letter the transaction; the rest of the queue carries on
          await deadLetterReferrers(ctx, sha256, transactions, { code: res.error.code, message: res.error.message });
          break;
        case 'bad-request': {
          const badRequests = (group.find((a) => a.sha256 === sha256)?.badRequests ?? 0) + 1;
          if (badRequests >= MAX_BAD_REQUESTS) {
            await deadLetterReferrers(ctx, sha256, transactions, { code: res.error.code, message: res.error.message });
          } else {
            await ctx.db.attachments.update(sha256, { badRequests });
            stop ??= { type: 'failed', code: res.error.code, message: res.error.message, failure };
          }
          break;
        }
        case 'pause':
          // a revoked token outranks any other failure in the group
          stop = { type: 'failed', code: res.error.code, message: res.error.message, failure, ...retryAfter(res.error.retryAfterMs) };
          break;
        case 'transient':
          if (stop?.type !== 'failed' || stop.failure.kind !== 'pause') {
            stop = { type: 'failed', code: res.error.code, message: res.error.message, failure, ...retryAfter(res.error.retryAfterMs) };
          }
          break;
      }
    }
    if (stop) return stop;
  }
  return { type: 'ok' };
}

export function retryAfter(ms: number | undefined): { retryAfterMs?: number } {
  return ms === undefined ? {} : { retryAfterMs: ms };
}

/** Every queued transaction that references the attachment, in this drain or not. */
async function deadLetterReferrers(
  ctx: DrainContext,
  sha256: string,
  known: readonly Referrer[],
  reason: { code: string; message: string },
): Promise<void> {
  const record = await ctx.db.attachments.get(sha256);
  const ids = new Set([...(record?.refs ?? []), ...known.filter((t) => t.attachmentShas.includes(sha256)).map((t) => t.id)]);
  const dead = await deadLetter(ctx.db, [...ids], { ...reason, field: `attachments[sha256=${sha256}]` }, 'attachment', ctx.now());
  for (const id of dead) {
    ctx.report.deadLettered += 1;
    ctx.emit({ type: 'dead-letter', id, code: reason.code });
  }
}
