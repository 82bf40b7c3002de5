import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../drivers/device-status';
import { fixtureCards } from '../../../fixtures/cards';
import { defaultConfig, KioskConfig } from '../config';
import { createDevHandlers } from '../dev-handlers';
import { createDeviceHandlers } from '../device-handlers';
import { createEventHub } from '../event-hub';
import { closeDevices, deviceStatuses, forwardScannedCodes, watchDevices } from './device-set';
import { openDevices } from './registry';

const ctx = { transport: 'direct' } as const;

/** Resolves with the payload of the next hub event of this name (event-driven, no sleeps). */
function nextHubEvent(hub: ReturnType<typeof createEventHub>, name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const off = hub.subscribe((event, payload) => {
      if (event === name) {
        off();
        resolve(payload);
      }
    });
  });
}

function allReady(statuses: () => DeviceStatus[], watch: (emit: (s: DeviceStatus) => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => statuses().every((s) => s.status.state === 'ready');
    if (check()) return resolve();
    const stop = watch(() => {
      if (check()) {
        stop();
        resolve();
      }
    });
  });
}

describe('host device registry', () => {
  it('the default configuration puts every device on its simulated adapter', () => {
    expect(defaultConfig().devices).toEqual({
      idReader: { adapter: 'simulated' },
      printer: { adapter: 'simulated', profile: '80mm' },
      scanner: { adapter: 'simulated', maxCodeLength: 4096 },
      documentReader: { adapter: 'simulated', interLineTimeoutMs: 300 },
    });
    expect(KioskConfig.parse({ devices: { scanner: { adapter: 'hid-pos', vendorId: 0x0c2e, productId: 0x0b61 } } }).devices).toMatchObject({
      scanner: { adapter: 'hid-pos', maxCodeLength: 4096 },
      documentReader: { adapter: 'simulated' },
    });
    expect(KioskConfig.safeParse({ devices: { documentReader: { adapter: 'usb' } } }).success).toBe(false);
  });

  it('opens every device, reads a card presented through the dev controls, forwards a scanned code, and closes everything', async () => {
    const devices = openDevices(defaultConfig().devices);
    const hub = createEventHub();
    const stopForwarding = forwardScannedCodes(devices.set, (code) => hub.emit('scanner.code', code));
    const dev = createDevHandlers({ ...devices.simulators, network: { isUp: () => true, setUp: () => undefined } }, (state) => hub.emit('dev.state', state));
    const handlers = createDeviceHandlers(devices.set, () => {
      throw new Error('app.info is not used here');
    });

    expect(deviceStatuses(devices.set).map((d) => [d.kind, d.adapter])).toEqual([
      ['id-reader', 'simulated'],
      ['printer', 'simulated'],
      ['scanner', 'simulated'],
      ['document-reader', 'simulated'],
    ]);
    await allReady(
      () => deviceStatuses(devices.set),
      (emit) => watchDevices(devices.set, emit),
    );

    const card = fixtureCards[0]!;
    const devState = nextHubEvent(hub, 'dev.state');
    expect(await dev.presentCard({ card: card.id }, ctx)).toEqual({ ok: true, value: null });
    expect(await devState).toMatchObject({ cardPresent: true, card: card.id });
    expect(await handlers.idReader.read({ timeoutMs: 10_000 }, ctx)).toEqual({ ok: true, value: { ...card.record, portrait: { status: 'decoder-missing' } } });

    const scanned = nextHubEvent(hub, 'scanner.code');
    expect(await dev.scanCode({ text: 'https://example.invalid/pre?id=42' }, ctx)).toEqual({ ok: true, value: null });
    expect(await scanned).toEqual({ text: 'https://example.invalid/pre?id=42', source: 'simulated' });

    stopForwarding();
    await closeDevices(devices.set);
    expect(deviceStatuses(devices.set).map((d) => d.status.state)).toEqual(['disconnected', 'disconnected', 'disconnected', 'disconnected']);
  });

  it('a real scanner configuration leaves the dev panel without a scan control', async () => {
    const config = KioskConfig.parse({ devices: { scanner: { adapter: 'serial', path: '/nonexistent/tty-scanner' } } }).devices;
    const devices = openDevices(config);
    expect(devices.simulators.scan).toBeUndefined();
    const dev = createDevHandlers({ ...devices.simulators, network: { isUp: () => true, setUp: () => undefined } }, () => undefined);
    expect(await dev.scanCode({ text: 'X' }, ctx)).toMatchObject({ ok: false, error: { code: 'not-simulated' } });
    expect(devices.set.others.map((d) => [d.kind, d.adapter])).toEqual([
      ['scanner', 'serial'],
      ['document-reader', 'simulated'],
    ]);
    await closeDevices(devices.set);
  });

  it('a keyboard-wedge scanner is read in the renderer: no host scanner', async () => {
    const config = KioskConfig.parse({ devices: { scanner: { adapter: 'keyboard-wedge' } } }).devices;
    const devices = openDevices(config);
    expect(devices.set.others.map((d) => d.kind)).toEqual(['document-reader']);
    await closeDevices(devices.set);
  });
});
