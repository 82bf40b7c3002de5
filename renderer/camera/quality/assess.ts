import { centreCrop, type CropRect } from '../crop';
import type { DetectedFace, FaceDetector } from './face-detector';
import { type FaceMeasure, geometryGuidance, headRegion, measureFace } from './geometry';
import type { GuidanceCode } from './guidance';
import {
  type BackgroundMetrics,
  backgroundGuidance,
  type ExposureMetrics,
  exposureGuidance,
  exposureRegion,
  measureBackground,
  measureExposure,
} from './light-metrics';
import { type FrameInput, toPixelFrame } from './pixels';
import type { PhotoQualitySpec } from './standards';

/** Detections below this confidence are not faces for the purpose of a photo. */
export const MIN_FACE_SCORE = 0.5;

export interface PhotoAssessment {
  /** true when the photo may be taken now: guidance is then exactly ['ok'] */
  readonly ok: boolean;
  /** faces whose centre lies inside the part of the frame that becomes the photo */
  readonly faces: number;
  /** most important first; the UI shows the first one or two */
  readonly guidance: readonly GuidanceCode[];
  readonly metrics: {
    /** the region of the frame that becomes the photo (the same centre crop capturePhoto uses) */
    readonly crop: CropRect;
    readonly face: FaceMeasure | null;
    readonly faceScore: number | null;
    readonly exposure: ExposureMetrics;
    readonly background: BackgroundMetrics | null;
  };
}

const centreOf = (f: DetectedFace) => ({ x: f.box.x + f.box.width / 2, y: f.box.y + f.box.height / 2 });
const inside = (c: { x: number; y: number }, r: CropRect) => c.x >= r.sx && c.x < r.sx + r.sw && c.y >= r.sy && c.y < r.sy + r.sh;
const area = (f: DetectedFace) => f.box.width * f.box.height;

/**
 * Judges one camera frame against a photo standard before the citizen is photographed: one face,
 * sized and placed for the standard's head geometry in the crop that will become the photo,
 * exposed well, in front of a plain light backdrop (domain-notes §4.4).
 *
 * A face outside the crop still steers the citizen back into it. With no face, or several, only
 * that (and darkness, which may be why no face was found) is said: one instruction at a time.
 */
export async function assessPhoto(input: FrameInput, spec: PhotoQualitySpec, detector: FaceDetector): Promise<PhotoAssessment> {
  const frame = toPixelFrame(input);
  const crop = centreCrop(frame.width, frame.height, spec.width, spec.height);
  const found = (await detector.detect(frame)).filter((f) => f.score >= MIN_FACE_SCORE);
  const inCrop = found.filter((f) => inside(centreOf(f), crop));
  const subject = inCrop.length === 1 ? inCrop[0] : inCrop.length === 0 ? [...found].sort((a, b) => area(b) - area(a))[0] : undefined;

  const guidance: GuidanceCode[] = [];
  let face: FaceMeasure | null = null;
  let background: BackgroundMetrics | null = null;

  if (inCrop.length > 1) guidance.push('multiple-faces');
  else if (subject === undefined) guidance.push('no-face');

  const exposure = measureExposure(frame, exposureRegion(subject?.box ?? null, crop));
  if (subject !== undefined) {
    face = measureFace(subject, crop);
    guidance.push(...geometryGuidance(face, spec.head));
    guidance.push(...exposureGuidance(exposure));
    background = measureBackground(frame, crop, headRegion(subject, face, crop));
    guidance.push(...backgroundGuidance(background, spec.background));
  } else if (inCrop.length === 0) {
    guidance.push(...exposureGuidance(exposure).filter((g) => g === 'too-dark'));
  }

  const ok = guidance.length === 0;
  return {
    ok,
    faces: inCrop.length,
    guidance: ok ? ['ok'] : guidance,
    metrics: { crop, face, faceScore: subject?.score ?? null, exposure, background },
  };
}
