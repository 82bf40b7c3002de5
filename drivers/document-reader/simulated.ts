import { DocumentReaderSimulator } from '../../fixtures/devices/document-reader/simulator';
import { err, ok } from '../result';
import { createMemoryDuplex } from '../transport/memory-duplex';
import type { ReconnectOptions } from '../transport/reconnect';
import type { ByteTransport } from '../transport/types';
import { createLineDocumentReader } from './line-reader';
import type { DocumentReader } from './types';

/** The simulator with a cable: unplug() closes the driver's port; reopening fails until replug(). */
export class PluggableDocumentReaderSimulator extends DocumentReaderSimulator {
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

/** The `simulated` adapter: the real line driver ↔ the wire simulator over an in-memory duplex. */
export function createSimulatedDocumentReader(
  options: { interLineTimeoutMs?: number; today?: () => string; reconnect?: ReconnectOptions } = {},
): { reader: DocumentReader; simulator: PluggableDocumentReaderSimulator } {
  const simulator = new PluggableDocumentReaderSimulator();
  const reader = createLineDocumentReader({
    adapter: 'simulated',
    interLineTimeoutMs: options.interLineTimeoutMs ?? 300,
    today: options.today,
    reconnect: options.reconnect ?? { initialDelayMs: 5, maxDelayMs: 20 },
    opener: async () => {
      if (!simulator.plugged) return err('device-unreachable', 'simulated document reader unplugged');
      const [driverSide, deviceSide] = createMemoryDuplex();
      simulator.attach(deviceSide);
      simulator.driverEnd = driverSide;
      return ok(driverSide);
    },
  });
  return { reader, simulator };
}
