/**
 * HID keyboard input reports → text, for MRZ readers that present themselves as a USB keyboard
 * ("keyboard wedge") and type each MRZ line followed by Enter.
 *
 * Report layout: the boot-protocol keyboard input report (USB Device Class Definition for HID
 * 1.11, Appendix B.1), 8 bytes: modifier bits, a reserved byte, then up to six usage codes of
 * the keys held down (empty slots are 0x00). Kept as data so a device with another layout is a
 * one-line change. Report-protocol keyboards with numbered reports put a report ID first; the
 * adapter strips it (config `reportId`).
 *
 * Usage codes: USB HID Usage Tables 1.4, §10 "Keyboard/Keypad Page (0x07)":
 *   0x04–0x1D  a–z            0x1E–0x26  1–9          0x27  0
 *   0x28       Return (Enter) 0x36       , and <      0x2C  Space
 *   0x58       Keypad Enter   0x59–0x61  Keypad 1–9   0x62  Keypad 0
 *   0x01       ErrorRollOver (in every slot when too many keys are down: a phantom state)
 *   0x02/0x03  POSTFail / ErrorUndefined
 * Modifier byte (same document, §10 and HID 1.11 §8.3): bit 1 Left Shift, bit 5 Right Shift.
 *
 * A report is the set of keys held *now*, not a key event: a character is typed when its key
 * appears in a report and was not in the previous one. So a key held across several reports
 * (repeated reports) types once, and with key roll-over (the next key pressed before the
 * previous one is released) only the new key types.
 */
export const BOOT_KEYBOARD_REPORT = { length: 8, modifierOffset: 0, keysOffset: 2, keyCount: 6 } as const;

const SHIFT_BITS = 0x02 | 0x20;
const USAGE = {
  none: 0x00,
  errorRollOver: 0x01,
  postFail: 0x02,
  errorUndefined: 0x03,
  a: 0x04,
  z: 0x1d,
  one: 0x1e,
  nine: 0x26,
  zero: 0x27,
  enter: 0x28,
  space: 0x2c,
  comma: 0x36,
  capsLock: 0x39,
  keypadEnter: 0x58,
  keypadOne: 0x59,
  keypadNine: 0x61,
  keypadZero: 0x62,
  leftControl: 0xe0,
  rightGui: 0xe7,
} as const;

/** Typed in place of a key that has no MRZ character, so the line fails to parse instead of silently losing a character. */
export const UNKNOWN_KEY = '?';
export const LINE_END = '\r';

export interface KeyboardState {
  /** usage codes held in the previous report */
  readonly held: readonly number[];
}

export const initialKeyboardState: KeyboardState = { held: [] };

export type KeyboardDecodeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly code: 'report-malformed' };

/** Pure decoder: `(state, report) → (state, text)`; the report is without a report ID. */
export function decodeKeyboardReport(state: KeyboardState, report: Uint8Array): [KeyboardState, KeyboardDecodeResult] {
  const L = BOOT_KEYBOARD_REPORT;
  if (report.length !== L.length) return [initialKeyboardState, { ok: false, code: 'report-malformed' }];
  const shift = ((report[L.modifierOffset] ?? 0) & SHIFT_BITS) !== 0;
  const keys = [...report.subarray(L.keysOffset, L.keysOffset + L.keyCount)].filter((u) => u !== USAGE.none);
  // a phantom state says nothing about which keys are down: keep the previous state
  if (keys.some((u) => u === USAGE.errorRollOver || u === USAGE.postFail || u === USAGE.errorUndefined)) return [state, { ok: true, text: '' }];
  let text = '';
  for (const usage of keys) if (!state.held.includes(usage)) text += characterFor(usage, shift);
  return [{ held: keys }, { ok: true, text }];
}

function characterFor(usage: number, shift: boolean): string {
  // The MRZ alphabet has no lower case (ICAO 9303-3 §4.3): a reader that relies on Caps Lock
  // sends letters without Shift, and the kiosk cannot know the Caps Lock state, so both are A–Z.
  if (usage >= USAGE.a && usage <= USAGE.z) return String.fromCharCode(0x41 + usage - USAGE.a);
  if (usage >= USAGE.one && usage <= USAGE.nine) return shift ? UNKNOWN_KEY : String.fromCharCode(0x31 + usage - USAGE.one);
  if (usage >= USAGE.keypadOne && usage <= USAGE.keypadNine) return String.fromCharCode(0x31 + usage - USAGE.keypadOne);
  switch (usage) {
    case USAGE.zero:
      return shift ? UNKNOWN_KEY : '0';
    case USAGE.keypadZero:
      return '0';
    case USAGE.comma:
      // `<`, the MRZ filler, is Shift + comma on the US layout every wedge reader assumes
      return shift ? '<' : UNKNOWN_KEY;
    case USAGE.enter:
    case USAGE.keypadEnter:
      return LINE_END;
    case USAGE.space:
      return ' ';
    case USAGE.capsLock:
      return '';
    default:
      // modifiers reported as keys (0xE0–0xE7) type nothing; every other key is not MRZ text
      return usage >= USAGE.leftControl && usage <= USAGE.rightGui ? '' : UNKNOWN_KEY;
  }
}
