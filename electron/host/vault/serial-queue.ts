/**
 * Runs async tasks one at a time, in call order. Durable state (the seq counter, journal files)
 * is read-modify-written across awaits; two seals interleaving would allocate the same seq.
 */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
