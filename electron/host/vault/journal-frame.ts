import { crc32 } from 'node:zlib';

/**
 * One journal record on disk: `[u32 LE payload length][u32 LE CRC-32][payload]`. The CRC covers
 * the length bytes and the payload, so a damaged length is caught as surely as damaged data.
 * A crash can leave the last write of a segment incomplete (a torn tail); the CRC is how replay
 * tells a whole record from a partial one, and how it finds the next whole record after a
 * damaged one in the middle of a file.
 */

export const FRAME_HEADER_BYTES = 8;
/** larger than any record we write (a 2 MiB photo sealed and base64'd is under 3 MiB) */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.byteLength === 0 || payload.byteLength > MAX_PAYLOAD_BYTES) throw new Error(`journal record of ${payload.byteLength} bytes`);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.byteLength);
  frame.writeUInt32LE(payload.byteLength, 0);
  frame.writeUInt32LE(crc32(payload, crc32(frame.subarray(0, 4))), 4);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/** The payload of the whole frame at `offset`, or null when there is none there. */
export function frameAt(view: Buffer, offset: number): Buffer | null {
  if (offset < 0 || offset + FRAME_HEADER_BYTES > view.byteLength) return null;
  const length = view.readUInt32LE(offset);
  // zero-filled space (a file extended but never written) is never a frame
  if (length === 0 || length > MAX_PAYLOAD_BYTES || offset + FRAME_HEADER_BYTES + length > view.byteLength) return null;
  const payload = view.subarray(offset + FRAME_HEADER_BYTES, offset + FRAME_HEADER_BYTES + length);
  return crc32(payload, crc32(view.subarray(offset, offset + 4))) === view.readUInt32LE(offset + 4) ? payload : null;
}

export interface ScannedFrame {
  readonly offset: number;
  /** header included */
  readonly length: number;
  readonly payload: Buffer;
}

export interface FrameScan {
  readonly frames: readonly ScannedFrame[];
  /** damaged bytes with whole frames after them: never a crash artefact, kept and reported */
  readonly damaged: readonly { readonly offset: number; readonly length: number }[];
  /** where the whole frames end: bytes from here on are a torn tail (or nothing) */
  readonly end: number;
}

/**
 * Every whole frame in a segment's bytes. A bad frame followed by a whole one somewhere later is
 * damage in the middle; a bad frame with no whole frame after it is the torn tail of a write a
 * crash interrupted, which was never acknowledged (appends resolve only after fdatasync).
 */
export function scanFrames(data: Buffer): FrameScan {
  const frames: ScannedFrame[] = [];
  const damaged: { offset: number; length: number }[] = [];
  let offset = 0;
  while (offset < data.byteLength) {
    const payload = frameAt(data, offset);
    if (payload) {
      frames.push({ offset, length: FRAME_HEADER_BYTES + payload.byteLength, payload });
      offset += FRAME_HEADER_BYTES + payload.byteLength;
      continue;
    }
    const next = nextFrame(data, offset + 1);
    if (next === null) return { frames, damaged, end: offset };
    damaged.push({ offset, length: next - offset });
    offset = next;
  }
  return { frames, damaged, end: offset };
}

function nextFrame(data: Buffer, from: number): number | null {
  for (let at = from; at + FRAME_HEADER_BYTES < data.byteLength; at++) if (frameAt(data, at)) return at;
  return null;
}
