import { z } from 'zod';
import { IsoDate } from '../schemas';

/**
 * The parsed MRZ as `kioskctl mrz parse --json` prints it (shared/kioskctl.md) and as the
 * document reader hands it to the host. `valid` means well formed and every check digit holds;
 * `errors` lists what does not, as kebab-case codes (MrzErrorCode). Expiry is `expired`, never
 * an error. A date that is not a calendar date is `null` (and its code is in `errors`).
 */
export const MrzDocumentKind = z.enum(['passport', 'hkmo-permit', 'tw-permit']);
export type MrzDocumentKind = z.infer<typeof MrzDocumentKind>;

export const MRZ_ERROR_CODES = [
  'line-count',
  'length',
  'charset',
  'document-code',
  'issuing-state',
  'nationality',
  'name',
  'document-number',
  'birth-date',
  'expiry-date',
  'sex',
  'filler',
  'personal-number',
  'check-digit-document-number',
  'check-digit-birth-date',
  'check-digit-expiry-date',
  'check-digit-personal-number',
  'check-digit-composite',
] as const;
export const MrzErrorCode = z.enum(MRZ_ERROR_CODES);
export type MrzErrorCode = z.infer<typeof MrzErrorCode>;

export const MrzDocument = z.object({
  document: MrzDocumentKind,
  documentNumber: z.string(),
  birthDate: IsoDate.nullable(),
  expiryDate: IsoDate.nullable(),
  expired: z.boolean(),
  sex: z.enum(['male', 'female', 'unspecified']).optional(),
  surname: z.string().optional(),
  givenNames: z.string().optional(),
  nameZh: z.string().optional(),
  nationality: z.string().optional(),
  valid: z.boolean(),
  errors: z.array(MrzErrorCode),
});
export type MrzDocument = z.infer<typeof MrzDocument>;

/** Options shared by the parsers: "today" is injected so century rules and `expired` are testable. */
export interface MrzParseOptions {
  /** today's calendar date, `YYYY-MM-DD` (local date of the kiosk) */
  readonly today: string;
}

/** Characters allowed in an MRZ (ICAO 9303 Part 3: upper-case Latin letters, digits, filler `<`). */
export const MRZ_CHARSET = /^[0-9A-Z<]*$/;
