import { ok } from '../../drivers/result';
import type { Result } from '../../drivers/result';
import type { KioskOutboxDb } from './db';
import { storageError } from './storage-error';

export const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface PurgeReport {
  transactions: number;
  attachments: number;
}

/**
 * Retention (issue 4 item 5): once the platform has held a transaction for the retention time,
 * the kiosk destroys its copy of the personal data. The sealed blob carries the wrapped data key
 * next to the ciphertext, so deleting the blob destroys both; the metadata (service, state,
 * times, masked values, case number) stays for supervisors.
 *
 * An attachment's ciphertext goes when no transaction still holds its own: nothing queued needs
 * it, and a dead-lettered transaction keeps its photo with it for the supervisor. Dead letters
 * are not purged here: the platform never accepted them.
 */
export async function purgeAccepted(db: KioskOutboxDb, options: { now: number; olderThanMs?: number }): Promise<Result<PurgeReport>> {
  const cutoff = options.now - (options.olderThanMs ?? DEFAULT_RETENTION_MS);
  try {
    return ok(
      await db.transaction('rw', [db.transactions, db.attachments, db.outcomes], async () => {
        // outcome rows whose items' sealed data is still here, accepted at or before the cutoff
        const due = await db.outcomes.where('retainedFrom').belowOrEqual(cutoff).toArray();
        const ids = due.flatMap((row) => row.ids);
        const transactions =
          ids.length === 0
            ? 0
            : await db.transactions
                .where('id')
                .anyOf(ids)
                .filter((t) => t.sealed !== undefined)
                .modify((t) => {
                  delete t.sealed;
                  t.purgedAt = options.now;
                });
        if (due.length > 0) {
          await db.outcomes.bulkPut(
            due.map((row) => {
              const { retainedFrom: _done, ...rest } = row;
              return rest;
            }),
          );
        }
        const holders = new Set(
          await db.transactions
            .toCollection()
            .filter((t) => t.sealed !== undefined)
            .primaryKeys(),
        );
        const attachments = await db.attachments
          .filter((a) => a.sealed !== undefined && !a.refs.some((id) => holders.has(id)))
          .modify((a) => {
            delete a.sealed;
            a.purgedAt = options.now;
          });
        return { transactions, attachments };
      }),
    );
  } catch (e) {
    return storageError(e);
  }
}
