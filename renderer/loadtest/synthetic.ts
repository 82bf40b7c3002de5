import { computeMod112CheckChar } from '../../drivers/id-number/check-digits';
import type { Applicant } from '../../electron/api/platform-schemas';

/**
 * Synthetic applicants for the load test and the benchmarks: fictional people whose ID numbers
 * pass every check a strict platform makes (real region codes, real birth dates, the GB 11643
 * MOD 11-2 check character), so a transaction is refused for what the test exercises, never
 * for a malformed number. Deterministic in `n`, so a run can be reproduced.
 */

/** County-level codes from GB/T 2260 (Changzhou, Beijing, Shanghai, Guangzhou districts). */
const REGIONS = ['320402', '320404', '320411', '110105', '110108', '310104', '440106'] as const;
const SURNAMES = ['测', '试', '样', '例', '演'] as const;
const GIVEN = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'] as const;

export function syntheticIdNumber(n: number): string {
  const i = Math.abs(Math.floor(n));
  const region = REGIONS[i % REGIONS.length] ?? '320402';
  // 1950-01-01 plus a day count that walks through ~60 years: every date exists
  const birth = new Date(Date.UTC(1950, 0, 1) + ((i * 7919) % 21_900) * 86_400_000);
  const ymd = `${birth.getUTCFullYear()}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  const order = String((Math.floor(i / REGIONS.length) % 999) + 1).padStart(3, '0');
  const body = `${region}${ymd}${order}`;
  return body + (computeMod112CheckChar(body) ?? '0');
}

export function syntheticApplicant(n: number): Applicant {
  const i = Math.abs(Math.floor(n));
  const name = `${SURNAMES[i % SURNAMES.length] ?? '测'}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] ?? '甲'}`;
  // 138 0000 xxxx: a mobile number shape in a block not given to subscribers
  return { idNumber: syntheticIdNumber(n), name, phone: `1380000${String(i % 10_000).padStart(4, '0')}` };
}

const COM = 0xfe;
const APP0 = 0xe0;
/** marker (2) + length (2) */
const SEGMENT_OVERHEAD = 4;
/** a segment's length field counts itself: at most 65535 − 2 payload bytes */
const MAX_PAYLOAD = 0xffff - 2;

/** The smallest photo `padJpeg` can make from `base` with this tag. */
export function minPaddedSize(base: Uint8Array, tag: string): number {
  return base.byteLength + SEGMENT_OVERHEAD + new TextEncoder().encode(tag).byteLength;
}

/**
 * A JPEG of exactly `targetBytes`: `base` (a real encoded image) with COM (comment, ITU T.81
 * B.2.4.5) segments inserted after the JFIF APP0 header, the first carrying `tag`. Comments
 * leave the image untouched for any decoder, and a distinct tag makes a distinct SHA-256, so
 * each transaction can have its own photo at any size a test asks for.
 */
export function padJpeg(base: Uint8Array, targetBytes: number, tag: string): Uint8Array<ArrayBuffer> {
  if (base[0] !== 0xff || base[1] !== 0xd8) throw new Error('base is not a JPEG (no SOI)');
  const tagBytes = new TextEncoder().encode(tag);
  const extra = targetBytes - base.byteLength;
  if (extra < SEGMENT_OVERHEAD + tagBytes.byteLength) throw new Error(`a photo needs at least ${minPaddedSize(base, tag)} bytes`);
  const insertAt = afterApp0(base);
  // split the extra bytes over as few segments as possible, evenly, so none is under 4 bytes
  const segments = Math.ceil(extra / (MAX_PAYLOAD + SEGMENT_OVERHEAD));
  const out = new Uint8Array(targetBytes);
  out.set(base.subarray(0, insertAt), 0);
  let at = insertAt;
  let left = extra;
  for (let s = 0; s < segments; s += 1) {
    const total = s === segments - 1 ? left : Math.ceil(left / (segments - s));
    const payload = total - SEGMENT_OVERHEAD;
    out[at] = 0xff;
    out[at + 1] = COM;
    out[at + 2] = ((payload + 2) >> 8) & 0xff;
    out[at + 3] = (payload + 2) & 0xff;
    const body = out.subarray(at + SEGMENT_OVERHEAD, at + total);
    body.fill(0x20);
    if (s === 0) body.set(tagBytes, 0);
    at += total;
    left -= total;
  }
  out.set(base.subarray(insertAt), at);
  return out;
}

/** Offset just after SOI and, when present, the APP0 segment that JFIF requires to come first. */
function afterApp0(jpeg: Uint8Array): number {
  if (jpeg[2] === 0xff && jpeg[3] === APP0) {
    const length = ((jpeg[4] ?? 0) << 8) | (jpeg[5] ?? 0);
    return 4 + length;
  }
  return 2;
}
