import type { KioskOutboxDb } from '../outbox/db';
import { enqueueTransaction } from '../outbox/enqueue';
import type { OutboxInput } from '../outbox/enqueue';
import { freshDb } from '../outbox/testing';
import { createSyncEngine } from './engine';
import type { SyncEngine } from './engine';
import { FakePlatform, ManualTimers } from './fake-platform';
import type { SyncEvent } from './types';

/** Test support: an engine over a fresh database, a fake platform, a hand-moved clock and timers. */
export interface Harness {
  db: KioskOutboxDb;
  platform: FakePlatform;
  timers: ManualTimers;
  events: SyncEvent[];
  clock: { t: number };
  random: { value: number };
  engine: SyncEngine;
  /** a second engine over the same database, as after a reload */
  newEngine(): SyncEngine;
  enqueue(...entries: OutboxInput[]): Promise<void>;
}

export function harness(options: { batchSize?: number; pageSize?: number } = {}): Harness {
  const { db } = freshDb();
  const platform = new FakePlatform();
  const timers = new ManualTimers();
  const events: SyncEvent[] = [];
  const clock = { t: Date.parse('2026-11-24T10:00:00.000Z') };
  const random = { value: 0.5 };
  const newEngine = (): SyncEngine =>
    createSyncEngine({
      db,
      kiosk: platform.client(),
      now: () => clock.t,
      random: () => random.value,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
      onEvent: (e) => events.push(e),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
  return {
    db,
    platform,
    timers,
    events,
    clock,
    random,
    engine: newEngine(),
    newEngine,
    async enqueue(...entries) {
      for (const entry of entries) {
        const res = await enqueueTransaction(db, entry);
        if (!res.ok) throw new Error(`enqueue failed: ${res.error.code}`);
        platform.journal.push(entry);
      }
    },
  };
}
