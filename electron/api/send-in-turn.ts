import type { BatchAnswer } from './contract';

/**
 * How `platform.sendBatches` sends (the host, and the test platform that stands in for it):
 * batches start in order with at most `onTheWire` unanswered at a time; after a whole-request
 * failure no further batch starts, and those already on the wire are answered. `start` gives the
 * batch's answer to come, or an error at once when the batch cannot be sent (nothing was sent,
 * and nothing starts after it).
 * @returns one answer per batch started, in the order of `batches`
 */
export async function sendInTurn<B>(batches: readonly B[], start: (batch: B) => Promise<BatchAnswer> | { error: Extract<BatchAnswer, { error: unknown }>['error'] }, onTheWire: number): Promise<BatchAnswer[]> {
  const answers: Promise<BatchAnswer>[] = [];
  let failed = false;
  for (const [i, batch] of batches.entries()) {
    const earlier = answers[i - onTheWire];
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
