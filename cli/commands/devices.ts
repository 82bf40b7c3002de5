import { devices as listHidDevices } from 'node-hid';
import { SerialPort } from 'serialport';
import { describeError } from '../../drivers/result';
import type { CommandSpec } from '../command';
import { fail } from '../command';
import { EXIT } from '../exit-codes';

/**
 * `devices list [--json]` (shared/kioskctl.md). JSON shape (also in the help text):
 *   {"devices": [{"bus": "serial"|"hid", "path", "vendorId": "0400"|null, "productId": "C35A"|null,
 *     "manufacturer"?, "product"?, "usagePage"?, "usage"?,
 *     "adapters": [{"device": "id-reader"|"printer"|"scanner"|"document-reader", "adapter": "sam-serial"|…}]}]}
 * `adapters` lists which adapters could drive the port; a serial port could be any serial device,
 * so it lists them all.
 */
export interface AdapterCandidate {
  readonly device: 'id-reader' | 'printer' | 'scanner' | 'document-reader';
  readonly adapter: string;
}

export interface ListedDevice {
  readonly bus: 'serial' | 'hid';
  readonly path: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly manufacturer?: string;
  readonly product?: string;
  readonly usagePage?: number;
  readonly usage?: number;
  readonly adapters: readonly AdapterCandidate[];
}

// domain-notes §1.2: Routon iDR200 and other 一所-protocol native USB readers
const SAM_USB_VID_PID = '0400:C35A';
const HID_POS_USAGE_PAGE = 0x8c; // USB HID POS usage tables: Bar Code Scanner page
const GENERIC_DESKTOP = 0x01;
const KEYBOARD_USAGE = 0x06;

const SERIAL_ADAPTERS: readonly AdapterCandidate[] = [
  { device: 'id-reader', adapter: 'sam-serial' },
  { device: 'printer', adapter: 'escpos-serial' },
  { device: 'scanner', adapter: 'serial' },
  { device: 'document-reader', adapter: 'serial' },
];

const hex4 = (v: number | string | undefined): string | null => {
  if (v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : parseInt(v, 16);
  return Number.isNaN(n) ? null : n.toString(16).toUpperCase().padStart(4, '0');
};

export function classifyUsbIds(vendorId: string | null, productId: string | null): AdapterCandidate[] {
  return `${vendorId ?? ''}:${productId ?? ''}` === SAM_USB_VID_PID ? [{ device: 'id-reader', adapter: 'sam-usb' }] : [];
}

export function describeSerialPort(p: { path: string; vendorId?: string; productId?: string; manufacturer?: string }): ListedDevice {
  const vendorId = hex4(p.vendorId);
  const productId = hex4(p.productId);
  return {
    bus: 'serial',
    path: p.path,
    vendorId,
    productId,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    adapters: [...SERIAL_ADAPTERS, ...classifyUsbIds(vendorId, productId)],
  };
}

export function describeHidDevice(d: { path?: string; vendorId: number; productId: number; manufacturer?: string; product?: string; usagePage?: number; usage?: number }): ListedDevice {
  const vendorId = hex4(d.vendorId);
  const productId = hex4(d.productId);
  const adapters: AdapterCandidate[] = classifyUsbIds(vendorId, productId);
  if (d.usagePage === HID_POS_USAGE_PAGE) adapters.push({ device: 'scanner', adapter: 'hid-pos' });
  if (d.usagePage === GENERIC_DESKTOP && d.usage === KEYBOARD_USAGE) {
    // keyboard-wedge scanners and MRZ readers present themselves as keyboards
    adapters.push({ device: 'scanner', adapter: 'keyboard-wedge' }, { device: 'document-reader', adapter: 'hid' });
  }
  return {
    bus: 'hid',
    path: d.path ?? null,
    vendorId,
    productId,
    ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
    ...(d.product ? { product: d.product } : {}),
    ...(d.usagePage === undefined ? {} : { usagePage: d.usagePage }),
    ...(d.usage === undefined ? {} : { usage: d.usage }),
    adapters,
  };
}

export const devicesListCommand: CommandSpec = {
  path: ['devices', 'list'],
  usage:
    'devices list [--json]   serial ports and HID devices with vendor/product ids and the adapters that could drive each; ' +
    'JSON: {"devices":[{"bus":"serial"|"hid","path","vendorId":"0400"|null,"productId":"C35A"|null,"manufacturer"?,"product"?,"usagePage"?,"usage"?,"adapters":[{"device","adapter"}]}]}',
  options: {},
  positionals: [0, 0],
  async run(args, io) {
    let listed: ListedDevice[];
    try {
      const ports = await SerialPort.list();
      listed = [...ports.map(describeSerialPort), ...listHidDevices().map(describeHidDevice)];
    } catch (e) {
      return fail(io, args, EXIT.deviceUnreachable, 'enumeration-failed', `cannot list devices: ${describeError(e).split('\n')[0] ?? ''}`);
    }
    if (args.json) {
      io.stdout(JSON.stringify({ devices: listed }));
      return EXIT.ok;
    }
    if (listed.length === 0) io.stdout('no serial ports or HID devices found');
    for (const d of listed) {
      const ids = d.vendorId === null ? '' : ` ${d.vendorId}:${d.productId ?? '????'}`;
      const name = [d.manufacturer, d.product].filter(Boolean).join(' ');
      const adapters = d.adapters.map((a) => `${a.device}/${a.adapter}`).join(', ') || '(none)';
      io.stdout(`${d.bus.padEnd(7)}${d.path ?? '-'}${ids}${name ? ` ${name}` : ''}  →  ${adapters}`);
    }
    return EXIT.ok;
  },
};
