import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserMode } from '../../electron/browser-mode';
import type { BrowserMode } from '../../electron/browser-mode';
import { startHostServices } from '../../electron/host/start';
import type { HostServices } from '../../electron/host/start';
import { LOADTEST_GLOBAL } from '../../renderer/loadtest/api';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const DIST_DIR = join(REPO_ROOT, 'dist', 'renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A failure the operator must fix (bad code, unreachable platform…): one clear line, exit 1. */
export class SessionError extends Error {}

export interface KioskSessionOptions {
  /** omitted: the host starts its own local stand-in and enrols with it (benchmarks) */
  readonly platform?: { readonly baseUrl: string; readonly enrolmentCode: string };
  /** the host's deadline for one platform exchange */
  readonly requestTimeoutMs?: number;
  /** enrolment is retried while the platform fails transiently, until this time (ms since epoch) */
  readonly enrolDeadline: number;
  readonly log: (line: string) => void;
}

export interface KioskSession {
  readonly terminalId: string;
  readonly host: HostServices;
  /** the host's data directory (its development keystore is there: benchmarks read the journal) */
  readonly hostDataDir: string;
  readonly page: Page;
  close(): Promise<void>;
}

/** Codes that a retry cannot fix: the code is wrong, or the URL does not lead to the interface. */
const FINAL_ENROL_CODES = new Set(['enrolment-code-invalid', 'bad-request', 'not-found', 'unsupported-media-type', 'invalid-input', 'too-large']);

/**
 * Browser mode for real (DESIGN.md): a fresh host with its own data directory and a config that
 * points at the platform, enrolled as a terminal id nobody else uses (`LT-` + random, so a
 * rerun against the same platform is a new terminal with its own seq), and headless Chromium
 * with an on-disk profile (strict durability means something only on disk) on the load-test page.
 */
export async function startKioskSession(options: KioskSessionOptions): Promise<KioskSession> {
  await ensureRendererBuilt(options.log);
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-loadtest-'));
  const terminalId = `LT-${randomBytes(5).toString('hex').toUpperCase()}`;
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    for (const c of cleanups.reverse()) await bounded(c(), 5_000).catch(() => undefined);
  };
  try {
    const configPath = join(dataDir, 'kiosk-config.json');
    const platformConfig = {
      ...(options.platform ? { baseUrl: options.platform.baseUrl, enrolmentCode: options.platform.enrolmentCode } : {}),
      ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
    };
    writeFileSync(configPath, JSON.stringify({ terminal: { id: terminalId, site: { code: '320402-LT', name: '负载测试站点 Load-test site' } }, platform: platformConfig }));
    let host: HostServices | undefined;
    const mode: BrowserMode = await startBrowserMode({
      distDir: DIST_DIR,
      port: 0,
      log: (line) => options.log(`browser-mode: ${line}`),
      startHost: async () => {
        host = await startHostServices({ mode: 'browser', devMode: true, dataDir: join(dataDir, 'host'), configPath, log: (line) => options.log(`host: ${line}`) });
        return host;
      },
    });
    cleanups.push(() => mode.close());
    if (!host) throw new SessionError('the host did not start');
    await ensureEnrolled(host, terminalId, options);

    const context: BrowserContext = await chromium.launchPersistentContext(join(dataDir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    cleanups.push(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => options.log(`page error: ${e.name}`));
    await page.goto(new URL('loadtest.html', mode.url).href);
    await page.waitForFunction((name) => name in window, LOADTEST_GLOBAL, { timeout: 30_000 });
    return { terminalId, host, hostDataDir: join(dataDir, 'host'), page, close };
  } catch (e) {
    await close();
    throw e;
  }
}

async function ensureEnrolled(host: HostServices, terminalId: string, options: KioskSessionOptions): Promise<void> {
  // the host tried once at start-up with the configured code; it retries only every 30 s, so
  // transient failures (5xx, 429, resets, a platform still starting) are retried here, sooner
  let wait = 500;
  for (;;) {
    const info = await host.dispatch('app.info', {}, { transport: 'direct' });
    if (info.ok && (info.value as { enrolled?: boolean }).enrolled === true) return;
    if (!options.platform) throw new SessionError('the host did not enrol with its local stand-in');
    const r = await host.dispatch('platform.enrol', { enrolmentCode: options.platform.enrolmentCode, terminalId, site: host.config.terminal.site }, { transport: 'direct' });
    if (r.ok) return;
    const { code, message } = r.error;
    if (FINAL_ENROL_CODES.has(code)) throw new SessionError(`enrolment failed: ${code} (${enrolHint(code)})`);
    const retryAfterMs = (r.error as { retryAfterMs?: number }).retryAfterMs ?? 0;
    const next = Date.now() + Math.max(wait, retryAfterMs);
    if (next >= options.enrolDeadline) {
      throw new SessionError(`enrolment failed: ${code} (${code === 'network' ? `the platform at ${options.platform.baseUrl} is unreachable` : message})`);
    }
    options.log(`enrolment failed (${code}); retrying`);
    await delay(next - Date.now());
    wait = Math.min(wait * 2, 5_000);
  }
}

function enrolHint(code: string): string {
  switch (code) {
    case 'enrolment-code-invalid':
      return 'the platform refused the enrolment code';
    case 'not-found':
      return 'no enrolment endpoint at that base URL';
    default:
      return 'the platform refused the enrolment request';
  }
}

/** The page is part of the renderer build; build it once when it is missing. */
async function ensureRendererBuilt(log: (line: string) => void): Promise<void> {
  if (existsSync(join(DIST_DIR, 'loadtest.html'))) return;
  log('building the renderer (npx vite build)…');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => process.stderr.write(d));
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0 || !existsSync(join(DIST_DIR, 'loadtest.html'))) throw new SessionError('the renderer build failed (npx vite build)');
}

/** Resolves with the promise, or rejects after `ms`: cleanup must not hang past the deadline. */
export function bounded<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
