import { createDocumentReaderFromConfig } from '../../../drivers/document-reader';
import { createPhotoDecoder, type PhotoDecoder } from '../../../drivers/id-reader/photo-decoder';
import type { IdCardReader } from '../../../drivers/id-reader/types';
import { createConfiguredPrinter } from '../../../drivers/printer/config';
import type { ReceiptPrinter } from '../../../drivers/printer/types';
import { createScannerFromConfig } from '../../../drivers/scanner';
import { fixtureCards, findFixtureCard } from '../../../fixtures/cards';
import { createSimulatedDocumentReader } from '../../../fixtures/devices/document-reader/simulated';
import { createSimulatedIdReader } from '../../../fixtures/devices/id-reader/simulated';
import { createSimulatedPrinter } from '../../../fixtures/devices/printer/simulated';
import { createSimulatedScanner } from '../../../fixtures/devices/scanner/simulated';
import type { PrintedReceipt } from '../../api/contract';
import type { KioskConfig } from '../config';
import type { DevControls } from '../dev-handlers';
import type { DeviceSet, OtherDevice } from './device-set';
import { openConfiguredIdReader } from './id-reader';

export interface OpenedDevices {
  /** the devices, and the licensed WLT decoder the id-reader configuration names (if any) */
  readonly set: DeviceSet & { readonly photoDecoder: PhotoDecoder };
  /** handles on the simulators behind `simulated` adapters, for the dev panel */
  readonly simulators: Pick<DevControls, 'card' | 'printer' | 'scan'>;
}

/**
 * The printer reports paper out / cover open only when asked (DLE EOT, domain-notes §5.4):
 * polling while idle lets the UI notice paper refilled or the cover closed without a print.
 */
export const PRINTER_STATUS_POLL_MS = 5000;

/**
 * Picks each device's adapter from the (zod-checked) configuration. A `simulated` adapter is the
 * real protocol driver wired to the wire-level simulator of fixtures/devices; everything the
 * dev panel does travels the real bytes.
 */
export function openDevices(config: KioskConfig['devices']): OpenedDevices {
  let card: DevControls['card'];
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

  let printerControl: DevControls['printer'];
  const printerDriver = { pollIntervalMs: PRINTER_STATUS_POLL_MS };
  const printer: ReceiptPrinter = createConfiguredPrinter(config.printer, (profile) => {
    const simulated = createSimulatedPrinter({ profile, driver: printerDriver });
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
  }, printerDriver);

  const others: OtherDevice[] = [];
  let scan: DevControls['scan'];
  // a keyboard-wedge scanner types into the renderer, which reads it there (renderer/devices/keyboard-wedge.ts)
  if (config.scanner.adapter !== 'keyboard-wedge') {
    const scanner = createScannerFromConfig(config.scanner, (options) => {
      const simulated = createSimulatedScanner(options);
      // an unplugged simulator drops the code, as a scanner without its cable would
      scan = (text) => void simulated.simulator.scan(text).catch(() => undefined);
      return simulated.scanner;
    });
    if (!scanner.ok) throw new Error(`scanner configuration passed the schema but was refused: ${scanner.error.message}`);
    others.push({ kind: 'scanner', adapter: config.scanner.adapter, device: scanner.value });
  }
  const documentReader = createDocumentReaderFromConfig(config.documentReader, (options) => createSimulatedDocumentReader(options).reader);
  if (!documentReader.ok) throw new Error(`document reader configuration passed the schema but was refused: ${documentReader.error.message}`);
  others.push({ kind: 'document-reader', adapter: config.documentReader.adapter, device: documentReader.value });

  return {
    set: {
      idReader: { adapter: config.idReader.adapter, device: idReader },
      printer: { adapter: config.printer.adapter, device: printer },
      others,
      photoDecoder: createPhotoDecoder(config.idReader.photoDecoder),
    },
    simulators: { card, printer: printerControl, scan },
  };
}
