import type { KioskContract, KioskEvents, SealedAttachment, SealedTransaction } from '../../electron/api/contract';
import type { ClientOf } from '../../electron/api/define';
import type { Result } from '../../drivers/result';

type Kiosk = ClientOf<KioskContract, KioskEvents>;

/**
 * The narrow ports the citizen flows depend on (STYLE.md §2, §7): only the calls a flow makes,
 * so the machine tests hand in small fakes and the app composes the real clients.
 */
export interface KioskPort {
  readonly idReader: Pick<Kiosk['idReader'], 'read' | 'cancel'>;
  readonly vault: Pick<Kiosk['vault'], 'sealAttachment' | 'sealTransaction'>;
  readonly printer: Pick<Kiosk['printer'], 'print'>;
}

export interface OutboxPort {
  /** one Dexie transaction with strict durability; resolves ok only after the commit */
  enqueue(transaction: SealedTransaction, attachments: SealedAttachment[]): Promise<Result<void>>;
}

export interface SyncPort {
  /** ask the engine to drain now instead of at its next scheduled attempt */
  kick(): void;
  /** the platform's case number once the transaction is accepted, or null when it did not come in time */
  waitForCase(transactionId: string, timeoutMs: number): Promise<string | null>;
}

/** All timings of the citizen flow, injected so tests drive them with fake timers. */
export interface FlowTimings {
  /** how long the reader waits for a card on the "place your card" screen */
  readonly cardReadMs: number;
  /** inactivity before the "are you still there?" warning */
  readonly idleMs: number;
  /** the warning's countdown before the session is wiped */
  readonly idleWarningMs: number;
  /** how long to wait for the case number before printing, so the receipt can carry it */
  readonly caseBeforePrintMs: number;
  /** how long the done screen keeps waiting for the case number */
  readonly caseOnDoneMs: number;
  /** how long the done screen stays before returning to the attract screen */
  readonly doneReturnMs: number;
}

export interface FlowDeps {
  readonly kiosk: KioskPort;
  readonly outbox: OutboxPort;
  readonly sync: SyncPort;
  readonly timings: FlowTimings;
  readonly now: () => Date;
  /** ULID, made when the citizen confirms (issue 4: string ids, never regenerated) */
  readonly newId: () => string;
}

/** Total inactivity allowed is the host's idleTimeoutSec; the last part of it is the visible warning. */
export function timingsFor(idleTimeoutSec: number): FlowTimings {
  const idleTotalMs = idleTimeoutSec * 1000;
  const idleWarningMs = Math.min(20_000, Math.round(idleTotalMs / 3));
  const idleMs = idleTotalMs - idleWarningMs;
  return {
    // a short idle setting must not interrupt a card read with its warning
    cardReadMs: Math.min(30_000, Math.max(10_000, idleMs)),
    idleMs,
    idleWarningMs,
    caseBeforePrintMs: 3_000,
    // keep listening for as long as the done screen shows: a drain in backoff may answer late
    caseOnDoneMs: 20_000,
    doneReturnMs: 20_000,
  };
}
