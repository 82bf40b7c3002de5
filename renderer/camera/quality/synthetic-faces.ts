import type { CropRect } from '../crop';
import type { DetectedFace, FaceBox, PixelFrame } from './face-detector';

/**
 * Synthetic frames and faces for the tests of the pure checks: a face described where it lands in
 * the finished photo (fractions of the crop) turned into the frame-pixel detection a model would
 * report, and flat RGBA frames to paint rectangles on.
 */
export interface FacePlacement {
  readonly centreX: number;
  readonly faceWidth: number;
  readonly eyeLine: number;
  readonly chin: number;
  /** eye-line tilt in degrees */
  readonly roll?: number;
  readonly score?: number;
}

export function faceAt(p: FacePlacement, crop: CropRect, withLandmarks = true): DetectedFace {
  const px = (fx: number) => crop.sx + fx * crop.sw;
  const py = (fy: number) => crop.sy + fy * crop.sh;
  const width = p.faceWidth * crop.sw;
  const eyeY = py(p.eyeLine);
  const chinY = py(p.chin);
  const half = (width * 0.3) / 2;
  const tilt = Math.tan(((p.roll ?? 0) * Math.PI) / 180) * half;
  const cx = px(p.centreX);
  const box: FaceBox = { x: cx - width / 2, y: eyeY - 0.3 * (chinY - eyeY) / 0.7, width, height: (chinY - eyeY) / 0.7 };
  const face: DetectedFace = { box, score: p.score ?? 0.9 };
  if (!withLandmarks) return face;
  return {
    ...face,
    landmarks: {
      leftEye: { x: cx - half, y: eyeY - tilt },
      rightEye: { x: cx + half, y: eyeY + tilt },
      chin: { x: cx, y: chinY },
      jawLeft: { x: cx - width / 2, y: eyeY },
      jawRight: { x: cx + width / 2, y: eyeY },
    },
  };
}

export type Rgb = readonly [number, number, number];

export function solidFrame(width: number, height: number, rgb: Rgb): PixelFrame & { data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
    data[i + 3] = 255;
  }
  return { width, height, data };
}

export function paint(frame: PixelFrame, r: FaceBox, rgb: Rgb | ((x: number, y: number) => Rgb)): void {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(frame.width, Math.ceil(r.x + r.width));
  const y1 = Math.min(frame.height, Math.ceil(r.y + r.height));
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const c = typeof rgb === 'function' ? rgb(x, y) : rgb;
      const i = (y * frame.width + x) * 4;
      frame.data[i] = c[0];
      frame.data[i + 1] = c[1];
      frame.data[i + 2] = c[2];
    }
  }
}
