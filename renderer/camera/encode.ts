import type { PhotoSpec } from './photo-spec';

export interface Encoded {
  readonly blob: Blob;
  readonly quality: number;
}

/** canvas.toBlob('image/jpeg', quality) or an equivalent; null when the browser could not encode */
export type JpegEncoder = (quality: number) => Promise<Blob | null>;

const LOWER = [0.6, 0.5, 0.4, 0.3, 0.2];
const HIGHER = [0.8, 0.85, 0.9, 0.95];

/**
 * Encode at the spec's quality, then step the quality to land in the spec's size band when the
 * picture allows it. Above the band is worse than below it (the platform and the card bureau
 * limit size), so when no step lands inside, the largest result that is not too big wins.
 */
export async function encodeNearBand(encode: JpegEncoder, spec: Pick<PhotoSpec, 'quality' | 'minBytes' | 'maxBytes'>): Promise<Encoded | null> {
  const first = await encode(spec.quality);
  if (first === null) return null;
  const fits = (b: Blob) => b.size >= spec.minBytes && b.size <= spec.maxBytes;
  if (fits(first)) return { blob: first, quality: spec.quality };

  if (first.size > spec.maxBytes) {
    let smallest: Encoded = { blob: first, quality: spec.quality };
    for (const quality of LOWER) {
      const blob = await encode(quality);
      if (blob === null) break;
      if (blob.size <= spec.maxBytes) return { blob, quality };
      if (blob.size < smallest.blob.size) smallest = { blob, quality };
    }
    return smallest;
  }

  let best: Encoded = { blob: first, quality: spec.quality };
  for (const quality of HIGHER) {
    const blob = await encode(quality);
    if (blob === null || blob.size > spec.maxBytes) break;
    best = { blob, quality };
    if (fits(blob)) break;
  }
  return best;
}
