import { z } from 'zod';
import { JournalEntry } from '../../electron/api/contract';
import type { Dispatch } from '../../electron/api/dispatcher';
import { createDevKeystore } from '../../electron/host/vault/keystore';
import { openBytes } from '../../electron/host/vault/seal';

const JournalPage = z.object({ entries: z.array(JournalEntry), nextAfterSeq: z.number().int().nullable() });

/**
 * The request bodies a plain client would post for what a host holds queued: every journaled
 * transaction's canonical JSON (the exact bytes the host sends for it), in seq order, in batches
 * of `batchSize`, the order and size the sync engine uses. Read through the host's own journal
 * call and opened with its development keystore: setup for bench/sync, never timed.
 */
export async function journalBatchBodies(dispatch: Dispatch, hostDataDir: string, batchSize: number): Promise<{ bodies: string[]; items: number }> {
  const keystore = createDevKeystore(hostDataDir);
  const jsons: string[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const r = await dispatch('vault.journal', afterSeq === undefined ? { limit: 50 } : { afterSeq, limit: 50 }, { transport: 'direct' });
    if (!r.ok) throw new Error(`vault.journal: ${r.error.code}`);
    const page = JournalPage.parse(r.value);
    for (const { transaction } of page.entries) {
      const opened = openBytes(keystore, { kind: 'transaction', id: transaction.id }, transaction.sealed);
      if (!opened.ok) throw new Error(`open ${transaction.id}: ${opened.error.code}`);
      jsons.push(Buffer.from(opened.value).toString('utf8'));
    }
    if (page.nextAfterSeq === null) break;
    afterSeq = page.nextAfterSeq;
  }
  const bodies: string[] = [];
  for (let i = 0; i < jsons.length; i += batchSize) bodies.push(`{"items":[${jsons.slice(i, i + batchSize).join(',')}]}`);
  return { bodies, items: jsons.length };
}
