import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PrintedReceipt } from '../electron/api/contract';
import { startStandIn, type StandIn } from '../fixtures/platform';
import type { StandInCase, StandInReport } from '../fixtures/platform/report';
import type { LoadTestStatus } from '../renderer/loadtest/api';
import { presentCard, removeCard, startRenewal, takePhotoAndConfirm, visible } from './citizen';
import { CHROMIUM, jpegSize, type KioskUnderTest, startKiosk } from './harness';
import { freePort, type HostProcess, startHostProcess } from './host-process';

// Issue 4, "Tests": the host killed (SIGKILL) in the middle of a drain and restarted; IndexedDB
// deleted under a queued transaction and restored from the host's journal. Everything is real:
// the host in Node (browser mode), the renderer in Debian's Chromium, the stand-in on loopback.

const ENROLMENT_CODE = 'DEV-ENROL-0001';
const CHROMIUM_ARGS = ['--no-sandbox', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Everything a test started, undone in reverse order even when the test failed half-way. */
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
}
afterEach(cleanUp);
afterAll(cleanUp);

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function launchProfile(profileDir: string): Promise<BrowserContext> {
  // an on-disk profile: strict durability and a wiped IndexedDB mean something only on disk
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1080, height: 1920 },
    permissions: ['camera'],
    args: CHROMIUM_ARGS,
  });
  cleanups.push(() => context.close());
  return context;
}

