import { describe, expect, it } from 'vitest';
import { encodeFrame, frameAt, scanFrames } from './journal-frame';

const payload = Buffer.from('{"k":"forget","tx":[],"att":[]}', 'utf8');
// length 31 (LE), CRC-32 of the length bytes and the payload (LE), the payload
const FRAME = Buffer.concat([Buffer.from('1f0000000dd81359', 'hex'), payload]);

describe('journal frames', () => {
  it('encodes length, CRC-32 and payload', () => {
    expect(encodeFrame(payload).toString('hex')).toBe(FRAME.toString('hex'));
    expect(frameAt(FRAME, 0)?.toString('utf8')).toBe(payload.toString('utf8'));
  });

  it('reads every frame back, and a frame cut anywhere as a torn tail', () => {
    const three = Buffer.concat([FRAME, encodeFrame(Buffer.from('two')), encodeFrame(Buffer.from('three'))]);
    expect(scanFrames(three)).toMatchObject({ end: three.byteLength, damaged: [] });
    expect(scanFrames(three).frames.map((f) => [f.offset, f.length, f.payload.toString()])).toEqual([
      [0, 39, payload.toString()],
      [39, 11, 'two'],
      [50, 13, 'three'],
    ]);
    for (let cut = 50; cut < three.byteLength; cut++) {
      const scan = scanFrames(three.subarray(0, cut));
      expect(scan.frames.map((f) => f.payload.toString())).toEqual([payload.toString(), 'two']);
      expect(scan).toMatchObject({ end: 50, damaged: [] });
    }
  });

  it('zeros after the last frame (a file extended but never written) are a torn tail', () => {
    const scan = scanFrames(Buffer.concat([FRAME, Buffer.alloc(4096)]));
    expect(scan).toMatchObject({ end: FRAME.byteLength, damaged: [] });
    expect(scan.frames).toHaveLength(1);
  });

  it('finds the next whole frame after a damaged one and reports the damaged bytes', () => {
    for (const at of [0, 3, 4, 7, 8, 20, 38]) {
      const damaged = Buffer.concat([FRAME, encodeFrame(Buffer.from('two'))]);
      damaged[at] = (damaged[at] ?? 0) ^ 0x40;
      const scan = scanFrames(damaged);
      expect(scan.frames.map((f) => f.payload.toString())).toEqual(['two']);
      expect(scan).toMatchObject({ end: damaged.byteLength, damaged: [{ offset: 0, length: 39 }] });
    }
  });

  it('refuses an empty record', () => {
    expect(() => encodeFrame(Buffer.alloc(0))).toThrow();
  });
});
