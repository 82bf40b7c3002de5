import type { ReconnectingLink } from '../transport/reconnect';
import type { ByteTransport } from '../transport/types';
import { parseResponse, type SamResponse } from './protocol/commands';
import { decode, initialDecoderState, type DecoderState } from './protocol/frame-codec';

export type ExchangeOutcome =
  | { readonly kind: 'response'; readonly response: SamResponse }
  /** the answer arrived with a bad checksum (or too short to hold SW1..SW3) */
  | { readonly kind: 'corrupt' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'closed'; readonly reason: string }
  /** the transport could not be opened at all */
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'cancelled' };

interface Waiter {
  settle(outcome: ExchangeOutcome): void;
}

/**
 * One request, one answer over the reader's byte stream. SAM answers do not echo the command,
 * so only one request may be outstanding: a request whose caller gave up (abort) still waits
 * for its answer or its timeout before the next request is written, so a late answer is never
 * taken for the answer to the next command.
 */
export class SamChannel {
  private decoder: DecoderState = initialDecoderState;
  private waiter: Waiter | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  /** bytes written and received, for the bench's wire-time accounting */
  bytesOut = 0;
  bytesIn = 0;

  constructor(private readonly link: ReconnectingLink) {
    if (link.transport) this.attach(link.transport);
    link.onEvent((event) => {
      if (event.type === 'connected') this.attach(event.transport);
      else this.detach(event.reason);
    });
  }

  private attach(transport: ByteTransport): void {
    this.unsubscribe?.();
    this.decoder = initialDecoderState;
    this.unsubscribe = transport.onData((chunk) => this.receive(chunk));
  }

  private detach(reason: string): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.decoder = initialDecoderState;
    this.waiter?.settle({ kind: 'closed', reason });
  }

  private receive(chunk: Uint8Array): void {
    this.bytesIn += chunk.length;
    const { state, events } = decode(this.decoder, chunk);
    this.decoder = state;
    for (const event of events) {
      if (event.type === 'discarded') continue;
      // no waiter: an unsolicited or late frame, dropped
      if (event.type === 'checksum-error') this.waiter?.settle({ kind: 'corrupt' });
      else {
        const response = parseResponse(event.body);
        this.waiter?.settle(response ? { kind: 'response', response } : { kind: 'corrupt' });
      }
    }
  }

  async exchange(frame: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<ExchangeOutcome> {
    // queue behind the previous request, whether or not its caller still waits for it
    const previous = this.inFlight;
    let release: () => void = () => undefined;
    this.inFlight = new Promise<void>((resolve) => (release = resolve));
    await previous;
    if (signal?.aborted) {
      release();
      return { kind: 'cancelled' };
    }
    let transport = this.link.transport;
    if (!transport) {
      const opened = await this.link.ready();
      if (!opened.ok) {
        release();
        return { kind: 'unreachable', reason: opened.error.message };
      }
      transport = opened.value;
    }
    let deliver: (outcome: ExchangeOutcome) => void = () => undefined;
    const answered = new Promise<ExchangeOutcome>((resolve) => (deliver = resolve));
    let done = false;
    // the caller stops waiting; the waiter stays until the answer or the timeout (see class comment)
    const onAbort = (): void => deliver({ kind: 'cancelled' });
    const waiter: Waiter = {
      settle: (outcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
        // a timed-out frame may have left half an answer in the decoder
        if (outcome.kind === 'timeout') this.decoder = initialDecoderState;
        deliver(outcome);
        release();
      },
    };
    const timer = setTimeout(() => waiter.settle({ kind: 'timeout' }), timeoutMs);
    this.waiter = waiter;
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.bytesOut += frame.length;
      await transport.write(frame);
    } catch (e) {
      waiter.settle({ kind: 'closed', reason: e instanceof Error ? e.message : String(e) });
    }
    return answered;
  }
}