async function admin<T>(origin: string, path: string): Promise<T> {
  const response = await fetch(`${origin}${path}`);
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

describe('the host is killed (SIGKILL) in the middle of a drain and restarted', () => {
  const N = 120;
  const AFTER_RESTART = 10;

  async function loadTestStatus(page: Page): Promise<LoadTestStatus> {
    const status = await page.evaluate(() => window.kioskLoadTest?.status());
    if (!status) throw new Error('the load-test page is not loaded');
    return status;
  }

  async function openLoadTestPage(page: Page, url: string): Promise<void> {
    await page.goto(new URL('loadtest.html', url).href);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 30_000 });
  }

  async function startLoadTest(page: Page, transactions: number): Promise<void> {
    const runTag = randomBytes(6).toString('hex');
    const started = await page.evaluate((o) => window.kioskLoadTest?.start(o), { transactions, photoBytes: 6_000, runTag });
    expect(started).toEqual({ ok: true });
  }

  it('loses nothing, doubles nothing and never reuses a seq', async () => {
    const standIn: StandIn = await startStandIn({ dataDir: tempDir('resilience-platform-'), port: 0, enrolmentCodes: [ENROLMENT_CODE], log: () => undefined });
    cleanups.push(() => standIn.close());
    const dataDir = tempDir('resilience-host-');
    const terminalId = `E2E-KILL-${randomBytes(4).toString('hex').toUpperCase()}`;
    const configPath = join(dataDir, 'kiosk-config.json');
    // a platform answer may take as long as it likes: no held batch ends in a client timeout
    writeFileSync(configPath, JSON.stringify({ terminal: { id: terminalId }, platform: { baseUrl: standIn.url, enrolmentCode: ENROLMENT_CODE, timeoutMs: 120_000 } }));
    const port = await freePort();
    let host: HostProcess = await startHostProcess({ port, dataDir: join(dataDir, 'host'), configPath });
    cleanups.push(() => host.stop());
    expect(host.url).toBe(`http://127.0.0.1:${port}/`);
    expect(host.output.join('\n')).toContain(`enrolled as ${terminalId}`);

    const context = await launchProfile(tempDir('resilience-profile-'));
    const page = context.pages()[0] ?? (await context.newPage());
    await openLoadTestPage(page, host.url);

    // Hold the platform: the first health check is answered late, so the queue fills meanwhile
    // and the first batch is a full one; every batch is applied and its answer withheld.
    standIn.faults.add({ kind: 'slow', path: '/health', count: 1, delayMs: 8_000 });
    standIn.faults.add({ kind: 'slow', path: '/transactions/batch', delayMs: 600_000 });
    await startLoadTest(page, N);

    // A drain is in flight: the platform has applied a batch, the kiosk has not heard back.
    await expect
      .poll(
        async () => {
          const status = await loadTestStatus(page);
          return { phase: status.phase, enqueued: status.counts.enqueued, accepted: status.counts.accepted, applied: standIn.report().transactions.distinct > 0 };
        },
        { timeout: 60_000, interval: 200 },
      )
      .toEqual({ phase: 'draining', enqueued: N, accepted: 0, applied: true });
    const appliedBeforeKill = standIn.report().transactions.distinct;
    expect(appliedBeforeKill).toBeLessThan(N);

    await host.kill();
    await standIn.faults.clear();

    // Restarted on the same port and data directory. The page is not reloaded: a kiosk whose
    // host restarts keeps its window, and the page's WebSocket reconnects by itself.
    host = await startHostProcess({ port, dataDir: join(dataDir, 'host'), configPath });
    expect(host.url).toBe(`http://127.0.0.1:${port}/`);
    await expect
      .poll(async () => (await loadTestStatus(page)).counts, { timeout: 60_000, interval: 500 })
      .toEqual({ enqueued: N, accepted: N, duplicates: expect.any(Number) as number, rejected: 0, pending: 0 });

    // New transactions after the restart take new seq numbers (the stand-in refuses a reused
    // one as `seq-reused`). The load-test page runs once per load, so it is loaded again.
    await page.evaluate(() => window.kioskLoadTest?.stop());
    await openLoadTestPage(page, host.url);
    await startLoadTest(page, AFTER_RESTART);
    await expect
      .poll(async () => (await loadTestStatus(page)).counts, { timeout: 60_000, interval: 500 })
      .toEqual({ enqueued: N + AFTER_RESTART, accepted: N + AFTER_RESTART, duplicates: expect.any(Number) as number, rejected: 0, pending: 0 });

    const report = await admin<StandInReport>(standIn.origin, '/__admin/report');
    expect(report.transactions).toMatchObject({ distinct: N + AFTER_RESTART, conflicts: 0, rejected: 0 });
    // the batch applied before the kill was sent again as the very same items: duplicates
    expect(report.transactions.duplicates).toBeGreaterThanOrEqual(appliedBeforeKill);
    expect(report.attachments.missingReferenced).toBe(0);

    const { cases } = await admin<{ cases: StandInCase[] }>(standIn.origin, '/__admin/cases');
    expect(cases).toHaveLength(N + AFTER_RESTART);
    expect(new Set(cases.map((c) => c.id)).size).toBe(N + AFTER_RESTART);
    expect(new Set(cases.map((c) => c.terminalId))).toEqual(new Set([terminalId]));
    // seq: one per transaction, from 1, no repeat and no gap across the kill
    expect(cases.map((c) => c.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: N + AFTER_RESTART }, (_, i) => i + 1));
    // every case has its own photo, and the platform has its bytes
    for (const c of cases) expect(c.attachments).toHaveLength(1);
    const photos = cases.flatMap((c) => c.attachments);
    expect(new Set(photos).size).toBe(N + AFTER_RESTART);
    for (const sha of photos) expect((await fetch(`${standIn.origin}/__admin/attachments/${sha}`)).status).toBe(200);
  });
});

