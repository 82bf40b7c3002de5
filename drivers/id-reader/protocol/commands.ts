import { encode } from './frame-codec';

/** Command table, domain-notes §1.4. */
export const Command = {
  resetSam: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  readSamId: { cmd: 0x12, para: 0xff },
  findCard: { cmd: 0x20, para: 0x01 },
  selectCard: { cmd: 0x20, para: 0x02 },
  readBase: { cmd: 0x30, para: 0x01 },
  readAppendedAddress: { cmd: 0x30, para: 0x03 },
  readBaseWithFingerprint: { cmd: 0x30, para: 0x10 },
} as const;
export type CommandName = keyof typeof Command;

export function encodeCommand(name: CommandName): Uint8Array {
  const c = Command[name];
  return encode(c.cmd, c.para);
}

/** 61 FF <n>: maximum bytes per RF exchange between SAM and card (§1.4; hev sends 0x50). */
export const encodeSetMaxRfBytes = (max: number): Uint8Array => encode(0x61, 0xff, Uint8Array.of(max & 0xff));

/** 60 xx: UART baud rate (§1.4). */
export const BAUD_PARA = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 } as const;
export type SamBaudRate = keyof typeof BAUD_PARA;
export const encodeSetBaud = (baud: SamBaudRate): Uint8Array => encode(0x60, BAUD_PARA[baud]);

/** A reader→host answer: SW1 SW2 SW3 and data (§1.3). */
export interface SamResponse {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

/** Splits a decoded reader→host body; undefined when shorter than the three status bytes. */
export function parseResponse(body: Uint8Array): SamResponse | undefined {
  if (body.length < 3) return undefined;
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.slice(3) };
}

export const TEXT_LENGTH = 256;
export const WLT_LENGTH = 1024;

export interface BaseInfo {
  readonly text: Uint8Array;
  readonly wlt: Uint8Array;
  readonly fingerprint?: Uint8Array;
}

/**
 * 30 01 data: textLen(2, BE) photoLen(2, BE) text photo; 30 10 adds fpLen(2, BE) and the
 * fingerprint block after the photo (§1.6). Lengths are checked against what arrived.
 */
export function parseBaseInfo(data: Uint8Array, withFingerprint: boolean): BaseInfo | undefined {
  const headerLength = withFingerprint ? 6 : 4;
  if (data.length < headerLength) return undefined;
  const u16 = (i: number): number => ((data[i] ?? 0) << 8) | (data[i + 1] ?? 0);
  const textLen = u16(0);
  const photoLen = u16(2);
  const fpLen = withFingerprint ? u16(4) : 0;
  if (textLen !== TEXT_LENGTH || photoLen !== WLT_LENGTH) return undefined;
  if (data.length !== headerLength + textLen + photoLen + fpLen) return undefined;
  const text = data.slice(headerLength, headerLength + textLen);
  const wlt = data.slice(headerLength + textLen, headerLength + textLen + photoLen);
  if (!withFingerprint) return { text, wlt };
  return { text, wlt, fingerprint: data.slice(headerLength + textLen + photoLen) };
}

/**
 * 12 FF data: u16LE . u16LE - u32LE - u32LE - u32LE, printed as in the protocol PDF (§1.6):
 * 05 00 01 00 09 B8 32 01 05 BE 12 00 AD C5 B1 11 → "05.01-20101129-0001228293-0296863149".
 */
export function formatSamId(data: Uint8Array): string | undefined {
  if (data.length !== 16) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return `${pad(view.getUint16(0, true), 2)}.${pad(view.getUint16(2, true), 2)}-${view.getUint32(4, true)}-${pad(view.getUint32(8, true), 10)}-${pad(view.getUint32(12, true), 10)}`;
}
