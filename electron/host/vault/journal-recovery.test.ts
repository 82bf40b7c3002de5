import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from './journal';
import { expectOk, journalTransaction, sealedPhoto, sealedTransaction } from './journal-fixtures';
import { createDevKeystore, type Keystore } from './keystore';

const T0 = Date.parse('2026-11-24T08:15:02.311Z');
const SEGMENT = 'seg-0000000001.log';

let root: string;
let keystore: Keystore;

async function open(dir: string): Promise<Journal> {
  return expectOk(await openJournal(dir, () => T0));
}
const pendingIds = async (journal: Journal): Promise<string[]> => (await journal.pending()).map((e) => e.transaction.id);
const segmentPath = (dir: string): string => join(dir, 'log', SEGMENT);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'journal-recovery-'));
  keystore = createDevKeystore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** a journal with a photo and three transactions; returns where the last record starts */
async function threeTransactions(dir: string): Promise<{ bytes: Buffer; lastStart: number }> {
  const journal = await open(dir);
  await journalTransaction(journal, sealedTransaction(keystore, 1), [sealedPhoto(keystore, 1)]);
  await journalTransaction(journal, sealedTransaction(keystore, 2));
  const lastStart = statSync(segmentPath(dir)).size;
  await journalTransaction(journal, sealedTransaction(keystore, 3));
  return { bytes: readFileSync(segmentPath(dir)), lastStart };
}

describe('journal recovery', () => {
  it('cuts a torn last record away, whatever byte it was torn at, and appends after it', async () => {
    const { bytes, lastStart } = await threeTransactions(join(root, 'whole'));
    const [first, second, third] = [1, 2, 3].map((n) => sealedTransaction(keystore, n).id) as [string, string, string];
    for (let cut = lastStart; cut < bytes.byteLength; cut++) {
      const dir = join(root, `cut-${cut}`);
      mkdirSync(join(dir, 'log'), { recursive: true });
      writeFileSync(segmentPath(dir), bytes.subarray(0, cut));
      const journal = await open(dir);
      expect(await pendingIds(journal)).toEqual([first, second]);
      expect(journal.unreadable()).toEqual([]);
      expect(statSync(segmentPath(dir)).size).toBe(lastStart);
      const pending = await journal.pending();
      expect(pending[0]?.attachments.map((a) => a.size)).toEqual([64]);
      rmSync(dir, { recursive: true });
    }
    // appended after the cut, the next record reads back as a whole one
    const dir = join(root, 'again');
    mkdirSync(join(dir, 'log'), { recursive: true });
    writeFileSync(segmentPath(dir), bytes.subarray(0, lastStart + 5));
    await journalTransaction(await open(dir), sealedTransaction(keystore, 3));
    const reopened = await open(dir);
    expect(await pendingIds(reopened)).toEqual([first, second, third]);
    expect(reopened.unreadable()).toEqual([]);
  });

  it('reports a damaged record in the middle, keeps its bytes, and reads everything around it', async () => {
    const dir = join(root, 'j');
    const { bytes, lastStart } = await threeTransactions(dir);
    // the second transaction's record ends where the third starts; damage a byte inside it
    const secondStart = bytes.lastIndexOf(Buffer.from('{"k":"tx"'), lastStart - 1) - 8;
    const damaged = Buffer.from(bytes);
    damaged[secondStart + 40] = (damaged[secondStart + 40] ?? 0) ^ 0x01;
    writeFileSync(segmentPath(dir), damaged);

    const journal = await open(dir);
    const first = sealedTransaction(keystore, 1).id;
    const third = sealedTransaction(keystore, 3).id;
    expect(await pendingIds(journal)).toEqual([first, third]);
    const report = `log/${SEGMENT}@${secondStart}+${lastStart - secondStart}`;
    expect(journal.unreadable()).toEqual([report]);
    expect(readFileSync(segmentPath(dir)).equals(damaged)).toBe(true);

    // later appends go after it; the damage stays reported on every open, and is never deleted
    await journalTransaction(journal, sealedTransaction(keystore, 4));
    await journal.markAccepted(first, third, sealedTransaction(keystore, 4).id);
    const reopened = await open(dir);
    expect(await pendingIds(reopened)).toEqual([]);
    expect(reopened.unreadable()).toEqual([report]);
    expect(readFileSync(segmentPath(dir)).subarray(0, damaged.byteLength).equals(damaged)).toBe(true);
  });

  it('keeps a damaged segment under another name when it is retired, and reports it', async () => {
    const dir = join(root, 'j');
    const small = async (): Promise<Journal> => expectOk(await openJournal(dir, () => T0, { segmentBytes: 2048 }));
    let journal = await small();
    for (let n = 1; n <= 4; n++) await journalTransaction(journal, sealedTransaction(keystore, n, 1200));
    const bytes = readFileSync(segmentPath(dir));
    bytes[20] = (bytes[20] ?? 0) ^ 0x01;
    writeFileSync(segmentPath(dir), bytes);
    journal = await small();
    // one record per segment at this size: the first segment is that one damaged record
    expect(journal.unreadable()).toEqual([`log/${SEGMENT}@0+${bytes.byteLength}`]);
    await journal.markAccepted(...[2, 3, 4].map((n) => sealedTransaction(keystore, n).id));
    await journal.pending();
    expect(readdirSync(join(dir, 'log'))).toContain(`${SEGMENT}.damaged`);
    expect(readFileSync(join(dir, 'log', `${SEGMENT}.damaged`)).equals(bytes)).toBe(true);
    expect((await small()).unreadable()).toEqual([`log/${SEGMENT}.damaged`]);
  });
});
