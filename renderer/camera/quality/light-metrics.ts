import type { CropRect } from '../crop';
import type { FaceBox, PixelFrame } from './face-detector';
import type { GuidanceCode } from './guidance';
import { type RegionStats, regionStats } from './pixels';
import type { BackgroundRule } from './standards';

/**
 * Exposure is judged on the face, not the whole frame: a white backdrop behind a well-lit face
 * would otherwise read as "too bright". Face skin in a correctly exposed ID photo sits well inside
 * 70–210 of 255 luma; a face with a fifth of its pixels blown out has lost the detail the card
 * bureau checks.
 */
export const EXPOSURE = { minMeanLuma: 70, maxMeanLuma: 210, maxClipped: 0.2 } as const;

/**
 * The backdrop must be plain and light (domain-notes §4.4: white for resident ID and driving
 * licence; white, light grey or light blue for exit-entry). Light: mean luma of at least 150.
 * Plain: a luma spread of at most 22, room for sensor noise and soft vignetting but not for a
 * poster, a door frame or a person. White: nearly no colour (chroma ≤ 35); light blue is allowed
 * more (≤ 70).
 */
export const BACKGROUND = { minMeanLuma: 150, maxStdLuma: 22, maxChroma: { white: 35, light: 70 } } as const;

/** Fewer sampled pixels than this and the backdrop is not judged (the head fills the border). */
const MIN_BACKGROUND_PIXELS = 200;

export interface ExposureMetrics {
  readonly meanLuma: number;
  readonly clipped: number;
}

export interface BackgroundMetrics {
  readonly pixels: number;
  readonly meanLuma: number;
  readonly stdLuma: number;
  readonly meanChroma: number;
}

/** The middle of the face box (its outer parts catch hair and backdrop), or of the crop without one. */
export function exposureRegion(face: FaceBox | null, crop: CropRect): FaceBox {
  if (face) return { x: face.x + 0.2 * face.width, y: face.y + 0.2 * face.height, width: 0.6 * face.width, height: 0.6 * face.height };
  return { x: crop.sx + crop.sw / 4, y: crop.sy + crop.sh / 4, width: crop.sw / 2, height: crop.sh / 2 };
}

export function measureExposure(frame: PixelFrame, region: FaceBox): ExposureMetrics {
  const s = regionStats(frame, [region]);
  return { meanLuma: s.meanLuma, clipped: s.clipped };
}

export function exposureGuidance(m: ExposureMetrics): GuidanceCode[] {
  if (m.meanLuma < EXPOSURE.minMeanLuma) return ['too-dark'];
  if (m.meanLuma > EXPOSURE.maxMeanLuma || m.clipped > EXPOSURE.maxClipped) return ['too-bright'];
  return [];
}

/**
 * The border of the finished photo that the head never reaches: a thin strip along the top and
 * the outer eighth on each side down to the shoulders, minus the head region when there is a face.
 */
export function backgroundRegions(crop: CropRect): FaceBox[] {
  const side = crop.sw / 8;
  const depth = crop.sh * 0.55;
  return [
    { x: crop.sx, y: crop.sy, width: crop.sw, height: crop.sh * 0.03 },
    { x: crop.sx, y: crop.sy, width: side, height: depth },
    { x: crop.sx + crop.sw - side, y: crop.sy, width: side, height: depth },
  ];
}

export function measureBackground(frame: PixelFrame, crop: CropRect, head: FaceBox | null): BackgroundMetrics {
  const s: RegionStats = regionStats(frame, backgroundRegions(crop), head ? [head] : []);
  return { pixels: s.pixels, meanLuma: s.meanLuma, stdLuma: s.stdLuma, meanChroma: s.meanChroma };
}

export function backgroundGuidance(m: BackgroundMetrics, rule: BackgroundRule): GuidanceCode[] {
  if (m.pixels < MIN_BACKGROUND_PIXELS) return [];
  const guidance: GuidanceCode[] = [];
  if (m.meanLuma < BACKGROUND.minMeanLuma || m.meanChroma > BACKGROUND.maxChroma[rule]) guidance.push('background-not-light');
  if (m.stdLuma > BACKGROUND.maxStdLuma) guidance.push('background-not-plain');
  return guidance;
}
