import { z } from 'zod';
import { Sha256Hex } from '../../drivers/schemas';

/**
 * Schemas of shared/platform-api.md, version 1. The platform is not ours: these follow the
 * document exactly, and every response is parsed with them before anything trusts it.
 */

export const ServiceCode = z.enum([
  'id.renewal',
  'id.damaged',
  'id.lost',
  'ee.endorsement.hkmo',
  'ee.endorsement.tw',
  'ee.application',
  'dl.renewal',
  'dl.replacement',
  'case.status',
  'dl.violations',
]);
export type ServiceCode = z.infer<typeof ServiceCode>;

/** Services that need a live connection and are never sent as transactions (§5). */
export const ONLINE_ONLY_SERVICES: ReadonlySet<ServiceCode> = new Set(['case.status', 'dl.violations']);

export const Rfc3339 = z.string().datetime({ offset: true });

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string().optional(), field: z.string().optional() }).passthrough(),
});

export const AttachmentRef = z.object({
  sha256: Sha256Hex,
  role: z.string().min(1).max(40),
  contentType: z.enum(['image/jpeg', 'image/png']),
  size: z.number().int().positive(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const Applicant = z.object({
  idNumber: z.string().regex(/^[0-9A-Z]{15,18}$/),
  name: z.string().min(1).max(100).optional(),
  phone: z.string().max(30).optional(),
});
export type Applicant = z.infer<typeof Applicant>;

/** One item of POST /transactions/batch (§5), exactly as first sent; never regenerated. */
export const TransactionItem = z.object({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a ULID'),
  terminalId: z.string().min(1),
  seq: z.number().int().positive(),
  service: ServiceCode,
  // §5: createdAt is UTC ("Z"); an offset would be refused by the platform.
  createdAt: z.iso.datetime(),
  clockOffsetMs: z.number().int().optional(),
  applicant: Applicant,
  data: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(AttachmentRef),
  preApplicationId: z.string().optional(),
});
export type TransactionItem = z.infer<typeof TransactionItem>;

export const BatchItemResult = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('accepted'), caseNumber: z.string(), receivedAt: Rfc3339 }),
  z.object({ id: z.string(), status: z.literal('duplicate'), caseNumber: z.string(), receivedAt: Rfc3339 }),
  z.object({
    id: z.string(),
    status: z.literal('rejected'),
    error: z.object({ code: z.string(), message: z.string().optional(), field: z.string().optional() }),
  }),
  z.object({
    id: z.string(),
    status: z.literal('retry'),
    error: z.object({ code: z.string(), sha256: Sha256Hex.optional(), message: z.string().optional() }),
  }),
]);
export type BatchItemResult = z.infer<typeof BatchItemResult>;

export const BatchResponse = z.object({ results: z.array(BatchItemResult) });

export const EnrolResponse = z.object({
  terminalToken: z.string().min(1),
  platformKey: z.object({ alg: z.literal('Ed25519'), publicKey: z.string().min(1) }),
  serverTime: Rfc3339,
});

export const HealthResponse = z.object({ serverTime: Rfc3339, minAppVersion: z.string().optional() });

const Localised = z.record(z.string(), z.string());

export const ReferenceItem = z.object({
  kind: z.string(),
  key: z.string(),
  value: z.record(z.string(), z.unknown()).optional(),
  deleted: z.boolean().optional(),
});
export type ReferenceItem = z.infer<typeof ReferenceItem>;

export const ReferencePage = z.object({ cursor: z.string(), complete: z.boolean(), items: z.array(ReferenceItem) });
export type ReferencePage = z.infer<typeof ReferencePage>;

export const ServiceReference = z.object({
  title: Localised,
  enabled: z.boolean(),
  feeCny: z.number().nonnegative().optional(),
  statutoryDays: z.number().int().nonnegative().optional(),
  online: z.boolean().optional(),
});
export type ServiceReference = z.infer<typeof ServiceReference>;

export const CaseStatus = z.object({
  caseNumber: z.string(),
  status: z.enum(['received', 'in-review', 'approved', 'ready-for-pickup', 'mailed', 'rejected']),
  updatedAt: Rfc3339,
  note: z.string().optional(),
  service: z.string().optional(),
});
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Pre-application QR payload (§7a), after the signature has been verified. */
export const PreApplication = z.object({
  id: z.string().min(1),
  service: ServiceCode,
  applicant: z.object({ idNumber: z.string(), name: z.string().optional() }),
  data: z.record(z.string(), z.unknown()).optional(),
  expiresAt: Rfc3339,
});
export type PreApplication = z.infer<typeof PreApplication>;
