import type { CropRect } from '../crop';
import type { DetectedFace, FaceBox, Point } from './face-detector';
import type { GuidanceCode } from './guidance';
import type { Band, HeadGeometry } from './standards';

/** One face measured in the finished photo: x values as fractions of its width, y of its height. */
export interface FaceMeasure {
  readonly centreX: number;
  readonly faceWidth: number;
  readonly eyeLine: number;
  readonly chin: number;
  /**
   * Estimated, never seen: no face model finds the crown under the hair. The eyes sit halfway
   * between crown and chin in an upright adult head (the classical proportion that ID-photo guides
   * such as ICAO 9303's head-height rule rest on), so crown = eye line − (chin − eye line).
   */
  readonly headTop: number;
  readonly headHeight: number;
  /** tilt of the eye line in degrees, positive clockwise in the image; null without landmarks */
  readonly rollDegrees: number | null;
}

/**
 * For a detector that gives a box only: face-api's TinyFaceDetector and BlazeFace boxes run from
 * about the eyebrows to the chin, which puts the eye line near 30 % of the box height.
 */
const BOX_EYE_LINE = 0.3;

const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

export function measureFace(face: DetectedFace, crop: CropRect): FaceMeasure {
  const fx = (x: number) => (x - crop.sx) / crop.sw;
  const fy = (y: number) => (y - crop.sy) / crop.sh;
  const { box, landmarks } = face;
  let eyes: Point;
  let chinY: number;
  let widthPx: number;
  let rollDegrees: number | null = null;
  if (landmarks) {
    eyes = mid(landmarks.leftEye, landmarks.rightEye);
    chinY = landmarks.chin.y;
    widthPx = Math.hypot(landmarks.jawRight.x - landmarks.jawLeft.x, landmarks.jawRight.y - landmarks.jawLeft.y);
    rollDegrees = (Math.atan2(landmarks.rightEye.y - landmarks.leftEye.y, landmarks.rightEye.x - landmarks.leftEye.x) * 180) / Math.PI;
  } else {
    eyes = { x: box.x + box.width / 2, y: box.y + box.height * BOX_EYE_LINE };
    chinY = box.y + box.height;
    widthPx = box.width;
  }
  const eyeLine = fy(eyes.y);
  const chin = fy(chinY);
  return {
    centreX: fx(eyes.x),
    faceWidth: widthPx / crop.sw,
    eyeLine,
    chin,
    headTop: eyeLine - (chin - eyeLine),
    headHeight: 2 * (chin - eyeLine),
    rollDegrees,
  };
}

/**
 * Slack around the standards' bands. Sizes come from landmarks that wander a few pixels between
 * frames (relative slack); the head top is an estimate (absolute slack, as a fraction of height).
 * Without slack the guidance would flicker between "closer" and "back" for a citizen who is right.
 */
export const SIZE_SLACK = 0.08;
export const POSITION_SLACK = 0.03;
/** off-centre by more than this share of the photo width gets a left/right hint */
export const CENTRE_SLACK = 0.05;
/** a head tilted beyond this is not "upright" (exit-entry guide: head straight, no tilt) */
export const MAX_ROLL_DEGREES = 8;

type Size = 'small' | 'large' | 'fits';

function sizeAgainst(value: number, band: Band | undefined): Size {
  if (band === undefined) return 'fits';
  if (value < band.min * (1 - SIZE_SLACK)) return 'small';
  if (value > band.max * (1 + SIZE_SLACK)) return 'large';
  return 'fits';
}

/**
 * Guidance for where the citizen should go, in the citizen's own left and right: the photo is not
 * mirrored, so a face on the right of the image belongs to someone standing to their left, who
 * should move to their right (the mirrored preview makes that the natural direction too).
 * Vertical hints wait until the size is right, since moving closer or back shifts every edge.
 */
export function geometryGuidance(m: FaceMeasure, head: HeadGeometry): GuidanceCode[] {
  const guidance: GuidanceCode[] = [];
  const sizes = [sizeAgainst(m.faceWidth, head.faceWidth), sizeAgainst(m.headHeight, head.headHeight)];
  const small = sizes.includes('small');
  const large = sizes.includes('large');
  if (small && !large) guidance.push('move-closer');
  if (large && !small) guidance.push('move-back');

  if (m.centreX > 0.5 + CENTRE_SLACK) guidance.push('move-right');
  else if (m.centreX < 0.5 - CENTRE_SLACK) guidance.push('move-left');

  if (!small && !large) {
    let up = false;
    let down = false;
    if (head.headTop) {
      if (m.headTop < head.headTop.min - POSITION_SLACK) down = true;
      if (m.headTop > head.headTop.max + POSITION_SLACK) up = true;
    }
    if (head.eyeLineMax !== undefined && m.eyeLine > head.eyeLineMax + POSITION_SLACK) up = true;
    if (head.chinMax !== undefined && m.chin > head.chinMax + POSITION_SLACK) up = true;
    if (up && !down) guidance.push('move-up');
    if (down && !up) guidance.push('move-down');
  }

  if (m.rollDegrees !== null && Math.abs(m.rollDegrees) > MAX_ROLL_DEGREES) guidance.push('straighten-head');
  return guidance;
}

/** The face box of a frame in frame pixels, grown to cover hair and ears, for background sampling. */
export function headRegion(face: DetectedFace, m: FaceMeasure, crop: CropRect): FaceBox {
  const widthPx = m.faceWidth * crop.sw;
  const centreX = crop.sx + m.centreX * crop.sw;
  const top = crop.sy + (m.headTop - 0.1 * m.headHeight) * crop.sh;
  const bottom = Math.max(face.box.y + face.box.height, crop.sy + crop.sh);
  return { x: centreX - 0.8 * widthPx, y: top, width: 1.6 * widthPx, height: bottom - top };
}
