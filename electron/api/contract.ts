import { z } from 'zod';
import { DeviceStatus } from '../../drivers/device-status';
import { IdCardRecord } from '../../drivers/id-reader/types';
import { PrinterStatus, Receipt } from '../../drivers/printer/types';
import { Sha256Hex } from '../../drivers/schemas';
import { method } from './define';
import { CodedErrorSchema } from './wire';
import {
  Applicant,
  AttachmentRef,
  BatchItemResult,
  CaseStatus,
  PreApplication,
  ReferencePage,
  Rfc3339,
  ServiceCode,
} from './platform-schemas';

/**
 * The one definition of `window.kiosk` (DESIGN.md "One contract, two transports"). Add a
 * method here and give the host a handler; the preload bridge, the IPC handlers and the
 * WebSocket transport pick it up by themselves.
 */

const None = z.object({}).strict();
const Void = z.null();
const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a ULID');

/**
 * Personal data sealed by the host (AES-256-GCM, record id or digest bound as associated data).
 * The renderer stores it in IndexedDB and hands it back to the host to send; it cannot open it.
 */
export const SealedBlob = z.object({
  v: z.literal(1),
  /** id of the wrapping key, so a key rotation can tell which one to use */
  kid: z.string().min(1).max(64),
  /** the record's data key, wrapped (encrypted) by the host's master key */
  wrappedKey: z.instanceof(Uint8Array),
  iv: z.instanceof(Uint8Array),
  /** ciphertext followed by the 16-byte GCM tag */
  ciphertext: z.instanceof(Uint8Array),
});
export type SealedBlob = z.infer<typeof SealedBlob>;

/**
 * The card's photo as the licensed WLT decoder turned it into a BMP, or why there is none
 * (issue 3 item 1): the UI shows a placeholder for the latter, never a stand-in picture.
 */
export const CardPortrait = z.discriminatedUnion('status', [
  z.object({ status: z.literal('decoded'), bmp: z.instanceof(Uint8Array) }),
  z.object({ status: z.enum(['decoder-missing', 'decoder-failed']) }),
]);
export type CardPortrait = z.infer<typeof CardPortrait>;

/** `idReader.read`'s answer: kioskctl's record shape, plus the portrait for the screens only. */
export const CardRead = IdCardRecord.extend({ portrait: CardPortrait });
export type CardRead = z.infer<typeof CardRead>;

export const Masked = z.object({ name: z.string(), idNumber: z.string() });

