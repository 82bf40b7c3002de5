import type { DeviceState } from '../device-status';
import { err, ok, type CodedError, type Result } from '../result';
import { createReconnectingLink, type ReconnectOptions } from '../transport/reconnect';
import type { TransportOpener } from '../transport/types';
import { SamChannel } from './channel';
import { encodeCommand, formatSamId, parseBaseInfo, type CommandName, type SamResponse } from './protocol/commands';
import { statusError, SW3, hex } from './protocol/status-codes';
import { stateAfter, StatusStore } from './status';
import { parseCardText } from './text-parser';
import type { IdCardRead, IdCardReader, IdReaderErrorCode } from './types';

export interface SamReaderOptions {
  /** pause between find-card polls while no card is present (default 200 ms) */
  readonly pollIntervalMs?: number;
  /** per-command answer timeouts; defaults follow the Synjones reader code (§1.4): find/select 500 ms, read 3500 ms */
  readonly timeouts?: { readonly findMs?: number; readonly selectMs?: number; readonly readMs?: number; readonly commandMs?: number };
  /** read 30 10 (text + photo + fingerprint) instead of 30 01 */
  readonly readFingerprint?: boolean;
  /** also read the appended address (30 03); default true */
  readonly readAppendedAddress?: boolean;
  /** idle health check (11 FF) interval; hev polls reader status every 3 s (§1.4). 0 turns it off. */
  readonly statusPollMs?: number;
  readonly reconnect?: ReconnectOptions;
}

type ReaderError = CodedError<IdReaderErrorCode>;
const fail = (code: IdReaderErrorCode, message: string): { ok: false; error: ReaderError } => err(code, message);

/**
 * The SAM-protocol driver (GA/T 467 §7; domain-notes §1): find → select → read, one operation
 * at a time, over any byte transport the opener gives it, reconnecting by itself after an unplug.
 */
