import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeHidDevice, describeSerialPort, describeUsbDevice } from '../../drivers/registry/classify';
import type { CliIo } from '../command';
import { runKioskctl } from '../run';
import { createDevicesListCommand, type DeviceSources } from './devices';

// Through the real CLI, as a technician runs it.
function kioskctl(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'cli/kioskctl.ts', ...args], { cwd: process.cwd() }, (e, stdout, stderr) => {
      resolve({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
}

const libusbDenied = async (): Promise<never> => {
  throw new Error('LIBUSB_ERROR_ACCESS\n    at getDevices (native)');
};

const machine: DeviceSources = {
  serial: async () => [describeSerialPort({ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' })],
  hid: async () => [describeHidDevice({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 2, path: '/dev/hidraw1' })],
  usb: async () => [describeUsbDevice({ vendorId: 0x0400, productId: 0xc35a, bus: '1', address: 9, ports: [2], deviceClass: 0 })],
};

describe('kioskctl devices list', () => {
  it('prints the documented JSON shape from the real CLI, whatever this machine can enumerate', async () => {
    const r = await kioskctl(['devices', 'list', '--json']);
    expect([0, 4]).toContain(r.code);
    const out = JSON.parse(r.stdout) as { devices?: { bus: string; adapters: unknown[] }[]; errors?: { bus: string; code: string; message: string }[]; error?: unknown };
    if (r.code === 4) {
      expect(out.error).toMatchObject({ code: 'enumeration-failed' });
      return;
    }
    for (const d of out.devices ?? []) expect(['serial', 'hid', 'usb']).toContain(d.bus);
    for (const e of out.errors ?? []) {
      expect(e).toMatchObject({ code: 'enumeration-failed' });
      expect(e.message).not.toContain('\n');
    }
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists a native 0400:C35A bulk reader as sam-usb next to serial ports and HID devices', async () => {
    const io = capture();
    const code = await runKioskctl(['devices', 'list', '--json'], io, [createDevicesListCommand(machine)]);
    expect(code).toBe(0);
    const out = JSON.parse(io.out.join('')) as { devices: { bus: string; path: string; adapters: { adapter: string }[] }[]; errors: unknown[] };
    expect(out.errors).toEqual([]);
    expect(out.devices.map((d) => [d.bus, d.path])).toEqual([
      ['serial', '/dev/ttyUSB0'],
      ['hid', '/dev/hidraw1'],
      ['usb', 'usb:1-2'],
    ]);
    expect(out.devices[2]).toMatchObject({ vendorId: '0400', productId: 'C35A', adapters: [{ device: 'id-reader', adapter: 'sam-usb' }] });
  });

  it('a bus that cannot be enumerated is reported, not a crash: the other buses are still listed', async () => {
    const json = capture();
    expect(await runKioskctl(['devices', 'list', '--json'], json, [createDevicesListCommand({ ...machine, usb: libusbDenied })])).toBe(0);
    const out = JSON.parse(json.out.join('')) as { devices: { bus: string }[]; errors: unknown[] };
    expect(out.devices.map((d) => d.bus)).toEqual(['serial', 'hid']);
    expect(out.errors).toEqual([{ bus: 'usb', code: 'enumeration-failed', message: 'cannot list usb devices: LIBUSB_ERROR_ACCESS' }]);
    expect(json.err).toEqual(['kioskctl: cannot list usb devices: LIBUSB_ERROR_ACCESS']);

    const text = capture();
    expect(await runKioskctl(['devices', 'list'], text, [createDevicesListCommand({ ...machine, usb: libusbDenied })])).toBe(0);
    expect(text.out).toHaveLength(3);
    expect(text.out[1]).toBe('hid    /dev/hidraw1 0C2E:0B61  →  scanner/hid-pos');
    expect(text.out[2]).toBe('usb    (not listed: cannot list usb devices: LIBUSB_ERROR_ACCESS)');
  });

  it('exits 4 with a coded error when no bus can be enumerated', async () => {
    const io = capture();
    const code = await runKioskctl(['devices', 'list', '--json'], io, [createDevicesListCommand({ serial: libusbDenied, hid: libusbDenied, usb: libusbDenied })]);
    expect(code).toBe(4);
    expect(JSON.parse(io.out.join(''))).toMatchObject({ error: { code: 'enumeration-failed' } });
    expect(io.err).toHaveLength(1);
  });
});
