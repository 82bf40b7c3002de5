import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../../fixtures/platform';
import type { TransactionItem } from '../../api/platform-schemas';
import { createPlatformClient, type Credentials, type PlatformClient } from './client';

/** The client against the platform stand-in under each of its injected faults. */
const ITEM: TransactionItem = {
  id: '01JD3Z6Q8W5N0K2V4Y7B9C1E3F',
  terminalId: 'CZ-T0012',
  seq: 1,
  service: 'id.renewal',
  createdAt: '2026-11-24T08:15:02.311Z',
  clockOffsetMs: 0,
  applicant: { idNumber: '11010519491231002X' },
  attachments: [],
};

let dir: string;
let standIn: StandIn;
let credentials: Credentials | null;
let client: PlatformClient;

const codeOf = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : (r.error?.code ?? '?'));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'client-stand-in-'));
  standIn = await startStandIn({ dataDir: dir, port: 0 });
  credentials = null;
  client = createPlatformClient({
    baseUrl: standIn.url,
    credentials: () => credentials,
    revoke: async () => {
      credentials = null;
    },
    timeoutMs: 10_000,
  });
  const enrolled = await client.enrol({ enrolmentCode: 'DEV-ENROL-0001', terminalId: 'CZ-T0012', site: { code: '320402-JZL', name: '测试站点' }, appVersion: '1.4.0' });
  if (!enrolled.ok) throw new Error(enrolled.error.code);
  credentials = { terminalId: 'CZ-T0012', token: enrolled.value.terminalToken };
});
afterEach(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('client against the stand-in', () => {
  it('refuses a wrong enrolment code', async () => {
    const r = await client.enrol({ enrolmentCode: 'WRONG-CODE-1', terminalId: 'CZ-T0013', site: { code: 'x', name: 'y' }, appVersion: '1.4.0' });
    expect(codeOf(r)).toBe('enrolment-code-invalid');
  });

  it.each([
    [{ kind: 'error-500' as const }, 'server-error'],
    [{ kind: 'error-500' as const, applied: true }, 'server-error'],
    [{ kind: 'reset' as const }, 'network'],
    [{ kind: 'drop-after-apply' as const }, 'network'],
  ])('maps the %o fault to %s', async (fault, code) => {
    standIn.faults.add({ ...fault, path: '/transactions/batch', count: 1 });
    expect(codeOf(await client.sendBatch([ITEM]))).toBe(code);
  });

  it('gives up on a hung batch at its deadline', async () => {
    standIn.faults.add({ kind: 'hang', applied: true, path: '/transactions/batch', count: 1 });
    const short = createPlatformClient({ baseUrl: standIn.url, credentials: () => credentials, timeoutMs: 200 });
    const r = await short.sendBatch([ITEM]);
    expect(r.ok ? '' : `${r.error.code}: ${r.error.message}`).toMatch(/^network: .*timed out.*may have been applied/);
  });

  it('carries Retry-After from 429 and 503', async () => {
    standIn.faults.add({ kind: 'rate-limit', retryAfterSec: 7, count: 1 });
    const limited = await client.health();
    expect(limited.ok ? null : [limited.error.code, limited.error.retryAfterMs]).toEqual(['rate-limited', 7_000]);
    // a second terminal: this one must wait the 7 s before it sends again
    const other = createPlatformClient({ baseUrl: standIn.url, credentials: () => credentials, timeoutMs: 10_000 });
    standIn.faults.add({ kind: 'unavailable', retryAfterSec: 30, count: 1 });
    const down = await other.health();
    expect(down.ok ? null : [down.error.code, down.error.retryAfterMs]).toEqual(['rate-limited', 30_000]);
  });

  it('reports refused connections as network and recovers when they are accepted', async () => {
    await standIn.faults.refuseConnections();
    expect(codeOf(await client.health())).toBe('network');
    await standIn.faults.acceptConnections();
    expect(codeOf(await client.health())).toBe('ok');
  });

  it('treats a revoked token as unauthorized and stops using it', async () => {
    await standIn.faults.revokeTokens();
    expect(codeOf(await client.reference())).toBe('unauthorized');
    expect(credentials).toBeNull();
    expect(codeOf(await client.reference())).toBe('not-enrolled');
  });

  it('gets a duplicate, not a conflict, when the same item is resent after a lost answer', async () => {
    standIn.faults.add({ kind: 'drop-after-apply', path: '/transactions/batch', count: 1 });
    expect(codeOf(await client.sendBatch([ITEM]))).toBe('network');
    const again = await client.sendBatch([ITEM]);
    expect(again.ok && again.value.map((r) => r.status)).toEqual(['duplicate']);
    expect(standIn.report().transactions).toMatchObject({ distinct: 1, duplicates: 1, conflicts: 0 });
  });

  it('refuses an online-only service as the platform answers it, per item', async () => {
    const r = await client.sendBatch([{ ...ITEM, service: 'case.status' }]);
    expect(r.ok && r.value[0]).toMatchObject({ status: 'rejected', error: { code: 'service-online-only' } });
  });
});
