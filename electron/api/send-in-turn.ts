import type { BatchAnswer, BatchError } from './contract';

/**
 * Batches on the wire at once, across every sendBatches call of one lane. Two keep the platform
 * busy: it works on one while the answer to the other travels and the next is opened. More would
 * only queue there.
 */
export const BATCHES_ON_THE_WIRE = 2;

/**
 * sendBatches calls the renderer keeps outstanding. With two, the next call's batches are on
 * hand when the last batch of a call goes out, so the wire never empties between calls while
 * the renderer writes the outcomes of the call before.
 */
export const CALLS_IN_FLIGHT = 2;

/**
 * `open`: gets a batch ready to go (the host unseals its items), or says at once why it cannot be
 * sent (nothing was sent). `send` puts a ready batch on the wire; its promise is the answer.
 */
export type OpenBatch<B> = (batch: B) => (() => Promise<BatchAnswer>) | { error: BatchError };

/**
 * How `platform.sendBatches` sends (the host, and the test platform that stands in for it). One
 * lane per terminal; calls may overlap (CALLS_IN_FLIGHT), and the lane orders them:
 * - batches start in call order, each call's in its own order, with at most BATCHES_ON_THE_WIRE
 *   unanswered at a time across all calls;
 * - the next batch is opened while the wire is full, so it goes out the moment a place frees;
 * - after a whole-request failure no further batch starts, in this call or any call waiting
 *   behind it; those already on the wire are answered. The lane forgets the failure once no call
 *   is left: by then the renderer has seen it and backs off before it calls again;
 * - a batch that cannot be sent ends its own call's batches; the calls behind it go on.
 * Each call gets one answer per batch started, in the order of its `batches`.
 */
export interface SendLane {
  send<B>(batches: readonly B[], open: OpenBatch<B>): Promise<BatchAnswer[]>;
}

export function createSendLane(): SendLane {
  /** the started batches not yet awaited for room on the wire, oldest first */
  const onWire: Promise<BatchAnswer>[] = [];
  let failed = false;
  let calls = 0;
  /** settles when the call before has started (or given up) all its batches */
  let turn: Promise<void> = Promise.resolve();

  async function startAll<B>(batches: readonly B[], open: OpenBatch<B>, answers: Promise<BatchAnswer>[]): Promise<void> {
    for (const batch of batches) {
      if (failed) return;
      const ready = open(batch);
      if (typeof ready !== 'function') {
        answers.push(Promise.resolve(ready));
        return;
      }
      while (onWire.length >= BATCHES_ON_THE_WIRE) await onWire.shift();
      if (failed) return;
      const answer = ready().then((a) => {
        if ('error' in a) failed = true;
        return a;
      });
      answers.push(answer);
      onWire.push(answer);
    }
  }

  return {
    async send(batches, open) {
      calls += 1;
      const answers: Promise<BatchAnswer>[] = [];
      const started = turn.then(() => startAll(batches, open, answers));
      turn = started.catch(() => undefined);
      try {
        await started;
        return await Promise.all(answers);
      } finally {
        calls -= 1;
        if (calls === 0) failed = false;
      }
    },
  };
}
