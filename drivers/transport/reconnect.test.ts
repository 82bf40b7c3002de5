import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../fixtures/devices/pty';
import { err, ok, type Result } from '../result';
import { createMemoryDuplex } from './memory-duplex';
import { createReconnectingLink, type LinkEvent } from './reconnect';
import { openSerialTransport } from './serial';
import type { ByteTransport } from './types';

/** Manual timers: the test decides when a retry fires, so nothing depends on wall-clock time. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    pending,
    set: (fn: () => void, ms: number) => {
      next += 1;
      pending.set(next, { fn, ms });
      return next;
    },
    clear: (h: unknown) => pending.delete(h as number),
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.fn();
    },
  };
}

const nextEvent = (link: ReturnType<typeof createReconnectingLink>, type: LinkEvent['type']): Promise<LinkEvent> =>
  new Promise((resolve) => {
    const off = link.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e);
      }
    });
  });

describe('createReconnectingLink', () => {
  it('retries a failed open with capped exponential backoff, then connects', async () => {
    const timers = manualTimers();
    const outcomes: Result<ByteTransport>[] = [err('device-unreachable', 'no port'), err('device-unreachable', 'no port'), err('device-unreachable', 'no port')];
    let opens = 0;
    const opener = async (): Promise<Result<ByteTransport>> => {
      opens += 1;
      return outcomes.shift() ?? ok(createMemoryDuplex()[0]);
    };
    const link = createReconnectingLink(opener, { initialDelayMs: 100, maxDelayMs: 300, timers });
    const first = await link.ready();
    expect(first.ok).toBe(false);
    const delays: number[] = [];
    while (!link.connected) {
      const t = [...timers.pending.values()][0];
      if (!t) throw new Error('no retry scheduled');
      delays.push(t.ms);
      timers.fireAll();
      await link.ready();
    }
    expect(delays).toEqual([100, 200, 300]);
    expect(opens).toBe(4);
    await link.close();
  });

  it('reports disconnected on close of the transport and reconnects by itself', async () => {
    const timers = manualTimers();
    const ends: ByteTransport[] = [];
    const link = createReconnectingLink(
      async () => {
        const [a, b] = createMemoryDuplex();
        ends.push(b);
        return ok(a);
      },
      { timers },
    );
    expect((await link.ready()).ok).toBe(true);
    const down = nextEvent(link, 'disconnected');
    await ends[0]?.close();
    expect(await down).toMatchObject({ type: 'disconnected' });
    expect(link.connected).toBe(false);
    const up = nextEvent(link, 'connected');
    timers.fireAll();
    await up;
    expect(link.connected).toBe(true);
    expect(ends).toHaveLength(2);
    await link.close();
    expect(timers.pending.size).toBe(0);
  });

  it('stops retrying after close()', async () => {
    const timers = manualTimers();
    const link = createReconnectingLink(async () => err('device-unreachable', 'gone'), { timers });
    await link.ready();
    await link.close();
    expect(timers.pending.size).toBe(0);
    expect((await link.ready()).ok).toBe(false);
  });

  describe('over a real pty', () => {
    let pair: PtyPair | undefined;
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-reconnect-'));
    afterEach(async () => {
      await pair?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('goes disconnected on unplug and back to connected when the port returns at the same path', async () => {
      const driverPath = join(dir, 'driver');
      const simulatorPath = join(dir, 'simulator');
      pair = await createPtyPair({ driverPath, simulatorPath });
      const link = createReconnectingLink(() => openSerialTransport({ path: driverPath, baudRate: 115200 }), { initialDelayMs: 20, maxDelayMs: 100 });
      expect((await link.ready()).ok).toBe(true);
      const down = nextEvent(link, 'disconnected');
      await pair.close();
      await down;
      const up = nextEvent(link, 'connected');
      pair = await createPtyPair({ driverPath, simulatorPath });
      await up;
      expect(link.transport?.isOpen).toBe(true);
      await link.close();
    });
  });
});
