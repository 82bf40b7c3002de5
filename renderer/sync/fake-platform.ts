import { err, ok } from '../../drivers/result';
import type { Result } from '../../drivers/result';
import type { BatchAnswer, JournalEntry, QueueStats, SealedBlob } from '../../electron/api/contract';
import { createSendLane } from '../../electron/api/send-in-turn';
import type { BatchItemResult, ReferencePage } from '../../electron/api/platform-schemas';
import { testUnseal } from '../outbox/testing';
import type { TestSealedContent } from '../outbox/testing';
import type { SyncKiosk } from './types';

/**
 * Test support: an in-memory platform behind a fake `window.kiosk` (the host's vault journal and
 * platform client), able to fail in every way the host reports. It "opens" the test seals of
 * renderer/outbox/testing.ts the way the real host opens its own, and keeps what it received.
 */

export type Method = 'health' | 'uploadAttachment' | 'sendBatch' | 'reference' | 'heartbeat';

export interface Fault {
  code: string;
  message?: string;
  retryAfterMs?: number;
  /** the platform applies the request, then the answer is lost (the code is what the kiosk sees) */
  applied?: boolean;
}

interface Hold {
  applied: boolean;
  /** resolves with the failure to answer, or undefined to answer normally */
  gate: Promise<Fault | undefined>;
  reached: () => void;
}

interface StoredCase {
  caseNumber: string;
  receivedAt: string;
  ciphertext: Uint8Array;
}

export class FakePlatform {
  online = true;
  revoked = false;
  clockOffsetMs = -1320;
  /** sendBatch answers 413 above this many items */
  maxBatchItems = 50;
  readonly tooLargeAttachments = new Set<string>();
  readonly badDigestAttachments = new Set<string>();
  /** ids the platform rejects, with the reason */
  readonly reject = new Map<string, { code: string; message?: string; field?: string }>();
  /** ids whose presence makes a batch a 400 (a malformed item) */
  readonly malformed = new Set<string>();
  /** stored attachments to "lose" once more after they are uploaded: the next batch gets retry */
  readonly loseAfterUpload = new Map<string, number>();
  readonly cases = new Map<string, StoredCase>();
  readonly attachments = new Set<string>();
  /** every item of every sendBatch request, in order, with a copy of its bytes */
  readonly received: { id: string; ciphertext: Uint8Array; request: number }[] = [];
  readonly batchSizes: number[] = [];
  /** batches per sendBatches call, in call order */
  readonly batchCalls: number[] = [];
  private readonly lane = createSendLane();
  readonly uploads: string[] = [];
  readonly calls: Method[] = [];
  readonly heartbeats: { queue: QueueStats }[] = [];
  journal: JournalEntry[] = [];
  /** ids the engine told the host to forget */
  forgotten: string[] = [];
  /** items sent by id alone (the host took them from its journal) */
  byIdOnly = 0;
  referencePages: ReferencePage[] = [];
  readonly referenceCursors: (string | undefined)[] = [];
  /** requests in flight now, and the most ever seen at once */
  inFlight = 0;
  maxInFlight = 0;
  /** a steady fraction of failures: every `every`-th request (any method) fails with `fault(method)` */
  failEvery: { every: number; fault: (method: Method) => Fault } | undefined;
  private requests = 0;
  /** in call order per method; an entry without a fault answers normally (see passNext) */
  private readonly faults: { method: Method; fault?: Fault }[] = [];
  private readonly holds = new Map<Method, Hold>();
  private caseCounter = 0;

  /** the next call of `method` fails this way */
  failNext(method: Method, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faults.push({ method, fault });
  }

  /** the next call of `method` answers normally, ahead of the failures queued after it */
  passNext(method: Method, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faults.push({ method });
  }