describe('IndexedDB is deleted under a queued transaction', () => {
  const CARD_ID = 'resident-renewal-due';

  it('restores it from the host journal and delivers exactly one case, with the photo the receipt promised', async () => {
    const kiosk: KioskUnderTest = await startKiosk();
    cleanups.push(() => kiosk.close());
    const dev = async <T>(method: string, input: unknown = {}): Promise<T> => {
      const result = await kiosk.host.dispatch(method, input, { transport: 'direct' });
      if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
      return result.value as T;
    };
    const origin = new URL(kiosk.host.platformBaseUrl).origin;
    const profileDir = tempDir('resilience-idb-profile-');

    // Offline: one renewal through the screens; the receipt says the data waits to upload.
    let context = await launchProfile(profileDir);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(kiosk.url);
    await visible(page, 'dev-panel');
    await dev('dev.setNetwork', { up: false });
    await startRenewal(page);
    await presentCard(page, CARD_ID);
    await takePhotoAndConfirm(page);
    await expect.poll(() => page.getByTestId('screen-done').innerText()).toContain('待上传');
    const shownReference = (await page.getByTestId('reference').innerText()).trim();
    await page.getByTestId('finish').click();
    await visible(page, 'screen-attract');
    await removeCard(page);

    const receipts = await dev<PrintedReceipt[]>('dev.printedReceipts');
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0];
    if (!receipt) throw new Error('no receipt');
    expect(receipt.text).toContain('待上传');
    expect(receipt.qrCodes).toEqual([shownReference]);
    expect(receipt.text).toContain(shownReference);
    expect((await admin<{ cases: StandInCase[] }>(origin, '/__admin/cases')).cases).toHaveLength(0);

    // The browser closes and its IndexedDB is wiped from the profile (a reset, a corrupt disk).
    await context.close();
    const idbDirs = indexedDbDirs(profileDir);
    expect(idbDirs.length).toBeGreaterThan(0);
    for (const dir of idbDirs) rmSync(dir, { recursive: true, force: true });
    expect(indexedDbDirs(profileDir)).toEqual([]);

    // The kiosk comes back, still offline: the outbox holds the transaction again.
    context = await launchProfile(profileDir);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(kiosk.url);
    await visible(page, 'screen-attract');
    await expect.poll(() => queuedIds(page), { timeout: 30_000, interval: 500 }).toEqual([shownReference]);

    // The network returns: exactly one case, the receipt's, with its photo.
    await dev('dev.setNetwork', { up: true });
    await expect.poll(async () => (await admin<{ cases: StandInCase[] }>(origin, '/__admin/cases')).cases.length, { timeout: 60_000, interval: 500 }).toBe(1);
    await expect.poll(() => queuedIds(page), { timeout: 30_000, interval: 500 }).toEqual([]);
    const { cases } = await admin<{ cases: StandInCase[] }>(origin, '/__admin/cases');
    expect(cases).toHaveLength(1);
    const theCase = cases[0];
    if (!theCase) throw new Error('no case');
    expect(theCase).toMatchObject({ id: shownReference, service: 'id.renewal' });
    expect(theCase.attachments).toHaveLength(1);
    const photo = new Uint8Array(await (await fetch(`${origin}/__admin/attachments/${theCase.attachments[0] ?? ''}`)).arrayBuffer());
    expect(jpegSize(photo)).toEqual({ width: 358, height: 441 });
    const report = await admin<StandInReport>(origin, '/__admin/report');
    expect(report.transactions).toMatchObject({ distinct: 1, conflicts: 0, rejected: 0 });
  });
});

/** Where Chromium keeps IndexedDB in a profile (per origin, per storage bucket). */
function indexedDbDirs(profileDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 6 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name === 'IndexedDB') found.push(path);
      else walk(path, depth + 1);
    }
  };
  walk(profileDir, 0);
  return found;
}

/** Ids of the transactions the page's outbox still has to send (read-only, raw IndexedDB). */
async function queuedIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('kiosk-outbox')) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('kiosk-outbox');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    try {
      if (!db.objectStoreNames.contains('outbox')) return [];
      return await new Promise<string[]>((resolve, reject) => {
        const request = db.transaction('outbox', 'readonly').objectStore('outbox').getAllKeys();
        request.onsuccess = () => resolve(request.result.map(String).sort());
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
    } finally {
      db.close();
    }
  });
}
