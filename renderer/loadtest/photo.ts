import { minPaddedSize, padJpeg } from './synthetic';

/**
 * Photos for synthetic applicants: a real JPEG drawn and encoded by the browser (the same
 * encoder the camera path uses), padded with comment segments to the exact size asked for.
 * Larger canvases first, so a photo looks like an ID photo whenever the size allows.
 */
const CANDIDATES = [
  { width: 358, height: 441, quality: 0.7 },
  { width: 179, height: 220, quality: 0.5 },
  { width: 48, height: 59, quality: 0.3 },
  { width: 16, height: 20, quality: 0.1 },
] as const;

export interface PhotoMaker {
  /** a distinct, valid JPEG of exactly `bytes` bytes, tagged with `tag` */
  photo(tag: string): Uint8Array<ArrayBuffer>;
  readonly baseBytes: number;
}

export async function createPhotoMaker(bytes: number, longestTag: string): Promise<PhotoMaker> {
  for (const c of CANDIDATES) {
    const base = await drawBase(c.width, c.height, c.quality);
    if (minPaddedSize(base, longestTag) <= bytes) return { photo: (tag) => padJpeg(base, bytes, tag), baseBytes: base.byteLength };
  }
  throw new Error(`photo-bytes ${bytes} is too small for a JPEG`);
}

async function drawBase(width: number, height: number, quality: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  // a plain light background and a head-and-shoulders silhouette, like a GA 461 ID photo
  g.fillStyle = '#f4f6f8';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#5b6773';
  g.beginPath();
  g.ellipse(width / 2, height * 0.4, width * 0.22, height * 0.22, 0, 0, Math.PI * 2);
  g.fill();
  g.beginPath();
  g.ellipse(width / 2, height * 1.05, width * 0.45, height * 0.38, 0, 0, Math.PI * 2);
  g.fill();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Uint8Array(await blob.arrayBuffer());
}
