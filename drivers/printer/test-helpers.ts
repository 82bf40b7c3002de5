import type { DeviceState } from '../device-status';
import type { ReceiptPrinter } from './types';

/** Resolves with the first state that matches (at once if the current one does); event-driven, no sleeps. */
export function waitForState(printer: ReceiptPrinter, match: (s: DeviceState) => boolean): Promise<DeviceState> {
  if (match(printer.state())) return Promise.resolve(printer.state());
  return new Promise((resolve) => {
    const off = printer.onStatus((s) => {
      if (!match(s)) return;
      off();
      resolve(s);
    });
  });
}
