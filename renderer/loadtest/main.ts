import { connectKiosk } from '../kiosk-client';
import type { LoadTestApi, LoadTestStatus } from './api';
import { LOADTEST_GLOBAL } from './api';
import { benchOutbox } from './outbox-bench';
import { createLoadTestRun } from './run';
import { createSyncBench } from './sync-bench';

/**
 * Entry of renderer/loadtest.html (scripts/loadtest.ts, bench/outbox.ts, bench/sync.ts). It writes synthetic
 * transactions into the outbox and sends them to whatever platform the host is enrolled with,
 * so it refuses to do anything unless the host says it runs in development mode.
 */
async function main(): Promise<void> {
  const out = document.getElementById('status');
  const show = (text: string): void => {
    if (out) out.textContent = text;
  };
  const kiosk = connectKiosk();
  const info = await kiosk.app.info();
  if (!info.ok || !info.value.devMode) {
    const reason = info.ok ? 'the load test runs only in development mode' : `the host did not answer: ${info.error.code}`;
    show(`refused: ${reason}`);
    window[LOADTEST_GLOBAL] = refusedApi(reason);
    return;
  }
  const run = createLoadTestRun(kiosk);
  const syncBench = createSyncBench(kiosk);
  window[LOADTEST_GLOBAL] = {
    start: (options) => run.start(options),
    status: () => run.status(),
    stop: () => run.stop(),
    benchOutbox: (options) => benchOutbox(kiosk, options),
    prepareSyncBench: (options) => syncBench.prepare(options),
    drainSyncBench: (options) => syncBench.drain(options),
  };
  show('ready');
  // a visible summary for someone watching a headed run; counts only
  setInterval(() => {
    run.status().then(
      (s) => show(`${s.phase}: ${JSON.stringify(s.counts)}`),
      () => undefined,
    );
  }, 1000);
}

function refusedApi(reason: string): LoadTestApi {
  const status: LoadTestStatus = {
    phase: 'refused',
    counts: { enqueued: 0, accepted: 0, duplicates: 0, rejected: 0, pending: 0 },
    enqueueFailures: 0,
    codes: {},
    error: reason,
  };
  return {
    start: () => ({ ok: false, error: reason }),
    status: async () => status,
    stop: async () => undefined,
    benchOutbox: () => Promise.reject(new Error(reason)),
    prepareSyncBench: () => Promise.reject(new Error(reason)),
    drainSyncBench: () => Promise.reject(new Error(reason)),
  };
}

main().catch((e: unknown) => {
  const reason = e instanceof Error ? e.message : 'the page failed to start';
  window[LOADTEST_GLOBAL] = refusedApi(reason);
});