  /** the next call of `method` hangs (optionally after applying) until released with a fault */
  holdNext(method: Method, options: { applied?: boolean } = {}): { release: (fault?: Fault) => void; reached: Promise<void> } {
    let release: (fault?: Fault) => void = () => undefined;
    let reached: () => void = () => undefined;
    const reachedP = new Promise<void>((r) => (reached = r));
    const gate = new Promise<Fault | undefined>((r) => (release = r));
    this.holds.set(method, { applied: options.applied ?? false, gate, reached: () => reached() });
    return { release: (f) => release(f), reached: reachedP };
  }

  /** the id was accepted earlier with these bytes (e.g. sent by an earlier kiosk run) */
  acceptDirectly(id: string, sealed: SealedBlob): string {
    return this.accept(id, Uint8Array.from(sealed.ciphertext));
  }

  distinctCases(): number {
    return this.cases.size;
  }

  client(): SyncKiosk {
    return {
      vault: {
        forgetAccepted: async ({ ids }) => {
          this.forgotten.push(...ids);
          this.journal = this.journal.filter((e) => !ids.includes(e.transaction.id));
          return ok(null);
        },
        journal: async (input) => {
          const limit = input?.limit ?? 50;
          const entries = [...this.journal]
            .sort((a, b) => a.transaction.seq - b.transaction.seq)
            .filter((e) => e.transaction.seq > (input?.afterSeq ?? 0))
            .slice(0, limit);
          const last = entries.at(-1);
          return ok({ entries, nextAfterSeq: entries.length === limit && last ? last.transaction.seq : null });
        },
      },
      platform: {
        health: () => this.call('health', async () => ok(this.online ? { online: true, clockOffsetMs: this.clockOffsetMs } : { online: false })),
        uploadAttachment: (input) => this.call('uploadAttachment', async () => this.upload(input.sha256, input.sealed)),
        sendBatch: (input) => this.call('sendBatch', async () => this.batch(input.items)),
        // like the host: each batch is its own request (with its own faults), through one lane
        sendBatches: async ({ batches }) => {
          this.batchCalls.push(batches.length);
          const answers = await this.lane.send(batches, ({ items }) => {
            const missing = items.find(({ id }) => !this.journaled(id));
            if (missing) return { error: { code: 'sealed-item-unavailable', message: `transaction ${missing.id} is not in the journal` } };
            return () => this.call('sendBatch', async () => this.batch(items)).then((r): BatchAnswer => (r.ok ? r.value : { error: r.error }));
          });
          return ok({ answers });
        },
        reference: (input) => this.call('reference', async () => this.reference(input?.cursor)),
        heartbeat: (input) =>
          this.call('heartbeat', async () => {
            this.heartbeats.push(structuredClone(input));
            return ok(null);
          }),
      },
    };
  }

