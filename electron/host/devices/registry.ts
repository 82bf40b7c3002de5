import type { IdCardReader } from '../../../drivers/id-reader/types';
import { createConfiguredPrinter } from '../../../drivers/printer/config';
import type { ReceiptPrinter } from '../../../drivers/printer/types';
import { fixtureCards, findFixtureCard } from '../../../fixtures/cards';
import { createSimulatedIdReader } from '../../../fixtures/devices/id-reader/simulated';
import { createSimulatedPrinter } from '../../../fixtures/devices/printer/simulated';
import type { PrintedReceipt } from '../../api/contract';
import type { KioskConfig } from '../config';
import type { CardSimulatorControl, PrinterSimulatorControl } from '../dev-handlers';
import type { DeviceSet } from './device-set';
import { openConfiguredIdReader } from './id-reader';

export interface OpenedDevices {
  readonly set: DeviceSet;
  /** handles on the simulators behind `simulated` adapters, for the dev panel */
  readonly simulators: { readonly card?: CardSimulatorControl; readonly printer?: PrinterSimulatorControl };
}

/**
 * Picks each device's adapter from the (zod-checked) configuration. A `simulated` adapter is the
 * real protocol driver wired to the wire-level simulator of fixtures/devices; everything the
 * dev panel does travels the real bytes.
 */
export function openDevices(config: KioskConfig['devices']): OpenedDevices {
  let card: CardSimulatorControl | undefined;
  let idReader: IdCardReader;
  if (config.idReader.adapter === 'simulated') {
    const simulated = createSimulatedIdReader();
    idReader = simulated.reader;
    let presented: string | null = null;
    card = {
      cards: fixtureCards,
      present(id) {
        const fixture = findFixtureCard(id);
        if (!fixture) return false;
        simulated.simulator.presentCard(fixture);
        presented = id;
        return true;
      },
      remove() {
        simulated.simulator.removeCard();
        presented = null;
      },
      presentCardId: () => presented,
    };
  } else {
    idReader = openConfiguredIdReader(config.idReader);
  }

  let printerControl: PrinterSimulatorControl | undefined;
  const printer: ReceiptPrinter = createConfiguredPrinter(config.printer, (profile) => {
    const simulated = createSimulatedPrinter({ profile });
    let paper: 'ok' | 'near-end' | 'out' = 'ok';
    let cover = false;
    printerControl = {
      setPaper(next) {
        paper = next;
        simulated.simulator.setPaper(next);
      },
      setCover(open) {
        cover = open;
        simulated.simulator.setCover(open);
      },
      paper: () => paper,
      coverOpen: () => cover,
      receipts: (): PrintedReceipt[] => simulated.simulator.receipts(),
    };
    return simulated.printer;
  });

  return {
    set: {
      idReader: { adapter: config.idReader.adapter, device: idReader },
      printer: { adapter: config.printer.adapter, device: printer },
      others: [],
    },
    simulators: { card, printer: printerControl },
  };
}
