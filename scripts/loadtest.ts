import { setTimeout as delay } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import type { LoadTestStatus } from '../renderer/loadtest/api';
import { parseLoadTestArgs, USAGE } from './loadtest/args';
import type { LoadTestArgs } from './loadtest/args';
import { bounded, SessionError, startKioskSession } from './loadtest/kiosk-session';
import type { KioskSession } from './loadtest/kiosk-session';
import { exitCodeFor, formatSummary, progressLine, summarise } from './loadtest/summary';

/**
 * `npm run --silent loadtest -- --platform <baseUrl> --enrolment-code <code> --transactions <n>
 * --photo-bytes <bytes> --timeout <sec> [--json]` (issue 4 item 7): a real browser-mode kiosk
 * enrols with that platform, enqueues n synthetic renewals through the real outbox in headless
 * Chromium, and lets the real sync engine drain them. Progress goes to stderr; the last stdout
 * line is the result. Exit 0 only if every transaction was accepted, 1 otherwise, 2 on usage.
 *
 * --timeout bounds the whole run, start-up and enrolment included; whatever the platform does
 * (hang, refuse, throttle), the result is printed by then, plus a few seconds to shut down.
 */
const POLL_MS = 500;
const PROGRESS_MS = 2_000;
/** a page that does not answer a status call within this is treated as gone */
const STATUS_TIMEOUT_MS = 5_000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const startedAt = Date.now();
  const parsed = parseLoadTestArgs(process.argv.slice(2));
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'usage-error':
      process.stderr.write(`loadtest: ${parsed.message}\n${USAGE}\n`);
      return 2;
    case 'run':
      return run(parsed.args, startedAt);
  }
}

async function run(args: LoadTestArgs, startedAt: number): Promise<number> {
  const deadline = startedAt + args.timeoutSec * 1000;
  let session: KioskSession;
  try {
    session = await startKioskSession({
      platform: { baseUrl: args.platform, enrolmentCode: args.enrolmentCode },
      // a hanging platform must cost a retry, not the whole run: a quarter of the budget at most
      requestTimeoutMs: Math.min(30_000, Math.max(1_000, Math.floor((args.timeoutSec * 1000) / 4))),
      enrolDeadline: Math.min(deadline, Date.now() + 30_000),
      log,
    });
  } catch (e) {
    process.stderr.write(`loadtest: ${e instanceof SessionError ? e.message : `could not start the kiosk: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 1;
  }
  log(`[loadtest] enrolled as ${session.terminalId}; enqueueing ${args.transactions} transactions with ${args.photoBytes}-byte photos`);
  try {
    // platform-api.md "401": the kiosk stops and waits for re-enrolment; here the load test is
    // the technician, and re-enrols with the code it was given (the page then resumes)
    const reEnrol = async (): Promise<void> => {
      const r = await session.host.dispatch(
        'platform.enrol',
        { enrolmentCode: args.enrolmentCode, terminalId: session.terminalId, site: session.host.config.terminal.site },
        { transport: 'direct' },
      );
      log(r.ok ? '[loadtest] re-enrolled; sync resumes' : `[loadtest] re-enrolment failed (${r.error.code})`);
    };
    return await drive(session.page, args, deadline, reEnrol);
  } finally {
    await bounded(
      session.page.evaluate(() => window.kioskLoadTest?.stop()),
      2_000,
    ).catch(() => undefined);
    await bounded(session.close(), 10_000).catch(() => undefined);
  }
}

async function drive(page: Page, args: LoadTestArgs, deadline: number, reEnrol: () => Promise<void>): Promise<number> {
  const runTag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const started = await page.evaluate((o) => window.kioskLoadTest?.start(o) ?? { ok: false as const, error: 'the load-test page did not load' }, {
    transactions: args.transactions,
    photoBytes: args.photoBytes,
    runTag,
  });
  if (!started.ok) {
    process.stderr.write(`loadtest: ${started.error}\n`);
    return 1;
  }
  const t0 = Date.now();
  let last: LoadTestStatus | undefined;
  let lastProgress = 0;
  let timedOut = false;
  let revocationsHandled = 0;
  for (;;) {
    const status = await bounded(
      page.evaluate(() => window.kioskLoadTest?.status()),
      STATUS_TIMEOUT_MS,
    ).catch(() => undefined);
    if (status) last = status;
    const now = Date.now();
    if (status && now - lastProgress >= PROGRESS_MS) {
      lastProgress = now;
      log(progressLine(status.counts, args.transactions, status.phase));
    }
    // a revoked token pauses sync as `unauthorized`, or as `not-enrolled` when another request met
    // the 401 first: either way a technician re-enrols, and so does the load test
    const revocations = (status?.codes['paused:unauthorized'] ?? 0) + (status?.codes['paused:not-enrolled'] ?? 0);
    if (revocations > revocationsHandled) {
      revocationsHandled = revocations;
      log('[loadtest] the platform refused the terminal token (401): sync stopped; re-enrolling');
      await reEnrol();
    }
    if (status?.phase === 'failed' || status?.phase === 'refused') break;
    if (status?.phase === 'draining' && status.counts.pending === 0) break;
    if (now >= deadline) {
      timedOut = true;
      break;
    }
    await delay(Math.min(POLL_MS, Math.max(0, deadline - now)));
  }
  const elapsedMs = Date.now() - t0;
  const counts = last?.counts ?? { enqueued: 0, accepted: 0, duplicates: 0, rejected: 0, pending: 0 };
  const result = summarise(counts, elapsedMs);
  const notes = {
    requested: args.transactions,
    enqueueFailures: last?.enqueueFailures ?? 0,
    timedOut,
    codes: last?.codes ?? {},
    ...(last?.error === undefined ? {} : { error: last.error }),
  };
  if (args.json) {
    log(formatSummary(result, notes));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(`${formatSummary(result, notes)}\n`);
  }
  return exitCodeFor(result, args.transactions);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`loadtest: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
