import { describe, expect, it } from 'vitest';
import { PrinterConfig } from './config';

describe('PrinterConfig', () => {
  it('fills the documented defaults: 9600 baud, TCP port 9100, 80 mm', () => {
    expect(PrinterConfig.parse({ adapter: 'escpos-serial', port: '/dev/ttyUSB0' })).toEqual({ adapter: 'escpos-serial', port: '/dev/ttyUSB0', baud: 9600, profile: '80mm' });
    expect(PrinterConfig.parse({ adapter: 'escpos-tcp', host: '192.168.1.50', profile: '58mm' })).toEqual({ adapter: 'escpos-tcp', host: '192.168.1.50', port: 9100, profile: '58mm' });
    expect(PrinterConfig.parse({ adapter: 'simulated' })).toEqual({ adapter: 'simulated', profile: '80mm' });
  });

  it('rejects unknown adapters, profiles and keys', () => {
    expect(PrinterConfig.safeParse({ adapter: 'escpos-usb', port: 'x' }).success).toBe(false);
    expect(PrinterConfig.safeParse({ adapter: 'simulated', profile: '76mm' }).success).toBe(false);
    expect(PrinterConfig.safeParse({ adapter: 'escpos-tcp', host: 'h', port: 70000 }).success).toBe(false);
    expect(PrinterConfig.safeParse({ adapter: 'escpos-serial', port: '/dev/ttyS0', baudrate: 9600 }).success).toBe(false);
  });
});
