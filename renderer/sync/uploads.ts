import type { TransactionRecord } from '../outbox/schema';
import { classifyFailure } from './classify';
import { MAX_BAD_REQUESTS } from './context';
import type { DrainContext, StepResult } from './context';
import { deadLetter } from './store';

/**
 * Attachments go before the transactions that reference them (platform-api.md §4). The host's
 * client does HEAD then PUT; an attachment we know is stored is not asked about again until
 * the platform answers `attachment-missing`.
 */
export async function uploadAttachmentsFor(ctx: DrainContext, transactions: readonly TransactionRecord[]): Promise<StepResult> {
  const shas = [...new Set(transactions.flatMap((t) => t.attachmentShas))];
  for (const sha256 of shas) {
    if (ctx.stopping()) return { type: 'stopped' };
    const record = await ctx.db.attachments.get(sha256);
    if (record?.uploaded) continue;
    if (!record?.sealed) {
      // lost with no copy left to send: the platform can never get it, the transaction cannot
      // be completed without a new capture
      await deadLetterReferrers(ctx, sha256, transactions, { code: 'attachment-unavailable', message: 'the attachment is no longer stored on this terminal' });
      continue;
    }
    ctx.report.requests += 1;
    const res = await ctx.kiosk.platform.uploadAttachment({ sha256, contentType: record.contentType, sealed: record.sealed });
    if (res.ok) {
      await ctx.db.attachments.update(sha256, { uploaded: true, badRequests: 0 });
      ctx.report.uploaded += 1;
      ctx.emit({ type: 'uploaded', sha256 });
      continue;
    }
    const failure = classifyFailure(res.error.code);
    switch (failure.kind) {
      case 'too-large':
      case 'digest-mismatch':
        // final for these bytes (413 over 2 MiB, 422 wrong digest): platform-api.md says to
        // dead-letter the transaction; the rest of the queue carries on
        await deadLetterReferrers(ctx, sha256, transactions, { code: res.error.code, message: res.error.message });
        continue;
      case 'bad-request': {
        const badRequests = record.badRequests + 1;
        if (badRequests >= MAX_BAD_REQUESTS) {
          await deadLetterReferrers(ctx, sha256, transactions, { code: res.error.code, message: res.error.message });
          continue;
        }
        await ctx.db.attachments.update(sha256, { badRequests });
        return { type: 'failed', code: res.error.code, message: res.error.message, failure };
      }
      case 'pause':
      case 'transient':
        return { type: 'failed', code: res.error.code, message: res.error.message, failure, ...retryAfter(res.error.retryAfterMs) };
    }
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
  known: readonly TransactionRecord[],
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
