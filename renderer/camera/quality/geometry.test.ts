import { describe, expect, it } from 'vitest';
import { centreCrop } from '../crop';
import { geometryGuidance, measureFace } from './geometry';
import { DRIVING_LICENCE_QUALITY, EXIT_ENTRY_QUALITY, RESIDENT_ID_QUALITY } from './standards';
import { faceAt, type FacePlacement } from './synthetic-faces';

const crop = centreCrop(1280, 720, RESIDENT_ID_QUALITY.width, RESIDENT_ID_QUALITY.height);
/** GA 461 resident ID: face 207/358 wide, head top (eye line − (chin − eye line)) 0.03 below the top edge */
const fits: FacePlacement = { centreX: 0.5, faceWidth: 207 / 358, eyeLine: 0.42, chin: 0.81 };
const guide = (p: Partial<FacePlacement>, spec = RESIDENT_ID_QUALITY, withLandmarks = true) =>
  geometryGuidance(measureFace(faceAt({ ...fits, ...p }, crop, withLandmarks), crop), spec.head);

describe('measureFace', () => {
  it('maps frame pixels into fractions of the finished photo', () => {
    const m = measureFace(faceAt(fits, crop), crop);
    expect(m.centreX).toBeCloseTo(0.5, 5);
    expect(m.faceWidth).toBeCloseTo(207 / 358, 5);
    expect(m.eyeLine).toBeCloseTo(0.42, 5);
    expect(m.chin).toBeCloseTo(0.81, 5);
    expect(m.headTop).toBeCloseTo(0.03, 5);
    expect(m.headHeight).toBeCloseTo(0.78, 5);
    expect(m.rollDegrees).toBeCloseTo(0, 5);
  });
  it('measures the eye-line tilt from the landmarks', () => {
    expect(measureFace(faceAt({ ...fits, roll: 12 }, crop), crop).rollDegrees).toBeCloseTo(12, 3);
  });
  it('falls back to the box when the detector gives no landmarks', () => {
    const m = measureFace(faceAt(fits, crop, false), crop);
    expect(m.rollDegrees).toBeNull();
    expect(m.faceWidth).toBeCloseTo(207 / 358, 5);
    expect(m.eyeLine).toBeCloseTo(0.42, 5);
    expect(m.chin).toBeCloseTo(0.81, 5);
  });
});

describe('geometryGuidance for the resident ID (GA 461-2004)', () => {
  it('has nothing to say about a face that fits', () => {
    expect(guide({})).toEqual([]);
    expect(guide({}, RESIDENT_ID_QUALITY, false)).toEqual([]);
  });
  it('sends a small face closer and a large one back, beyond the slack', () => {
    expect(guide({ faceWidth: 0.45 })).toEqual(['move-closer']);
    expect(guide({ faceWidth: 0.7 })).toEqual(['move-back']);
    expect(guide({ faceWidth: (207 - 14) / 358 - 0.01 })).toEqual([]);
  });
  it("gives left and right in the citizen's own terms (the photo is not mirrored)", () => {
    expect(guide({ centreX: 0.62 })).toEqual(['move-right']);
    expect(guide({ centreX: 0.38 })).toEqual(['move-left']);
    expect(guide({ centreX: 0.54 })).toEqual([]);
  });
  it('moves a low head up and a high head down', () => {
    expect(guide({ eyeLine: 0.5, chin: 0.89 })).toEqual(['move-up']);
    expect(guide({ eyeLine: 0.36, chin: 0.75 })).toEqual(['move-down']);
  });
  it('moves the head up when the eyes are less than 207 px above the bottom edge', () => {
    // head top inside its band, but a long face puts the eyes low
    expect(guide({ eyeLine: 0.58, chin: 1.12, faceWidth: 0.6 })).toContain('move-up');
  });
  it('says nothing about height while the size is wrong', () => {
    expect(guide({ faceWidth: 0.4, eyeLine: 0.6, chin: 0.8 })).toEqual(['move-closer']);
  });
  it('asks for a straight head beyond 8 degrees of tilt', () => {
    expect(guide({ roll: 12 })).toEqual(['straighten-head']);
    expect(guide({ roll: -5 })).toEqual([]);
  });
});

describe('geometryGuidance for the other standards', () => {
  it('checks the driving licence head length as well as its width', () => {
    const dl = centreCrop(1280, 720, 260, 378);
    // width 177/260 fits, crown-to-chin 2 × (chin − eye) far beyond 260/378
    const m = measureFace(faceAt({ centreX: 0.5, faceWidth: 177 / 260, eyeLine: 0.45, chin: 0.95 }, dl), dl);
    expect(geometryGuidance(m, DRIVING_LICENCE_QUALITY.head)).toEqual(['move-back']);
    const ok = measureFace(faceAt({ centreX: 0.5, faceWidth: 177 / 260, eyeLine: 0.38, chin: 0.705 }, dl), dl);
    expect(geometryGuidance(ok, DRIVING_LICENCE_QUALITY.head)).toEqual([]);
  });
  it('keeps the exit-entry chin at least 7 mm above the bottom edge', () => {
    const ee = centreCrop(1280, 720, 480, 640);
    const at = (eyeLine: number, chin: number) =>
      geometryGuidance(measureFace(faceAt({ centreX: 0.5, faceWidth: 0.56, eyeLine, chin }, ee), ee), EXIT_ENTRY_QUALITY.head);
    expect(at(0.4, 0.72)).toEqual([]);
    expect(at(0.55, 0.87)).toEqual(['move-up']);
  });
});
