import { describe, expect, it } from 'vitest';
import type { DevState, PrintedReceipt } from '../electron/api/contract';
import { presentCard, startRenewal, takePhotoAndConfirm, visible } from './citizen';
import { callHost, openKioskPage, pageProblems, useKioskAndChromium } from './harness';

const CARD_ID = 'resident-renewal-due';

const env = useKioskAndChromium();
const dev = <T>(method: string, input: unknown = {}) => callHost<T>(env.kiosk, method, input);


describe('the printer is out of paper', () => {
  it('saves the application, prints nothing, and shows the receipt on screen instead', async () => {
    const page = await openKioskPage(env.browser, env.kiosk.url);
    await visible(page, 'screen-attract');

    // The technician's dev panel runs the printer simulator out of paper.
    await visible(page, 'dev-panel');
    await page.getByTestId('dev-paper').selectOption('out');
    await expect.poll(async () => (await dev<DevState>('dev.state')).printerPaper).toBe('out');

    await startRenewal(page);
    await presentCard(page, CARD_ID);
    await takePhotoAndConfirm(page);

    // The done screen: no receipt printed, the application safe, the receipt shown instead.
    const reference = (await page.getByTestId('reference').innerText()).trim();
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const printError = await page.getByTestId('print-error').innerText();
    expect(printError).toContain('打印机缺纸，未能打印回执');
    expect(printError).toContain('您的申请已安全保存');
    const preview = await page.getByTestId('receipt-preview').innerText();
    expect(preview).toContain(reference);
    expect(preview).toContain('有效期满换领');

    // Nothing reached the paper: the driver refused the job after its status query.
    expect(await dev<PrintedReceipt[]>('dev.printedReceipts')).toEqual([]);

    // Finishing clears the preview with everything else.
    await page.getByTestId('finish').click();
    await visible(page, 'screen-attract');
    expect(await page.getByTestId('receipt-preview').count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
  });
});
