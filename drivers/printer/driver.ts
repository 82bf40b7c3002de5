import type { DeviceState } from '../device-status';
import { describeError, err, ok, type Result } from '../result';
import { createReconnectingLink, type ReconnectOptions } from '../transport/reconnect';
import type { ByteTransport, TransportOpener } from '../transport/types';
import { encodeReceipt } from './encoder';
import { Lock } from './lock';
import type { PrinterProfile } from './profiles';
import { commandBytes } from './protocol/commands';
import { ReplyReader } from './reply-reader';
import { deviceStateFor, isStatusReplyByte, parseRawStatus, refusalFor, warningsFor } from './status';
import { type PrintOutcome, type PrinterErrorCode, type PrinterStatus, Receipt, type ReceiptPrinter } from './types';

export interface EscPosPrinterOptions {
  readonly profile: PrinterProfile;
  /** wait for one DLE EOT reply; printers answer real-time commands at once (§5.4) */
  readonly statusTimeoutMs?: number;
  /** bound for sending a job and the printer confirming it; past it the job is `stalled` */
  readonly jobTimeoutMs?: number;
  readonly reconnect?: ReconnectOptions;
  /**
   * Poll DLE EOT while idle, so `state()` follows paper being refilled or the cover closed
   * without anyone printing. Off by default (kioskctl asks once); the kiosk host turns it on.
   */
  readonly pollIntervalMs?: number;
}

type PrinterError = { code: PrinterErrorCode | 'invalid-receipt'; message: string };

/**
 * An ESC/POS receipt printer over any byte transport (serial, TCP, the in-memory duplex of the
 * `simulated` adapter). One operation at a time under a lock; real-time status (DLE EOT 1, 2,
 * 4, and 3 when an error is reported; domain-notes §5.4) before every job, so paper out or an
 * open cover refuses the job before a single print byte is sent. After the job a second status
 * poll confirms it: DLE EOT is answered only once the printer has received everything before
 * it, and it also reports a cause (paper ran out mid-job). No answer within the job bound →
 * `stalled`. Reconnects by itself after an unplug (transport/reconnect.ts).
 */
