import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPreApplication } from './pre-application';

const NOW = Date.parse('2026-11-24T08:00:00Z');
const PAYLOAD = {
  id: 'PA-2026-000123',
  service: 'dl.renewal',
  applicant: { idNumber: '11010519491231002X', name: '张三' },
  data: { licenceNumber: '320402000000' },
  expiresAt: '2026-11-30T00:00:00Z',
};

function keyPair(): { privateKey: KeyObject; publicB64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicB64: spki.subarray(spki.byteLength - 32).toString('base64') };
}

/** Mints a code the way §7a describes, independently of the verifier. */
function mint(privateKey: KeyObject, payload: unknown): string {
  const body = `KPA1.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  return `${body}.${sign(null, Buffer.from(body, 'ascii'), privateKey).toString('base64url')}`;
}

const codeOf = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : (r.error?.code ?? '?'));

describe('verifyPreApplication', () => {
  const platform = keyPair();

  it('accepts a valid code and returns its payload', () => {
    expect(verifyPreApplication(mint(platform.privateKey, PAYLOAD), platform.publicB64, NOW)).toEqual({ ok: true, value: PAYLOAD });
  });

  it('refuses an altered payload as forged', () => {
    const [prefix, , signature] = mint(platform.privateKey, PAYLOAD).split('.');
    const altered = Buffer.from(JSON.stringify({ ...PAYLOAD, service: 'id.renewal' })).toString('base64url');
    expect(codeOf(verifyPreApplication(`${prefix}.${altered}.${signature}`, platform.publicB64, NOW))).toBe('pre-application-forged');
  });

  it('refuses a code signed by another key as forged', () => {
    const other = keyPair();
    expect(codeOf(verifyPreApplication(mint(other.privateKey, PAYLOAD), platform.publicB64, NOW))).toBe('pre-application-forged');
  });

  it('refuses a flipped signature bit and a truncated signature as forged', () => {
    const code = mint(platform.privateKey, PAYLOAD);
    const [head, payload, signature = ''] = code.split('.');
    const sig = Buffer.from(signature, 'base64url');
    sig[10] = (sig[10] ?? 0) ^ 0x01;
    expect(codeOf(verifyPreApplication(`${head}.${payload}.${sig.toString('base64url')}`, platform.publicB64, NOW))).toBe('pre-application-forged');
    expect(codeOf(verifyPreApplication(`${head}.${payload}.${signature.slice(0, 40)}`, platform.publicB64, NOW))).toBe('pre-application-forged');
  });

  it('refuses an expired code', () => {
    const code = mint(platform.privateKey, { ...PAYLOAD, expiresAt: '2026-11-24T07:59:59Z' });
    expect(codeOf(verifyPreApplication(code, platform.publicB64, NOW))).toBe('pre-application-expired');
  });

  it('refuses a signed payload that is not a pre-application', () => {
    const code = mint(platform.privateKey, { ...PAYLOAD, service: 'passport.issue' });
    expect(codeOf(verifyPreApplication(code, platform.publicB64, NOW))).toBe('pre-application-malformed');
  });

  it.each([
    ['empty', ''],
    ['a URL', 'https://example.gov.cn/pa?id=1'],
    ['wrong prefix', 'KPA2.eyJ9.c2ln'],
    ['too few parts', 'KPA1.eyJ9'],
    ['too many parts', 'KPA1.a.b.c'],
    ['not base64url', 'KPA1.ab+/.c*d'],
    ['binary noise', '\u0000\u0001KPA1.\uffff.\u00ff'],
  ])('refuses garbled input (%s) as malformed', (_what, code) => {
    expect(codeOf(verifyPreApplication(code, platform.publicB64, NOW))).toBe('pre-application-malformed');
  });

  it('refuses a 10 MB string before looking at it', () => {
    const huge = `KPA1.${'A'.repeat(10 * 1024 * 1024)}.sig`;
    const r = verifyPreApplication(huge, platform.publicB64, NOW);
    expect(codeOf(r)).toBe('pre-application-malformed');
    expect(r.ok ? '' : r.error.message).toContain('longer than');
  });

  it('reports an unusable platform key', () => {
    expect(codeOf(verifyPreApplication(mint(platform.privateKey, PAYLOAD), Buffer.alloc(31).toString('base64'), NOW))).toBe('platform-key-invalid');
  });
});
