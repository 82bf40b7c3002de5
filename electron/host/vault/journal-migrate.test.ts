import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SealedAttachment, SealedTransaction } from '../../api/contract';
import { blobToDisk } from './blob-codec';
import { ATTACHMENT_GRACE_MS, openJournal, type Journal } from './journal';
import { expectOk, sealedPhoto, sealedTransaction } from './journal-fixtures';
import { createDevKeystore, type Keystore } from './keystore';

const T0 = Date.parse('2026-11-24T08:15:02.311Z');

let dir: string;
let keystore: Keystore;
let clock: number;

const open = async (): Promise<Journal> => expectOk(await openJournal(dir, () => clock));
const hex = (b: Uint8Array | undefined): string => Buffer.from(b ?? []).toString('hex');

/** a record as the one-file-per-record journal wrote it */
function oldTransactionFile(t: SealedTransaction, attachments: readonly SealedAttachment[]): void {
  mkdirSync(join(dir, 'tx'), { recursive: true });
  const file = {
    v: 1,
    transaction: { id: t.id, seq: t.seq, service: t.service, createdAt: t.createdAt, masked: t.masked, sealed: blobToDisk(t.sealed) },
    attachments: attachments.map((a) => a.sha256),
  };
  writeFileSync(join(dir, 'tx', `${t.id}.json`), JSON.stringify(file));
}

function oldAttachmentFile(a: SealedAttachment, sealedAt: number): void {
  mkdirSync(join(dir, 'att'), { recursive: true });
  const file = { v: 1, sha256: a.sha256, size: a.size, contentType: a.contentType, sealed: blobToDisk(a.sealed), sealedAt };
  writeFileSync(join(dir, 'att', `${a.sha256}.json`), JSON.stringify(file));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-migrate-'));
  keystore = createDevKeystore(dir);
  clock = T0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration from one file per record', () => {
  it('moves every queued transaction and its photo into the log, then removes the old files', async () => {
    const photo = sealedPhoto(keystore, 1);
    const transactions = [sealedTransaction(keystore, 1), sealedTransaction(keystore, 2)] as const;
    oldAttachmentFile(photo, T0);
    oldTransactionFile(transactions[0], [photo]);
    oldTransactionFile(transactions[1], []);
    // a temporary a killed write left behind never became a record
    writeFileSync(join(dir, 'tx', `.${transactions[1].id}.json.1234.tmp`), '{"v":1,');

    const journal = await open();
    const pending = await journal.pending();
    expect(pending.map((e) => [e.transaction.id, e.transaction.seq, e.attachments.map((a) => a.sha256)])).toEqual([
      [transactions[0].id, 1, [photo.sha256]],
      [transactions[1].id, 2, []],
    ]);
    expect(hex(pending[0]?.transaction.sealed.ciphertext)).toBe(hex(transactions[0].sealed.ciphertext));
    expect(hex(pending[0]?.attachments[0]?.sealed.ciphertext)).toBe(hex(photo.sealed.ciphertext));
    expect(journal.unreadable()).toEqual([]);
    expect(existsSync(join(dir, 'tx'))).toBe(false);
    expect(existsSync(join(dir, 'att'))).toBe(false);

    const reopened = await open();
    expect((await reopened.pending()).map((e) => e.transaction.id)).toEqual(transactions.map((t) => t.id));
  });

  it('migrated again after a crash before the old files went: still one entry each', async () => {
    const photo = sealedPhoto(keystore, 1);
    const transaction = sealedTransaction(keystore, 1);
    oldAttachmentFile(photo, T0);
    oldTransactionFile(transaction, [photo]);
    await open();
    // as if the process died after the log was synced and before the unlinks
    oldAttachmentFile(photo, T0);
    oldTransactionFile(transaction, [photo]);
    const journal = await open();
    expect((await journal.pending()).map((e) => [e.transaction.id, e.attachments.length])).toEqual([[transaction.id, 1]]);
    await journal.markAccepted(transaction.id);
    expect(await (await open()).pending()).toEqual([]);
  });

  it('leaves an unreadable old file in place and reports it; a stale orphan photo is swept as before', async () => {
    const transaction = sealedTransaction(keystore, 1);
    oldTransactionFile(transaction, []);
    const broken = `${sealedTransaction(keystore, 2).id}.json`;
    writeFileSync(join(dir, 'tx', broken), '{"v":1,"transaction":');
    const orphan = sealedPhoto(keystore, 5);
    oldAttachmentFile(orphan, T0 - ATTACHMENT_GRACE_MS);

    const journal = await open();
    expect((await journal.pending()).map((e) => e.transaction.id)).toEqual([transaction.id]);
    expect(journal.unreadable()).toEqual([`tx/${broken}`]);
    expect(readdirSync(join(dir, 'tx'))).toEqual([broken]);
    expect((await open()).unreadable()).toEqual([`tx/${broken}`]);
    // the orphan was migrated, then swept: a transaction naming it later finds no photo
    expectOk(await journal.recordTransaction(sealedTransaction(keystore, 3), [orphan.sha256]));
    expect((await (await open()).pending()).find((e) => e.transaction.seq === 3)?.attachments).toEqual([]);
  });
});
