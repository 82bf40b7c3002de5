import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStrictPlatform, type StrictPlatform } from '../../../fixtures/strict-platform/server';
import { createPlatformClient, type Credentials, type PlatformClient } from './client';

/**
 * The client against the strict checker (fixtures/strict-platform, written from platform-api.md
 * apart from the stand-in), for the endpoints the load test does not reach: enrolment and
 * re-enrolment, reference paging, heartbeat, online-only services. Any breach the checker
 * records fails the test.
 */
const CODE = 'STRICT-CLIENT-0001';
const T = 'CZ-T0012';
let platform: StrictPlatform;
let credentials: Credentials | null;
let client: PlatformClient;

const enrol = async (): Promise<void> => {
  const r = await client.enrol({ enrolmentCode: CODE, terminalId: T, site: { code: '320402-JZL', name: '测试站点' }, appVersion: '1.4.0' });
  if (!r.ok) throw new Error(r.error.code);
  credentials = { terminalId: T, token: r.value.terminalToken };
};

beforeEach(async () => {
  platform = await startStrictPlatform({ enrolmentCodes: [CODE], inFlightGraceMs: 0 });
  credentials = null;
  client = createPlatformClient({
    baseUrl: platform.url,
    credentials: () => credentials,
    revoke: async () => {
      credentials = null;
    },
    timeoutMs: 10_000,
  });
  await enrol();
});
afterEach(() => platform.close());

describe('client against the strict checker', () => {
  it('follows the reference cursor to the end and sends a heartbeat the checker finds exact and free of personal data', async () => {
    const keys: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const r = await client.reference(cursor);
      if (!r.ok) throw new Error(r.error.code);
      keys.push(...r.value.items.map((i) => i.key));
      cursor = r.value.cursor;
      if (r.value.complete) break;
    }
    expect(keys).toContain('dl.violations');
    const beat = await client.heartbeat({
      appVersion: '1.4.0',
      uptimeSec: 12.7,
      queue: { pending: 3, deadLetters: 0, oldestPendingAgeSec: 40 },
      devices: [{ kind: 'printer', adapter: 'escpos-serial', state: 'ready' }],
    });
    expect(beat.ok).toBe(true);
    expect(platform.report().violations).toEqual([]);
  });

  it('queries the online-only services with bodies the checker accepts', async () => {
    const lookup = await client.caseLookup('11010519491231002X');
    expect(lookup.ok && lookup.value).toEqual([]);
    const violations = await client.violationsQuery({ idNumber: '11010519491231002X', licenceNumber: '320402000001' });
    expect(violations.ok && violations.value).toEqual([]);
    expect(platform.report().requests).toMatchObject({ 'POST /cases/lookup 200': 1, 'POST /violations/query 200': 1 });
  });

  it('after a revocation sends nothing with the refused token, and works again once re-enrolled', async () => {
    platform.revoke(T);
    const refused = await client.reference();
    expect(refused.ok ? 'ok' : refused.error.code).toBe('unauthorized');
    expect(credentials).toBeNull();
    const held = await client.reference();
    expect(held.ok ? 'ok' : held.error.code).toBe('not-enrolled');
    await enrol();
    expect((await client.reference()).ok).toBe(true);
    expect(platform.report().violations).toEqual([]);
    expect(platform.report().enrolments).toBe(2);
  });
});
