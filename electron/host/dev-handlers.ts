import { err, ok } from '../../drivers/result';
import type { DevState, KioskContract, PrintedReceipt } from '../api/contract';
import type { HandlersOf } from '../api/define';

/** What the dev panel needs from the ID-reader simulator and the fixture cards. */
export interface CardSimulatorControl {
  readonly cards: readonly { id: string; label: string; cardType: string }[];
  present(cardId: string): boolean;
  remove(): void;
  presentCardId(): string | null;
}

export interface PrinterSimulatorControl {
  setPaper(paper: 'ok' | 'near-end' | 'out'): void;
  setCover(open: boolean): void;
  paper(): 'ok' | 'near-end' | 'out';
  coverOpen(): boolean;
  receipts(): PrintedReceipt[];
}

export interface DevControls {
  /** absent when the configuration uses a real reader / printer */
  readonly card?: CardSimulatorControl;
  readonly printer?: PrinterSimulatorControl;
  readonly network: { isUp(): boolean; setUp(up: boolean): void };
  /** feeds a code to the scanner simulator (it reaches the UI as a `scanner.code` event) */
  readonly scan?: (text: string) => void;
}

/**
 * The dev panel's methods (browser mode only; the dispatcher refuses them elsewhere). They drive
 * the wire-level simulators, so what a test does here travels the real protocol drivers.
 */
export function createDevHandlers(controls: DevControls, emitState: (state: DevState) => void): HandlersOf<KioskContract>['dev'] {
  const { card, printer } = controls;
  const state = (): DevState => ({
    cardPresent: (card?.presentCardId() ?? null) !== null,
    card: card?.presentCardId() ?? null,
    printerPaper: printer?.paper() ?? 'ok',
    printerCoverOpen: printer?.coverOpen() ?? false,
    networkUp: controls.network.isUp(),
  });
  const noCardSimulator = () => err('not-simulated', 'the ID-card reader is a real device in this configuration');
  const noPrinterSimulator = () => err('not-simulated', 'the printer is a real device in this configuration');
  const changed = () => {
    emitState(state());
    return ok(null);
  };
  return {
    state: async () => ok(state()),
    listCards: async () => ok((card?.cards ?? []).map((c) => ({ id: c.id, label: c.label, cardType: c.cardType }))),
    presentCard: async (input) => {
      if (!card) return noCardSimulator();
      return card.present(input.card) ? changed() : err('unknown-card', `no fixture card named ${input.card.slice(0, 64)}`);
    },
    removeCard: async () => {
      if (!card) return noCardSimulator();
      card.remove();
      return changed();
    },
    setPrinterPaper: async ({ paper }) => {
      if (!printer) return noPrinterSimulator();
      printer.setPaper(paper);
      return changed();
    },
    setPrinterCover: async ({ open }) => {
      if (!printer) return noPrinterSimulator();
      printer.setCover(open);
      return changed();
    },
    setNetwork: async ({ up }) => {
      controls.network.setUp(up);
      return changed();
    },
    scanCode: async ({ text }) => {
      if (!controls.scan) return err('not-simulated', 'the code scanner is a real device in this configuration');
      controls.scan(text);
      return ok(null);
    },
    printedReceipts: async () => (printer ? ok(printer.receipts()) : noPrinterSimulator()),
  };
}
