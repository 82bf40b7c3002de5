import { z } from 'zod';
import { Sha256Hex } from '../../../drivers/schemas';
import { Masked } from '../../api/contract';
import { Rfc3339, ServiceCode } from '../../api/platform-schemas';
import { SealedBlobOnDisk } from './blob-codec';

/**
 * What the journal holds, as JSON: exactly what the one-file-per-record layout held (sealed
 * blobs, masked values, metadata), nothing in clear. The same shapes are read from that old
 * layout when it is migrated.
 */

export const TransactionFile = z.object({
  v: z.literal(1),
  transaction: z.object({
    id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    seq: z.number().int().positive(),
    service: ServiceCode,
    createdAt: Rfc3339,
    masked: Masked,
    sealed: SealedBlobOnDisk,
  }),
  attachments: z.array(Sha256Hex).max(10),
});
export type TransactionFile = z.infer<typeof TransactionFile>;

const attachmentMeta = {
  v: z.literal(1),
  sha256: Sha256Hex,
  size: z.number().int().positive(),
  contentType: z.enum(['image/jpeg', 'image/png']),
  sealedAt: z.number().int().nonnegative(),
};
export const AttachmentFile = z.object({ ...attachmentMeta, sealed: SealedBlobOnDisk });
export type AttachmentFile = z.infer<typeof AttachmentFile>;

/**
 * Accepted transactions, and attachments dropped with them, in one record. Written without an
 * fsync of its own: losing one only brings entries back, and resending them yields `duplicate`.
 */
const Forget = z.object({ k: z.literal('forget'), tx: z.array(z.string().min(1).max(64)), att: z.array(Sha256Hex) });
export type ForgetRecord = z.infer<typeof Forget>;

/**
 * Replay keeps every pending transaction in memory but only the place of each attachment: its
 * sealed bytes (up to 2 MiB each) are read back, and checked in full, when they are asked for.
 */
const LogRecord = z.discriminatedUnion('k', [
  TransactionFile.extend({ k: z.literal('tx') }),
  z.object({ ...attachmentMeta, k: z.literal('att'), sealed: z.unknown() }),
  Forget,
]);
export type LogRecord = z.infer<typeof LogRecord>;
export type AttachmentMeta = Omit<AttachmentFile, 'sealed'>;

export const encodeTransaction = (file: TransactionFile): Buffer => Buffer.from(JSON.stringify({ k: 'tx', ...file }), 'utf8');
export const encodeAttachment = (file: AttachmentFile): Buffer => Buffer.from(JSON.stringify({ k: 'att', ...file }), 'utf8');
export const encodeForget = (record: Omit<ForgetRecord, 'k'>): Buffer => Buffer.from(JSON.stringify({ k: 'forget', ...record }), 'utf8');

/** null when a whole frame (its CRC checked) still does not hold a record this version knows */
export function decodeRecord(payload: Uint8Array): LogRecord | null {
  return parseJson(LogRecord, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
}

export function decodeAttachment(payload: Uint8Array): AttachmentFile | null {
  const parsed = parseJson(AttachmentFile.extend({ k: z.literal('att') }), Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  if (!parsed) return null;
  const { k: _k, ...file } = parsed;
  return file;
}

export function parseJson<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
