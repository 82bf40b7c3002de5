import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../../fixtures/platform';
import type { KioskContract, SealedAttachment, SealedTransaction } from '../../api/contract';
import type { CallContext, HandlersOf } from '../../api/define';
import { createDevKeystore, type Keystore } from '../vault/keystore';
import type { Vault } from '../vault/vault';
import type { PlatformAlert, PlatformClient } from './client';
import { openDataServices } from './data-services';
import type { EnrolmentStore } from './enrolment-store';
import { createDataHandlers } from './handlers';
import { createNetworkGate, type NetworkGate } from './network-gate';

/**
 * The handlers wired as the host wires them (openDataServices: vault, enrolment store, client that revokes), driven
 * through the contract's handler types against the platform stand-in.
 */
const CTX: CallContext = { transport: 'direct' };
const ID = '11010519491231002X';
const IDS = ['01JD3Z6Q8W5N0K2V4Y7B9C1E3F', '01JD3Z6Q8W5N0K2V4Y7B9C1E3G', '01JD3Z6Q8W5N0K2V4Y7B9C1E3H'] as const;
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 200 }, (_, i) => i % 251), 0xff, 0xd9]);

type DataHandlers = Pick<HandlersOf<KioskContract>, 'vault' | 'platform'>;

let dir: string;
let standIn: StandIn;
let keystore: Keystore;
let vault: Vault;
let enrolment: EnrolmentStore;
let client: PlatformClient;
let gate: NetworkGate;
let alerts: PlatformAlert[];
let h: DataHandlers;

async function wire(): Promise<DataHandlers> {
  const services = await openDataServices({
    dataDir: join(dir, 'host'),
    keystore,
    devMode: false,
    baseUrl: standIn.url,
    appVersion: '1.4.0',
    uptimeSec: () => 42,
    deviceStates: () => [{ kind: 'printer', adapter: 'simulated', state: 'ready' }],
    networkGate: gate,
    timeoutMs: 10_000,
  });
  if (!services.ok) throw new Error(`host did not open: ${services.error.code}`);
  ({ vault, enrolment, client } = services.value);
  services.value.client.onAlert((a) => alerts.push(a));
  return services.value.handlers;
}

async function value<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.value;
}

const enrol = () => value(h.platform.enrol({ enrolmentCode: 'DEV-ENROL-0001', terminalId: 'CZ-T0012', site: { code: '320402-JZL', name: '常州市公安局政务服务中心' } }, CTX));

