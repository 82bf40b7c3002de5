import type { BatchAnswer, BatchError } from './contract';

/**
 * Batches of one sendBatches call on the wire at once. Two keep the platform busy: it works on
 * one while the answer to the other travels and the next is opened. More would only queue there.
 */
export const BATCHES_ON_THE_WIRE = 2;

/**
 * How `platform.sendBatches` sends (the host, and the test platform that stands in for it):
 * batches start in order with at most BATCHES_ON_THE_WIRE unanswered at a time; after a whole-request
 * failure no further batch starts, and those already on the wire are answered. `start` gives the
 * batch's answer to come, or an error at once when the batch cannot be sent (nothing was sent,
 * and nothing starts after it).
 * @returns one answer per batch started, in the order of `batches`
 */
export async function sendInTurn<B>(batches: readonly B[], start: (batch: B) => Promise<BatchAnswer> | { error: BatchError }): Promise<BatchAnswer[]> {
  const answers: Promise<BatchAnswer>[] = [];
  let failed = false;
  for (const [i, batch] of batches.entries()) {
    const earlier = answers[i - BATCHES_ON_THE_WIRE];
    if (earlier) await earlier;
    if (failed) break;
    const started = start(batch);
    if (!(started instanceof Promise)) {
      answers.push(Promise.resolve(started));
      break;
    }
    answers.push(
      started.then((answer) => {
        if ('error' in answer) failed = true;
        return answer;
      }),
    );
  }
  return Promise.all(answers);
}
