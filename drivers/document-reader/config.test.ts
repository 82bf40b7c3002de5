import { describe, expect, it } from 'vitest';
import { createSimulatedDocumentReader } from '../../fixtures/devices/document-reader/simulated';
import { DocumentReaderConfig } from './config';
import { createDocumentReaderFromConfig } from './index';

describe('createDocumentReaderFromConfig', () => {
  it('builds every adapter; the simulated one comes from the factory passed in', async () => {
    const factoryCalls: number[] = [];
    const simulated = createDocumentReaderFromConfig({ adapter: 'simulated' }, ({ interLineTimeoutMs }) => {
      factoryCalls.push(interLineTimeoutMs);
      return createSimulatedDocumentReader({ interLineTimeoutMs }).reader;
    });
    expect(simulated.ok && simulated.value.adapter).toBe('simulated');
    expect(factoryCalls).toEqual([300]);
    const hid = createDocumentReaderFromConfig({ adapter: 'hid', vendorId: 0x1234, productId: 0x5678 }, () => {
      throw new Error('not asked for');
    });
    expect(hid.ok && hid.value.adapter).toBe('hid');
    const serial = createDocumentReaderFromConfig({ adapter: 'serial', path: '/nonexistent/tty-mrz' }, () => {
      throw new Error('not asked for');
    });
    expect(serial.ok && serial.value.adapter).toBe('serial');
    for (const r of [simulated, hid, serial]) if (r.ok) await r.value.close();
  });

  it('a keyboard reader gets a longer inter-line bound by default; bad input is config-invalid', () => {
    expect(DocumentReaderConfig.parse({ adapter: 'hid', vendorId: 1, productId: 2 })).toMatchObject({ interLineTimeoutMs: 2000 });
    expect(DocumentReaderConfig.parse({ adapter: 'serial', path: '/dev/ttyUSB0' })).toMatchObject({ interLineTimeoutMs: 300, baudRate: 9600 });
    const bad = createDocumentReaderFromConfig({ adapter: 'hid', vendorId: 0x10000, productId: 1 }, () => createSimulatedDocumentReader().reader);
    expect(!bad.ok && bad.error.code).toBe('config-invalid');
  });
});
