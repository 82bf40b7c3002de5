import { DRIVING_LICENCE_PHOTO, EXIT_ENTRY_PHOTO, type PhotoSpec, RESIDENT_ID_PHOTO } from '../photo-spec';

/** A closed range, as fractions of the finished photo's width or height. */
export interface Band {
  readonly min: number;
  readonly max: number;
}

/**
 * Where the head must sit in the finished photo, as fractions of its width (x, widths) or height
 * (y, from the top edge). Every field is optional because each standard states different things
 * (domain-notes §4.4): resident ID gives face width, head top and an eye-line limit; driving licence
 * gives head width, head length and head top; exit-entry gives head width and height, crown and chin.
 */
export interface HeadGeometry {
  /** face (cheek-to-cheek) width */
  readonly faceWidth: Band;
  /** crown-to-chin length */
  readonly headHeight?: Band;
  /** top of the head from the top edge */
  readonly headTop?: Band;
  /** the eye line may be no lower than this */
  readonly eyeLineMax?: number;
  /** the chin may be no lower than this */
  readonly chinMax?: number;
}

export type PhotoKind = 'resident-id' | 'driving-licence' | 'exit-entry';

/** What the background may look like; exit-entry also accepts light grey and light blue. */
export type BackgroundRule = 'white' | 'light';

/** A photo spec (pixel size and JPEG band) with the head geometry and background it requires. */
export interface PhotoQualitySpec extends PhotoSpec {
  readonly kind: PhotoKind;
  readonly head: HeadGeometry;
  readonly background: BackgroundRule;
}

const band = (min: number, max: number, of: number): Band => ({ min: min / of, max: max / of });

/**
 * Resident ID, GA 461-2004 (domain-notes §4.4): face width 207 ± 14 px of 358; the head top 7–21 px
 * below the top edge of 441 (the notes say "hairline"; with no border above the hair it is the top of
 * the head that touches that band); eyes at least 207 px above the bottom edge; white background.
 */
export const RESIDENT_ID_QUALITY: PhotoQualitySpec = {
  ...RESIDENT_ID_PHOTO,
  kind: 'resident-id',
  head: {
    faceWidth: band(207 - 14, 207 + 14, 358),
    headTop: band(7, 21, 441),
    eyeLineMax: (441 - 207) / 441,
  },
  background: 'white',
};

/**
 * Driving licence archive photo (domain-notes §4.4): head width 165–189 px of 260, head length
 * 224–260 px of 378, hairline (head top) 10–20 px from the top; white background.
 */
export const DRIVING_LICENCE_QUALITY: PhotoQualitySpec = {
  ...DRIVING_LICENCE_PHOTO,
  kind: 'driving-licence',
  head: {
    faceWidth: band(165, 189, 260),
    headHeight: band(224, 260, 378),
    headTop: band(10, 20, 378),
  },
  background: 'white',
};

/**
 * Exit-entry documents (domain-notes §4.4, ICAO 9303 based) on the 33 × 48 mm photo: head width
 * 15–22 mm, head height 28–33 mm, crown 3–5 mm from the top, chin at least 7 mm above the bottom;
 * white, light grey or light blue background.
 */
export const EXIT_ENTRY_QUALITY: PhotoQualitySpec = {
  ...EXIT_ENTRY_PHOTO,
  kind: 'exit-entry',
  head: {
    faceWidth: band(15, 22, 33),
    headHeight: band(28, 33, 48),
    headTop: band(3, 5, 48),
    chinMax: (48 - 7) / 48,
  },
  background: 'light',
};

export const PHOTO_QUALITY_SPECS: Readonly<Record<PhotoKind, PhotoQualitySpec>> = {
  'resident-id': RESIDENT_ID_QUALITY,
  'driving-licence': DRIVING_LICENCE_QUALITY,
  'exit-entry': EXIT_ENTRY_QUALITY,
};
