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
  readonly card: CardSimulatorControl;
  readonly printer: PrinterSimulatorControl;
  readonly network: { isUp(): boolean; setUp(up: boolean): void };
  /** feeds a code to the scanner simulator (it reaches the UI as a `scanner.code` event) */
  readonly scan: (text: string) => void;
}

/**
 * The dev panel's methods (browser mode only; the dispatcher refuses them elsewhere). They drive
 * the wire-level simulators, so what a test does here travels the real protocol drivers.
 */
export function createDevHandlers(controls: DevControls, emitState: (state: DevState) => void): HandlersOf<KioskContract>['dev'] {
  const state = (): DevState => ({
    cardPresent: controls.card.presentCardId() !== null,
    card: controls.card.presentCardId(),
    printerPaper: controls.printer.paper(),
    printerCoverOpen: controls.printer.coverOpen(),
    networkUp: controls.network.isUp(),
  });
  const changed = () => {
    emitState(state());
    return ok(null);
  };
  return {
    state: async () => ok(state()),
    listCards: async () => ok(controls.card.cards.map((c) => ({ id: c.id, label: c.label, cardType: c.cardType }))),
    presentCard: async ({ card }) => (controls.card.present(card) ? changed() : err('unknown-card', `no fixture card named ${card}`)),
    removeCard: async () => {
      controls.card.remove();
      return changed();
    },
    setPrinterPaper: async ({ paper }) => {
      controls.printer.setPaper(paper);
      return changed();
    },
    setPrinterCover: async ({ open }) => {
      controls.printer.setCover(open);
      return changed();
    },
    setNetwork: async ({ up }) => {
      controls.network.setUp(up);
      return changed();
    },
    scanCode: async ({ text }) => {
      controls.scan(text);
      return ok(null);
    },
    printedReceipts: async () => ok(controls.printer.receipts()),
  };
}
