import { describe, expect, it } from 'vitest';
import { cameraErrorCode } from './camera-errors';
import { centreCrop } from './crop';
import { encodeNearBand } from './encode';

const spec = { quality: 0.7, minBytes: 14_000, maxBytes: 20_000 };
/** a fake encoder whose output size grows with quality, like a real JPEG encoder's */
const encoderOf = (bytesAt: (q: number) => number) => {
  const tried: number[] = [];
  const encode = async (q: number) => {
    tried.push(q);
    return new Blob([new Uint8Array(bytesAt(q))], { type: 'image/jpeg' });
  };
  return { encode, tried };
};

describe('centreCrop', () => {
  it('cuts the sides of a landscape frame to the 358:441 portrait aspect', () => {
    const r = centreCrop(1280, 720, 358, 441);
    expect(r.sh).toBe(720);
    expect(r.sw).toBe(Math.round((720 * 358) / 441));
    expect(r.sx).toBe(Math.floor((1280 - r.sw) / 2));
    expect(r.sy).toBe(0);
  });
  it('cuts top and bottom of a tall frame', () => {
    const r = centreCrop(358, 1000, 358, 441);
    expect(r).toEqual({ sx: 0, sy: Math.floor((1000 - 441) / 2), sw: 358, sh: 441 });
  });
});

describe('encodeNearBand', () => {
  it('keeps quality 0.7 when it lands in the band', async () => {
    const { encode, tried } = encoderOf(() => 16_000);
    expect((await encodeNearBand(encode, spec))?.quality).toBe(0.7);
    expect(tried).toEqual([0.7]);
  });
  it('steps quality down until the photo is no larger than the band', async () => {
    const { encode } = encoderOf((q) => Math.round(q * 40_000));
    const result = await encodeNearBand(encode, spec);
    expect(result?.quality).toBe(0.5);
    expect(result?.blob.size).toBe(20_000);
  });
  it('steps quality up for a simple picture but never above the band', async () => {
    const { encode } = encoderOf((q) => Math.round(q * 17_000));
    const result = await encodeNearBand(encode, spec);
    expect(result?.quality).toBe(0.85);
    expect(result?.blob.size).toBeGreaterThanOrEqual(14_000);
  });
  it('returns the largest result under the band when nothing reaches it', async () => {
    const { encode } = encoderOf((q) => Math.round(q * 5_000));
    expect((await encodeNearBand(encode, spec))?.quality).toBe(0.95);
  });
  it('reports an encoder failure as null', async () => {
    expect(await encodeNearBand(async () => null, spec)).toBeNull();
  });
});

describe('cameraErrorCode', () => {
  it('maps getUserMedia errors to codes a citizen can be told about', () => {
    expect(cameraErrorCode({ name: 'NotFoundError' })).toBe('camera-missing');
    expect(cameraErrorCode({ name: 'NotAllowedError' })).toBe('camera-denied');
    expect(cameraErrorCode({ name: 'NotReadableError' })).toBe('camera-busy');
    expect(cameraErrorCode(new Error('x'))).toBe('camera-failed');
  });
});
