import type { ReconnectOptions } from '../transport/reconnect';
import { openHidTransport, type HidDeviceOpener, type HidTarget } from '../transport/hid';
import { decodeHidPosReport, initialHidPosState, type HidPosState } from './protocol/hid-pos-report';
import { createStreamScanner } from './stream-scanner';
import type { CodeScanner } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `hid-pos` adapter: a USB HID POS scanner (usage page 0x8C) read through node-hid. Codes
 * longer than one report are reassembled from continuation reports (protocol/hid-pos-report.ts).
 */
export function createHidPosScanner(
  options: HidTarget & { maxCodeLength: number; reconnect?: ReconnectOptions; openDevice?: HidDeviceOpener },
): CodeScanner {
  let state: HidPosState = initialHidPosState;
  return createStreamScanner({
    adapter: 'hid-pos',
    reconnect: options.reconnect,
    opener: async () => openHidTransport(options, options.openDevice),
    decoder: {
      reset: () => {
        state = initialHidPosState;
      },
      feed(report) {
        const [next, events] = decodeHidPosReport(state, report, options.maxCodeLength);
        state = next;
        return events.map((e) => {
          if (e.type === 'error') return e;
          try {
            return { type: 'code' as const, text: utf8.decode(e.bytes), symbology: e.symbology };
          } catch {
            return { type: 'error' as const, code: 'invalid-encoding' as const };
          }
        });
      },
    },
  });
}
