/**
 * HID POS "Scanned Data Report" (USB HID Point of Sale Usage Tables 1.02, usage page 0x8C
 * Bar Code Scanner, usage 0x12 Scanned Data Report), as Honeywell / Zebra / Datalogic scanners
 * send it in "HID POS" mode. Layout of one 64-byte input report as node-hid delivers it
 * (report ID first), kept as data so a device with another layout is a one-line change:
 *
 *   [0]      report ID 0x02
 *   [1]      number of decoded data bytes in this report (0–56)
 *   [2..4]   AIM symbology identifier, e.g. `]Q1` (QR), `]E0` (EAN-13)
 *   [5..60]  decoded data, 56 bytes
 *   [61..62] vendor symbology ids (Honeywell code id at 61)
 *   [63]     bit 0: more data follows in the next report (codes longer than 56 bytes)
 *
 * Source: NielsLeenheer/WebHidBarcodeScanner src/main.js (reads report 0x02: length at 0,
 * AIM at 1–3, data from 4, continuation flag at 62, with the report ID stripped by WebHID);
 * Haiku headers for the 0x8C usage IDs. That library reads `length - 1` data bytes, which
 * suggests some firmware counts one extra byte: VERIFY against the target scanner.
 */
export const HID_POS_REPORT_LAYOUT = {
  reportId: 0x02,
  lengthOffset: 1,
  symbologyOffset: 2,
  symbologyLength: 3,
  dataOffset: 5,
  dataCapacity: 56,
  continuationOffset: 63,
  continuationMask: 0x01,
  reportLength: 64,
} as const;

export type HidPosEvent =
  | { readonly type: 'code'; readonly bytes: Uint8Array; readonly symbology: string }
  | { readonly type: 'error'; readonly code: 'report-malformed' | 'line-too-long' };

export interface HidPosState {
  readonly parts: readonly Uint8Array[];
  readonly size: number;
  /** dropping the continuation reports of a code that is already too long */
  readonly discarding: boolean;
}

export const initialHidPosState: HidPosState = { parts: [], size: 0, discarding: false };

/** Pure decoder: `(state, report) → (state, events)`; the assembled code is bounded by `maxCodeBytes`. */
export function decodeHidPosReport(state: HidPosState, report: Uint8Array, maxCodeBytes: number): [HidPosState, HidPosEvent[]] {
  const L = HID_POS_REPORT_LAYOUT;
  if (report[0] !== L.reportId) return [state, []]; // other reports (status, feature echoes) are not codes
  const length = report[L.lengthOffset] ?? 0;
  if (report.length < L.reportLength || length > L.dataCapacity) {
    return [initialHidPosState, [{ type: 'error', code: 'report-malformed' }]];
  }
  const more = ((report[L.continuationOffset] ?? 0) & L.continuationMask) !== 0;
  if (state.discarding) return [more ? state : initialHidPosState, []];
  const data = report.slice(L.dataOffset, L.dataOffset + length);
  const size = state.size + data.length;
  if (size > maxCodeBytes) {
    return [more ? { parts: [], size: 0, discarding: true } : initialHidPosState, [{ type: 'error', code: 'line-too-long' }]];
  }
  const parts = [...state.parts, data];
  if (more) return [{ parts, size, discarding: false }, []];
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  const symbology = String.fromCharCode(...report.slice(L.symbologyOffset, L.symbologyOffset + L.symbologyLength)).replace(/\0/g, '');
  return [initialHidPosState, [{ type: 'code', bytes, symbology }]];
}