export function createSamReader(opener: TransportOpener, options: SamReaderOptions = {}): IdCardReader & { readonly channel: SamChannel } {
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const t = { findMs: 500, selectMs: 500, readMs: 3500, commandMs: 1000, ...options.timeouts };
  const statusPollMs = options.statusPollMs ?? 3000;
  const link = createReconnectingLink(opener, options.reconnect);
  const channel = new SamChannel(link);
  const status = new StatusStore();
  let userOperation = false;
  let lockTail: Promise<void> = Promise.resolve();
  let locked = false;
  let closed = false;
  // §1.4 quirk: after a successful read the card must leave the field before the next read
  let awaitingRemoval = false;
  let pollTimer: NodeJS.Timeout | undefined;

  const withLock = async <T>(fn: () => Promise<T>): Promise<T> => {
    const previous = lockTail;
    let release: () => void = () => undefined;
    lockTail = new Promise((resolve) => (release = resolve));
    await previous;
    locked = true;
    try {
      return await fn();
    } finally {
      locked = false;
      release();
    }
  };

  /** One command with the retry policy: a corrupted answer, SW3 0x10 or a timeout is retried once. */
  const command = async (name: CommandName, timeoutMs: number, signal?: AbortSignal): Promise<Result<SamResponse, ReaderError>> => {
    let last: 'corrupt' | 'timeout' = 'timeout';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const outcome = await channel.exchange(encodeCommand(name), timeoutMs, signal);
      switch (outcome.kind) {
        case 'response':
          if (outcome.response.sw3 !== SW3.checksumError) return ok(outcome.response);
          last = 'corrupt';
          break;
        case 'corrupt':
        case 'timeout':
          last = outcome.kind;
          break;
        case 'closed':
          return fail('device-unreachable', `reader connection lost: ${outcome.reason}`);
        case 'unreachable':
          return fail('device-unreachable', outcome.reason);
        case 'cancelled':
          return fail('cancelled', 'cancelled');
      }
    }
    return last === 'corrupt' ? fail('protocol-error', 'repeated bad frames from the reader') : fail('device-unreachable', 'no answer from the reader');
  };

  const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });

  const statusFailure = (r: SamResponse): { ok: false; error: ReaderError } => {
    const s = statusError(r.sw3);
    return fail(s.code, s.message);
  };

  /** After SW3 0x41 during a read: if the reader no longer finds a card, it was pulled out. */
  const removedOrFailed = async (r: SamResponse, signal?: AbortSignal): Promise<{ ok: false; error: ReaderError }> => {
    const probe = await command('findCard', t.findMs, signal);
    if (probe.ok && probe.value.sw3 === SW3.noCard) return fail('card-removed', 'the card was removed during the read');
    return statusFailure(r);
  };

  const waitForCard = async (deadline: number, signal?: AbortSignal): Promise<Result<void, ReaderError>> => {
    for (;;) {
      if (signal?.aborted) return fail('cancelled', 'cancelled');
      const find = await command('findCard', t.findMs, signal);
      if (!find.ok) return find;
      const { sw3 } = find.value;
      if (sw3 === SW3.cardFound && !awaitingRemoval) {
        const select = await command('selectCard', t.selectMs, signal);
        if (!select.ok) return select;
        if (select.value.sw3 === SW3.success) return ok(undefined);
        // a card at the edge of the field can be found but not selected: keep polling
        if (Date.now() >= deadline) return statusFailure(select.value);
      } else if (sw3 === SW3.cardFound) {
        status.set({ state: 'not-ready', reason: 'remove-card' });
      } else if (sw3 === SW3.noCard) {
        awaitingRemoval = false;
        status.set({ state: 'busy' });
      } else {
        return statusFailure(find.value);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        return awaitingRemoval
          ? fail('no-card', 'the previous card is still on the reader; remove it and present the card again')
          : fail('no-card', 'no card presented before the timeout');
      }
      await sleep(Math.min(pollIntervalMs, left), signal);
    }
  };

  const readSequence = async (timeoutMs: number, signal?: AbortSignal): Promise<Result<IdCardRead, ReaderError>> => {
    const present = await waitForCard(Date.now() + timeoutMs, signal);
    if (!present.ok) return present;
    const withFingerprint = options.readFingerprint === true;
    const read = await command(withFingerprint ? 'readBaseWithFingerprint' : 'readBase', t.readMs, signal);
    if (!read.ok) return read;
    if (read.value.sw3 === SW3.readFailed) return removedOrFailed(read.value, signal);
    if (read.value.sw3 !== SW3.success) return statusFailure(read.value);
    const base = parseBaseInfo(read.value.data, withFingerprint);
    if (!base) return fail('protocol-error', `read answer has unexpected lengths (${read.value.data.length} data bytes)`);
    let appendedAddress: Uint8Array | undefined;
    if (options.readAppendedAddress !== false) {
      // 30 03 is optional (§1.4): readers that do not know it (SW3 0x21, or no answer at all
      // while the line is up) have no appended address to give; the base read stands.
      const extra = await command('readAppendedAddress', t.findMs, signal);
      if (!extra.ok && !(extra.error.code === 'device-unreachable' && link.connected)) return extra;
      if (extra.ok && extra.value.sw3 === SW3.success) appendedAddress = extra.value.data;
      else if (extra.ok && extra.value.sw3 === SW3.readFailed) return removedOrFailed(extra.value, signal);
      else if (extra.ok && extra.value.sw3 !== SW3.itemAbsent && extra.value.sw3 !== 0x21) return statusFailure(extra.value);
    }
    const parsed = parseCardText({ text: base.text, wlt: base.wlt, ...(appendedAddress ? { appendedAddress } : {}) });
    if (!parsed.ok) return fail('read-failed', parsed.error.message);
    awaitingRemoval = true;
    return ok({ record: parsed.value, wlt: base.wlt });
  };

  /** Runs a caller's operation: refuses overlap (`busy`), waits for a background check, sets the status. */
  const userOp = async <T>(fn: () => Promise<Result<T, ReaderError>>): Promise<Result<T, ReaderError>> => {
    if (closed) return fail('device-unreachable', 'reader closed');
    if (userOperation) return fail('busy', 'another operation is using the reader');
    userOperation = true;
    try {
      return await withLock(async () => {
        status.set({ state: 'busy' });
        const result = await fn();
        status.set(result.ok ? { state: 'ready' } : link.connected ? stateAfter(result.error.code) : { state: 'disconnected' });
        return result;
      });
    } finally {
      userOperation = false;
    }
  };

  /** Health check (11 FF) when connected and idle: 0x90 ready, SAM faults and silence are errors. */
  const probe = async (): Promise<void> => {
    if (locked || userOperation || closed || !link.connected) return;
    await withLock(async () => {
      const r = await command('samStatus', t.commandMs);
      if (!link.connected || closed) return;
      if (!r.ok) status.set(stateAfter(r.error.code));
      else if (r.value.sw3 === SW3.success) status.set({ state: 'ready' });
      else status.set(stateAfter(statusError(r.value.sw3).code));
    });
  };

  const schedulePoll = (): void => {
    if (statusPollMs <= 0 || closed) return;
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => void probe().finally(schedulePoll), statusPollMs);
    pollTimer.unref();
  };

  link.onEvent((event) => {
    if (event.type === 'disconnected') {
      status.set({ state: 'disconnected' });
      return;
    }
    if (!userOperation) void probe();
    schedulePoll();
  });

  return {
    channel,
    status: (): DeviceState => status.current,
    onStatus: (listener) => status.subscribe(listener),
    readCard: ({ timeoutMs, signal }) => userOp(() => readSequence(timeoutMs, signal)),
    readSamId: () =>
      userOp(async () => {
        const r = await command('readSamId', t.commandMs);
        if (!r.ok) return r;
        if (r.value.sw3 !== SW3.success) return statusFailure(r.value);
        const id = formatSamId(r.value.data);
        return id ? ok(id) : fail('protocol-error', `SAM id answer has ${r.value.data.length} data bytes, expected 16 (SW3 0x${hex(r.value.sw3)})`);
      }),
    close: async () => {
      closed = true;
      clearTimeout(pollTimer);
      await link.close();
      status.set({ state: 'disconnected' });
    },
  };
}
