import { describe, expect, it } from 'vitest';
import { visible } from './citizen';
import { openKioskPage, useKioskAndChromium } from './harness';

const env = useKioskAndChromium();

describe('code scanners reach the page', () => {
  it('carries a code from the scanner simulator through the real driver and host, and reads a keyboard-wedge burst', async () => {
    const page = await openKioskPage(env.browser, env.kiosk.url);
    await visible(page, 'dev-panel');

    // Host adapter: simulator → line-scanner driver → host event → renderer.
    await page.getByTestId('dev-scan-text').fill('PA-2026-000123');
    await page.getByTestId('dev-scan').click();
    await expect.poll(() => page.getByTestId('dev-last-code').innerText()).toContain('PA-2026-000123 (simulated)');

    // Keyboard wedge: a burst of keys ending in Enter, typed faster than a person can.
    await page.locator('body').click();
    await page.keyboard.type('KPA1.WEDGE.TEST', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dev-last-code').innerText()).toContain('KPA1.WEDGE.TEST (keyboard-wedge)');

    // A person typing slowly is not a scan.
    for (const key of 'SLOWLY') await page.keyboard.press(key, { delay: 150 });
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('dev-last-code').innerText()).toContain('KPA1.WEDGE.TEST (keyboard-wedge)');
  });
});
