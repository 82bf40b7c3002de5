import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeHidPosScanner } from '../../fixtures/devices/scanner/hid-pos-device';
import { createHidPosScanner } from './hid-pos';
import { decodeHidPosReport, initialHidPosState } from './protocol/hid-pos-report';
import { nextEvent, nextStatus } from './test-helpers';

function setup(maxCodeLength = 4096) {
  const devices: FakeHidPosScanner[] = [];
  let present = true;
  const scanner = createHidPosScanner({
    vendorId: 0x0c2e,
    productId: 0x0b61,
    maxCodeLength,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
    openDevice: () => {
      if (!present) throw new Error('cannot open device with vendor id 0xc2e and product id 0xb61');
      const d = new FakeHidPosScanner();
      devices.push(d);
      return d;
    },
  });
  return { scanner, devices, setPresent: (p: boolean) => (present = p) };
}

describe('hid-pos scanner through its transport with a fake node-hid device', () => {
  it('reads a one-report code with its AIM symbology', async () => {
    const { scanner, devices } = setup();
    await scanner.ready();
    const got = new Promise((resolve) => scanner.onCode(resolve));
    devices[0]!.scan('6901234567892', ']E0');
    expect(await got).toEqual({ text: '6901234567892', source: 'hid-pos', symbology: ']E0' });
    await scanner.close();
    expect(devices[0]!.closed).toBe(true);
  });

  it('reassembles a long QR code from continuation reports', async () => {
    const { scanner, devices } = setup();
    await scanner.ready();
    const text = `https://example.invalid/${'x'.repeat(150)}/回执`;
    const e = nextEvent(scanner);
    devices[0]!.scan(text);
    expect(await e).toBe(text);
    await scanner.close();
  });

  it('turns short, malformed and over-long reports into coded errors', async () => {
    const { scanner, devices } = setup(100);
    await scanner.ready();
    let e = nextEvent(scanner);
    devices[0]!.report(Uint8Array.of(0x02, 0x05, 0x41));
    expect(await e).toBe('!report-malformed');
    e = nextEvent(scanner);
    devices[0]!.scan('y'.repeat(300));
    expect(await e).toBe('!line-too-long');
    e = nextEvent(scanner);
    devices[0]!.scan('OK');
    expect(await e).toBe('OK');
    await scanner.close();
  });

  it('reports device-not-found, and reconnects after an unplug', async () => {
    const { scanner, devices, setPresent } = setup();
    await scanner.ready();
    const gone = nextStatus(scanner, 'disconnected');
    setPresent(false);
    devices[0]!.unplug();
    await gone;
    const r = await scanner.ready();
    expect(!r.ok && r.error.code).toBe('device-not-found');
    const back = nextStatus(scanner, 'ready');
    setPresent(true);
    await back;
    const e = nextEvent(scanner);
    devices.at(-1)!.scan('BACK');
    expect(await e).toBe('BACK');
    await scanner.close();
  });

  it('the report decoder never throws and stays bounded on random reports', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 30 }), (reports) => {
        let state = initialHidPosState;
        for (const r of reports) {
          const [next, events] = decodeHidPosReport(state, r.length > 0 ? Uint8Array.of(0x02, ...r.slice(1)) : r, 200);
          state = next;
          expect(state.size).toBeLessThanOrEqual(200);
          for (const ev of events) if (ev.type === 'code') expect(ev.bytes.length).toBeLessThanOrEqual(200);
        }
      }),
    );
  });
});
