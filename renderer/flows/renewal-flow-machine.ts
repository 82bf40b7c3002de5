import { assign, fromPromise, sendParent, sendTo, setup } from 'xstate';
import type { Receipt } from '../../drivers/printer/types';
import { describeError, type CodedError, type Result } from '../../drivers/result';
import type { CardRead } from '../../electron/api/contract';
import { buildRenewalReceipt } from '../receipt/renewal-receipt';
import { localIsoDate, renewalEligibility, type RenewalEligibility } from './eligibility';
import { maskIdNumber, maskName } from './masking';
import type { FlowDeps } from './ports';
import { createReadCardMachine } from './read-card-machine';
import { submitRenewal, type CapturedPhoto, type SubmitInput } from './submit-application';

/**
 * 居民身份证有效期满换领, from "place your card" to "done" (issue 2 item 6). The session machine
 * invokes it once the citizen picked the service and stops it on home or inactivity, which
 * discards this machine's context: nothing of the citizen outlives the flow.
 */
export interface RenewalContext {
  /** the card record plus its decoded portrait (or why there is none) for the details screen */
  card: CardRead | null;
  eligibility: RenewalEligibility | null;
  photo: CapturedPhoto | null;
  /** ULID made at the first confirm and kept across retries, so a retry can never make a second application */
  reference: string | null;
  submitError: CodedError | null;
  caseNumber: string | null;
  printError: CodedError | null;
  printWarnings: readonly string[];
  /** the receipt sent to the printer (masked data only), shown on screen when printing failed */
  receipt: Receipt | null;
}

export type RenewalEvent =
  | { type: 'RETRY' }
  | { type: 'BACK' }
  | { type: 'CONTINUE' }
  | { type: 'PHOTO_ACCEPTED'; photo: CapturedPhoto }
  | { type: 'CONFIRM' }
  | { type: 'FINISH' };

export type RenewalOutput = { readonly outcome: 'back' | 'finished' | 'abandoned' };

/** Tells the session that the application is being committed: inactivity must not cut it off now. */
export const FLOW_COMMITTED = { type: 'FLOW.COMMITTED' } as const;

const initialContext = (): RenewalContext => ({
  card: null,
  eligibility: null,
  photo: null,
  reference: null,
  submitError: null,
  caseNumber: null,
  printError: null,
  printWarnings: [],
  receipt: null,
});

