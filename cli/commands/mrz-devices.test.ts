import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HKMO_PERMIT, PASSPORT_ZHANG_SAN, TW_PERMIT_EXPIRED, withCharAt } from '../../fixtures/mrz/lines';
import { describeHidDevice, describeSerialPort } from './devices';

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

describe('kioskctl devices list', () => {
  it('prints the documented JSON shape', async () => {
    const r = await kioskctl(['devices', 'list', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { devices: { bus: string; adapters: { device: string; adapter: string }[] }[] };
    expect(Array.isArray(out.devices)).toBe(true);
    for (const d of out.devices) expect(['serial', 'hid']).toContain(d.bus);
  });

  it('says which adapters could drive each device', () => {
    expect(describeSerialPort({ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' })).toMatchObject({
      vendorId: '1A86',
      productId: '7523',
      adapters: [
        { device: 'id-reader', adapter: 'sam-serial' },
        { device: 'printer', adapter: 'escpos-serial' },
        { device: 'scanner', adapter: 'serial' },
        { device: 'document-reader', adapter: 'serial' },
      ],
    });
    expect(describeHidDevice({ vendorId: 0x0400, productId: 0xc35a }).adapters).toEqual([{ device: 'id-reader', adapter: 'sam-usb' }]);
    expect(describeHidDevice({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 2 }).adapters).toEqual([{ device: 'scanner', adapter: 'hid-pos' }]);
    expect(describeHidDevice({ vendorId: 0x1234, productId: 1, usagePage: 1, usage: 6 }).adapters).toEqual([
      { device: 'scanner', adapter: 'keyboard-wedge' },
      { device: 'document-reader', adapter: 'hid' },
    ]);
    expect(describeHidDevice({ vendorId: 0x1234, productId: 2, usagePage: 1, usage: 2 }).adapters).toEqual([]);
  });
});
