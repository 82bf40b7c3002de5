import { describe, expect, it } from 'vitest';
import type { BatchAnswer } from './contract';
import { BATCHES_ON_THE_WIRE, createSendLane } from './send-in-turn';

/** Batches whose answers the test gives when it chooses; records the order of opens and starts, and the peak on the wire. */
function wire() {
  const opened: string[] = [];
  const started: string[] = [];
  const pending = new Map<string, (a: BatchAnswer) => void>();
  let onWire = 0;
  let peak = 0;
  const start = (name: string) => (): Promise<BatchAnswer> => {
    started.push(name);
    onWire += 1;
    peak = Math.max(peak, onWire);
    return new Promise<BatchAnswer>((resolve) => {
      pending.set(name, (a) => {
        onWire -= 1;
        resolve(a);
      });
    });
  };
  const open = (name: string): (() => Promise<BatchAnswer>) => {
    opened.push(name);
    return start(name);
  };
  const answer = async (name: string, a: BatchAnswer = { results: [] }): Promise<void> => {
    for (let i = 0; i < 20 && !pending.has(name); i += 1) await Promise.resolve();
    const resolve = pending.get(name);
    if (!resolve) throw new Error(`${name} was not started`);
    pending.delete(name);
    resolve(a);
  };
  return { opened, started, open, answer, peak: () => peak };
}

const failure: BatchAnswer = { error: { code: 'server-error', message: 'POST answered 500' } };

describe('send lane', () => {
  it('starts the batches of overlapping calls in call order, two on the wire at most across calls', async () => {
    const lane = createSendLane();
    const w = wire();
    const first = lane.send(['a1', 'a2', 'a3'], w.open);
    const second = lane.send(['b1', 'b2'], w.open);
    for (const name of ['a1', 'a2', 'a3', 'b1', 'b2']) await w.answer(name);
    expect(await first).toHaveLength(3);
    expect(await second).toHaveLength(2);
    expect(w.started).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(w.peak()).toBe(BATCHES_ON_THE_WIRE);
  });

  it('opens the next batch while the wire is full, and sends it once a place frees', async () => {
    const lane = createSendLane();
    const w = wire();
    const sent = lane.send(['a1', 'a2', 'a3', 'a4'], w.open);
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    expect(w.started).toEqual(['a1', 'a2']);
    expect(w.opened).toEqual(['a1', 'a2', 'a3']);
    await w.answer('a1');
    await w.answer('a2');
    await w.answer('a3');
    await w.answer('a4');
    expect(await sent).toHaveLength(4);
    expect(w.started).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('starts no batch of a waiting call after a whole-request failure; those on the wire are answered', async () => {
    const lane = createSendLane();
    const w = wire();
    const first = lane.send(['a1', 'a2'], w.open);
    const second = lane.send(['b1', 'b2'], w.open);
    await w.answer('a1', failure);
    await w.answer('a2');
    expect(await first).toEqual([failure, { results: [] }]);
    expect(await second).toEqual([]);
    expect(w.started).toEqual(['a1', 'a2']);
  });

  it('answers a batch already on the wire in the next call, and starts none after it', async () => {
    const lane = createSendLane();
    const w = wire();
    const first = lane.send(['a1'], w.open);
    const second = lane.send(['b1', 'b2', 'b3'], w.open);
    await w.answer('b1');
    await w.answer('a1', failure);
    expect(await first).toEqual([failure]);
    expect(await second).toEqual([{ results: [] }]);
    expect(w.started).toEqual(['a1', 'b1']);
  });

  it('forgets the failure once no call is left', async () => {
    const lane = createSendLane();
    const w = wire();
    const failed = lane.send(['a1'], w.open);
    await w.answer('a1', failure);
    await failed;
    const next = lane.send(['b1'], w.open);
    await w.answer('b1');
    expect(await next).toEqual([{ results: [] }]);
  });

  it('a batch that cannot be sent ends its own call; the call behind it goes on', async () => {
    const lane = createSendLane();
    const w = wire();
    const gap = { error: { code: 'sealed-item-unavailable', message: 'not in the journal' } };
    const open = (name: string) => (name === 'a2' ? gap : w.open(name));
    const first = lane.send(['a1', 'a2', 'a3'], open);
    const second = lane.send(['b1'], open);
    await w.answer('a1');
    await w.answer('b1');
    expect(await first).toEqual([{ results: [] }, gap]);
    expect(await second).toEqual([{ results: [] }]);
    expect(w.started).toEqual(['a1', 'b1']);
  });
});
