import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HKMO_PERMIT, PASSPORT_ZHANG_SAN, TW_PERMIT_EXPIRED, withCharAt } from '../../fixtures/mrz/lines';

// Through the real CLI, as a technician runs it.
function kioskctl(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'cli/kioskctl.ts', ...args], { cwd: process.cwd() }, (e, stdout, stderr) => {
      resolve({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('kioskctl mrz parse', () => {
  it('prints a valid passport as JSON and exits 0', async () => {
    const r = await kioskctl(['mrz', 'parse', ...PASSPORT_ZHANG_SAN, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ document: 'passport', documentNumber: 'E98765432', nameZh: '张三', sex: 'male', valid: true, errors: [] });
  });

  it('an expired document is valid with expired: true', async () => {
    const r = await kioskctl(['mrz', 'parse', TW_PERMIT_EXPIRED, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ document: 'tw-permit', expired: true, valid: true });
  });

  it('an invalid MRZ still prints the object and exits 1', async () => {
    const r = await kioskctl(['mrz', 'parse', withCharAt(HKMO_PERMIT, 29, '5'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ document: 'hkmo-permit', valid: false, errors: ['check-digit-composite'] });
    expect(r.stderr).toContain('check-digit-composite');
  });

  it('text that is not an MRZ exits 1 with a coded error; no line at all is a usage error', async () => {
    const r = await kioskctl(['mrz', 'parse', 'HELLO WORLD', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'unrecognised-mrz' } });
    expect((await kioskctl(['mrz', 'parse'])).code).toBe(2);
  });
});