  private async call<T>(method: Method, run: () => Promise<Result<T>>): Promise<Result<T>> {
    this.calls.push(method);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // a microtask boundary, like a real round trip: concurrent callers would overlap here
      await Promise.resolve();
      if (this.revoked && method !== 'health') return err('unauthorized', 'the terminal token was revoked');
      const hold = this.holds.get(method);
      if (hold) {
        this.holds.delete(method);
        const applied = hold.applied ? await run() : undefined;
        hold.reached();
        const fault = await hold.gate;
        if (fault) return this.failure(fault);
        return applied ?? (await run());
      }
      this.requests += 1;
      if (this.failEvery && this.requests % this.failEvery.every === 0) {
        const fault = this.failEvery.fault(method);
        if (fault.applied) await run();
        return this.failure(fault);
      }
      const index = this.faults.findIndex((f) => f.method === method);
      const fault = index >= 0 ? this.faults.splice(index, 1)[0]?.fault : undefined;
      if (fault) {
        if (fault.applied) await run();
        return this.failure(fault);
      }
      return await run();
    } finally {
      this.inFlight -= 1;
    }
  }

  private failure(fault: Fault): Result<never> {
    return err(fault.code, fault.message ?? `fake platform: ${fault.code}`, fault.retryAfterMs === undefined ? undefined : { retryAfterMs: fault.retryAfterMs });
  }

  private upload(sha256: string, sealed: SealedBlob): Result<{ stored: 'created' | 'existing' }> {
    this.uploads.push(sha256);
    if (this.tooLargeAttachments.has(sha256)) return err('too-large', 'attachment over 2 MiB');
    if (this.badDigestAttachments.has(sha256)) return err('digest-mismatch', 'body does not hash to the name');
    if (sealed.ciphertext.byteLength === 0) return err('bad-request', 'empty body');
    const existed = this.attachments.has(sha256);
    const lose = this.loseAfterUpload.get(sha256) ?? 0;
    if (lose > 0) this.loseAfterUpload.set(sha256, lose - 1);
    else this.attachments.add(sha256);
    return ok({ stored: existed ? 'existing' : 'created' });
  }

  /** Like the host: an item sent by id alone is taken from the journal, or the batch is refused. */
  private batch(sent: readonly { id: string; sealed?: SealedBlob | undefined }[]): Result<{ results: BatchItemResult[] }> {
    const items: { id: string; sealed: SealedBlob }[] = [];
    for (const { id, sealed } of sent) {
      const blob = sealed ?? this.journaled(id);
      if (!blob) return err('sealed-item-unavailable', `transaction ${id} is not in the journal`);
      items.push({ id, sealed: blob });
    }
    this.byIdOnly += sent.filter((i) => i.sealed === undefined).length;
    this.batchSizes.push(items.length);
    const request = this.batchSizes.length;
    if (items.length > this.maxBatchItems) return err('too-large', 'request too large');
    if (items.some((i) => this.malformed.has(i.id))) return err('bad-request', 'malformed item');
    const results = items.map((item): BatchItemResult => {
      const ciphertext = Uint8Array.from(item.sealed.ciphertext);
      this.received.push({ id: item.id, ciphertext, request });
      const content = testUnseal(item.sealed) as TestSealedContent;
      const rejection = this.reject.get(item.id);
      if (rejection) return { id: item.id, status: 'rejected', error: rejection };
      const missing = content.attachments.find((sha) => !this.attachments.has(sha));
      if (missing) return { id: item.id, status: 'retry', error: { code: 'attachment-missing', sha256: missing } };
      const earlier = this.cases.get(item.id);
      if (earlier) {
        if (!sameBytes(earlier.ciphertext, ciphertext)) return { id: item.id, status: 'rejected', error: { code: 'idempotency-conflict', message: 'same id, different content' } };
        return { id: item.id, status: 'duplicate', caseNumber: earlier.caseNumber, receivedAt: earlier.receivedAt };
      }
      const caseNumber = this.accept(item.id, ciphertext);
      return { id: item.id, status: 'accepted', caseNumber, receivedAt: this.cases.get(item.id)?.receivedAt ?? '' };
    });
    return ok({ results });
  }

  private journaled(id: string): SealedBlob | undefined {
    return this.journal.find((e) => e.transaction.id === id)?.transaction.sealed;
  }

  private accept(id: string, ciphertext: Uint8Array): string {
    this.caseCounter += 1;
    const caseNumber = `C-2026-${String(this.caseCounter).padStart(6, '0')}`;
    this.cases.set(id, { caseNumber, receivedAt: new Date(Date.UTC(2026, 10, 24, 9, 0, this.caseCounter % 60)).toISOString(), ciphertext });
    return caseNumber;
  }

  private reference(cursor: string | undefined): Result<ReferencePage> {
    this.referenceCursors.push(cursor);
    const index = cursor === undefined ? 0 : this.referencePages.findIndex((p) => p.cursor === cursor) + 1;
    const page = this.referencePages[index];
    if (!page) return ok({ cursor: cursor ?? '', complete: true, items: [] });
    return ok(page);
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}

/** Timers the test fires by hand: no sleeps, no wall clock. */
export class ManualTimers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  readonly setTimer = (fn: () => void, ms: number): unknown => {
    const id = this.next;
    this.next += 1;
    this.pending.set(id, { fn, ms });
    return id;
  };
  readonly clearTimer = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  /** the delays of the timers now scheduled */
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }
  fireAll(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, t] of due) t.fn();
  }
}
