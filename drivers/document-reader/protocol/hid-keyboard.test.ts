import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKeyboardReport, initialKeyboardState, type KeyboardState } from './hid-keyboard';

/** Feeds reports in order; returns the text typed, with `!` for a malformed report. */
function typed(reports: readonly number[][], start: KeyboardState = initialKeyboardState): { text: string; state: KeyboardState } {
  let state = start;
  let text = '';
  for (const r of reports) {
    const [next, out] = decodeKeyboardReport(state, Uint8Array.from(r));
    state = next;
    text += out.ok ? out.text : '!';
  }
  return { text, state };
}

const UP = [0, 0, 0, 0, 0, 0, 0, 0];

describe('HID boot keyboard report decoder (Usage Tables §10, page 0x07)', () => {
  it('types letters, digits, Shift+comma as < and Enter as CR', () => {
    expect(
      typed([
        [0x02, 0, 0x13, 0, 0, 0, 0, 0], // Shift + p → P
        UP,
        [0x20, 0, 0x36, 0, 0, 0, 0, 0], // Right Shift + comma → <
        UP,
        [0x00, 0, 0x1e, 0, 0, 0, 0, 0], // 1
        UP,
        [0x00, 0, 0x27, 0, 0, 0, 0, 0], // 0
        UP,
        [0x00, 0, 0x28, 0, 0, 0, 0, 0], // Enter
        UP,
      ]).text,
    ).toBe('P<10\r');
  });

  it('letters are upper case without Shift too (readers relying on Caps Lock); keypad digits and Keypad Enter', () => {
    expect(typed([[0, 0, 0x04, 0, 0, 0, 0, 0], UP, [0, 0, 0x59, 0, 0, 0, 0, 0], UP, [0, 0, 0x62, 0, 0, 0, 0, 0], UP, [0, 0, 0x58, 0, 0, 0, 0, 0]]).text).toBe('A10\r');
  });

  it('key roll-over: only the newly pressed key types', () => {
    expect(
      typed([
        [0x02, 0, 0x04, 0, 0, 0, 0, 0], // A down
        [0x02, 0, 0x04, 0x05, 0, 0, 0, 0], // B down while A is held
        [0x02, 0, 0x05, 0, 0, 0, 0, 0], // A up
        [0x02, 0, 0x05, 0x06, 0x07, 0, 0, 0], // C and D down together, in slot order
        UP,
      ]).text,
    ).toBe('ABCD');
  });

  it('a repeated report (key still held) types nothing more; the same key again needs a release', () => {
    const down = [0x02, 0, 0x36, 0, 0, 0, 0, 0];
    expect(typed([down, down, down, UP, UP, down, UP]).text).toBe('<<');
  });

  it('ErrorRollOver in the key slots is a phantom state: ignored, the held keys stay held', () => {
    const { text, state } = typed([[0x02, 0, 0x04, 0, 0, 0, 0, 0], [0x02, 0, 1, 1, 1, 1, 1, 1], [0x02, 0, 0x04, 0, 0, 0, 0, 0]]);
    expect(text).toBe('A');
    expect(state.held).toEqual([0x04]);
  });

  it('keys with no MRZ character type ? so the line fails to parse; modifiers and Caps Lock type nothing', () => {
    expect(typed([[0, 0, 0x36, 0, 0, 0, 0, 0], UP, [0x02, 0, 0x1e, 0, 0, 0, 0, 0], UP, [0, 0, 0x2d, 0, 0, 0, 0, 0], UP]).text).toBe('???');
    expect(typed([[0, 0, 0x39, 0, 0, 0, 0, 0], [0, 0, 0x39, 0xe1, 0, 0, 0, 0], UP]).text).toBe('');
  });

  it('a report that is not 8 bytes is malformed and forgets the held keys', () => {
    const { text, state } = typed([[0x02, 0, 0x04, 0, 0, 0, 0, 0], [0x02, 0, 0x04], [0x02, 0, 0x04, 0, 0, 0, 0, 0, 0]]);
    expect(text).toBe('A!!');
    expect(state).toEqual(initialKeyboardState);
  });

  it('never throws, types at most six characters per report, holds at most six keys', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 12 }), { maxLength: 60 }), (reports) => {
        let state = initialKeyboardState;
        for (const r of reports) {
          const [next, out] = decodeKeyboardReport(state, r);
          state = next;
          if (out.ok) expect(out.text.length).toBeLessThanOrEqual(6);
          expect(state.held.length).toBeLessThanOrEqual(6);
        }
      }),
    );
  });
});
