import { join } from 'node:path';
import { createJournalIndex, replaySegment } from './journal-index';
import { readSegments } from './journal-log';

export interface JournalContents {
  /** pending transaction ids, by ascending seq */
  readonly transactions: string[];
  /** digests of the attachments the log still keeps, sorted */
  readonly attachments: string[];
  /** segment files, oldest first */
  readonly segments: string[];
  /** as Journal.unreadable() would list them, torn tails aside */
  readonly unreadable: string[];
}

/**
 * What a journal directory holds, replayed read-only: for a technician looking at a terminal's
 * backstop and for tests. Nothing on disk is changed (a torn tail is left for openJournal to cut).
 */
export async function inspectJournal(dir: string): Promise<JournalContents> {
  const index = createJournalIndex();
  const segments: string[] = [];
  const unreadable: string[] = [];
  const { damagedFiles } = await readSegments(join(dir, 'log'), (segment) => {
    segments.push(segment.name);
    for (const b of replaySegment(index, segment)) unreadable.push(`log/${segment.name}@${b.offset}+${b.length}`);
  });
  return {
    transactions: [...index.transactions.values()].sort((a, b) => a.file.transaction.seq - b.file.transaction.seq).map((e) => e.file.transaction.id),
    attachments: [...index.attachments.keys()].sort(),
    segments,
    unreadable: [...damagedFiles.map((n) => `log/${n}`), ...unreadable],
  };
}
