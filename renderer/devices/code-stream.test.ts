import { describe, expect, it } from 'vitest';
import type { ScannedCode } from '../../electron/api/contract';
import { createCodeStream, type ScannerEvents } from './code-stream';

function hostEvents() {
  const listeners = new Set<(code: ScannedCode) => void>();
  const kiosk: ScannerEvents = { on: (_event, listener) => (listeners.add(listener), () => listeners.delete(listener)) };
  return { kiosk, send: (code: ScannedCode) => listeners.forEach((l) => l(code)), count: () => listeners.size };
}

function keydown(target: EventTarget, key: string, timeStamp: number): Event {
  const event = new Event('keydown', { cancelable: true });
  Object.defineProperties(event, { key: { value: key }, timeStamp: { value: timeStamp } });
  target.dispatchEvent(event);
  return event;
}

describe('the code stream', () => {
  it('passes on codes the host scanners read', () => {
    const host = hostEvents();
    const stream = createCodeStream(host.kiosk, null);
    const seen: ScannedCode[] = [];
    stream.onCode((c) => seen.push(c));
    host.send({ text: 'KPA1.abc.def', source: 'simulated' });
    expect(seen).toEqual([{ text: 'KPA1.abc.def', source: 'simulated' }]);
  });

  it('reads a keyboard-wedge burst as one code and swallows its Enter; a person typing is not a scan', () => {
    const host = hostEvents();
    const keys = new EventTarget();
    const stream = createCodeStream(host.kiosk, keys);
    const seen: ScannedCode[] = [];
    stream.onCode((c) => seen.push(c));
    let t = 1000;
    for (const ch of 'PA-2026-000123') keydown(keys, ch, (t += 4));
    const enter = keydown(keys, 'Enter', (t += 4));
    expect(seen).toEqual([{ text: 'PA-2026-000123', source: 'keyboard-wedge' }]);
    expect(enter.defaultPrevented).toBe(true);
    for (const ch of 'hello') keydown(keys, ch, (t += 180));
    expect(keydown(keys, 'Enter', (t += 180)).defaultPrevented).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it('lets go of the host events and the keyboard when disposed', () => {
    const host = hostEvents();
    const keys = new EventTarget();
    const stream = createCodeStream(host.kiosk, keys);
    const seen: ScannedCode[] = [];
    stream.onCode((c) => seen.push(c));
    stream.dispose();
    expect(host.count()).toBe(0);
    let t = 0;
    for (const ch of 'ABCDEF') keydown(keys, ch, (t += 3));
    keydown(keys, 'Enter', (t += 3));
    expect(seen).toEqual([]);
  });
});
