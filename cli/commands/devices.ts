import { devices as listHidDevices } from 'node-hid';
import { SerialPort } from 'serialport';
import { describeHidDevice, describeSerialPort, describeUsbDevice, isUsbHub, type DeviceBus, type ListedDevice, type UsbDeviceInfo } from '../../drivers/registry/classify';
import { describeError } from '../../drivers/result';
import type { CommandSpec } from '../command';
import { fail } from '../command';
import { EXIT } from '../exit-codes';

/**
 * `devices list [--json]` (shared/kioskctl.md). JSON shape (also in the help text):
 *   {"devices": [{"bus": "serial"|"hid"|"usb", "path", "vendorId": "0400"|null, "productId": "C35A"|null,
 *     "manufacturer"?, "product"?, "usagePage"?, "usage"?, "deviceClass"?,
 *     "adapters": [{"device": "id-reader"|"printer"|"scanner"|"document-reader", "adapter": "sam-serial"|…}]}],
 *   "errors": [{"bus", "code": "enumeration-failed", "message"}]}
 * Each bus is enumerated on its own: one that cannot be read (no libusb access, no /sys in a
 * container) is reported in `errors` and on stderr while the others are still listed. The
 * classification rules live in drivers/registry/classify.ts.
 */
export interface BusError {
  readonly bus: DeviceBus;
  readonly code: 'enumeration-failed';
  readonly message: string;
}

export type DeviceSources = Record<DeviceBus, () => Promise<ListedDevice[]>>;

const optionalString = (read: () => string | null | undefined): string | undefined => {
  try {
    return read() ?? undefined;
  } catch {
    // string descriptors can need the device opened; the ids are enough to classify it
    return undefined;
  }
};

export const systemDeviceSources: DeviceSources = {
  serial: async () => (await SerialPort.list()).map(describeSerialPort),
  hid: async () => listHidDevices().map(describeHidDevice),
  usb: async () => {
    // loaded here, not at the top: without libusb/sysfs access the module must not take the
    // other buses (or the whole CLI) down with it
    const { usb } = await import('usb');
    const found = await usb.getDevices();
    return found
      .map(
        (d): UsbDeviceInfo => ({
          vendorId: d.vendorId,
          productId: d.productId,
          deviceClass: d.deviceClass,
          bus: d.bus,
          address: d.address,
          ports: d.ports,
          manufacturer: optionalString(() => d.manufacturerName),
          product: optionalString(() => d.productName),
        }),
      )
      .filter((d) => !isUsbHub(d))
      .map(describeUsbDevice);
  },
};

const BUSES: readonly DeviceBus[] = ['serial', 'hid', 'usb'];

/** Enumerates every bus; a bus that fails becomes an entry in `errors`, never an exception. */
export async function listDevices(sources: DeviceSources): Promise<{ devices: ListedDevice[]; errors: BusError[] }> {
  const results = await Promise.all(
    BUSES.map(async (bus) => {
      try {
        return { bus, devices: await sources[bus]() };
      } catch (e) {
        return { bus, error: `cannot list ${bus} devices: ${describeError(e).split('\n')[0] ?? ''}` };
      }
    }),
  );
  const devices: ListedDevice[] = [];
  const errors: BusError[] = [];
  for (const r of results) {
    if ('error' in r) errors.push({ bus: r.bus, code: 'enumeration-failed', message: r.error ?? '' });
    else devices.push(...r.devices);
  }
  return { devices, errors };
}

export function createDevicesListCommand(sources: DeviceSources = systemDeviceSources): CommandSpec {
  return {
    path: ['devices', 'list'],
    usage:
      'devices list [--json]   serial ports, HID and native USB devices with vendor/product ids and the adapters that could drive each; ' +
      'JSON: {"devices":[{"bus":"serial"|"hid"|"usb","path","vendorId":"0400"|null,"productId":"C35A"|null,"manufacturer"?,"product"?,"usagePage"?,"usage"?,"deviceClass"?,"adapters":[{"device","adapter"}]}],"errors":[{"bus","code","message"}]}',
    options: {},
    positionals: [0, 0],
    async run(args, io) {
      const { devices, errors } = await listDevices(sources);
      if (errors.length === BUSES.length) {
        return fail(io, args, EXIT.deviceUnreachable, 'enumeration-failed', errors.map((e) => e.message).join('; '));
      }
      for (const e of errors) io.stderr(`kioskctl: ${e.message}`);
      if (args.json) {
        io.stdout(JSON.stringify({ devices, errors }));
        return EXIT.ok;
      }
      if (devices.length === 0) io.stdout('no serial ports, HID or USB devices found');
      for (const d of devices) {
        const ids = d.vendorId === null ? '' : ` ${d.vendorId}:${d.productId ?? '????'}`;
        const name = [d.manufacturer, d.product].filter(Boolean).join(' ');
        const adapters = d.adapters.map((a) => `${a.device}/${a.adapter}`).join(', ') || '(none)';
        io.stdout(`${d.bus.padEnd(7)}${d.path ?? '-'}${ids}${name ? ` ${name}` : ''}  →  ${adapters}`);
      }
      for (const e of errors) io.stdout(`${e.bus.padEnd(7)}(not listed: ${e.message})`);
      return EXIT.ok;
    },
  };
}

export const devicesListCommand: CommandSpec = createDevicesListCommand();
