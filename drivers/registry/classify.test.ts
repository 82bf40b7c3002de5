import { describe, expect, it } from 'vitest';
import { classifyUsbIds, describeHidDevice, describeSerialPort, describeUsbDevice, hex4, isUsbHub } from './classify';

describe('adapter classification', () => {
  it('a serial port could be any serial device; a CDC SAM reader also shows sam-usb', () => {
    expect(describeSerialPort({ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', manufacturer: 'wch.cn' })).toEqual({
      bus: 'serial',
      path: '/dev/ttyUSB0',
      vendorId: '1A86',
      productId: '7523',
      manufacturer: 'wch.cn',
      adapters: [
        { device: 'id-reader', adapter: 'sam-serial' },
        { device: 'printer', adapter: 'escpos-serial' },
        { device: 'scanner', adapter: 'serial' },
        { device: 'document-reader', adapter: 'serial' },
      ],
    });
    expect(describeSerialPort({ path: '/dev/pts/3' })).toMatchObject({ vendorId: null, productId: null });
    expect(describeSerialPort({ path: '/dev/ttyACM0', vendorId: '0400', productId: 'c35a' }).adapters).toContainEqual({ device: 'id-reader', adapter: 'sam-usb' });
  });

  it('HID devices by usage page: HID POS scanners, keyboards (wedge scanners and MRZ readers)', () => {
    expect(describeHidDevice({ vendorId: 0x0400, productId: 0xc35a }).adapters).toEqual([{ device: 'id-reader', adapter: 'sam-usb' }]);
    expect(describeHidDevice({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 2 }).adapters).toEqual([{ device: 'scanner', adapter: 'hid-pos' }]);
    expect(describeHidDevice({ vendorId: 0x1234, productId: 1, usagePage: 1, usage: 6, path: '/dev/hidraw0' })).toEqual({
      bus: 'hid',
      path: '/dev/hidraw0',
      vendorId: '1234',
      productId: '0001',
      usagePage: 1,
      usage: 6,
      adapters: [
        { device: 'scanner', adapter: 'keyboard-wedge' },
        { device: 'document-reader', adapter: 'hid' },
      ],
    });
    // a mouse (Generic Desktop, usage 2) drives nothing
    expect(describeHidDevice({ vendorId: 0x1234, productId: 2, usagePage: 1, usage: 2 }).adapters).toEqual([]);
  });

  it('a native 0400:C35A bulk reader is sam-usb; other USB devices are listed with no adapter', () => {
    expect(describeUsbDevice({ vendorId: 0x0400, productId: 0xc35a, deviceClass: 0, bus: '1', address: 7, ports: [3, 4], product: 'iDR200' })).toEqual({
      bus: 'usb',
      path: 'usb:1-3.4',
      vendorId: '0400',
      productId: 'C35A',
      product: 'iDR200',
      deviceClass: 0,
      adapters: [{ device: 'id-reader', adapter: 'sam-usb' }],
    });
    expect(describeUsbDevice({ vendorId: 0x046d, productId: 0xc077, bus: '2', address: 5, ports: [], manufacturer: null })).toEqual({
      bus: 'usb',
      path: 'usb:2@5',
      vendorId: '046D',
      productId: 'C077',
      adapters: [],
    });
    expect(describeUsbDevice({ vendorId: 1, productId: 2 }).path).toBeNull();
  });

  it('hubs are recognised by their device class; ids are four upper-case hex digits', () => {
    expect(isUsbHub({ deviceClass: 9 })).toBe(true);
    expect(isUsbHub({ deviceClass: 0 })).toBe(false);
    expect(isUsbHub({})).toBe(false);
    expect([hex4(0x400), hex4('c35a'), hex4(''), hex4('zz'), hex4(undefined), hex4(0x10000)]).toEqual(['0400', 'C35A', null, null, null, null]);
    expect(classifyUsbIds('0400', 'C35B')).toEqual([]);
  });
});
