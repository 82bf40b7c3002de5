import { describe, expect, it } from 'vitest';
import { FakeHidKeyboard } from '../../fixtures/devices/document-reader/hid-keyboard-device';
import { FIXTURE_TODAY, HKMO_PERMIT, PASSPORT_ZHANG_SAN, TW_PERMIT } from '../../fixtures/mrz/lines';
import { createHidDocumentReader } from './hid';
import type { DocumentReader } from './types';

// The hid adapter through the HID transport, with a fake node-hid device that emits real
// boot-protocol keyboard reports.
function setup(reportId?: number) {
  const devices: FakeHidKeyboard[] = [];
  let present = true;
  const reader = createHidDocumentReader({
    vendorId: 0x1234,
    productId: 0x5678,
    reportId,
    interLineTimeoutMs: 2000,
    today: () => FIXTURE_TODAY,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
    openDevice: () => {
      if (!present) throw new Error('cannot open device with vendor id 0x1234 and product id 0x5678');
      const d = new FakeHidKeyboard(reportId);
      devices.push(d);
      return d;
    },
  });
  return { reader, devices, setPresent: (p: boolean) => (present = p) };
}

function whenStatus(reader: DocumentReader, state: 'ready' | 'disconnected'): Promise<void> {
  return new Promise((resolve) => {
    const off = reader.onStatus((s) => s.state === state && (off(), resolve()));
  });
}

describe('hid document reader (keyboard-wedge MRZ reader through node-hid)', () => {
  it('reads a passport typed key by key, then a permit', async () => {
    const { reader, devices } = setup();
    expect((await reader.ready()).ok).toBe(true);
    expect(reader.status()).toEqual({ state: 'ready' });
    let read = reader.readDocument({ timeoutMs: 5000 });
    devices[0]!.typeDocument(PASSPORT_ZHANG_SAN);
    let r = await read;
    expect(r.ok && r.value).toMatchObject({ lines: [...PASSPORT_ZHANG_SAN], mrz: { document: 'passport', nameZh: '张三', valid: true } });
    // press + release per character, plus Enter per line
    expect(devices[0]!.sent).toHaveLength(2 * (44 + 1) * 2);
    read = reader.readDocument({ timeoutMs: 5000 });
    devices[0]!.typeDocument([HKMO_PERMIT]);
    r = await read;
    expect(r.ok && r.value.mrz).toMatchObject({ document: 'hkmo-permit', documentNumber: 'C12345678', valid: true });
    await reader.close();
    expect(devices[0]!.closed).toBe(true);
  });

  it('reads the same document with key roll-over and with repeated reports', async () => {
    const { reader, devices } = setup();
    await reader.ready();
    for (const mode of ['rollover', 'repeat'] as const) {
      const read = reader.readDocument({ timeoutMs: 5000 });
      devices[0]!.typeDocument(PASSPORT_ZHANG_SAN, mode);
      const r = await read;
      expect(r.ok && r.value.lines).toEqual([...PASSPORT_ZHANG_SAN]);
      expect(r.ok && r.value.mrz.valid).toBe(true);
    }
    // roll-over really overlapped keys: some report held two
    const rolled = new FakeHidKeyboard();
    rolled.type('AB', 'rollover');
    expect(rolled.sent.some((rep) => rep[2] !== 0 && rep[3] !== 0)).toBe(true);
    await reader.close();
  });

  it('strips a configured report ID and ignores reports with another ID', async () => {
    const { reader, devices } = setup(1);
    await reader.ready();
    const read = reader.readDocument({ timeoutMs: 5000 });
    devices[0]!.report(Uint8Array.of(3, 0xe9, 0x00)); // a consumer-control report (volume up)
    devices[0]!.typeDocument([TW_PERMIT]);
    const r = await read;
    expect(r.ok && r.value.mrz.document).toBe('tw-permit');
    await reader.close();
  });

  it('malformed reports and non-MRZ keys give coded results, and reading goes on', async () => {
    const { reader, devices } = setup();
    await reader.ready();
    let read = reader.readDocument({ timeoutMs: 5000 });
    devices[0]!.report(Uint8Array.of(0x02, 0x00, 0x04));
    let r = await read;
    expect(!r.ok && r.error.code).toBe('report-malformed');
    read = reader.readDocument({ timeoutMs: 5000 });
    devices[0]!.keys(false, [0x2d]); // '-' is no MRZ character
    devices[0]!.keys(false, []);
    devices[0]!.type('\r');
    r = await read;
    expect(!r.ok && r.error.code).toBe('not-mrz');
    read = reader.readDocument({ timeoutMs: 5000 });
    devices[0]!.typeDocument([HKMO_PERMIT]);
    expect((await read).ok).toBe(true);
    await reader.close();
  });

  it('reports device-not-found while unplugged and reconnects when the device is back', async () => {
    const { reader, devices, setPresent } = setup();
    await reader.ready();
    const gone = whenStatus(reader, 'disconnected');
    setPresent(false);
    devices[0]!.unplug();
    await gone;
    const r = await reader.ready();
    expect(!r.ok && r.error.code).toBe('device-not-found');
    const back = whenStatus(reader, 'ready');
    setPresent(true);
    await back;
    const read = reader.readDocument({ timeoutMs: 5000 });
    devices.at(-1)!.typeDocument([HKMO_PERMIT]);
    expect((await read).ok).toBe(true);
    await reader.close();
  });
});
