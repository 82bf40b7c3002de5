import { describe, expect, it } from 'vitest';
import { centreCrop } from '../crop';
import { assessPhoto } from './assess';
import type { DetectedFace, FaceDetector, PixelFrame } from './face-detector';
import type { CanvasLike } from './pixels';
import { EXIT_ENTRY_QUALITY, RESIDENT_ID_QUALITY } from './standards';
import { faceAt, type FacePlacement, paint, type Rgb, solidFrame } from './synthetic-faces';

const W = 1280;
const H = 720;
const crop = centreCrop(W, H, RESIDENT_ID_QUALITY.width, RESIDENT_ID_QUALITY.height);
const fits: FacePlacement = { centreX: 0.5, faceWidth: 207 / 358, eyeLine: 0.42, chin: 0.81 };

/** A detector that reports what it is told, and remembers the frame it was shown. */
const fakeDetector = (faces: DetectedFace[]): FaceDetector & { seen: PixelFrame[] } => {
  const seen: PixelFrame[] = [];
  return {
    seen,
    detect: async (frame) => {
      seen.push(frame);
      return faces;
    },
  };
};

/** A white backdrop with a skin-toned face where the detector says it is. */
const frameWith = (faces: DetectedFace[], backdrop: Rgb = [236, 236, 234], skin: Rgb = [190, 150, 130]) => {
  const f = solidFrame(W, H, backdrop);
  for (const face of faces) paint(f, face.box, skin);
  return f;
};

describe('assessPhoto', () => {
  it('says ok for one well-placed, well-lit face in front of a white backdrop', async () => {
    const face = faceAt(fits, crop);
    const detector = fakeDetector([face]);
    const a = await assessPhoto(frameWith([face]), RESIDENT_ID_QUALITY, detector);
    expect(a).toMatchObject({ ok: true, faces: 1, guidance: ['ok'] });
    expect(a.metrics.crop).toEqual(crop);
    expect(a.metrics.face?.faceWidth).toBeCloseTo(207 / 358, 5);
    expect(a.metrics.background?.meanLuma).toBeGreaterThan(200);
    expect(detector.seen[0]?.width).toBe(W);
  });

  it('says no face for an empty frame, and too dark when it is dark', async () => {
    expect(await assessPhoto(solidFrame(W, H, [200, 200, 200]), RESIDENT_ID_QUALITY, fakeDetector([]))).toMatchObject({
      ok: false,
      faces: 0,
      guidance: ['no-face'],
    });
    const dark = await assessPhoto(solidFrame(W, H, [15, 15, 15]), RESIDENT_ID_QUALITY, fakeDetector([]));
    expect(dark.guidance).toEqual(['no-face', 'too-dark']);
  });

  it('ignores detections below the confidence floor', async () => {
    const weak = faceAt({ ...fits, score: 0.2 }, crop);
    expect((await assessPhoto(frameWith([weak]), RESIDENT_ID_QUALITY, fakeDetector([weak]))).guidance).toEqual(['no-face']);
  });

  it('refuses two people in the photo', async () => {
    const a = faceAt({ ...fits, centreX: 0.3, faceWidth: 0.3 }, crop);
    const b = faceAt({ ...fits, centreX: 0.7, faceWidth: 0.3 }, crop);
    const result = await assessPhoto(frameWith([a, b]), RESIDENT_ID_QUALITY, fakeDetector([a, b]));
    expect(result).toMatchObject({ ok: false, faces: 2, guidance: ['multiple-faces'] });
    const dark = await assessPhoto(frameWith([a, b], [20, 20, 20], [30, 30, 30]), RESIDENT_ID_QUALITY, fakeDetector([a, b]));
    expect(dark.guidance).toEqual(['multiple-faces']);
  });

  it('does not count a bystander outside the crop, and steers a citizen outside it back in', async () => {
    const citizen = faceAt(fits, crop);
    const bystander = faceAt({ ...fits, centreX: -0.4, faceWidth: 0.3 }, crop);
    expect((await assessPhoto(frameWith([citizen, bystander]), RESIDENT_ID_QUALITY, fakeDetector([citizen, bystander]))).guidance).toEqual(['ok']);
    const outside = faceAt({ ...fits, centreX: 1.3 }, crop);
    const a = await assessPhoto(frameWith([outside]), RESIDENT_ID_QUALITY, fakeDetector([outside]));
    expect(a.faces).toBe(0);
    expect(a.guidance).toEqual(['move-right']);
  });

  it('puts size and position before light and backdrop', async () => {
    const face = faceAt({ ...fits, faceWidth: 0.4 }, crop);
    const a = await assessPhoto(frameWith([face], [80, 60, 40], [40, 30, 25]), RESIDENT_ID_QUALITY, fakeDetector([face]));
    expect(a.guidance).toEqual(['move-closer', 'too-dark', 'background-not-light']);
  });

  it('accepts light blue behind an exit-entry photo but not behind a resident ID photo', async () => {
    const ee = centreCrop(W, H, 480, 640);
    const face = faceAt({ centreX: 0.5, faceWidth: 0.56, eyeLine: 0.4, chin: 0.72 }, ee);
    const blue: Rgb = [190, 215, 240];
    expect((await assessPhoto(frameWith([face], blue), EXIT_ENTRY_QUALITY, fakeDetector([face]))).guidance).toEqual(['ok']);
    const id = faceAt(fits, crop);
    expect((await assessPhoto(frameWith([id], blue), RESIDENT_ID_QUALITY, fakeDetector([id]))).guidance).toEqual(['background-not-light']);
  });

  it('reads the pixels of a canvas-like frame', async () => {
    const face = faceAt(fits, crop);
    const pixels = frameWith([face]);
    const canvas: CanvasLike = { width: W, height: H, getContext: () => ({ getImageData: () => pixels }) };
    expect((await assessPhoto(canvas, RESIDENT_ID_QUALITY, fakeDetector([face]))).ok).toBe(true);
  });
});
