import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_GRACE_MS, openJournal, type Journal, type JournalOptions } from './journal';
import { expectOk, journalTransaction, sealedPhoto, sealedTransaction } from './journal-fixtures';
import { inspectJournal } from './journal-inspect';
import type { FlushInfo } from './journal-log';
import { createDevKeystore, type Keystore } from './keystore';

const T0 = Date.parse('2026-11-24T08:15:02.311Z');
const SEGMENT_BYTES = 16 * 1024;

let dir: string;
let keystore: Keystore;
let clock: number;

async function open(options: JournalOptions = {}): Promise<Journal> {
  return expectOk(await openJournal(dir, () => clock, { segmentBytes: SEGMENT_BYTES, ...options }));
}
const segments = (): string[] => readdirSync(join(dir, 'log')).sort();
const diskBytes = (): number => segments().reduce((sum, name) => sum + statSync(join(dir, 'log', name)).size, 0);
const id = (n: number): string => sealedTransaction(keystore, n).id;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-maintenance-'));
  keystore = createDevKeystore(dir);
  clock = T0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('journal segments', () => {
  it('rotates at the segment size and deletes segments once everything in them is accepted', async () => {
    const journal = await open();
    for (let n = 1; n <= 40; n++) await journalTransaction(journal, sealedTransaction(keystore, n, 1000));
    const written = segments();
    expect(written.length).toBeGreaterThan(2);
    expect(written[0]).toBe('seg-0000000001.log');

    await journal.markAccepted(...Array.from({ length: 40 }, (_, i) => id(i + 1)));
    await journal.pending();
    // only the segment taking appends is left (the forget record may have opened a new one)
    expect(segments()).toHaveLength(1);
    expect(written.slice(0, -1).filter((name) => segments().includes(name))).toEqual([]);
    expect(await (await open()).pending()).toEqual([]);
  });

  it('compacts a sparse old segment: its live records are copied forward, then it goes', async () => {
    const journal = await open();
    const photo = sealedPhoto(keystore, 7, 4096);
    const stuck = sealedTransaction(keystore, 1, 200);
    await journalTransaction(journal, stuck, [photo]);
    // steady traffic behind the one transaction the platform has not accepted yet
    for (let n = 2; n <= 400; n++) {
      await journalTransaction(journal, sealedTransaction(keystore, n, 1000));
      await journal.markAccepted(id(n));
    }
    await journal.pending();
    expect(segments()).not.toContain('seg-0000000001.log');
    // bounded: the live data and the segment being filled, not the 400 transactions' worth
    expect(diskBytes()).toBeLessThan(4 * SEGMENT_BYTES);

    const reopened = await open();
    const pending = await reopened.pending();
    expect(pending.map((e) => [e.transaction.id, e.attachments.map((a) => a.sha256)])).toEqual([[id(1), [photo.sha256]]]);
    // byte for byte what was sealed
    const hex = (b: Uint8Array | undefined): string => Buffer.from(b ?? []).toString('hex');
    expect(hex(pending[0]?.attachments[0]?.sealed.ciphertext)).toBe(hex(photo.sealed.ciphertext));
    expect(hex(pending[0]?.transaction.sealed.ciphertext)).toBe(hex(stuck.sealed.ciphertext));
    expect(reopened.unreadable()).toEqual([]);
  });

  it('drops a stale unreferenced photo instead of copying it forward', async () => {
    const journal = await open();
    const abandoned = sealedPhoto(keystore, 9, 2048);
    expectOk(await journal.recordAttachment(abandoned));
    clock += ATTACHMENT_GRACE_MS;
    for (let n = 1; n <= 60; n++) {
      await journalTransaction(journal, sealedTransaction(keystore, n, 1000));
      await journal.markAccepted(id(n));
    }
    await journal.pending();
    expect((await inspectJournal(dir)).attachments).toEqual([]);
  });
});

describe('group commit', () => {
  it('writes and syncs appends asked for together once, and those asked meanwhile in the next write', async () => {
    const flushes: FlushInfo[] = [];
    const late: { journal?: Journal } = {};
    const meanwhile: Promise<unknown>[] = [];
    const ready = await open({
      flushed: (info) => {
        flushes.push(info);
        // asked for while the first write is still unacknowledged
        if (flushes.length === 1 && late.journal) for (let n = 21; n <= 30; n++) meanwhile.push(late.journal.recordTransaction(sealedTransaction(keystore, n), []));
      },
    });
    late.journal = ready;
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => ready.recordTransaction(sealedTransaction(keystore, i + 1), [])));
    expect(first.every((r) => r.ok)).toBe(true);
    await Promise.all(meanwhile);
    expect(flushes.map((f) => [f.records, f.synced])).toEqual([
      [20, true],
      [10, true],
    ]);
    expect((await ready.pending()).length).toBe(30);
  });

  it('writes acceptances without a sync of their own, in one record for those asked together', async () => {
    const flushes: FlushInfo[] = [];
    const journal = await open({ flushed: (info) => flushes.push(info) });
    for (let n = 1; n <= 3; n++) await journalTransaction(journal, sealedTransaction(keystore, n));
    flushes.length = 0;
    const accepted = [journal.markAccepted(id(1)), journal.markAccepted(id(2), id(3))];
    expect(accepted[1]).toBe(accepted[0]);
    expect(await journal.pending()).toEqual([]);
    expect(flushes.map((f) => [f.records, f.synced])).toEqual([[1, false]]);
    expect((await inspectJournal(dir)).transactions).toEqual([]);
  });

  it('a transaction accepted while its record is being written stays forgotten, before and after a restart', async () => {
    const journal = await open();
    const recording = journal.recordTransaction(sealedTransaction(keystore, 1), []);
    const accepting = journal.markAccepted(id(1));
    expectOk(await recording);
    expectOk(await accepting);
    expect(await journal.pending()).toEqual([]);
    expect(await (await open()).pending()).toEqual([]);
    // recorded again later, it is pending again
    await journalTransaction(journal, sealedTransaction(keystore, 1));
    expect((await (await open()).pending()).map((e) => e.transaction.id)).toEqual([id(1)]);
  });
});
