/**
 * Photo specifications as data (domain-notes §4.4). Resident ID, GA 461-2004: 358 × 441 px,
 * JPEG quality factor 70, typically 14–20 KB. Other document specs join here when their
 * services are built.
 */
export interface PhotoSpec {
  readonly width: number;
  readonly height: number;
  /** JPEG quality to start from (canvas scale 0–1) */
  readonly quality: number;
  readonly minBytes: number;
  readonly maxBytes: number;
}

export const RESIDENT_ID_PHOTO: PhotoSpec = { width: 358, height: 441, quality: 0.7, minBytes: 14_000, maxBytes: 20_000 };
