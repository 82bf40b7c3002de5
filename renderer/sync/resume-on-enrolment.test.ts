import { describe, expect, it } from 'vitest';
import { testEntry } from '../outbox/testing';
import { harness } from './harness';
import { resumeOnEnrolment } from './resume-on-enrolment';
import type { EnrolmentEvents } from './resume-on-enrolment';

function events(): EnrolmentEvents & { fire(): void } {
  const listeners = new Set<(p: { terminalId: string }) => void>();
  return {
    on(_event, listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire() {
      for (const l of listeners) l({ terminalId: 'CZ-T0012' });
    },
  };
}

/** Resolves once the engine has said it resumed (checked each turn of the event loop: IndexedDB needs those turns). */
function resumed(h: ReturnType<typeof harness>): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => {
      if (h.events.some((e) => e.type === 'resumed')) resolve();
      else setImmediate(poll);
    };
    poll();
  });
}

describe('resume after re-enrolment (platform-api.md "401")', () => {
  it('a sync stopped by a revoked token resumes when the host says the terminal enrolled again, and delivers', async () => {
    const h = harness();
    await h.enqueue(testEntry(1));
    h.platform.failNext('sendBatch', { code: 'unauthorized' });
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'paused' });
    const bus = events();
    const off = resumeOnEnrolment(h.engine, bus, false);
    expect((await h.engine.snapshot()).paused).toBe('unauthorized');

    bus.fire();
    await resumed(h);
    expect((await h.engine.snapshot()).paused).toBeNull();
    expect(await h.engine.drainOnce()).toMatchObject({ outcome: 'drained', accepted: 1 });
    off();
  });

  it('resumes at start-up when the host is enrolled already, and not when it is not', async () => {
    const h = harness();
    await h.enqueue(testEntry(1));
    h.platform.failNext('sendBatch', { code: 'unauthorized' });
    await h.engine.drainOnce();

    const notYet = h.newEngine();
    await notYet.start();
    resumeOnEnrolment(notYet, events(), false)();
    expect((await notYet.snapshot()).paused).toBe('unauthorized');
    await notYet.stop();

    const reloaded = h.newEngine();
    await reloaded.start();
    resumeOnEnrolment(reloaded, events(), true);
    await resumed(h);
    expect((await reloaded.snapshot()).paused).toBeNull();
    await reloaded.stop();
  });
});
