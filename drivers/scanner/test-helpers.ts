import type { DeviceState } from '../device-status';
import type { CodeScanner } from './types';

/** Resolves with the next code text or `!<error code>` (event-driven, no sleeps). */
export function nextEvent(scanner: CodeScanner): Promise<string> {
  return new Promise((resolve) => {
    const offCode = scanner.onCode((c) => done(c.text));
    const offError = scanner.onError((e) => done(`!${e.code}`));
    function done(v: string): void {
      offCode();
      offError();
      resolve(v);
    }
  });
}

export function nextStatus(scanner: { onStatus(l: (s: DeviceState) => void): () => void }, state: DeviceState['state']): Promise<void> {
  return new Promise((resolve) => {
    const off = scanner.onStatus((s) => {
      if (s.state === state) {
        off();
        resolve();
      }
    });
  });
}
