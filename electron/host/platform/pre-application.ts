import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../../../drivers/result';
import { PreApplication } from '../../api/platform-schemas';

/**
 * Offline verification of pre-application QR codes (platform-api.md §7a):
 * `KPA1.<payload>.<signature>`, both base64url, the signature Ed25519 over the ASCII bytes
 * `KPA1.<payload>` with the platform key returned at enrolment. Nothing in the payload is
 * looked at before the signature checks out.
 */

export type PreApplicationErrorCode = 'pre-application-malformed' | 'pre-application-forged' | 'pre-application-expired' | 'platform-key-invalid';

/** A QR code holds under 3 KB in binary mode; anything longer was never one of ours. */
export const MAX_CODE_LENGTH = 8192;

const PREFIX = 'KPA1';
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4); the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function verifyPreApplication(code: string, platformPublicKeyB64: string, now: number): Result<PreApplication> {
  if (code.length > MAX_CODE_LENGTH) return err('pre-application-malformed', `the code is longer than ${MAX_CODE_LENGTH} characters; not a pre-application code`);
  const key = publicKeyOf(platformPublicKeyB64);
  if (!key) return err('platform-key-invalid', 'the enrolled platform key is not a 32-byte Ed25519 key');

  const parts = code.trim().split('.');
  const [prefix, payloadPart, signaturePart] = parts;
  if (parts.length !== 3 || prefix !== PREFIX || !payloadPart || !signaturePart) {
    return err('pre-application-malformed', 'not a pre-application code (expected KPA1.<payload>.<signature>)');
  }
  if (!BASE64URL.test(payloadPart) || !BASE64URL.test(signaturePart)) return err('pre-application-malformed', 'the code is not base64url');
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.byteLength !== 64) return err('pre-application-forged', 'the signature is not a 64-byte Ed25519 signature');

  const signed = Buffer.from(`${PREFIX}.${payloadPart}`, 'ascii');
  if (!verify(null, signed, key, signature)) return err('pre-application-forged', 'the signature does not match: altered or not issued by the platform');

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return err('pre-application-malformed', 'the signed payload is not JSON');
  }
  const payload = PreApplication.safeParse(json);
  if (!payload.success) return err('pre-application-malformed', 'the signed payload does not match the pre-application schema');
  if (Date.parse(payload.data.expiresAt) <= now) return err('pre-application-expired', 'the pre-application code has expired');
  return ok(payload.data);
}

function publicKeyOf(b64: string): KeyObject | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  const raw = Buffer.from(b64, 'base64');
  if (raw.byteLength !== 32) return null;
  try {
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}
