import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintedReceipt } from '../electron/api/contract';
import { findFixtureCard } from '../fixtures/cards';
import { presentCard, removeCard, startRenewal, takePhotoAndConfirm, visible } from './citizen';
import { callHost, CHROMIUM, type KioskUnderTest, startKiosk } from './harness';

const CARD_ID = 'resident-renewal-due';
let kiosk: KioskUnderTest;
let context: BrowserContext;
let profileDir: string;
const hostLog: string[] = [];

beforeAll(async () => {
  kiosk = await startKiosk({ log: (line) => hostLog.push(line) });
  profileDir = mkdtempSync(join(tmpdir(), 'kiosk-profile-'));
  // A persistent profile, so IndexedDB lands on disk where the scan below can look at it.
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1080, height: 1920 },
    permissions: ['camera'],
    args: ['--no-sandbox', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await context?.close();
  await kiosk?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

const dev = <T>(method: string, input: unknown = {}) => callHost<T>(kiosk, method, input);

async function standInCases(): Promise<{ caseNumber: string; attachments: string[] }[]> {
  const origin = new URL(kiosk.host.platformBaseUrl).origin;
  const body = (await (await fetch(`${origin}/__admin/cases`)).json()) as { cases: { caseNumber: string; attachments: string[] }[] };
  return body.cases;
}

/** Every file under dir, read whole (profiles are small in a test). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
}

describe('offline: the network to the platform is cut', () => {
  it('takes three renewals, says they wait to upload, and delivers exactly three cases when it returns', async () => {
    const card = findFixtureCard(CARD_ID);
    if (!card) throw new Error('fixture card missing');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(kiosk.url);
    await visible(page, 'dev-panel');
    await dev('dev.setNetwork', { up: false });

    for (let i = 0; i < 3; i++) {
      await startRenewal(page);
      await presentCard(page, CARD_ID);
      await takePhotoAndConfirm(page);
      await expect.poll(() => page.getByTestId('screen-done').innerText()).toContain('待上传');
      expect(await page.getByTestId('case-number').count()).toBe(0);
      await page.getByTestId('finish').click();
      await visible(page, 'screen-attract');
      await removeCard(page);
    }

    const receipts = await dev<PrintedReceipt[]>('dev.printedReceipts');
    expect(receipts).toHaveLength(3);
    for (const receipt of receipts) expect(receipt.text).toContain('待上传');
    expect(await standInCases()).toHaveLength(0);

    await dev('dev.setNetwork', { up: true });
    await expect.poll(async () => (await standInCases()).length, { timeout: 90_000, interval: 500 }).toBe(3);
    const cases = await standInCases();
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(3);
    for (const c of cases) expect(c.attachments).toHaveLength(1);
    const origin = new URL(kiosk.host.platformBaseUrl).origin;
    const report = (await (await fetch(`${origin}/__admin/report`)).json()) as { transactions: { distinct: number; conflicts: number } };
    expect(report.transactions.distinct).toBe(3);
    expect(report.transactions.conflicts).toBe(0);

    // No plaintext ID number or name in the browser profile (IndexedDB, caches, logs) or the
    // host's data directory (vault, journal, enrolment) — the platform stand-in's own store excepted.
    await page.close();
    const needles = [card.record.idNumber, card.record.name].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
    const scanned = [...filesUnder(profileDir), ...filesUnder(kiosk.dataDir).filter((f) => !f.includes('platform-stand-in'))];
    expect(scanned.length).toBeGreaterThan(10);
    const leaks = scanned.filter((file) => {
      const bytes = readFileSync(file);
      return needles.some((needle) => bytes.includes(needle));
    });
    expect(leaks).toEqual([]);
    for (const line of hostLog) for (const s of [card.record.idNumber, card.record.name]) expect(line).not.toContain(s);
  });
});
