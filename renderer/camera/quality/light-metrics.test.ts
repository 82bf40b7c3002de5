import { describe, expect, it } from 'vitest';
import { centreCrop } from '../crop';
import { backgroundGuidance, backgroundRegions, exposureGuidance, exposureRegion, measureBackground, measureExposure } from './light-metrics';
import { regionStats } from './pixels';
import { paint, solidFrame } from './synthetic-faces';

const W = 640;
const H = 360;
const crop = centreCrop(W, H, 358, 441);
const face = { x: crop.sx + crop.sw * 0.25, y: crop.sy + crop.sh * 0.2, width: crop.sw * 0.5, height: crop.sh * 0.55 };

describe('regionStats', () => {
  it('computes mean, spread, chroma and clipping over a region, counting overlaps once', () => {
    const f = solidFrame(10, 10, [100, 100, 100]);
    paint(f, { x: 0, y: 0, width: 5, height: 10 }, [255, 255, 255]);
    const s = regionStats(f, [{ x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 0, width: 10, height: 10 }], [], 1);
    expect(s.pixels).toBe(100);
    expect(s.meanLuma).toBeCloseTo(177.5, 1);
    expect(s.stdLuma).toBeCloseTo(77.5, 1);
    expect(s.clipped).toBeCloseTo(0.5, 5);
    expect(s.meanChroma).toBe(0);
  });
  it('leaves out the excluded rectangles and reports an empty region as zero pixels', () => {
    const f = solidFrame(10, 10, [0, 0, 0]);
    expect(regionStats(f, [{ x: 0, y: 0, width: 10, height: 10 }], [{ x: 0, y: 0, width: 10, height: 10 }]).pixels).toBe(0);
    expect(regionStats(f, []).pixels).toBe(0);
  });
});

describe('exposure of the face', () => {
  const exposureOf = (rgb: readonly [number, number, number]) => {
    const f = solidFrame(W, H, [235, 235, 235]);
    paint(f, face, rgb);
    return measureExposure(f, exposureRegion(face, crop));
  };
  it('accepts a mid-tone face in front of a white backdrop', () => {
    expect(exposureGuidance(exposureOf([180, 140, 120]))).toEqual([]);
  });
  it('says too dark for an underexposed face and too bright for a blown-out one', () => {
    expect(exposureGuidance(exposureOf([40, 35, 30]))).toEqual(['too-dark']);
    expect(exposureGuidance(exposureOf([252, 252, 252]))).toEqual(['too-bright']);
  });
  it('looks at the middle of the crop when there is no face', () => {
    const dark = solidFrame(W, H, [20, 20, 20]);
    expect(exposureGuidance(measureExposure(dark, exposureRegion(null, crop)))).toEqual(['too-dark']);
  });
});

describe('background at the border of the photo', () => {
  const head = { x: crop.sx + crop.sw * 0.15, y: crop.sy, width: crop.sw * 0.7, height: crop.sh };
  it('accepts a plain white backdrop whatever the head looks like', () => {
    const f = solidFrame(W, H, [232, 234, 236]);
    paint(f, head, (x) => (x % 2 === 0 ? [0, 0, 0] : [255, 0, 0]));
    expect(backgroundGuidance(measureBackground(f, crop, head), 'white')).toEqual([]);
  });
  it('refuses a dark backdrop and a coloured one where white is required', () => {
    expect(backgroundGuidance(measureBackground(solidFrame(W, H, [90, 90, 90]), crop, head), 'white')).toEqual(['background-not-light']);
    const blue = measureBackground(solidFrame(W, H, [190, 215, 240]), crop, head);
    expect(backgroundGuidance(blue, 'white')).toEqual(['background-not-light']);
    expect(backgroundGuidance(blue, 'light')).toEqual([]);
  });
  it('refuses a busy backdrop', () => {
    const f = solidFrame(W, H, [235, 235, 235]);
    for (const r of backgroundRegions(crop)) paint(f, r, (x) => (Math.floor(x / 6) % 2 === 0 ? [235, 235, 235] : [150, 150, 150]));
    expect(backgroundGuidance(measureBackground(f, crop, head), 'white')).toEqual(['background-not-plain']);
  });
  it('does not judge a backdrop it cannot see', () => {
    const f = solidFrame(W, H, [20, 20, 20]);
    const all = { x: 0, y: 0, width: W, height: H };
    expect(backgroundGuidance(measureBackground(f, crop, all), 'white')).toEqual([]);
  });
});