export function createRenewalFlowMachine(deps: FlowDeps) {
  const { timings } = deps;
  return setup({
    types: {
      context: {} as RenewalContext,
      events: {} as RenewalEvent,
      output: {} as RenewalOutput,
    },
    actors: {
      readCard: createReadCardMachine({ idReader: deps.kiosk.idReader, timeoutMs: timings.cardReadMs, now: deps.now }),
      submit: fromPromise<Result<void>, SubmitInput>(({ input }) => submitRenewal(deps, input)),
      waitForCase: fromPromise<string | null, { id: string; timeoutMs: number }>(({ input }) => deps.sync.waitForCase(input.id, input.timeoutMs)),
      print: fromPromise<Result<{ warnings: string[] }>, { receipt: Receipt | null }>(async ({ input }) => {
        if (input.receipt === null) throw new Error('printing without an application');
        return deps.kiosk.printer.print({ receipt: input.receipt });
      }),
    },
    delays: {
      DONE_RETURN: timings.doneReturnMs,
      ABANDON: timings.idleMs + timings.idleWarningMs,
    },
    guards: {
      eligible: ({ context }) => context.eligibility?.eligible === true,
    },
  }).createMachine({
    id: 'renewal',
    initial: 'placeCard',
    context: initialContext,
    states: {
      placeCard: {
        invoke: {
          id: 'readCard',
          src: 'readCard',
          onDone: {
            target: 'details',
            actions: assign({
              card: ({ event }) => event.output,
              eligibility: ({ event }) => renewalEligibility(event.output, localIsoDate(deps.now())),
            }),
          },
        },
        on: {
          RETRY: { actions: sendTo('readCard', { type: 'RETRY' }) },
          BACK: 'back',
        },
      },
      details: {
        on: {
          CONTINUE: { guard: 'eligible', target: 'photo' },
          // reading again replaces the card: forget this one first
          BACK: { target: 'placeCard', actions: assign({ card: null, eligibility: null }) },
        },
      },
      photo: {
        on: {
          PHOTO_ACCEPTED: { target: 'confirm', actions: assign({ photo: ({ event }) => event.photo }) },
          BACK: 'details',
        },
      },
      confirm: {
        on: {
          CONFIRM: { target: 'submitting', actions: assign({ reference: ({ context }) => context.reference ?? deps.newId() }) },
          BACK: 'photo',
        },
      },
      submitting: {
        entry: [sendParent(FLOW_COMMITTED), assign({ submitError: null })],
        invoke: {
          src: 'submit',
          input: ({ context }) => {
            const { reference, card, photo } = context;
            if (reference === null || card === null || photo === null) throw new Error('confirm without card, photo or reference');
            return { id: reference, card, photo };
          },
          onDone: [
            { guard: ({ event }) => event.output.ok, target: 'awaitingCase' },
            { target: 'submitFailed', actions: assign({ submitError: ({ event }) => (event.output.ok ? null : event.output.error) }) },
          ],
          onError: { target: 'submitFailed', actions: assign({ submitError: ({ event }) => ({ code: 'submit-failed', message: describeError(event.error) }) }) },
        },
      },
      submitFailed: {
        // nothing was stored and nothing printed; the citizen may try again with the same reference
        on: { RETRY: 'submitting' },
        after: { ABANDON: 'abandoned' },
      },
      awaitingCase: {
        // The application is durable now. Kick the sync engine and give it a moment, so that when
        // the network is up the receipt can carry the case number instead of "waiting to upload".
        entry: () => deps.sync.kick(),
        invoke: {
          src: 'waitForCase',
          input: ({ context }) => ({ id: context.reference ?? '', timeoutMs: timings.caseBeforePrintMs }),
          onDone: { target: 'printing', actions: assign({ caseNumber: ({ event }) => event.output }) },
          onError: 'printing',
        },
      },
      printing: {
        // built once and kept: the done screen shows this very receipt if the printer refuses it
        entry: assign({
          receipt: ({ context }) => {
            const { card, reference, caseNumber } = context;
            if (card === null || reference === null) return null;
            return buildRenewalReceipt({ maskedName: maskName(card.name), maskedIdNumber: maskIdNumber(card.idNumber), reference, caseNumber, at: deps.now() });
          },
        }),
        invoke: {
          src: 'print',
          input: ({ context }) => ({ receipt: context.receipt }),
          onDone: {
            target: 'done',
            actions: assign({
              printError: ({ event }) => (event.output.ok ? null : event.output.error),
              printWarnings: ({ event }) => (event.output.ok ? event.output.value.warnings : []),
            }),
          },
          onError: { target: 'done', actions: assign({ printError: ({ event }) => ({ code: 'printer-error', message: describeError(event.error) }) }) },
        },
      },
      done: {
        // The application is sealed, queued and printed: the card record and the photo are not
        // needed any more, so they leave memory now, not when the flow actor is collected (React
        // can keep a stopped actor reachable for a while through old props).
        entry: assign({ card: null, photo: null, eligibility: null }),
        initial: 'check',
        states: {
          check: { always: [{ guard: ({ context }) => context.caseNumber === null, target: 'waiting' }, { target: 'settled' }] },
          waiting: {
            invoke: {
              src: 'waitForCase',
              input: ({ context }) => ({ id: context.reference ?? '', timeoutMs: timings.caseOnDoneMs }),
              onDone: { target: 'settled', actions: assign({ caseNumber: ({ event }) => event.output }) },
              onError: 'settled',
            },
          },
          settled: {},
        },
        on: { FINISH: 'finished' },
        after: { DONE_RETURN: 'finished' },
      },
      back: { type: 'final', entry: assign(initialContext), output: { outcome: 'back' } },
      finished: { type: 'final', entry: assign(initialContext), output: { outcome: 'finished' } },
      abandoned: { type: 'final', entry: assign(initialContext), output: { outcome: 'abandoned' } },
    },
    output: ({ event }) => (event.output as RenewalOutput | undefined) ?? { outcome: 'finished' },
  });
}

export type RenewalFlowMachine = ReturnType<typeof createRenewalFlowMachine>;
