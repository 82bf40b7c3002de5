import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../result';
import { nationName } from './nations';
import { IdCardRecord, type CardType, type Sex } from './types';

/**
 * Parses the 256-byte UCS-2LE text block of the four card types (domain-notes §1.7 a–d). The
 * card type flag is the character at byte offset 248: 'J', 'I', 'Y', anything else = resident.
 * Layout offsets live in one table per type so a correction (§1.7d is medium confidence) is one
 * line.
 */
type Field = readonly [offset: number, length: number];

export const LAYOUTS = {
  resident: { name: [0, 30], sex: [30, 2], nation: [32, 4], birth: [36, 16], address: [52, 70], idNumber: [122, 36], authority: [158, 30], validFrom: [188, 16], validTo: [204, 16] },
  'hmt-residence': { name: [0, 30], sex: [30, 2], birth: [36, 16], address: [52, 70], idNumber: [122, 36], authority: [158, 30], validFrom: [188, 16], validTo: [204, 16], passNumber: [220, 18], issueCount: [238, 4] },
  'foreigner-2017': { nameEn: [0, 120], sex: [120, 2], idNumber: [122, 30], nationality: [152, 6], name: [158, 30], validFrom: [188, 16], validTo: [204, 16], birth: [220, 16] },
  'foreigner-2023': { name: [0, 30], sex: [30, 2], renewalCount: [32, 4], birth: [36, 16], nameEn1: [52, 70], idNumber: [122, 36], validFrom: [188, 16], validTo: [204, 16], nameEn2: [220, 22], nationality: [242, 6] },
} as const satisfies Record<CardType, Record<string, Field>>;

export const TYPE_FLAG_OFFSET = 248;

const SEX: Readonly<Record<string, Sex>> = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' };

export function cardTypeOf(text: Uint8Array): CardType {
  switch (field(text, [TYPE_FLAG_OFFSET, 2])) {
    case 'J':
      return 'hmt-residence';
    case 'I':
      return 'foreigner-2017';
    case 'Y':
      return 'foreigner-2023';
    default:
      return 'resident';
  }
}

export interface ParseInput {
  readonly text: Uint8Array;
  readonly wlt: Uint8Array;
  /** 70 bytes UCS-2LE from 30 03, when the card has an appended address */
  readonly appendedAddress?: Uint8Array;
}

/** Returns `read-failed` (malformed data from the card) rather than a half-filled record. */
export function parseCardText(input: ParseInput): Result<IdCardRecord> {
  if (input.text.length !== 256) return err('read-failed', `text block has ${input.text.length} bytes, expected 256`);
  const cardType = cardTypeOf(input.text);
  const t = input.text;
  const problems: string[] = [];
  const date = (f: Field, what: string): string => {
    const v = field(t, f);
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    if (!m) problems.push(`${what} is not YYYYMMDD`);
    return m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  };
  const validTo = (f: Field): string => (field(t, f) === '长期' ? 'long-term' : date(f, 'valid-to'));
  const sex = (f: Field): Sex => {
    const s = SEX[field(t, f)];
    if (!s) problems.push('sex code is not 0, 1, 2 or 9');
    return s ?? 'unknown';
  };
  const int = (f: Field, what: string): number => {
    const v = field(t, f);
    if (!/^\d+$/.test(v)) problems.push(`${what} is not a number`);
    return Number(v);
  };
  const photo = { format: 'wlt' as const, size: input.wlt.length, sha256: createHash('sha256').update(input.wlt).digest('hex') };
  const appended = input.appendedAddress ? decodeUcs2(input.appendedAddress) : '';
  const appendedAddress = appended ? { appendedAddress: appended } : {};

  let candidate: Record<string, unknown>;
  switch (cardType) {
    case 'resident': {
      const L = LAYOUTS.resident;
      const code = field(t, L.nation);
      const name = nationName(code);
      if (!name) problems.push('nation code is not in GB 3304');
      candidate = { cardType, name: field(t, L.name), sex: sex(L.sex), nation: { code, name: name ?? '' }, birthDate: date(L.birth, 'birth date'), address: field(t, L.address), ...appendedAddress, idNumber: field(t, L.idNumber), authority: field(t, L.authority), validFrom: date(L.validFrom, 'valid-from'), validTo: validTo(L.validTo), photo };
      break;
    }
    case 'hmt-residence': {
      const L = LAYOUTS['hmt-residence'];
      candidate = { cardType, name: field(t, L.name), sex: sex(L.sex), birthDate: date(L.birth, 'birth date'), address: field(t, L.address), ...appendedAddress, idNumber: field(t, L.idNumber), authority: field(t, L.authority), validFrom: date(L.validFrom, 'valid-from'), validTo: validTo(L.validTo), passNumber: field(t, L.passNumber), issueCount: int(L.issueCount, 'issue count'), photo };
      break;
    }
    case 'foreigner-2017': {
      const L = LAYOUTS['foreigner-2017'];
      const nameEn = field(t, L.nameEn);
      candidate = { cardType, name: field(t, L.name) || nameEn, nameEn, sex: sex(L.sex), birthDate: date(L.birth, 'birth date'), idNumber: field(t, L.idNumber), validFrom: date(L.validFrom, 'valid-from'), validTo: validTo(L.validTo), nationality: field(t, L.nationality), photo };
      break;
    }
    case 'foreigner-2023': {
      const L = LAYOUTS['foreigner-2023'];
      // the English name runs on from chars 1–35 at offset 52 into chars 36–46 at offset 220 (§1.7d)
      const nameEn = (rawField(t, L.nameEn1) + rawField(t, L.nameEn2)).replace(/[\s\u0000]+$/u, '').trim();
      candidate = { cardType, name: field(t, L.name) || nameEn, nameEn, sex: sex(L.sex), birthDate: date(L.birth, 'birth date'), idNumber: field(t, L.idNumber), validFrom: date(L.validFrom, 'valid-from'), validTo: validTo(L.validTo), nationality: field(t, L.nationality), renewalCount: int(L.renewalCount, 'renewal count'), photo };
      break;
    }
  }
  if (problems.length > 0) return err('read-failed', `card data malformed: ${problems.join('; ')}`);
  const parsed = IdCardRecord.safeParse(candidate);
  if (!parsed.success) return err('read-failed', `card data malformed: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return ok(parsed.data);
}

const rawField = (text: Uint8Array, [offset, length]: Field): string => decodeUcs2(text.subarray(offset, offset + length), false);

/** A fixed-width UCS-2LE field, space/NUL padded (§1.7: trim trailing U+0020/U+0000). */
const field = (text: Uint8Array, f: Field): string => rawField(text, f).replace(/^[ \u0000]+|[ \u0000]+$/gu, '');

function decodeUcs2(bytes: Uint8Array, trim = true): string {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length - (bytes.length % 2)).toString('utf16le');
  return trim ? s.replace(/^[ \u0000]+|[ \u0000]+$/gu, '') : s;
}
