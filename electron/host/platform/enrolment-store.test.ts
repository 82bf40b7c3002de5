import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevKeystore, type Keystore } from '../vault/keystore';
import { ENROLMENT_FILE, openEnrolmentStore, type EnrolmentStore } from './enrolment-store';

const KEY = Buffer.alloc(32, 9).toString('base64');
const ENROLMENT = { terminalId: 'CZ-T0012', site: { code: '320402-JZL', name: '常州市公安局政务服务中心' }, token: 'secret-token-1', platformKey: KEY, enrolledAt: '2026-11-24T08:00:00.000Z' };

let dataDir: string;
let keystore: Keystore;

async function open(): Promise<EnrolmentStore> {
  const s = await openEnrolmentStore({ dataDir, keystore });
  if (!s.ok) throw new Error(s.error.code);
  return s.value;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'enrolment-'));
  keystore = { ...createDevKeystore(dataDir), backend: 'os' };
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('enrolment store', () => {
  it('starts unenrolled', async () => {
    const store = await open();
    expect([store.current(), store.credentials()]).toEqual([null, null]);
  });

  it('persists the enrolment with the token wrapped, and reads it back after a restart', async () => {
    expect((await (await open()).save(ENROLMENT)).ok).toBe(true);
    expect(readFileSync(join(dataDir, 'platform', ENROLMENT_FILE), 'utf8')).not.toContain('secret-token-1');
    const store = await open();
    expect(store.current()).toEqual({ terminalId: 'CZ-T0012', site: ENROLMENT.site, platformKey: KEY, enrolledAt: ENROLMENT.enrolledAt, revoked: false });
    expect(store.credentials()).toEqual({ terminalId: 'CZ-T0012', token: 'secret-token-1' });
  });

  it('stays revoked across restarts until enrolled again, which replaces the old enrolment', async () => {
    const store = await open();
    await store.save(ENROLMENT);
    await store.markRevoked();
    expect(store.credentials()).toBeNull();
    const reopened = await open();
    expect([reopened.current()?.revoked, reopened.credentials()]).toEqual([true, null]);
    await reopened.save({ ...ENROLMENT, terminalId: 'CZ-T0013', token: 'secret-token-2' });
    expect((await open()).credentials()).toEqual({ terminalId: 'CZ-T0013', token: 'secret-token-2' });
  });

  it('refuses a damaged file instead of guessing', async () => {
    await (await open()).save(ENROLMENT);
    writeFileSync(join(dataDir, 'platform', ENROLMENT_FILE), '{"v":1,');
    const s = await openEnrolmentStore({ dataDir, keystore });
    expect(s.ok ? 'opened' : s.error.code).toBe('enrolment-unreadable');
  });
});