export function createEscPosPrinter(opener: TransportOpener, options: EscPosPrinterOptions): ReceiptPrinter {
  const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
  const jobTimeoutMs = options.jobTimeoutMs ?? 10_000;
  const link = createReconnectingLink(opener, options.reconnect);
  const reader = new ReplyReader();
  const lock = new Lock();
  const listeners = new Set<(state: DeviceState) => void>();
  let state: DeviceState = { state: 'disconnected' };
  let attached: ByteTransport | undefined;
  let detach: (() => void) | undefined;
  let printing = false;
  let closed = false;

  const setState = (next: DeviceState): void => {
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    for (const listener of [...listeners]) listener(next);
  };

  const attach = (transport: ByteTransport): void => {
    if (attached === transport) return;
    detach?.();
    attached = transport;
    detach = transport.onData((chunk) => reader.feed(chunk));
  };

  link.onEvent((event) => {
    if (event.type === 'connected') {
      attach(event.transport);
      // learn the new state at once, so the UI sees paper-out before a citizen starts
      void lock.run(() => queryStatus()).catch(() => undefined);
    } else {
      reader.abort();
      setState({ state: 'disconnected' });
    }
  });

  const poller =
    options.pollIntervalMs === undefined
      ? undefined
      : setInterval(() => {
          // only when connected and idle: a poll must never delay a citizen's receipt
          if (closed || lock.isHeld || !link.connected) return;
          void lock.run(() => queryStatus()).catch(() => undefined);
        }, options.pollIntervalMs);
  poller?.unref();

  const transportNow = async (): Promise<Result<ByteTransport, PrinterError>> => {
    const opened = await link.ready();
    if (!opened.ok) {
      setState({ state: 'disconnected' });
      return err('device-unreachable', opened.error.message);
    }
    attach(opened.value);
    return ok(opened.value);
  };

  const ask = async (transport: ByteTransport, n: 1 | 2 | 3 | 4, timeoutMs: number): Promise<number | undefined> => {
    reader.discard();
    const reply = reader.next(isStatusReplyByte, timeoutMs);
    try {
      await transport.write(Uint8Array.from(commandBytes({ type: 'status-request', n })));
    } catch {
      reader.abort();
    }
    return reply;
  };

  const queryStatus = async (timeoutMs = statusTimeoutMs): Promise<Result<PrinterStatus, PrinterError>> => {
    const opened = await transportNow();
    if (!opened.ok) return opened;
    const transport = opened.value;
    const printer = await ask(transport, 1, timeoutMs);
    const offlineCause = printer === undefined ? undefined : await ask(transport, 2, timeoutMs);
    const paperSensor = offlineCause === undefined ? undefined : await ask(transport, 4, timeoutMs);
    if (printer === undefined || offlineCause === undefined || paperSensor === undefined) {
      if (transport.isOpen) setState({ state: 'error', code: 'device-unreachable' });
      return err('device-unreachable', `printer did not answer DLE EOT within ${timeoutMs} ms`);
    }
    // n = 3 says which error; only asked when n = 2 reports one, as some models answer 1, 2, 4 only
    const errorCause = (offlineCause & 0x40) !== 0 ? await ask(transport, 3, timeoutMs) : undefined;
    const parsed = parseRawStatus(errorCause === undefined ? { printer, offlineCause, paperSensor } : { printer, offlineCause, paperSensor, errorCause });
    if (!parsed.ok) return err('device-unreachable', parsed.error.message);
    setState(deviceStateFor(parsed.value));
    return ok(parsed.value);
  };

  const runJob = async (receipt: Receipt): Promise<Result<PrintOutcome, PrinterError>> => {
    const before = await queryStatus();
    if (!before.ok) return before;
    const refusal = refusalFor(before.value);
    if (refusal) return err(refusal.code, `${refusal.message}; nothing was printed`);
    const opened = await transportNow();
    if (!opened.ok) return opened;
    const encoded = encodeReceipt(receipt, options.profile);
    setState({ state: 'busy' });
    const sent = await withTimeout(
      opened.value.write(encoded.bytes).then(
        () => 'sent' as const,
        (e: unknown) => describeError(e),
      ),
      jobTimeoutMs,
    );
    if (sent !== 'sent') return stalled(sent === undefined ? `sending the job took over ${jobTimeoutMs} ms` : `connection lost while sending the job: ${sent}`);
    // the confirming poll may wait behind a full receive buffer while the job prints
    const after = await queryStatus(jobTimeoutMs);
    if (!after.ok) return stalled(`printer did not confirm the job within ${jobTimeoutMs} ms`);
    const cause = refusalFor(after.value);
    if (cause) return err(cause.code, `${cause.message}; printing stopped, the receipt may be incomplete`);
    const warnings = new Set([...warningsFor(before.value), ...warningsFor(after.value)]);
    if (encoded.replaced.length > 0) warnings.add('unencodable-characters');
    return ok({ warnings: [...warnings] });
  };

  /** The job did not complete in time: ask once more for a cause before calling it stalled. */
  const stalled = async (why: string): Promise<Result<PrintOutcome, PrinterError>> => {
    const status = await queryStatus();
    const cause = status.ok ? refusalFor(status.value) : undefined;
    if (cause) return err(cause.code, `${cause.message}; printing stopped, the receipt may be incomplete`);
    setState({ state: 'error', code: 'stalled' });
    return err('stalled', `${why}; the receipt may not have printed`);
  };

  return {
    state: () => state,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status() {
      if (closed) return Promise.resolve(err('device-unreachable', 'printer closed'));
      return lock.run(() => queryStatus());
    },
    async print(input) {
      if (closed) return err('device-unreachable', 'printer closed');
      const receipt = Receipt.safeParse(input);
      if (!receipt.success) return err('invalid-receipt', 'receipt does not match the receipt model');
      // a second tap on "print" must not print twice
      if (printing) return err('busy', 'a receipt is already printing');
      printing = true;
      try {
        return await lock.run(() => runJob(receipt.data));
      } finally {
        printing = false;
      }
    },
    async close() {
      closed = true;
      if (poller) clearInterval(poller);
      reader.abort();
      detach?.();
      await link.close();
      setState({ state: 'disconnected' });
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
