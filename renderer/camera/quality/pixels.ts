import type { FaceBox, PixelFrame } from './face-detector';

/** Anything with a 2D context to read pixels from: HTMLCanvasElement, OffscreenCanvas. */
export interface CanvasLike {
  readonly width: number;
  readonly height: number;
  getContext(type: '2d'): { getImageData(sx: number, sy: number, sw: number, sh: number): PixelFrame } | null;
}

export type FrameInput = PixelFrame | CanvasLike;

export function toPixelFrame(input: FrameInput): PixelFrame {
  if ('data' in input) return input;
  const context = input.getContext('2d');
  if (context === null) throw new Error('no 2d context to read the frame from');
  return context.getImageData(0, 0, input.width, input.height);
}

/** Rec. 601 luma, the weighting JPEG's own Y channel uses. */
export function lumaAt(frame: PixelFrame, x: number, y: number): number {
  const i = (y * frame.width + x) * 4;
  const d = frame.data;
  return 0.299 * (d[i] ?? 0) + 0.587 * (d[i + 1] ?? 0) + 0.114 * (d[i + 2] ?? 0);
}

function chromaAt(frame: PixelFrame, x: number, y: number): number {
  const i = (y * frame.width + x) * 4;
  const d = frame.data;
  const r = d[i] ?? 0;
  const g = d[i + 1] ?? 0;
  const b = d[i + 2] ?? 0;
  return Math.max(r, g, b) - Math.min(r, g, b);
}

export interface RegionStats {
  readonly pixels: number;
  readonly meanLuma: number;
  readonly stdLuma: number;
  /** mean of max(R,G,B) − min(R,G,B): 0 for greys and white, large for saturated colour */
  readonly meanChroma: number;
  /** share of pixels at or above 250 luma (blown out) */
  readonly clipped: number;
}

const EMPTY: RegionStats = { pixels: 0, meanLuma: 0, stdLuma: 0, meanChroma: 0, clipped: 0 };

/**
 * Statistics over the union of `include` rectangles minus the `exclude` ones, every rectangle in
 * frame pixels and clamped to the frame. A pixel counts once even where rectangles overlap.
 * A stride keeps a 1280 × 720 frame cheap enough to assess on every preview tick.
 */
export function regionStats(frame: PixelFrame, include: readonly FaceBox[], exclude: readonly FaceBox[] = [], stride = 2): RegionStats {
  const inside = (r: FaceBox, x: number, y: number) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
  if (include.length === 0) return EMPTY;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let chroma = 0;
  let clipped = 0;
  const x0 = Math.max(0, Math.floor(Math.min(...include.map((r) => r.x))));
  const y0 = Math.max(0, Math.floor(Math.min(...include.map((r) => r.y))));
  const x1 = Math.min(frame.width, Math.ceil(Math.max(...include.map((r) => r.x + r.width))));
  const y1 = Math.min(frame.height, Math.ceil(Math.max(...include.map((r) => r.y + r.height))));
  for (let y = y0; y < y1; y += stride) {
    for (let x = x0; x < x1; x += stride) {
      if (!include.some((r) => inside(r, x, y)) || exclude.some((r) => inside(r, x, y))) continue;
      const l = lumaAt(frame, x, y);
      n += 1;
      sum += l;
      sumSq += l * l;
      chroma += chromaAt(frame, x, y);
      if (l >= 250) clipped += 1;
    }
  }
  if (n === 0) return EMPTY;
  const mean = sum / n;
  return { pixels: n, meanLuma: mean, stdLuma: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), meanChroma: chroma / n, clipped: clipped / n };
}
