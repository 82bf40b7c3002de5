import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SealTransactionInput } from '../../api/contract';
import { canonicalJson } from './canonical-json';
import { createDevKeystore, type Keystore } from './keystore';
import { createVault, type Vault } from './vault';

const ID = '11010519491231002X';
const NAME = '张三';
const T0 = Date.parse('2026-11-24T08:15:02.311Z');

/** The development keystore posing as the OS backend: same wrapping, only the label differs. */
const osLikeKeystore = (dir: string): Keystore => ({ ...createDevKeystore(dir), backend: 'os' });

const input = (id: string, extra: Partial<SealTransactionInput> = {}): SealTransactionInput => ({
  id,
  service: 'id.renewal',
  applicant: { idNumber: ID, name: NAME, phone: '13800000000' },
  data: { delivery: { method: 'express', recipient: NAME } },
  attachments: [],
  ...extra,
});

const IDS = ['01JD3Z6Q8W5N0K2V4Y7B9C1E3F', '01JD3Z6Q8W5N0K2V4Y7B9C1E3G', '01JD3Z6Q8W5N0K2V4Y7B9C1E3H', '01JD3Z6Q8W5N0K2V4Y7B9C1E3J'] as const;

let dataDir: string;
let keystore: Keystore;
let clock: number;

async function openVault(): Promise<Vault> {
  const v = await createVault({ dataDir, keystore, devMode: false, now: () => clock });
  if (!v.ok) throw new Error(`vault did not open: ${v.error.code}`);
  return v.value;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vault-'));
  keystore = osLikeKeystore(dataDir);
  clock = T0;
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('createVault', () => {
  it('refuses a plain-text keystore outside development mode', async () => {
    const v = await createVault({ dataDir, keystore: createDevKeystore(dataDir), devMode: false });
    expect(v.ok ? 'opened' : v.error.code).toBe('keystore-insecure');
  });

  it('accepts the plain-text keystore in development mode', async () => {
    const v = await createVault({ dataDir, keystore: createDevKeystore(dataDir), devMode: true });
    expect(v.ok && v.value.backend).toBe('plain-text');
  });
});

describe('sealTransaction', () => {
  it('builds, seals and returns the exact platform item with masked metadata', async () => {
    const vault = await openVault();
    const sealed = await vault.sealTransaction(input(IDS[0], { applicant: { idNumber: '11010519491231002x', name: NAME } }), {
      terminalId: 'CZ-T0012',
      clockOffsetMs: -1320.4,
    });
    if (!sealed.ok) throw new Error(sealed.error.code);
    expect(sealed.value).toMatchObject({ id: IDS[0], seq: 1, service: 'id.renewal', createdAt: '2026-11-24T08:15:02.311Z', masked: { name: '张*', idNumber: '1****************X' } });
    const item = vault.unsealTransaction(IDS[0], sealed.value.sealed);
    expect(item).toEqual({
      ok: true,
      value: {
        id: IDS[0],
        terminalId: 'CZ-T0012',
        seq: 1,
        service: 'id.renewal',
        createdAt: '2026-11-24T08:15:02.311Z',
        clockOffsetMs: -1320,
        applicant: { idNumber: ID, name: NAME },
        data: { delivery: { method: 'express', recipient: NAME } },
        attachments: [],
      },
    });
  });

  it('hands back the sealed bytes unchanged, in canonical form', async () => {
    const vault = await openVault();
    const sealed = await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012' });
    if (!sealed.ok) throw new Error(sealed.error.code);
    const opened = vault.unsealTransactionJson(IDS[0], sealed.value.sealed);
    if (!opened.ok) throw new Error(opened.error.code);
    expect(opened.value.json).toBe(canonicalJson(opened.value.item));
    expect(JSON.parse(opened.value.json)).not.toHaveProperty('clockOffsetMs');
    // what a send puts on the wire: the same bytes, without parsing them again
    expect(vault.openForSend(IDS[0], sealed.value.sealed)).toEqual({ ok: true, value: opened.value.json });
  });

  it('opens for sending only the blob sealed for that id, untouched', async () => {
    const vault = await openVault();
    const sealed = await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012' });
    if (!sealed.ok) throw new Error(sealed.error.code);
    const other = vault.openForSend(IDS[1], sealed.value.sealed);
    expect(other.ok ? 'opened' : other.error.code).toBe('seal-tampered');
    const ciphertext = Uint8Array.from(sealed.value.sealed.ciphertext);
    ciphertext[3] = (ciphertext[3] ?? 0) ^ 1;
    const altered = vault.openForSend(IDS[0], { ...sealed.value.sealed, ciphertext });
    expect(altered.ok ? 'opened' : altered.error.code).toBe('seal-tampered');
  });

  it('keeps personal data out of the ciphertext and the journal files', async () => {
    const vault = await openVault();
    const sealed = await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012' });
    if (!sealed.ok) throw new Error(sealed.error.code);
    const journalDir = join(dataDir, 'vault', 'journal');
    const files = readdirSync(journalDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const onDisk = files.map((f) => readFileSync(join(f.parentPath, f.name), 'utf8')).join('\n');
    expect(onDisk).toContain(IDS[0]);
    for (const secret of [ID, NAME, '13800000000']) {
      expect(onDisk).not.toContain(secret);
      expect(Buffer.from(sealed.value.sealed.ciphertext).includes(Buffer.from(secret))).toBe(false);
    }
  });

  it('refuses online-only services without spending a seq', async () => {
    const vault = await openVault();
    const refused = await vault.sealTransaction(input(IDS[0], { service: 'case.status' }), { terminalId: 'CZ-T0012' });
    expect(refused.ok ? 'sealed' : refused.error.code).toBe('service-online-only');
    const next = await vault.sealTransaction(input(IDS[1]), { terminalId: 'CZ-T0012' });
    expect(next.ok && next.value.seq).toBe(1);
  });

  it('refuses an ID number with a wrong check character without spending a seq', async () => {
    const vault = await openVault();
    const refused = await vault.sealTransaction(input(IDS[0], { applicant: { idNumber: '110105194912310021' } }), { terminalId: 'CZ-T0012' });
    expect(refused.ok ? 'sealed' : refused.error.code).toBe('id-number-invalid');
    expect(vault.lastSeq()).toBe(0);
  });

  it('answers a re-seal of the same application with the journaled item, never a second version', async () => {
    const vault = await openVault();
    const first = await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012', clockOffsetMs: -1320 });
    clock += 5_000;
    const again = await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012', clockOffsetMs: 250 });
    expect(again.ok && first.ok && again.value).toEqual(first.ok && first.value);
    expect(vault.lastSeq()).toBe(1);
    const altered = await vault.sealTransaction(input(IDS[0], { applicant: { idNumber: '440524188001010014' } }), { terminalId: 'CZ-T0012' });
    expect(altered.ok ? 'sealed' : altered.error.code).toBe('transaction-id-reused');
    expect(vault.lastSeq()).toBe(1);
  });

  it('refuses data with no JSON form without spending a seq', async () => {
    const vault = await openVault();
    const refused = await vault.sealTransaction(input(IDS[0], { data: { fee: Number.NaN } }), { terminalId: 'CZ-T0012' });
    expect(refused.ok ? 'sealed' : refused.error.code).toBe('transaction-invalid');
    expect(vault.lastSeq()).toBe(0);
  });
});

describe('unseal refuses what it did not seal', () => {
  it('fails when the blob is presented under another transaction id', async () => {
    const vault = await openVault();
    const sealed = await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012' });
    if (!sealed.ok) throw new Error(sealed.error.code);
    const swapped = vault.unsealTransaction(IDS[1], sealed.value.sealed);
    expect(swapped.ok ? 'opened' : swapped.error.code).toBe('seal-tampered');
  });

  it('detects altered ciphertext, iv and wrapped key', async () => {
    const vault = await openVault();
    const sealed = await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012' });
    if (!sealed.ok) throw new Error(sealed.error.code);
    const flip = (bytes: Uint8Array, at: number): Uint8Array<ArrayBuffer> => {
      const copy = Uint8Array.from(bytes);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    };
    const blob = sealed.value.sealed;
    const cases = [
      { ...blob, ciphertext: flip(blob.ciphertext, 3) },
      { ...blob, ciphertext: flip(blob.ciphertext, blob.ciphertext.byteLength - 1) },
      { ...blob, iv: flip(blob.iv, 0) },
    ];
    for (const c of cases) {
      const r = vault.unsealTransaction(IDS[0], c);
      expect(r.ok ? 'opened' : r.error.code).toBe('seal-tampered');
    }
    const wrapped = vault.unsealTransaction(IDS[0], { ...blob, wrappedKey: flip(blob.wrappedKey, 20) });
    expect(wrapped.ok ? 'opened' : wrapped.error.code).toBe('seal-unwrap-failed');
    const truncated = vault.unsealTransaction(IDS[0], { ...blob, ciphertext: blob.ciphertext.slice(0, 8) });
    expect(truncated.ok ? 'opened' : truncated.error.code).toBe('sealed-invalid');
  });

  it('refuses a blob wrapped by another keystore backend', async () => {
    const vault = await openVault();
    const sealed = await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012' });
    if (!sealed.ok) throw new Error(sealed.error.code);
    const r = vault.unsealTransaction(IDS[0], { ...sealed.value.sealed, kid: 'plain-text-v1' });
    expect(r.ok ? 'opened' : r.error.code).toBe('seal-key-unknown');
  });
});

describe('sealAttachment', () => {
  it('addresses the photo by its SHA-256, binds the digest and round-trips the bytes', async () => {
    const vault = await openVault();
    const bytes = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
    const sealed = await vault.sealAttachment({ bytes, contentType: 'image/jpeg' });
    if (!sealed.ok) throw new Error(sealed.error.code);
    expect(sealed.value.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(sealed.value.size).toBe(bytes.byteLength);
    expect(vault.unsealAttachment(sealed.value.sha256, sealed.value.sealed)).toEqual({ ok: true, value: bytes });
    const other = await vault.sealAttachment({ bytes: Uint8Array.from([9, 9, 9]), contentType: 'image/png' });
    if (!other.ok) throw new Error(other.error.code);
    const swapped = vault.unsealAttachment(other.value.sha256, sealed.value.sealed);
    expect(swapped.ok ? 'opened' : swapped.error.code).toBe('seal-tampered');
  });
});

describe('attachment bounds', () => {
  it('refuses a photo over the platform limit before sealing it', async () => {
    const vault = await openVault();
    const r = await vault.sealAttachment({ bytes: new Uint8Array(2 * 1024 * 1024 + 1), contentType: 'image/jpeg' });
    expect(r.ok ? 'sealed' : r.error.code).toBe('attachment-too-large');
  });
});

describe('seq', () => {
  it('continues across restarts and never goes back, even with the journal emptied', async () => {
    const first = await openVault();
    for (const id of IDS.slice(0, 3)) await first.sealTransaction(input(id), { terminalId: 'CZ-T0012' });
    for (const id of IDS.slice(0, 3)) await first.markAccepted(id);
    const second = await openVault();
    expect(second.lastSeq()).toBe(3);
    const next = await second.sealTransaction(input(IDS[3]), { terminalId: 'CZ-T0012' });
    expect(next.ok && next.value.seq).toBe(4);
  });

  it('hands out distinct consecutive numbers to concurrent seals', async () => {
    const vault = await openVault();
    const all = await Promise.all(IDS.map((id) => vault.sealTransaction(input(id), { terminalId: 'CZ-T0012' })));
    expect(all.map((r) => (r.ok ? r.value.seq : 0)).sort()).toEqual([1, 2, 3, 4]);
  });

  it('refuses to guess when the counter file is damaged', async () => {
    const vault = await openVault();
    await vault.sealTransaction(input(IDS[0]), { terminalId: 'CZ-T0012' });
    writeFileSync(join(dataDir, 'vault', 'seq.json'), '{"v":1,"la');
    const reopened = await createVault({ dataDir, keystore, devMode: false });
    expect(reopened.ok ? 'opened' : reopened.error.code).toBe('seq-counter-corrupt');
  });
});
