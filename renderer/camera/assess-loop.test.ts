import { describe, expect, it } from 'vitest';
import { lazyOnce, type LoopTimers, startAssessLoop } from './assess-loop';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: LoopTimers = {
    setTimer: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimer: (handle) => {
      pending.delete(handle as number);
    },
  };
  const fire = () => {
    const entries = [...pending.entries()];
    pending.clear();
    for (const [, t] of entries) t.fn();
  };
  return { timers, pending, fire };
}

/** A run() whose calls are settled by the test, to see what happens while one is in flight. */
function controlledRun<T>() {
  const calls: Array<{ resolve: (v: T | null) => void; reject: (e: unknown) => void }> = [];
  const run = () => new Promise<T | null>((resolve, reject) => calls.push({ resolve, reject }));
  return { run, calls };
}

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('startAssessLoop', () => {
  it('runs at once, then again only after the previous run finished and the interval passed', async () => {
    const { timers, pending, fire } = manualTimers();
    const { run, calls } = controlledRun<string>();
    const results: string[] = [];
    startAssessLoop({ run, onResult: (r) => results.push(r), onError: () => undefined, intervalMs: 300, timers });
    expect(calls).toHaveLength(1);
    expect(pending.size).toBe(0); // nothing scheduled while the first run is in flight: no overlap
    calls[0]?.resolve('a');
    await settle();
    expect(results).toEqual(['a']);
    expect([...pending.values()].map((p) => p.ms)).toEqual([300]);
    fire();
    expect(calls).toHaveLength(2);
  });

  it('skips runs that had nothing to assess, and keeps going', async () => {
    const { timers, fire } = manualTimers();
    const { run, calls } = controlledRun<string>();
    const results: string[] = [];
    startAssessLoop({ run, onResult: (r) => results.push(r), onError: () => undefined, intervalMs: 300, timers });
    calls[0]?.resolve(null);
    await settle();
    fire();
    calls[1]?.resolve('b');
    await settle();
    expect(results).toEqual(['b']);
  });

  it('stop() cancels the next run and drops a result still in flight', async () => {
    const { timers, pending, fire } = manualTimers();
    const { run, calls } = controlledRun<string>();
    const results: string[] = [];
    const stop = startAssessLoop({ run, onResult: (r) => results.push(r), onError: () => undefined, intervalMs: 300, timers });
    calls[0]?.resolve('a');
    await settle();
    stop();
    expect(pending.size).toBe(0);
    fire();
    expect(calls).toHaveLength(1);

    const second = controlledRun<string>();
    const stopInFlight = startAssessLoop({ run: second.run, onResult: (r) => results.push(r), onError: () => undefined, intervalMs: 300, timers });
    stopInFlight();
    second.calls[0]?.resolve('late');
    await settle();
    expect(results).toEqual(['a']);
    expect(pending.size).toBe(0);
  });

  it('ends the loop and reports when a run fails', async () => {
    const { timers, pending } = manualTimers();
    const { run, calls } = controlledRun<string>();
    const errors: unknown[] = [];
    startAssessLoop({ run, onResult: () => undefined, onError: (e) => errors.push(e), intervalMs: 300, timers });
    calls[0]?.reject(new Error('webgl context lost'));
    await settle();
    expect(errors).toHaveLength(1);
    expect(pending.size).toBe(0);
  });
});

describe('lazyOnce', () => {
  it('loads once for every caller after success', async () => {
    let loads = 0;
    const get = lazyOnce(async () => ++loads);
    const [a, b] = await Promise.all([get(), get()]);
    expect([a, b, await get()]).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('tries again after a failure', async () => {
    let loads = 0;
    const get = lazyOnce(async () => {
      loads += 1;
      if (loads === 1) throw new Error('offline');
      return 'model';
    });
    await expect(get()).rejects.toThrow('offline');
    await expect(get()).resolves.toBe('model');
    expect(loads).toBe(2);
  });
});
