import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SealedAttachment } from '../../api/contract';
import { ATTACHMENT_GRACE_MS } from './journal';
import { inspectJournal } from './journal-inspect';
import { createDevKeystore, type Keystore } from './keystore';
import { createVault, type Vault } from './vault';

const T0 = Date.parse('2026-11-24T08:15:02.311Z');
const IDS = ['01JD3Z6Q8W5N0K2V4Y7B9C1E3F', '01JD3Z6Q8W5N0K2V4Y7B9C1E3G', '01JD3Z6Q8W5N0K2V4Y7B9C1E3H'] as const;

let dataDir: string;
let keystore: Keystore;
let clock: number;

async function openVault(devMode = false): Promise<Vault> {
  const v = await createVault({ dataDir, keystore, devMode, now: () => clock });
  if (!v.ok) throw new Error(`vault did not open: ${v.error.code}`);
  return v.value;
}

async function photo(vault: Vault, seed: number): Promise<SealedAttachment> {
  const sealed = await vault.sealAttachment({ bytes: Uint8Array.from([0xff, 0xd8, seed, seed]), contentType: 'image/jpeg' });
  if (!sealed.ok) throw new Error(sealed.error.code);
  return sealed.value;
}

async function sealWith(vault: Vault, id: string, attachments: readonly SealedAttachment[]): Promise<void> {
  const sealed = await vault.sealTransaction(
    {
      id,
      service: 'id.renewal',
      applicant: { idNumber: '440524188001010014' },
      attachments: attachments.map((a) => ({ sha256: a.sha256, role: 'photo', contentType: a.contentType, size: a.size })),
    },
    { terminalId: 'CZ-T0012' },
  );
  if (!sealed.ok) throw new Error(sealed.error.code);
}

/** the attachments the journal keeps on disk, replayed from its log */
const attachmentFiles = async (): Promise<string[]> => (await inspectJournal(join(dataDir, 'vault', 'journal'))).attachments;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'journal-'));
  keystore = { ...createDevKeystore(dataDir), backend: 'os' };
  clock = T0;
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('journal', () => {
  it('lists every unaccepted transaction with its sealed attachments, after a restart too', async () => {
    const vault = await openVault();
    const a = await photo(vault, 1);
    await sealWith(vault, IDS[0], [a]);
    await sealWith(vault, IDS[1], []);
    const reopened = await openVault();
    const pending = await reopened.pending();
    expect(pending.map((e) => [e.transaction.id, e.transaction.seq, e.attachments.map((x) => x.sha256)])).toEqual([
      [IDS[0], 1, [a.sha256]],
      [IDS[1], 2, []],
    ]);
    // What comes back from disk still opens: the backstop can be sent.
    const first = pending[0];
    if (!first) throw new Error('no entry');
    expect(reopened.unsealTransaction(IDS[0], first.transaction.sealed).ok).toBe(true);
    expect(reopened.unsealAttachment(a.sha256, first.attachments[0]?.sealed ?? a.sealed).ok).toBe(true);
  });

  it('forgets an accepted entry and the attachments no pending entry still references', async () => {
    const vault = await openVault();
    const shared = await photo(vault, 1);
    const own = await photo(vault, 2);
    await sealWith(vault, IDS[0], [shared, own]);
    await sealWith(vault, IDS[1], [shared]);
    clock += ATTACHMENT_GRACE_MS;
    await vault.markAccepted(IDS[0]);
    expect((await vault.pending()).map((e) => e.transaction.id)).toEqual([IDS[1]]);
    expect(await attachmentFiles()).toEqual([shared.sha256]);
    await vault.markAccepted(IDS[1]);
    expect(await vault.pending()).toEqual([]);
    expect(await attachmentFiles()).toEqual([]);
    expect((await vault.markAccepted(IDS[1])).ok).toBe(true);
  });

  it('a deletion nobody awaited is done before a later read; deletions asked meanwhile join it', async () => {
    const vault = await openVault();
    for (const id of IDS) await sealWith(vault, id, []);
    const first = vault.markAccepted(IDS[0]);
    const second = vault.markAccepted(IDS[1]);
    const third = vault.markAccepted(IDS[2]);
    // asked before the first deletion started: all three are one task, one directory fsync
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(await vault.pending()).toEqual([]);
    expect(await Promise.all([first, second, third])).toEqual([{ ok: true, value: undefined }, { ok: true, value: undefined }, { ok: true, value: undefined }]);
    expect((await (await openVault()).pending()).length).toBe(0);
  });

  it('pages pending entries by seq and accepts several at once', async () => {
    const vault = await openVault();
    for (const id of IDS) await sealWith(vault, id, []);
    expect((await vault.pending({ afterSeq: 1, limit: 1 })).map((e) => e.transaction.seq)).toEqual([2]);
    await vault.markAccepted(IDS[0], IDS[2], IDS[2]);
    expect((await (await openVault()).pending()).map((e) => e.transaction.id)).toEqual([IDS[1]]);
  });

  it('keeps a freshly captured photo whose transaction is not sealed yet, and sweeps it once stale', async () => {
    const vault = await openVault();
    const accepted = await photo(vault, 1);
    await sealWith(vault, IDS[0], [accepted]);
    clock += ATTACHMENT_GRACE_MS;
    const inProgress = await photo(vault, 3);
    await vault.markAccepted(IDS[0]);
    expect(await attachmentFiles()).toEqual([inProgress.sha256]);
    clock += ATTACHMENT_GRACE_MS;
    await openVault();
    expect(await attachmentFiles()).toEqual([]);
  });

  it('survives SIGKILL right after sealTransaction returned, and seq never goes back', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sigkill-child.ts', import.meta.url)), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const returned: { seq: number; id: string }[] = [];
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
      const [seq, id] = line.split(' ');
      returned.push({ seq: Number(seq), id: id ?? '' });
      if (returned.length === 5) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');

    const vault = await openVault(true);
    const pendingIds = new Set((await vault.pending()).map((e) => e.transaction.id));
    for (const r of returned) expect(pendingIds.has(r.id)).toBe(true);
    const highest = Math.max(...returned.map((r) => r.seq));
    expect(vault.lastSeq()).toBeGreaterThanOrEqual(highest);
    await sealWith(vault, IDS[2], []);
    const pending = await vault.pending();
    const mine = pending.find((e) => e.transaction.id === IDS[2]);
    expect(mine?.transaction.seq).toBeGreaterThan(Math.max(...pending.filter((e) => e !== mine).map((e) => e.transaction.seq)));
  });
});
