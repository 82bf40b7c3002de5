import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../drivers/id-number';
import { minPaddedSize, padJpeg, syntheticApplicant, syntheticIdNumber } from './synthetic';

// SOI, a JFIF APP0 segment, then a stand-in for the rest of an encoded image and EOI
const APP0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
const BASE = new Uint8Array([0xff, 0xd8, ...APP0, 0xff, 0xdb, 0x00, 0x03, 0x07, 0xff, 0xd9]);

/** Walks the marker segments up to the first non-COM one, as a decoder would. */
function segments(jpeg: Uint8Array): { marker: number; length: number; at: number }[] {
  const out: { marker: number; length: number; at: number }[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1] ?? 0;
    const length = ((jpeg[i + 2] ?? 0) << 8) | (jpeg[i + 3] ?? 0);
    out.push({ marker, length, at: i });
    if (marker !== 0xe0 && marker !== 0xfe) break;
    i += 2 + length;
  }
  return out;
}

describe('synthetic applicants', () => {
  it('have ID numbers that pass every check, MOD 11-2 included', () => {
    for (let n = 0; n < 2000; n += 1) {
      const id = syntheticIdNumber(n);
      expect(checkIdNumber(id), id).toMatchObject({ valid: true, kind: 'resident' });
    }
  });

  it('are distinct over a run and deterministic in n', () => {
    const ids = new Set(Array.from({ length: 5000 }, (_, n) => syntheticIdNumber(n)));
    expect(ids.size).toBe(5000);
    expect(syntheticApplicant(42)).toEqual(syntheticApplicant(42));
    expect(syntheticApplicant(42).phone).toMatch(/^1380000\d{4}$/);
  });
});

describe('padJpeg', () => {
  it.each([minPaddedSize(BASE, 'tag 1'), 20_000, 40_960, 65_537 + BASE.length, 200_000, 2 * 1024 * 1024])('makes a JPEG of exactly %i bytes', (size) => {
    const out = padJpeg(BASE, size, 'tag 1');
    expect(out.byteLength).toBe(size);
    expect([...out.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...out.subarray(-2)]).toEqual([0xff, 0xd9]);
    // APP0 stays first (JFIF), then only COM segments, then the original image unchanged
    const segs = segments(out);
    expect(segs[0]?.marker).toBe(0xe0);
    const coms = segs.filter((s) => s.marker === 0xfe);
    expect(coms.length).toBeGreaterThan(0);
    const comBytes = coms.reduce((sum, s) => sum + 2 + s.length, 0);
    expect(comBytes).toBe(size - BASE.length);
    const rest = segs.at(-1);
    expect(rest?.marker).toBe(0xdb);
    expect([...out.subarray(rest?.at ?? 0)]).toEqual([...BASE.subarray(2 + APP0.length)]);
  });

  it('makes distinct photos from distinct tags', () => {
    expect(padJpeg(BASE, 5000, 'run a 1')).not.toEqual(padJpeg(BASE, 5000, 'run a 2'));
  });

  it('refuses sizes that cannot hold the base and the tag, and non-JPEG input', () => {
    expect(() => padJpeg(BASE, minPaddedSize(BASE, 'tag') - 1, 'tag')).toThrow(/at least/);
    expect(() => padJpeg(new Uint8Array([1, 2, 3]), 5000, 'tag')).toThrow(/not a JPEG/);
  });
});
