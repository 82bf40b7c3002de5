import type { CardRead, SealedAttachment, SealedTransaction } from '../../../electron/api/contract';
import type { IdCardRecord } from '../../../drivers/id-reader/types';
import { err, ok, type Result } from '../../../drivers/result';
import type { FlowDeps, FlowTimings, KioskPort, OutboxPort, SyncPort } from '../ports';

/** Fakes of the flow ports for machine tests: every call is recorded, every answer scripted. */
export const TIMINGS: FlowTimings = {
  cardReadMs: 30_000,
  idleMs: 60_000,
  idleWarningMs: 20_000,
  caseBeforePrintMs: 3_000,
  caseOnDoneMs: 5_000,
  doneReturnMs: 15_000,
};

export const NOW = new Date(2025, 5, 1, 10, 0);

/** expires 30 days after NOW: eligible for 有效期满换领 */
export const CARD: IdCardRecord = {
  cardType: 'resident',
  name: '张三',
  sex: 'male',
  birthDate: '1980-01-01',
  idNumber: '11010519800101001X',
  validFrom: '2005-07-01',
  validTo: '2025-07-01',
  photo: { format: 'wlt', size: 1024, sha256: 'a'.repeat(64) },
};

const SEALED = { v: 1 as const, kid: 'k1', wrappedKey: new Uint8Array([1]), iv: new Uint8Array([2]), ciphertext: new Uint8Array([3]) };

export const ATTACHMENT: SealedAttachment = { sha256: 'b'.repeat(64), size: 16_000, contentType: 'image/jpeg', sealed: SEALED };

export const PHOTO = { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), width: 358, height: 441 };

export interface FakeOptions {
  reads?: Array<Result<IdCardRecord>>;
  enqueue?: Array<Result<void>>;
  print?: Result<{ warnings: string[] }>;
  /** what waitForCase answers, call by call; null when the case did not come in time */
  cases?: Array<string | null>;
}

export function fakeDeps(options: FakeOptions = {}) {
  const calls: string[] = [];
  // the host's answer adds the portrait; these tests run without a licensed decoder
  const reads = [...(options.reads ?? [ok(CARD)])].map((r): Result<CardRead> => (r.ok ? ok({ ...r.value, portrait: { status: 'decoder-missing' } }) : r));
  const enqueueResults = [...(options.enqueue ?? [])];
  const cases = [...(options.cases ?? [])];
  const printed: unknown[] = [];
  const enqueued: Array<{ transaction: SealedTransaction; attachments: SealedAttachment[] }> = [];
  const sealInputs: Array<{ id: string; applicant: unknown; attachments: unknown }> = [];
  const kiosk: KioskPort = {
    idReader: {
      read: async () => {
        calls.push('idReader.read');
        return reads.shift() ?? err('no-card', 'no card');
      },
      cancel: async () => {
        calls.push('idReader.cancel');
        return ok(null);
      },
    },
    vault: {
      sealAttachment: async () => {
        calls.push('vault.sealAttachment');
        return ok(ATTACHMENT);
      },
      sealTransaction: async (input) => {
        calls.push('vault.sealTransaction');
        sealInputs.push(input);
        return ok({ id: input.id, seq: 1, service: input.service, createdAt: '2025-06-01T02:00:00Z', masked: { name: '张*', idNumber: '1***X' }, sealed: SEALED });
      },
    },
    printer: {
      print: async (input) => {
        calls.push('printer.print');
        printed.push(input.receipt);
        return options.print ?? ok({ warnings: [] });
      },
    },
  };
  const outbox: OutboxPort = {
    enqueue: async (transaction, attachments) => {
      calls.push('outbox.enqueue');
      const result = enqueueResults.shift() ?? ok(undefined);
      if (result.ok) enqueued.push({ transaction, attachments });
      return result;
    },
  };
  const sync: SyncPort = {
    kick: () => calls.push('sync.kick'),
    waitForCase: async () => {
      calls.push('sync.waitForCase');
      return cases.shift() ?? null;
    },
  };
  let ids = 0;
  const deps: FlowDeps = {
    kiosk,
    outbox,
    sync,
    timings: TIMINGS,
    now: () => NOW,
    newId: () => `01JX${String(++ids).padStart(22, '0')}`,
  };
  return { deps, calls, printed, enqueued, sealInputs };
}
