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

/**
 * Driving licence archive photo (domain-notes §4.4, 档案用数字相片): 260 × 378 px at 300 dpi,
 * JPEG quality ≥ 70, 14–30 KB. Quality 0.75 starts inside the "≥ 70" rule with room to step down.
 */
export const DRIVING_LICENCE_PHOTO: PhotoSpec = { width: 260, height: 378, quality: 0.75, minBytes: 14_000, maxBytes: 30_000 };

/**
 * Exit-entry documents (domain-notes §4.4, 出入境证件相片照相指引): at least 354 × 472 px, width
 * 354–480 and height 472–640 at 3:4, JPEG 20–80 KB. The largest allowed size is taken so the
 * bureau's own resampling never has to enlarge the picture.
 */
export const EXIT_ENTRY_PHOTO: PhotoSpec = { width: 480, height: 640, quality: 0.8, minBytes: 20_000, maxBytes: 80_000 };
