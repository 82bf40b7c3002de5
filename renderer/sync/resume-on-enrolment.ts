import type { SyncEngine } from './engine';

/** What this needs of the kiosk client: the host's `platform.enrolled` event. */
export interface EnrolmentEvents {
  on(event: 'platform.enrolled', listener: (payload: { terminalId: string }) => void): () => void;
}

/**
 * platform-api.md, "401": stop syncing, keep everything queued, raise a supervisor alert, and
 * resume after re-enrolment. The engine stops by itself (and remembers it across restarts);
 * this resumes it when the host says the terminal enrolled again, and at start-up when the host
 * is enrolled already (re-enrolled while this page was not running).
 * @returns unsubscribe
 */
export function resumeOnEnrolment(engine: Pick<SyncEngine, 'resume' | 'snapshot'>, kiosk: EnrolmentEvents, enrolledNow: boolean): () => void {
  const resumeIfPaused = async (): Promise<void> => {
    if ((await engine.snapshot()).paused !== null) await engine.resume();
  };
  const off = kiosk.on('platform.enrolled', () => {
    resumeIfPaused().catch(() => undefined);
  });
  if (enrolledNow) resumeIfPaused().catch(() => undefined);
  return off;
}
