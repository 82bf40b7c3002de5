import { ulid } from 'ulid';
import type { KioskClient } from '../kiosk-client';
import { openOutboxDb } from '../outbox/db';
import type { KioskOutboxDb } from '../outbox/db';
import { enqueueTransaction } from '../outbox/enqueue';
import { queueCounts } from '../outbox/queries';
import { createSyncEngine } from '../sync/engine';
import { resumeOnEnrolment } from '../sync/resume-on-enrolment';
import type { SyncEngine } from '../sync/engine';
import type { SyncEvent } from '../sync/types';
import type { LoadTestCounts, LoadTestOptions, LoadTestPhase, LoadTestStatus } from './api';
import { createPhotoMaker } from './photo';
import { syntheticApplicant } from './synthetic';

const timers = {
  setTimer: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimer: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface LoadTestRun {
  start(options: LoadTestOptions): { ok: true } | { ok: false; error: string };
  status(): Promise<LoadTestStatus>;
  stop(): Promise<void>;
}

/**
 * The load test inside the real renderer: each synthetic transaction goes the way a citizen's
 * confirmation goes (photo sealed by the host, transaction sealed by the host, one strict Dexie
 * write), and the real sync engine drains the real outbox through the host, exactly as the
 * kiosk does. The engine runs from the start, so sending overlaps enqueueing as on a busy day.
 */
export function createLoadTestRun(kiosk: KioskClient): LoadTestRun {
  let phase: LoadTestPhase = 'ready';
  let error: string | undefined;
  let enqueueFailures = 0;
  let db: KioskOutboxDb | undefined;
  let engine: SyncEngine | undefined;
  const codes = new Map<string, number>();
  const count = (code: string): void => void codes.set(code, (codes.get(code) ?? 0) + 1);

  const onEvent = (e: SyncEvent): void => {
    switch (e.type) {
      case 'backoff':
        count(`sync:${e.code}`);
        return;
      case 'paused':
        count(`paused:${e.reason}`);
        return;
      case 'storage-error':
        count(`storage:${e.code}`);
        return;
      case 'journal-error':
        count(`journal:${e.code}`);
        return;
      case 'batch-size':
        count('sync:batch-halved');
        return;
      case 'online':
      case 'offline':
      case 'uploaded':
      case 'accepted':
      case 'dead-letter':
      case 'resumed':
      case 'restored':
      case 'drained':
        return;
    }
  };

  async function enqueueOne(outbox: KioskOutboxDb, photo: Uint8Array<ArrayBuffer>, n: number): Promise<string | undefined> {
    const attachment = await kiosk.vault.sealAttachment({ bytes: photo, contentType: 'image/jpeg' });
    if (!attachment.ok) return `seal-attachment:${attachment.error.code}`;
    const { sha256, size, contentType } = attachment.value;
    const applicant = syntheticApplicant(n);
    const transaction = await kiosk.vault.sealTransaction({
      id: ulid(),
      service: 'id.renewal',
      // the shape the renewal flow sends (renderer/flows/submit-application.ts)
      applicant: { idNumber: applicant.idNumber, ...(applicant.name === undefined ? {} : { name: applicant.name }) },
      attachments: [{ sha256, role: 'photo', contentType, size }],
    });
    if (!transaction.ok) return `seal-transaction:${transaction.error.code}`;
    const written = await enqueueTransaction(outbox, { transaction: transaction.value, attachments: [attachment.value] });
    return written.ok ? undefined : `enqueue:${written.error.code}`;
  }

  async function run(options: LoadTestOptions): Promise<void> {
    const outbox = openOutboxDb();
    db = outbox;
    const sync = createSyncEngine({ db: outbox, kiosk, now: Date.now, random: Math.random, onEvent, ...timers });
    engine = sync;
    await sync.start();
    // a revoked token pauses the engine; the load test's driver re-enrols the host, and this resumes it
    const info = await kiosk.app.info();
    resumeOnEnrolment(sync, kiosk, info.ok && info.value.enrolled);
    const tag = (i: number): string => `kiosk-loadtest ${options.runTag} ${i}`;
    const photos = await createPhotoMaker(options.photoBytes, tag(options.transactions));
    phase = 'enqueueing';
    for (let i = 0; i < options.transactions; i += 1) {
      const failure = await enqueueOne(outbox, photos.photo(tag(i)), i);
      if (failure) {
        enqueueFailures += 1;
        count(failure);
      } else {
        sync.kick();
      }
    }
    phase = 'draining';
    sync.kick();
  }

  async function counts(): Promise<LoadTestCounts> {
    if (!db) return { enqueued: 0, accepted: 0, duplicates: 0, rejected: 0, pending: 0 };
    const c = await queueCounts(db);
    return { enqueued: c.enqueued, accepted: c.accepted, duplicates: c.duplicates, rejected: c.dead, pending: c.pending };
  }

  return {
    start(options) {
      if (phase !== 'ready') return { ok: false, error: `cannot start: the page is ${phase}` };
      phase = 'enqueueing';
      run(options).catch((e: unknown) => {
        phase = 'failed';
        error = e instanceof Error ? e.message : 'the load test failed';
      });
      return { ok: true };
    },
    async status() {
      const rejections = db ? await db.deadLetters.toArray() : [];
      const all = new Map(codes);
      for (const d of rejections) all.set(`rejected:${d.reason.code}`, (all.get(`rejected:${d.reason.code}`) ?? 0) + 1);
      return { phase, counts: await counts(), enqueueFailures, codes: Object.fromEntries(all), ...(error === undefined ? {} : { error }) };
    },
    async stop() {
      await engine?.stop();
    },
  };
}
