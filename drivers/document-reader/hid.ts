import type { ReconnectOptions } from '../transport/reconnect';
import { openHidTransport, type HidDeviceOpener, type HidTarget } from '../transport/hid';
import { createLineDocumentReader } from './line-reader';
import { decodeKeyboardReport, initialKeyboardState, type KeyboardState } from './protocol/hid-keyboard';
import type { DocumentReadErrorCode, DocumentReader } from './types';

export interface HidDocumentReaderOptions extends HidTarget {
  readonly interLineTimeoutMs: number;
  /** set for keyboards with numbered reports: reports with another ID (consumer keys, LEDs) are not keystrokes */
  readonly reportId?: number;
  readonly today?: () => string;
  readonly reconnect?: ReconnectOptions;
  /** tests pass a fake node-hid device; default node-hid */
  readonly openDevice?: HidDeviceOpener;
}

/**
 * `hid` adapter: an MRZ reader that presents itself as a USB keyboard, read through node-hid
 * (drivers/transport/hid.ts: one chunk = one input report). Keyboard reports become characters
 * (protocol/hid-keyboard.ts), Enter ends a line, and the lines go through the same framer and
 * MRZ assembler as the serial reader. Reading the device through node-hid needs a hidraw node
 * the kiosk user may open (Linux udev rule); the OS still delivers the keystrokes to the focused
 * window too, so the renderer must not have a text field focused while documents are read.
 */
export function createHidDocumentReader(options: HidDocumentReaderOptions): DocumentReader {
  let state: KeyboardState = initialKeyboardState;
  const encoder = new TextEncoder();
  return createLineDocumentReader({
    adapter: 'hid',
    interLineTimeoutMs: options.interLineTimeoutMs,
    today: options.today,
    reconnect: options.reconnect,
    opener: async () => openHidTransport(options, options.openDevice),
    decoder: {
      reset: () => {
        state = initialKeyboardState;
      },
      feed(chunk) {
        let report = chunk;
        if (options.reportId !== undefined) {
          if (chunk[0] !== options.reportId) return { bytes: new Uint8Array(0), errors: [] };
          report = chunk.subarray(1);
        }
        const [next, decoded] = decodeKeyboardReport(state, report);
        state = next;
        const errors: DocumentReadErrorCode[] = decoded.ok ? [] : [decoded.code];
        return { bytes: encoder.encode(decoded.ok ? decoded.text : ''), errors };
      },
    },
  });
}
