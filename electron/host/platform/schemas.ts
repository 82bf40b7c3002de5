import { z } from 'zod';
import { QueueStats } from '../../api/contract';
import { CaseStatus, Rfc3339 } from '../../api/platform-schemas';

/**
 * Schemas of platform-api.md that electron/api/platform-schemas.ts does not carry yet (§6, §7).
 * Candidates to move there; kept here so the client parses every response it receives.
 */

export const CaseLookupResponse = z.object({ items: z.array(CaseStatus) });

export const Violation = z.object({
  id: z.string().min(1),
  occurredAt: Rfc3339,
  place: z.string(),
  description: z.string(),
  points: z.number().int().nonnegative(),
  fineCny: z.number().nonnegative(),
  status: z.enum(['unprocessed', 'processed']),
});
export type Violation = z.infer<typeof Violation>;

export const ViolationsResponse = z.object({ items: z.array(Violation) });

export const AcknowledgeResponse = z.object({ status: z.literal('processed'), paymentCode: z.string().min(1) });
export type AcknowledgeResponse = z.infer<typeof AcknowledgeResponse>;

/** §7: exactly these fields, strict, so nothing else (least of all personal data) rides along. */
export const HeartbeatBody = z
  .object({
    appVersion: z.string().min(1),
    uptimeSec: z.number().int().nonnegative(),
    queue: QueueStats.strict(),
    devices: z.array(z.object({ kind: z.string(), adapter: z.string(), state: z.string() }).strict()),
  })
  .strict();
export type HeartbeatBody = z.infer<typeof HeartbeatBody>;

/** The raw 32-byte Ed25519 key, base64 (§1). */
export const PlatformPublicKeyB64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/)
  .refine((s) => Buffer.from(s, 'base64').byteLength === 32, 'expected a 32-byte key');
