import { ScannerSimulator, type ScannerSimulatorOptions } from '../../fixtures/devices/scanner/simulator';
import { err, ok } from '../result';
import { createMemoryDuplex } from '../transport/memory-duplex';
import type { ReconnectOptions } from '../transport/reconnect';
import type { ByteTransport } from '../transport/types';
import { createLineScanner } from './stream-scanner';
import type { CodeScanner } from './types';

/** The simulator with a cable: unplug() closes the driver's port, and reopening fails until replug(). */
export class PluggableScannerSimulator extends ScannerSimulator {
  plugged = true;
  driverEnd: ByteTransport | undefined;

  async unplug(): Promise<void> {
    this.plugged = false;
    this.detach();
    await this.driverEnd?.close();
  }

  replug(): void {
    this.plugged = true;
  }
}

/**
 * The `simulated` adapter: the real line-scanner driver connected to the wire-level simulator
 * (fixtures/devices/scanner) through an in-memory duplex (DESIGN.md "Devices"). Each (re)open
 * makes a new duplex, as a replugged device is a new port.
 */
export function createSimulatedScanner(
  options: { maxCodeLength?: number; reconnect?: ReconnectOptions; simulator?: ScannerSimulatorOptions } = {},
): { scanner: CodeScanner; simulator: PluggableScannerSimulator } {
  const simulator = new PluggableScannerSimulator(options.simulator);
  const scanner = createLineScanner({
    adapter: 'simulated',
    maxCodeLength: options.maxCodeLength ?? 4096,
    reconnect: options.reconnect ?? { initialDelayMs: 5, maxDelayMs: 20 },
    opener: async () => {
      if (!simulator.plugged) return err('device-unreachable', 'simulated scanner unplugged');
      const [driverSide, deviceSide] = createMemoryDuplex();
      simulator.attach(deviceSide);
      simulator.driverEnd = driverSide;
      return ok(driverSide);
    },
  });
  return { scanner, simulator };
}
