import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startBrowserMode } from '../electron/browser-mode';
import { type HostServices, startHostServices } from '../electron/host/start';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface KioskUnderTest {
  readonly url: string;
  readonly host: HostServices;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** Browser mode for real: the host in this process, simulated devices, the stand-in on loopback. */
export async function startKiosk(options: { dataDir?: string; keepData?: boolean; log?: (line: string) => void } = {}): Promise<KioskUnderTest> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  let host: HostServices | undefined;
  const mode = await startBrowserMode({
    distDir: join(import.meta.dirname, '..', 'dist', 'renderer'),
    port: 0,
    log: options.log ?? (() => undefined),
    startHost: async () => {
      host = await startHostServices({ mode: 'browser', devMode: true, dataDir, log: options.log ?? (() => undefined) });
      return host;
    },
  });
  if (!host) throw new Error('host did not start');
  const started = host;
  return {
    url: mode.url,
    host: started,
    dataDir,
    close: async () => {
      await mode.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium through playwright-core, with Chromium's fake camera (a moving test pattern). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export async function openKioskPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, permissions: ['camera'] });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  await page.goto(url);
  return page;
}

export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/** JPEG width and height from the first SOFn marker. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1] ?? 0;
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0), width: ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0) };
    }
    i += 2 + length;
  }
  return undefined;
}

/** Calls a host method directly (what the dev panel's buttons do); a coded error fails the test. */
export async function callHost<T>(kiosk: KioskUnderTest, method: string, input: unknown = {}): Promise<T> {
  const result = await kiosk.host.dispatch(method, input, { transport: 'direct' });
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as T;
}

/** One kiosk in browser mode and one Chromium for the tests of a file, closed after them. */
export function useKioskAndChromium(): { readonly kiosk: KioskUnderTest; readonly browser: Browser } {
  let kiosk: KioskUnderTest | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    kiosk = await startKiosk();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });
  return {
    get kiosk() {
      if (!kiosk) throw new Error('the kiosk is not started yet');
      return kiosk;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet');
      return browser;
    },
  };
}
