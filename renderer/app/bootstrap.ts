import { ulid } from 'ulid';
import { err, ok, type Result } from '../../drivers/result';
import type { AppInfo } from '../../electron/api/contract';
import { timingsFor, type FlowDeps } from '../flows/ports';
import { connectKiosk, type KioskClient } from '../kiosk-client';
import { enqueueTransaction, openOutboxDb, purgeAccepted } from '../outbox';
import { createCodeStream, type CodeStream } from '../devices/code-stream';
import { cachedServices, createSyncEngine, pullReference, sendHeartbeat } from '../sync';
import { resumeOnEnrolment } from '../sync/resume-on-enrolment';
import { createCaseWaiter } from './case-waiter';
import { createCatalogueStore, type CatalogueStore } from './catalogue';

/** Periodic work of an unattended kiosk; none of it carries personal data. */
const HEARTBEAT_MS = 60_000;
const PURGE_MS = 15 * 60_000;
const REFERENCE_MS = 30 * 60_000;

export interface Runtime {
  readonly kiosk: KioskClient;
  readonly info: AppInfo;
  readonly flowDeps: FlowDeps;
  readonly catalogue: CatalogueStore;
  /** every code any scanner reads, keyboard-wedge bursts included */
  readonly codes: CodeStream;
  stop(): Promise<void>;
}

const timers = {
  setTimer: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimer: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Composition root: connect to the host, open the outbox, start the sync engine (which first
 * rebuilds the outbox from the host's journal, issue 4 "backstop"), then keep the heartbeat,
 * retention purge and reference pull going. Failures of the periodic jobs are left to the next
 * round: they are retried by design and must never reach the citizen's screen.
 */
export async function bootstrap(): Promise<Result<Runtime>> {
  const kiosk = connectKiosk();
  const info = await kiosk.app.info();
  if (!info.ok) return err(info.error.code, info.error.message);

  const db = openOutboxDb();
  const cases = createCaseWaiter(timers);
  const engine = createSyncEngine({ db, kiosk, now: Date.now, random: Math.random, onEvent: (e) => cases.onEvent(e), ...timers });
  const catalogue = createCatalogueStore();
  const refreshCatalogue = async () => catalogue.set(await cachedServices(db));
  const pull = async () => {
    await pullReference(db, kiosk);
    await refreshCatalogue();
  };
  const quietly = (job: () => Promise<unknown>) => () => {
    job().catch(() => undefined);
  };

  quietly(refreshCatalogue)();
  let stopResuming: () => void = () => undefined;
  quietly(async () => {
    await engine.start();
    stopResuming = resumeOnEnrolment(engine, kiosk, info.value.enrolled);
  })();
  quietly(pull)();
  const intervals = [
    setInterval(quietly(() => sendHeartbeat(db, kiosk, Date.now())), HEARTBEAT_MS),
    setInterval(quietly(() => purgeAccepted(db, { now: Date.now(), olderThanMs: info.value.retentionHours * 3_600_000 })), PURGE_MS),
    setInterval(quietly(pull), REFERENCE_MS),
  ];
  const codes = createCodeStream(kiosk, window);
  const onOnline = () => engine.kick();
  window.addEventListener('online', onOnline);

  const flowDeps: FlowDeps = {
    kiosk,
    outbox: { enqueue: (transaction, attachments) => enqueueTransaction(db, { transaction, attachments }) },
    sync: { kick: () => engine.kick(), waitForCase: cases.waitForCase },
    timings: timingsFor(info.value.idleTimeoutSec),
    now: () => new Date(),
    newId: () => ulid(),
  };

  return ok({
    kiosk,
    info: info.value,
    flowDeps,
    catalogue,
    codes,
    async stop() {
      codes.dispose();
      stopResuming();
      for (const interval of intervals) clearInterval(interval);
      window.removeEventListener('online', onOnline);
      await engine.stop();
      db.close();
    },
  });
}
