import { z } from 'zod';

/** `YYYY-MM-DD`, a calendar date with no time zone (card and MRZ dates). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Lower-case hex SHA-256, as the platform addresses attachments. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected lower-case hex SHA-256');
