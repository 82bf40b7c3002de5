/**
 * Which adapters could drive a device found on the machine (`kioskctl devices list`): pure, so
 * the rules are tested without hardware. Enumeration (serialport, node-hid, usb) stays with
 * the caller.
 */
export interface AdapterCandidate {
  readonly device: 'id-reader' | 'printer' | 'scanner' | 'document-reader';
  readonly adapter: string;
}

export type DeviceBus = 'serial' | 'hid' | 'usb';

export interface ListedDevice {
  readonly bus: DeviceBus;
  readonly path: string | null;
  /** four upper-case hex digits, e.g. `0400` */
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly manufacturer?: string;
  readonly product?: string;
  readonly usagePage?: number;
  readonly usage?: number;
  /** USB device class from the device descriptor (native USB devices only) */
  readonly deviceClass?: number;
  readonly adapters: readonly AdapterCandidate[];
}

// domain-notes §1.2: Routon iDR200 and other 公安部一所-protocol native USB readers
const SAM_USB_VID_PID = '0400:C35A';
const HID_POS_USAGE_PAGE = 0x8c; // USB HID POS Usage Tables: Bar Code Scanner page
const GENERIC_DESKTOP = 0x01; // HID Usage Tables §4: Generic Desktop page
const KEYBOARD_USAGE = 0x06; // Generic Desktop: Keyboard
const USB_CLASS_HUB = 0x09; // USB 2.0 §11.23.1: hub device class

const SERIAL_ADAPTERS: readonly AdapterCandidate[] = [
  { device: 'id-reader', adapter: 'sam-serial' },
  { device: 'printer', adapter: 'escpos-serial' },
  { device: 'scanner', adapter: 'serial' },
  { device: 'document-reader', adapter: 'serial' },
];

/** `0x400`, `'0400'`, `'400'` → `'0400'`; absent or not hex → null. */
export function hex4(v: number | string | undefined): string | null {
  if (v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : parseInt(v, 16);
  return Number.isNaN(n) || n < 0 || n > 0xffff ? null : n.toString(16).toUpperCase().padStart(4, '0');
}

/** Adapters known by vendor/product id alone, whatever bus the device shows up on. */
export function classifyUsbIds(vendorId: string | null, productId: string | null): AdapterCandidate[] {
  return `${vendorId ?? ''}:${productId ?? ''}` === SAM_USB_VID_PID ? [{ device: 'id-reader', adapter: 'sam-usb' }] : [];
}

/** A serial port could be any serial device, so every serial adapter is a candidate. */
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

/** What the caller read from a native USB device (ids and class from its device descriptor). */
export interface UsbDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly deviceClass?: number;
  /** bus number as the OS names it (Linux: `1`) */
  readonly bus?: string;
  readonly address?: number;
  /** port chain from the root hub, e.g. [3, 4] */
  readonly ports?: readonly number[];
  readonly manufacturer?: string | null;
  readonly product?: string | null;
}

/**
 * Hubs (the root hubs of every controller among them) drive nothing and would bury the one
 * reader a technician looks for, so the list leaves them out.
 */
export const isUsbHub = (d: Pick<UsbDeviceInfo, 'deviceClass'>): boolean => d.deviceClass === USB_CLASS_HUB;

/**
 * A native USB device. The path follows the Linux sysfs naming `<bus>-<port>.<port>` (stable
 * while the device stays in the same socket), or bus and address when the ports are unknown.
 */
export function describeUsbDevice(d: UsbDeviceInfo): ListedDevice {
  const vendorId = hex4(d.vendorId);
  const productId = hex4(d.productId);
  const path =
    d.bus === undefined ? null : d.ports !== undefined && d.ports.length > 0 ? `usb:${d.bus}-${d.ports.join('.')}` : `usb:${d.bus}@${d.address ?? '?'}`;
  return {
    bus: 'usb',
    path,
    vendorId,
    productId,
    ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
    ...(d.product ? { product: d.product } : {}),
    ...(d.deviceClass === undefined ? {} : { deviceClass: d.deviceClass }),
    adapters: classifyUsbIds(vendorId, productId),
  };
}
