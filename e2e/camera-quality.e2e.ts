import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRendererFile } from '../electron/static-files';
import type { PhotoAssessment } from '../renderer/camera/quality';
import { FACE_TOO_FAR_SCALE, fakeCameraArgs, makeFaceVideo, RESIDENT_ID_FACE_SCALE } from './fake-camera';
import { launchChromium } from './harness';

/**
 * The real face model in real Chromium, under the renderer's real CSP (served by the same
 * serveRendererFile as both kiosk modes), through Chromium's fake camera:
 * - a real face: a sample photo turned into a .y4m (fake-camera.ts);
 * - no face: Chromium's own fake camera pattern.
 * The page is camera-check.html, a second Vite entry; it writes each assessment into the DOM.
 */

const DIST = join(import.meta.dirname, '..', 'dist', 'renderer');

let server: Server;
let baseUrl: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'camera-quality-'));
  server = createServer((req, res) => {
    serveRendererFile(DIST, req.url ?? '/')
      .then((r) => res.writeHead(r.status, r.headers).end(r.body))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the check page and waits for its third assessment (the first frames may still be black). */
async function assess(browser: Browser, spec: string): Promise<{ page: Page; result: PhotoAssessment; problems: string[] }> {
  const context = await browser.newContext({ permissions: ['camera'] });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${baseUrl}/camera-check.html?spec=${spec}`);
  await page.waitForFunction(
    () => Number(document.getElementById('assessment')?.dataset.count ?? 0) >= 3 || document.getElementById('status')?.dataset.error === 'true',
    undefined,
    { timeout: 90_000 },
  );
  const status = await page.textContent('#status');
  expect(status).not.toMatch(/^error/);
  const text = (await page.textContent('#assessment')) ?? '';
  return { page, result: JSON.parse(text) as PhotoAssessment, problems };
}

describe('camera photo-quality checks with the packaged face model', () => {
  describe('a real face at the resident ID size', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium(fakeCameraArgs(makeFaceVideo(dir, RESIDENT_ID_FACE_SCALE)));
    });
    afterAll(async () => {
      await browser.close();
    });

    it('finds exactly one face, centred and sized for GA 461, and refuses the dark room behind it', async () => {
      const { result, problems } = await assess(browser, 'resident-id');
      expect(problems).toEqual([]);
      expect(result.faces).toBe(1);
      expect(result.metrics.faceScore).toBeGreaterThan(0.5);
      // the landmark net ran: the eye-line tilt is only measured from eye landmarks
      expect(result.metrics.face?.rollDegrees).not.toBeNull();
      expect(Math.abs((result.metrics.face?.centreX ?? 0) - 0.5)).toBeLessThan(0.05);
      const geometry = ['no-face', 'multiple-faces', 'move-closer', 'move-back', 'move-left', 'move-right', 'move-up', 'move-down', 'straighten-head'];
      expect(result.guidance.filter((g) => geometry.includes(g))).toEqual([]);
      // her face is lit well enough; the sample was taken in a dim room, which the photo's border shows
      expect(result.guidance).not.toContain('too-dark');
      expect(result.guidance).not.toContain('too-bright');
      expect(result.ok).toBe(false);
      expect(result.guidance).toContain('background-not-light');
    });
  });

  describe('a real face too far away', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium(fakeCameraArgs(makeFaceVideo(dir, FACE_TOO_FAR_SCALE)));
    });
    afterAll(async () => {
      await browser.close();
    });

    it('asks the citizen to come closer', async () => {
      const { result, problems } = await assess(browser, 'resident-id');
      expect(problems).toEqual([]);
      expect(result.faces).toBe(1);
      expect(result.guidance[0]).toBe('move-closer');
    });
  });

  describe("Chromium's own fake camera pattern", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser.close();
    });

    it('is refused: no face', async () => {
      const { result, problems } = await assess(browser, 'exit-entry');
      expect(problems).toEqual([]);
      expect(result.ok).toBe(false);
      expect(result.faces).toBe(0);
      expect(result.guidance[0]).toBe('no-face');
    });
  });
});
