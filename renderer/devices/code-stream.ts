import type { ScannedCode } from '../../electron/api/contract';
import { createKeyboardWedge, type KeyboardWedgeOptions } from './keyboard-wedge';

/** What the stream needs from the kiosk client: the host's `scanner.code` events. */
export interface ScannerEvents {
  on(event: 'scanner.code', listener: (code: ScannedCode) => void): () => void;
}

/** A window or any target of keydown events (tests hand in an EventTarget). */
export type KeyTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface CodeStream {
  onCode(listener: (code: ScannedCode) => void): () => void;
  dispose(): void;
}

/**
 * Every code a scanner reads, whichever adapter reads it: host adapters (serial, HID POS,
 * simulated) arrive as `scanner.code` events; a keyboard-wedge scanner types into the page, so
 * the renderer tells its bursts apart from a person typing (issue 3 item 4) and swallows the
 * keys of a burst so they do not land in whatever has focus.
 */
export function createCodeStream(kiosk: ScannerEvents, keys: KeyTarget | null, wedgeOptions?: KeyboardWedgeOptions): CodeStream {
  const listeners = new Set<(code: ScannedCode) => void>();
  const emit = (code: ScannedCode) => {
    for (const listener of listeners) listener(code);
  };
  const offHost = kiosk.on('scanner.code', emit);
  const wedge = createKeyboardWedge(wedgeOptions);
  const onKey = (event: Event) => {
    const { key, timeStamp } = event as KeyboardEvent;
    if (typeof key !== 'string') return;
    const outcome = wedge.feed({ key, timeStamp });
    if (outcome.type === 'code') {
      event.preventDefault();
      emit({ text: outcome.text, source: 'keyboard-wedge' });
    }
  };
  keys?.addEventListener('keydown', onKey, { capture: true });
  return {
    onCode(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      offHost();
      keys?.removeEventListener('keydown', onKey, { capture: true });
      listeners.clear();
    },
  };
}
