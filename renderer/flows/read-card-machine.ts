import { assign, fromPromise, setup } from 'xstate';
import { describeError, err, type CodedError, type Result } from '../../drivers/result';
import type { CardRead } from '../../electron/api/contract';
import type { KioskPort } from './ports';

/**
 * The shared "place your ID card" step (STYLE.md §7: shared steps composed): every service that
 * starts from the ID card invokes this machine and receives the record as its output. It waits
 * on the reader, shows coded failures and retries on request; leaving the step (the parent stops
 * it) aborts the pending read and tells the reader to stop polling.
 */
export interface ReadCardDeps {
  readonly idReader: KioskPort['idReader'];
  readonly timeoutMs: number;
  readonly now: () => Date;
}

interface ReadCardContext {
  /** epoch ms when the reader gives up waiting, for the on-screen countdown */
  deadline: number;
  error: CodedError | null;
  card: CardRead | null;
}

export function createReadCardMachine(deps: ReadCardDeps) {
  return setup({
    types: {
      context: {} as ReadCardContext,
      events: {} as { type: 'RETRY' },
      output: {} as CardRead,
    },
    actors: {
      read: fromPromise<Result<CardRead>, { timeoutMs: number }>(async ({ input, signal }) => {
        // fromPromise aborts the signal when the parent leaves the step: stop the reader polling.
        signal.addEventListener('abort', () => {
          deps.idReader.cancel().catch(() => undefined);
        });
        try {
          return await deps.idReader.read({ timeoutMs: input.timeoutMs });
        } catch (e) {
          // the transport itself failed (host gone): the same outcome for the citizen as a dead reader
          return err('device-unreachable', describeError(e));
        }
      }),
    },
  }).createMachine({
    id: 'readCard',
    initial: 'reading',
    context: { deadline: 0, error: null, card: null },
    states: {
      reading: {
        entry: assign({ deadline: () => deps.now().getTime() + deps.timeoutMs, error: null }),
        invoke: {
          src: 'read',
          input: { timeoutMs: deps.timeoutMs },
          onDone: [
            { guard: ({ event }) => event.output.ok, target: 'read', actions: assign({ card: ({ event }) => (event.output.ok ? event.output.value : null) }) },
            { target: 'failed', actions: assign({ error: ({ event }) => (event.output.ok ? null : event.output.error) }) },
          ],
          onError: { target: 'failed', actions: assign({ error: ({ event }) => ({ code: 'read-failed', message: describeError(event.error) }) }) },
        },
      },
      failed: {
        on: { RETRY: 'reading' },
      },
      read: { type: 'final' },
    },
    output: ({ context }) => {
      if (context.card === null) throw new Error('readCard finished without a card');
      return context.card;
    },
  });
}

export type ReadCardMachine = ReturnType<typeof createReadCardMachine>;
