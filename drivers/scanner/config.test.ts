import { describe, expect, it } from 'vitest';
import { createSimulatedScanner } from '../../fixtures/devices/scanner/simulated';
import { createScannerFromConfig } from './index';
import { nextEvent } from './test-helpers';

describe('createScannerFromConfig', () => {
  it('the simulated adapter comes from the factory passed in, with the configured bound', async () => {
    let simulator: ReturnType<typeof createSimulatedScanner>['simulator'] | undefined;
    const r = createScannerFromConfig({ adapter: 'simulated', maxCodeLength: 16 }, (options) => {
      const simulated = createSimulatedScanner(options);
      simulator = simulated.simulator;
      return simulated.scanner;
    });
    if (!r.ok) throw new Error(r.error.message);
    await r.value.ready();
    const e = nextEvent(r.value);
    await simulator?.scan('x'.repeat(17));
    expect(await e).toBe('!line-too-long');
    await r.value.close();
  });

  it('real adapters are built here; keyboard-wedge belongs to the renderer; bad input is config-invalid', async () => {
    const notAsked = () => {
      throw new Error('not asked for');
    };
    const serial = createScannerFromConfig({ adapter: 'serial', path: '/nonexistent/tty-scanner' }, notAsked);
    expect(serial.ok && serial.value.adapter).toBe('serial');
    if (serial.ok) await serial.value.close();
    expect(createScannerFromConfig({ adapter: 'keyboard-wedge' }, notAsked)).toMatchObject({ ok: false, error: { code: 'adapter-in-renderer' } });
    expect(createScannerFromConfig({ adapter: 'hid-pos', vendorId: -1, productId: 1 }, notAsked)).toMatchObject({ ok: false, error: { code: 'config-invalid' } });
  });
});
