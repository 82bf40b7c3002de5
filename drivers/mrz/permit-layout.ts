import type { MrzDocumentKind } from './types';

/**
 * The one-line, 30-character MRZ printed on the card-type exit-entry permits (domain-notes
 * §3.3 `CS`, §3.4 `CD`). MEDIUM CONFIDENCE: the layout comes from a single open-source parser
 * (`YUFOHON/PassportReader@26dfe77:…/mrz/EepMrzParser.java`), the `CD` layout is assumed
 * identical to `CS` (§3.4, "not independently confirmed"). It is kept here as data so a
 * correction against a specimen card is a one-line change; the parser has no positions of its own.
 *
 * Ranges are 0-based, end-exclusive ([start, end)). Positions in §3.3 are 1-based.
 */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface PermitLayout {
  readonly document: Extract<MrzDocumentKind, 'hkmo-permit' | 'tw-permit'>;
  readonly documentCode: string;
  readonly length: number;
  readonly documentNumber: Range;
  readonly documentNumberCheck: number;
  readonly expiry: Range;
  readonly expiryCheck: number;
  readonly birth: Range;
  readonly birthCheck: number;
  readonly compositeCheck: number;
  /** ranges concatenated for the composite check digit */
  readonly composite: readonly Range[];
  /** positions that must hold the filler `<` */
  readonly fillers: readonly number[];
  /** card-number format when it is known (undefined: only the charset is checked) */
  readonly numberPattern?: RegExp;
}

const CS_LAYOUT: PermitLayout = {
  document: 'hkmo-permit',
  documentCode: 'CS',
  length: 30,
  documentNumber: { start: 2, end: 11 }, // §3.3 pos 3–11
  documentNumberCheck: 11, // pos 12
  expiry: { start: 13, end: 19 }, // pos 14–19
  expiryCheck: 19, // pos 20
  birth: { start: 21, end: 27 }, // pos 22–27
  birthCheck: 27, // pos 28
  compositeCheck: 29, // pos 30
  composite: [
    { start: 2, end: 12 }, // pos 3–12
    { start: 13, end: 20 }, // pos 14–20
    { start: 21, end: 28 }, // pos 22–28
  ],
  fillers: [12, 20, 28], // pos 13, 21, 29
  // `C` + 8 digits; since 2018 `C` + a letter other than I/O + 7 digits (§3.3, NIA notice)
  numberPattern: /^C(?:\d{8}|[A-HJ-NP-Z]\d{7})$/,
};

// §3.4: same family as CS; the card-number format of the Taiwan permit is not confirmed.
const CD_LAYOUT: PermitLayout = { ...CS_LAYOUT, document: 'tw-permit', documentCode: 'CD', numberPattern: undefined };

export const PERMIT_LAYOUTS: readonly PermitLayout[] = [CS_LAYOUT, CD_LAYOUT];

export const permitLayoutFor = (line: string): PermitLayout | undefined => PERMIT_LAYOUTS.find((l) => line.startsWith(l.documentCode));
