import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDANCE_EN, GUIDANCE_ZH_CN, type GuidanceCode } from '../renderer/camera/quality/guidance';
import { presentCard, startRenewal, visible } from './citizen';
import { fakeCameraArgs, makeFaceVideo, RESIDENT_ID_FACE_SCALE } from './fake-camera';
import { type KioskUnderTest, launchChromium, openKioskPage, pageProblems, startKiosk } from './harness';

/**
 * The live photo-quality advice on the citizen's photo screen, in the renewal flow, with the real
 * face model under the renderer's CSP: a real face through Chromium's fake camera (fake-camera.ts)
 * gets advice about that face, and Chromium's own pattern (no face) gets "no face" — and the
 * citizen can still take and use the photo (the advice never blocks).
 */

const CARD_ID = 'resident-renewal-due';
/** The face model loads on the CPU backend in headless Chromium: give it time on a shared machine. */
const MODEL_TIMEOUT = 90_000;
const NOT_ABOUT_A_FACE: readonly GuidanceCode[] = ['no-face', 'multiple-faces'];

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'photo-guidance-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh kiosk and browser per camera, walked to the renewal's photo screen. */
function atThePhotoScreen(cameraArgs: () => string[]) {
  const env: { kiosk?: KioskUnderTest; browser?: Browser; page?: Page } = {};
  beforeAll(async () => {
    env.kiosk = await startKiosk();
    env.browser = await launchChromium(cameraArgs());
    const page = await openKioskPage(env.browser, env.kiosk.url);
    await startRenewal(page);
    await presentCard(page, CARD_ID);
    await visible(page, 'screen-details');
    await page.getByTestId('continue').click();
    await visible(page, 'screen-photo');
    env.page = page;
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.kiosk?.close();
  });
  return () => {
    if (!env.page) throw new Error('the photo screen was not reached');
    return env.page;
  };
}

const guidance = (page: Page) => page.getByTestId('photo-guidance');
/** The shown code and its text, read together (the advice may change between two reads). */
async function shown(page: Page): Promise<{ code: GuidanceCode; text: string }> {
  const [code, text] = await guidance(page).evaluate((el) => [el.dataset.guidance ?? '', el.textContent ?? '']);
  if (!(code in GUIDANCE_EN)) throw new Error(`no guidance code shown (${code})`);
  return { code: code as GuidanceCode, text };
}

describe('photo guidance on the citizen photo screen', () => {
  describe('a real face', () => {
    const page = atThePhotoScreen(() => fakeCameraArgs(makeFaceVideo(dir, RESIDENT_ID_FACE_SCALE)));

    it('shows advice about the face, in Chinese and in English, and checks the captured photo', async () => {
      const p = page();
      // The first frames may be black ("no face"): wait for the advice to be about her face.
      const aboutAFace = NOT_ABOUT_A_FACE.map((c) => `:not([data-guidance="${c}"])`).join('');
      await p.locator(`[data-testid="photo-guidance"][data-status="shown"]${aboutAFace}`).waitFor({ timeout: MODEL_TIMEOUT });
      const zh = await shown(p);
      expect(NOT_ABOUT_A_FACE).not.toContain(zh.code);
      // Whichever instruction it is, it is the i18n text of its code, in the kiosk's language.
      expect(zh.text).toBe(GUIDANCE_ZH_CN[zh.code]);
      await p.getByTestId('lang-toggle').click();
      await expect.poll(async () => (await shown(p)).text).toMatch(/[a-z]/i);
      const en = await shown(p);
      expect(en.text).toBe(GUIDANCE_EN[en.code]);

      await p.getByTestId('capture').click();
      await visible(p, 'photo-preview');
      const review = p.getByTestId('photo-review');
      await p.locator('[data-testid="photo-review"]:not([data-status="checking"])').waitFor({ timeout: MODEL_TIMEOUT });
      expect(['ok', 'retake']).toContain(await review.getAttribute('data-status'));
      const reasons = (await review.getAttribute('data-guidance'))?.split(' ') ?? [];
      for (const c of NOT_ABOUT_A_FACE) expect(reasons).not.toContain(c);
      expect(pageProblems(p)).toEqual([]);
    });
  });

  describe("Chromium's own fake camera (no face)", () => {
    const page = atThePhotoScreen(() => []);

    it('says no face is seen, and still lets the citizen take and use the photo', async () => {
      const p = page();
      await p.locator('[data-testid="photo-guidance"][data-guidance="no-face"]').waitFor({ timeout: MODEL_TIMEOUT });
      expect((await shown(p)).text).toBe(GUIDANCE_ZH_CN['no-face']);
      expect(await p.getByTestId('capture').isEnabled()).toBe(true);

      await p.getByTestId('capture').click();
      await visible(p, 'photo-preview');
      const review = p.locator('[data-testid="photo-review"][data-status="retake"]');
      await review.waitFor({ timeout: MODEL_TIMEOUT });
      expect((await review.getAttribute('data-guidance'))?.split(' ')[0]).toBe('no-face');
      // A retake is suggested, never forced: the photo can be used (a member of staff reviews it).
      expect(await p.getByTestId('retake').isEnabled()).toBe(true);
      await p.getByTestId('accept-photo').click();
      await visible(p, 'screen-confirm');
      expect(pageProblems(p)).toEqual([]);
    });
  });
});
