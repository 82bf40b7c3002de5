import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PrintedReceipt } from '../electron/api/contract';
import { findFixtureCard } from '../fixtures/cards';
import { presentCard, takePhotoAndConfirm, visible } from './citizen';
import { callHost, jpegSize, openKioskPage, pageProblems, useKioskAndChromium } from './harness';

const CARD_ID = 'resident-renewal-due';

/** A V8 heap snapshot of the page (JSON text, non-ASCII escaped as \uXXXX) after forcing GC. */
async function heapSnapshotText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}

const env = useKioskAndChromium();
const dev = <T>(method: string, input: unknown = {}) => callHost<T>(env.kiosk, method, input);


async function standIn<T>(path: string): Promise<T> {
  const origin = new URL(env.kiosk.host.platformBaseUrl).origin;
  const response = await fetch(`${origin}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('a citizen renews a resident ID card at a kiosk', () => {
  it('goes from the attract screen to a case at the platform and back, leaving nothing behind', async () => {
    const card = findFixtureCard(CARD_ID);
    if (!card) throw new Error(`fixture card ${CARD_ID} missing`);
    const page = await openKioskPage(env.browser, env.kiosk.url);

    // Attract screen: Chinese first, English on request, and back.
    await visible(page, 'screen-attract');
    await expect.poll(() => page.getByTestId('screen-attract').innerText()).toMatch(/[\u4e00-\u9fff]/);
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByTestId('start').innerText()).toMatch(/start/i);
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByTestId('start').innerText()).toMatch(/[\u4e00-\u9fff]/);

    // 身份证业务 → 有效期满换领 → place the card.
    await page.getByTestId('start').click();
    await visible(page, 'screen-services');
    await page.getByTestId('group-id').click();
    await visible(page, 'screen-id-services');
    await expect.poll(() => page.getByTestId('service-id.renewal').innerText()).toContain('有效期满换领');
    await page.getByTestId('service-id.renewal').click();
    await visible(page, 'screen-place-card');

    // The dev panel presents the fixture card to the reader simulator; the real SAM driver reads it.
    await presentCard(page, CARD_ID);

    // Details: masked, never the full name or number.
    await visible(page, 'screen-details');
    const maskedName = await page.getByTestId('masked-name').innerText();
    const maskedId = await page.getByTestId('masked-id').innerText();
    expect(maskedName).toContain('*');
    expect(maskedId).toContain('*');
    expect(maskedId).toContain(card.record.idNumber.slice(-1));
    const detailsText = await page.locator('body').innerText();
    expect(detailsText).not.toContain(card.record.idNumber);
    expect(detailsText).not.toContain(card.record.name);
    // No licensed WLT decoder is configured: an honest placeholder, never a picture.
    await visible(page, 'card-photo-placeholder');

    // Photo from Chromium's fake camera (cropped to 358×441), confirm → outbox → receipt → sync
    // → done with a case number.
    await takePhotoAndConfirm(page);
    await page.getByTestId('case-number').waitFor({ state: 'visible', timeout: 30_000 });
    const caseNumber = (await page.getByTestId('case-number').innerText()).trim();

    // The receipt, as the printer simulator decoded it from the ESC/POS bytes.
    const receipts = await dev<PrintedReceipt[]>('dev.printedReceipts');
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0]!;
    expect(receipt.text).toContain('居民身份证');
    expect(receipt.text).toContain('有效期满换领');
    expect(receipt.text).not.toContain(card.record.idNumber);
    expect(receipt.text).not.toContain(card.record.name);
    expect(receipt.qrCodes).toHaveLength(1);
    expect(receipt.qrCodes[0]).not.toContain(card.record.idNumber);
    expect(receipt.cut).toBe(true);

    // Exactly one case at the stand-in, with the photo: a 358×441 JPEG.
    const cases = await standIn<{ cases: { caseNumber: string; service: string; attachments: string[] }[] }>('/__admin/cases');
    expect(cases.cases).toHaveLength(1);
    expect(cases.cases[0]).toMatchObject({ caseNumber, service: 'id.renewal' });
    expect(cases.cases[0]?.attachments).toHaveLength(1);
    const origin = new URL(env.kiosk.host.platformBaseUrl).origin;
    const photo = new Uint8Array(await (await fetch(`${origin}/__admin/attachments/${cases.cases[0]?.attachments[0]}`)).arrayBuffer());
    expect(jpegSize(photo)).toEqual({ width: 358, height: 441 });

    // Finish: back to the attract screen with nothing of the citizen on screen.
    await page.getByTestId('finish').click();
    await visible(page, 'screen-attract');
    const after = await page.locator('body').innerText();
    for (const leftover of [maskedName, maskedId, caseNumber, card.record.name, card.record.idNumber]) expect(after).not.toContain(leftover);
    expect(await page.locator('video, img[src^="blob:"], img[src^="data:image/jpeg"]').count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);

    // …and nothing in the renderer's memory: after a garbage collection, the JavaScript heap
    // holds neither the name nor the ID number (the session was wiped, not just hidden).
    const heap = await heapSnapshotText(page);
    expect(heap.length).toBeGreaterThan(100_000);
    expect(heap.includes(card.record.idNumber)).toBe(false);
    expect(heap.includes(JSON.stringify(card.record.name).slice(1, -1))).toBe(false);
  });
});