async function sealWithPhoto(id: string): Promise<{ tx: SealedTransaction; photo: SealedAttachment }> {
  const photo = await value(h.vault.sealAttachment({ bytes: JPEG, contentType: 'image/jpeg' }, CTX));
  const tx = await value(
    h.vault.sealTransaction(
      { id, service: 'id.renewal', applicant: { idNumber: ID, name: '张三' }, attachments: [{ sha256: photo.sha256, role: 'photo', contentType: 'image/jpeg', size: photo.size }] },
      CTX,
    ),
  );
  return { tx, photo };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'handlers-'));
  standIn = await startStandIn({ dataDir: join(dir, 'platform'), port: 0 });
  keystore = { ...createDevKeystore(join(dir, 'host')), backend: 'os' };
  gate = createNetworkGate();
  alerts = [];
  h = await wire();
});
afterEach(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('data handlers against the platform stand-in', () => {
  it('refuses to seal before enrolment, then seals with the enrolled terminal and the measured clock offset', async () => {
    const refused = await h.vault.sealTransaction({ id: IDS[0], service: 'id.renewal', applicant: { idNumber: ID }, attachments: [] }, CTX);
    expect(refused.ok ? 'sealed' : refused.error.code).toBe('not-enrolled');
    expect(await enrol()).toEqual({ terminalId: 'CZ-T0012' });
    const health = await value(h.platform.health({}, CTX));
    expect(health.online).toBe(true);
    const { tx } = await sealWithPhoto(IDS[0]);
    const item = vault.unsealTransaction(IDS[0], tx.sealed);
    expect(item.ok && [item.value.terminalId, item.value.seq, item.value.clockOffsetMs]).toEqual(['CZ-T0012', 1, health.clockOffsetMs]);
  });

  it('uploads attachments HEAD-first, sends the batch, and clears the journal on accepted and duplicate', async () => {
    await enrol();
    const { tx, photo } = await sealWithPhoto(IDS[0]);
    expect(((await value(h.vault.journal({}, CTX))).entries).map((e) => e.transaction.id)).toEqual([IDS[0]]);
    const upload = { sha256: photo.sha256, contentType: photo.contentType, sealed: photo.sealed };
    expect(await value(h.platform.uploadAttachment(upload, CTX))).toEqual({ stored: 'created' });
    expect(await value(h.platform.uploadAttachment(upload, CTX))).toEqual({ stored: 'existing' });

    const first = await value(h.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX));
    expect(first.results.map((r) => r.status)).toEqual(['accepted']);
    expect((await value(h.vault.journal({}, CTX))).entries).toEqual([]);
    // The same sealed item again (a retry after a lost answer) is the same bytes: a duplicate, not a conflict.
    const again = await value(h.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX));
    expect(again.results.map((r) => r.status)).toEqual(['duplicate']);
    expect(standIn.report().transactions).toMatchObject({ distinct: 1, duplicates: 1, conflicts: 0 });
  });

  it('sends an item named by id alone from the journal, and refuses the batch when the journal lacks one', async () => {
    await enrol();
    const { tx, photo } = await sealWithPhoto(IDS[0]);
    await value(h.platform.uploadAttachment({ sha256: photo.sha256, contentType: photo.contentType, sealed: photo.sealed }, CTX));
    const unknown = await h.platform.sendBatch({ items: [{ id: tx.id }, { id: IDS[1] }] }, CTX);
    expect(unknown.ok ? 'sent' : unknown.error.code).toBe('sealed-item-unavailable');
    expect(standIn.report().transactions).toMatchObject({ distinct: 0 });

    const first = await value(h.platform.sendBatch({ items: [{ id: tx.id }] }, CTX));
    expect(first.results.map((r) => r.status)).toEqual(['accepted']);
    // accepted: the journal forgets it (a journal read queues behind the deletion), and only the
    // sealed item itself can be sent again
    expect((await value(h.vault.journal({}, CTX))).entries).toEqual([]);
    const byId = await h.platform.sendBatch({ items: [{ id: tx.id }] }, CTX);
    expect(byId.ok ? 'sent' : byId.error.code).toBe('sealed-item-unavailable');
    const again = await value(h.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX));
    expect(again.results.map((r) => r.status)).toEqual(['duplicate']);
    expect(standIn.report().transactions).toMatchObject({ distinct: 1, duplicates: 1, conflicts: 0 });
  });

  it('sends several batches in one call, in order, and forgets the accepted ones', async () => {
    await enrol();
    for (const id of IDS) await value(h.vault.sealTransaction({ id, service: 'id.renewal', applicant: { idNumber: ID }, attachments: [] }, CTX));
    const r = await value(h.platform.sendBatches({ batches: [{ items: [{ id: IDS[0] }, { id: IDS[1] }] }, { items: [{ id: IDS[2] }] }] }, CTX));
    expect(r.answers.map((a) => ('results' in a ? a.results.map((x) => [x.id, x.status]) : a.error.code))).toEqual([
      [[IDS[0], 'accepted'], [IDS[1], 'accepted']],
      [[IDS[2], 'accepted']],
    ]);
    expect((await value(h.vault.journal({}, CTX))).entries).toEqual([]);
    expect(standIn.report().transactions).toMatchObject({ distinct: 3, duplicates: 0, conflicts: 0 });
  });

  it('stops at a batch with an item the journal lacks: the batches before it answered, none after it sent', async () => {
    await enrol();
    for (const id of [IDS[0], IDS[2]]) await value(h.vault.sealTransaction({ id, service: 'id.renewal', applicant: { idNumber: ID }, attachments: [] }, CTX));
    const r = await value(h.platform.sendBatches({ batches: [{ items: [{ id: IDS[0] }] }, { items: [{ id: IDS[1] }] }, { items: [{ id: IDS[2] }] }] }, CTX));
    expect(r.answers.map((a) => ('results' in a ? a.results.map((x) => x.status) : a.error.code))).toEqual([['accepted'], 'sealed-item-unavailable']);
    expect(standIn.report().transactions).toMatchObject({ distinct: 1 });
    expect((await value(h.vault.journal({}, CTX))).entries.map((e) => e.transaction.id)).toEqual([IDS[2]]);
  });

  it('after a batch the platform refuses as a whole starts no other, answers those on the wire, with their Retry-After', async () => {
    await enrol();
    for (const id of IDS) await value(h.vault.sealTransaction({ id, service: 'id.renewal', applicant: { idNumber: ID }, attachments: [] }, CTX));
    // two batches go out at once and are both refused; the third is never started
    standIn.faults.add({ kind: 'rate-limit', path: '/transactions/batch', count: 2, retryAfterSec: 2 });
    const r = await value(h.platform.sendBatches({ batches: IDS.map((id) => ({ items: [{ id }] })) }, CTX));
    expect(r.answers.map((a) => ('error' in a ? [a.error.code, a.error.retryAfterMs] : 'answered'))).toEqual([
      ['rate-limited', 2000],
      ['rate-limited', 2000],
    ]);
    expect(standIn.report().transactions).toMatchObject({ distinct: 0 });
    expect((await value(h.vault.journal({}, CTX))).entries).toHaveLength(3);
  });

  it('forgets journal entries the renderer holds as accepted', async () => {
    await enrol();
    const { tx } = await sealWithPhoto(IDS[0]);
    await value(h.vault.forgetAccepted({ ids: [tx.id] }, CTX));
    expect((await value(h.vault.journal({}, CTX))).entries).toEqual([]);
  });

  it('answers the batch without waiting for the journal deletion, which follows', async () => {
    await enrol();
    const { tx, photo } = await sealWithPhoto(IDS[0]);
    await value(h.platform.uploadAttachment({ sha256: photo.sha256, contentType: photo.contentType, sealed: photo.sealed }, CTX));
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const deletions: Promise<unknown>[] = [];
    const asked: string[][] = [];
    // a journal whose deletions take as long as the test wants
    const slowVault: Vault = {
      ...vault,
      markAccepted: (...ids) => {
        asked.push(ids);
        const deletion = gate.then(() => vault.markAccepted(...ids));
        deletions.push(deletion);
        return deletion;
      },
    };
    const handlers = createDataHandlers({ vault: slowVault, client, enrolment, appVersion: '1.4.0', uptimeSec: () => 1, deviceStates: () => [] });
    const answer = await value(handlers.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX));
    expect(answer.results.map((r) => r.status)).toEqual(['accepted']);
    expect(asked).toEqual([[IDS[0]]]);
    expect(((await value(h.vault.journal({}, CTX))).entries).length).toBe(1); // not deleted yet
    open();
    await Promise.all(deletions);
    expect((await value(h.vault.journal({}, CTX))).entries).toEqual([]);
  });

  it('keeps the journal entry when a batch was applied but the answer was lost, and the resend is a duplicate', async () => {
    await enrol();
    const { tx, photo } = await sealWithPhoto(IDS[0]);
    await value(h.platform.uploadAttachment({ sha256: photo.sha256, contentType: photo.contentType, sealed: photo.sealed }, CTX));
    standIn.faults.add({ kind: 'drop-after-apply', path: '/transactions/batch', count: 1 });
    const lost = await h.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX);
    expect(lost.ok ? 'ok' : lost.error.code).toBe('network');
    expect(((await value(h.vault.journal({}, CTX))).entries).length).toBe(1);
    const resent = await value(h.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX));
    expect(resent.results.map((r) => r.status)).toEqual(['duplicate']);
    expect(standIn.report().transactions).toMatchObject({ distinct: 1, conflicts: 0 });
  });

  it('reports a missing attachment as retry and keeps the entry', async () => {
    await enrol();
    const { tx } = await sealWithPhoto(IDS[0]);
    const r = await value(h.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX));
    expect(r.results.map((x) => x.status)).toEqual(['retry']);
    expect(((await value(h.vault.journal({}, CTX))).entries).length).toBe(1);
  });

  it('answers health as offline while the network gate is down or the platform is unreachable', async () => {
    gate.setUp(false);
    expect(await value(h.platform.health({}, CTX))).toEqual({ online: false });
    gate.setUp(true);
    await standIn.faults.refuseConnections();
    expect(await value(h.platform.health({}, CTX))).toEqual({ online: false });
    await standIn.faults.acceptConnections();
    expect((await value(h.platform.health({}, CTX))).online).toBe(true);
  });

  it('on a revoked token stops, alerts once, keeps the queue, and resumes after re-enrolment', async () => {
    await enrol();
    const { tx } = await sealWithPhoto(IDS[0]);
    await standIn.faults.revokeTokens();
    const r = await h.platform.heartbeat({ queue: { pending: 1, deadLetters: 0, oldestPendingAgeSec: 3 } }, CTX);
    expect(r.ok ? 'ok' : r.error.code).toBe('unauthorized');
    expect(enrolment.current()?.revoked).toBe(true);
    expect(alerts.map((a) => a.kind)).toEqual(['token-revoked']);
    const stopped = await h.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX);
    expect(stopped.ok ? 'ok' : stopped.error.code).toBe('not-enrolled');
    expect(((await value(h.vault.journal({}, CTX))).entries).length).toBe(1);
    await enrol();
    expect(await value(h.platform.heartbeat({ queue: { pending: 1, deadLetters: 0, oldestPendingAgeSec: 3 } }, CTX))).toBeNull();
    expect(standIn.report().heartbeats).toBe(1);
  });

  it('verifies a pre-application code offline with the enrolled platform key', async () => {
    const code = standIn.mintPreApplicationCode({ id: 'PA-2026-000123', service: 'dl.renewal', applicant: { idNumber: ID }, expiresAt: '2099-01-01T00:00:00Z' });
    const before = await h.platform.verifyPreApplication({ code }, CTX);
    expect(before.ok ? 'ok' : before.error.code).toBe('not-enrolled');
    await enrol();
    await standIn.close();
    expect(await value(h.platform.verifyPreApplication({ code }, CTX))).toMatchObject({ id: 'PA-2026-000123', service: 'dl.renewal' });
    const [head, payload, signature = ''] = code.split('.');
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 0x80;
    const forged = await h.platform.verifyPreApplication({ code: `${head}.${payload}.${flipped.toString('base64url')}` }, CTX);
    expect(forged.ok ? 'ok' : forged.error.code).toBe('pre-application-forged');
    standIn = await startStandIn({ dataDir: join(dir, 'platform'), port: 0 });
  });

  it('pulls reference data by cursor and reads a case', async () => {
    await enrol();
    let page = await value(h.platform.reference({}, CTX));
    const items = [...page.items];
    while (!page.complete) {
      page = await value(h.platform.reference({ cursor: page.cursor }, CTX));
      items.push(...page.items);
    }
    expect(items.some((i) => i.kind === 'service')).toBe(true);
    const { tx, photo } = await sealWithPhoto(IDS[1]);
    await value(h.platform.uploadAttachment({ sha256: photo.sha256, contentType: photo.contentType, sealed: photo.sealed }, CTX));
    const [result] = (await value(h.platform.sendBatch({ items: [{ id: tx.id, sealed: tx.sealed }] }, CTX))).results;
    if (result?.status !== 'accepted') throw new Error('not accepted');
    expect((await value(h.platform.caseStatus({ caseNumber: result.caseNumber }, CTX))).caseNumber).toBe(result.caseNumber);
  });

  it('rebuilds the backstop after a restart of the host', async () => {
    await enrol();
    await sealWithPhoto(IDS[2]);
    h = await wire();
    const journal = (await value(h.vault.journal({}, CTX))).entries;
    expect(journal.map((e) => [e.transaction.id, e.attachments.length])).toEqual([[IDS[2], 1]]);
    expect(enrolment.credentials()?.terminalId).toBe('CZ-T0012');
  });
});