export const AppInfo = z.object({
  mode: z.enum(['electron', 'browser']),
  /** browser mode runs in development mode: a plain-text keystore and the dev panel */
  devMode: z.boolean(),
  appVersion: z.string(),
  terminalId: z.string().nullable(),
  enrolled: z.boolean(),
  /** minutes of inactivity after which a citizen's session is wiped */
  idleTimeoutSec: z.number().int().positive(),
  printerProfile: z.string(),
  /** the configured camera's device label; null = the first camera the browser offers */
  cameraLabel: z.string().nullable(),
  /** sealed personal data of accepted transactions is destroyed this long after acceptance */
  retentionHours: z.number().positive(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SealTransactionInput = z.object({
  id: Ulid,
  service: ServiceCode,
  applicant: Applicant,
  data: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(AttachmentRef).max(10),
  preApplicationId: z.string().max(64).optional(),
});
export type SealTransactionInput = z.infer<typeof SealTransactionInput>;

export const SealedTransaction = z.object({
  id: Ulid,
  seq: z.number().int().positive(),
  service: ServiceCode,
  createdAt: Rfc3339,
  masked: Masked,
  sealed: SealedBlob,
});
export type SealedTransaction = z.infer<typeof SealedTransaction>;

/** 2 MiB: the platform's attachment limit (§4); larger photos are refused before sealing. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

export const SealedAttachment = z.object({
  sha256: Sha256Hex,
  size: z.number().int().positive(),
  contentType: z.enum(['image/jpeg', 'image/png']),
  sealed: SealedBlob,
});
export type SealedAttachment = z.infer<typeof SealedAttachment>;

/**
 * The host's backstop (issue 4): every sealed transaction stays in an fsync'd journal until the
 * platform accepted it, so the outbox can be rebuilt if IndexedDB is lost.
 */
export const JournalEntry = z.object({ transaction: SealedTransaction, attachments: z.array(SealedAttachment) });
export type JournalEntry = z.infer<typeof JournalEntry>;

export const JOURNAL_PAGE_MAX = 100;

/** Batches per `platform.sendBatches` call. */
export const MAX_BATCHES_PER_CALL = 16;

/** One batch of a `platform.sendBatches` call: the platform's per-item results, or the batch's whole-request error. */
export const BatchAnswer = z.union([
  z.object({ results: z.array(BatchItemResult) }).strict(),
  z.object({ error: CodedErrorSchema.strict() }).strict(),
]);
export type BatchAnswer = z.infer<typeof BatchAnswer>;
export type BatchError = Extract<BatchAnswer, { error: unknown }>['error'];

export const QueueStats = z.object({
  pending: z.number().int().nonnegative(),
  deadLetters: z.number().int().nonnegative(),
  oldestPendingAgeSec: z.number().int().nonnegative(),
});
export type QueueStats = z.infer<typeof QueueStats>;

export const PlatformHealth = z.object({
  online: z.boolean(),
  serverTime: Rfc3339.optional(),
  clockOffsetMs: z.number().int().optional(),
  minAppVersion: z.string().optional(),
});

/** as long as the longest code a scanner configuration allows (ScannerConfig.maxCodeLength) */
export const ScannedCode = z.object({ text: z.string().max(65_536), source: z.string() });
export type ScannedCode = z.infer<typeof ScannedCode>;

export const DevCard = z.object({ id: z.string(), label: z.string(), cardType: z.string() });
export const DevState = z.object({
  cardPresent: z.boolean(),
  card: z.string().nullable(),
  printerPaper: z.enum(['ok', 'near-end', 'out']),
  printerCoverOpen: z.boolean(),
  networkUp: z.boolean(),
});
export type DevState = z.infer<typeof DevState>;

/** A receipt as the printer simulator understood it: decoded text, QR payloads, cuts. */
export const PrintedReceipt = z.object({ text: z.string(), qrCodes: z.array(z.string()), cut: z.boolean(), bytes: z.number().int() });
export type PrintedReceipt = z.infer<typeof PrintedReceipt>;

export const kioskContract = {
  app: {
    info: method(None, AppInfo),
  },
  devices: {
    status: method(None, z.array(DeviceStatus)),
  },
  idReader: {
    /** waits up to timeoutMs for a card and reads it; `no-card` when none came */
    read: method(z.object({ timeoutMs: z.number().int().min(100).max(300_000) }).strict(), CardRead),
    /** abandons a pending read (the citizen pressed "back") */
    cancel: method(None, Void),
  },
  printer: {
    status: method(None, PrinterStatus),
    print: method(z.object({ receipt: Receipt }).strict(), z.object({ warnings: z.array(z.string()) })),
  },
  vault: {
    /** allocates seq, stamps createdAt and the clock offset, seals the exact item to send */
    sealTransaction: method(SealTransactionInput, SealedTransaction),
    sealAttachment: method(
      z.object({ bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_ATTACHMENT_BYTES, 'attachment must be 1 byte to 2 MiB'), contentType: z.enum(['image/jpeg', 'image/png']) }).strict(),
      SealedAttachment,
    ),
    /**
     * journal entries not yet accepted by the platform, for reconciling the outbox at start-up;
     * paged by seq, since thousands of queued photos do not fit one message
     */
    journal: method(
      z.object({ afterSeq: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(JOURNAL_PAGE_MAX).optional() }).strict(),
      z.object({ entries: z.array(JournalEntry), nextAfterSeq: z.number().int().nullable() }),
    ),
    /**
     * journal entries the outbox already holds as accepted: their deletion after the platform's
     * answer was lost to a crash. Forgotten, so their sealed data does not outlive retention.
     */
    forgetAccepted: method(z.object({ ids: z.array(Ulid).min(1).max(JOURNAL_PAGE_MAX) }).strict(), Void),
  },
  platform: {
    health: method(None, PlatformHealth),
    enrol: method(
      z.object({
        enrolmentCode: z.string().min(8).max(32),
        terminalId: z.string().min(1).max(64),
        site: z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(200) }),
      }).strict(),
      z.object({ terminalId: z.string() }),
    ),
    /** the host adds appVersion, uptime and device states; never personal data (§7) */
    heartbeat: method(z.object({ queue: QueueStats }).strict(), Void),
    uploadAttachment: method(
      z.object({ sha256: Sha256Hex, contentType: z.enum(['image/jpeg', 'image/png']), sealed: SealedBlob }).strict(),
      z.object({ stored: z.enum(['created', 'existing']) }),
    ),
    sendBatch: method(
      // `sealed` may be left out: the host then sends the item from its journal (where every
      // transaction waits until the platform accepts it), and answers `sealed-item-unavailable`
      // when it is not there, so the renderer sends the batch again with the sealed items
      z.object({ items: z.array(z.object({ id: Ulid, sealed: SealedBlob.optional() }).strict()).min(1).max(50) }).strict(),
      z.object({ results: z.array(BatchItemResult) }),
    ),
    /**
     * Several batches in one call, each sent by the host as a sendBatch call would send it (items
     * by id from the journal, no `sealed`), at most two on the wire at a time so the platform is
     * not left idle between them. `answers[i]` is `batches[i]`'s: the platform's results, or the
     * error that failed it as a whole. After a failure the host starts no further batch, but
     * answers those already on the wire; the batches with no answer were not sent. One call
     * instead of several saves renderer-host round trips.
     */
    sendBatches: method(
      z.object({ batches: z.array(z.object({ items: z.array(z.object({ id: Ulid }).strict()).min(1).max(50) }).strict()).min(1).max(MAX_BATCHES_PER_CALL) }).strict(),
      z.object({ answers: z.array(BatchAnswer) }),
    ),
    reference: method(z.object({ cursor: z.string().max(2048).optional() }).strict(), ReferencePage),
    caseStatus: method(z.object({ caseNumber: z.string().min(1).max(64) }).strict(), CaseStatus),
    verifyPreApplication: method(z.object({ code: z.string().max(8192) }).strict(), PreApplication),
  },
  /** browser mode only: drives the simulators (DESIGN.md; STYLE.md §6, the dev-dock level of fakes) */
  dev: {
    state: method(None, DevState),
    listCards: method(None, z.array(DevCard)),
    presentCard: method(z.object({ card: z.string().max(64) }).strict(), Void),
    removeCard: method(None, Void),
    setPrinterPaper: method(z.object({ paper: z.enum(['ok', 'near-end', 'out']) }).strict(), Void),
    setPrinterCover: method(z.object({ open: z.boolean() }).strict(), Void),
    setNetwork: method(z.object({ up: z.boolean() }).strict(), Void),
    scanCode: method(z.object({ text: z.string().min(1).max(4096) }).strict(), Void),
    printedReceipts: method(None, z.array(PrintedReceipt)),
  },
} as const;

export const kioskEvents = {
  /** the terminal enrolled (again): a sync stopped by a revoked token may resume (§1, "401") */
  'platform.enrolled': z.object({ terminalId: z.string() }),
  'devices.status': DeviceStatus,
  'scanner.code': ScannedCode,
  'dev.state': DevState,
} as const;

export type KioskContract = typeof kioskContract;
export type KioskEvents = typeof kioskEvents;
