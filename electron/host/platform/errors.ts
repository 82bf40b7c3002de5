import type { CodedError } from '../../../drivers/result';

/**
 * Whole-request outcomes (platform-api.md "General rules") as codes the sync engine switches on.
 * - `network`, `server-error`: retry with backoff; the request may have been applied.
 * - `network-down`: the dev network gate is closed; treat like `network` (nothing was sent).
 * - `rate-limited`: 429/503; wait at least `retryAfterMs` when present.
 * - `unauthorized`: 401; the enrolment is now revoked, stop syncing until re-enrolment.
 * - `bad-request`: 400, a kiosk bug; never resend the same bytes in a loop.
 * - `too-large`: 413; halve the batch, or dead-letter the transaction of an attachment.
 * - `digest-mismatch` (422), `unsupported-media-type` (415), `not-found` (404),
 *   `enrolment-code-invalid` (403 on /enrol).
 * - `invalid-response`: a status the interface does not define, or a body that fails its schema
 *   or its size bound; the request may have been applied.
 * - `not-enrolled`: no live credentials (never enrolled, or revoked); nothing was sent.
 */
export const PLATFORM_ERROR_CODES = [
  'network',
  'network-down',
  'server-error',
  'rate-limited',
  'unauthorized',
  'bad-request',
  'too-large',
  'digest-mismatch',
  'unsupported-media-type',
  'not-found',
  'enrolment-code-invalid',
  'invalid-response',
  'not-enrolled',
] as const;

export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[number];
export type PlatformError = CodedError<PlatformErrorCode>;

export function platformError(code: PlatformErrorCode, message: string, retryAfterMs?: number): { ok: false; error: PlatformError } {
  return { ok: false, error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs } };
}

/** The interface says any failed request may have been applied; say so where it is true. */
export const MAY_HAVE_BEEN_APPLIED = 'the request may have been applied';
