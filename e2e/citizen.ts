import type { Page } from 'playwright-core';

/** What a person does at the kiosk, step by step, through the screens' test ids. */
export const visible = (page: Page, testId: string, timeout = 20_000) => page.getByTestId(testId).waitFor({ state: 'visible', timeout });

export async function presentCard(page: Page, cardId: string): Promise<void> {
  await visible(page, 'dev-panel');
  await page.getByTestId('dev-card-select').selectOption(cardId);
  await page.getByTestId('dev-present-card').click();
}

export async function removeCard(page: Page): Promise<void> {
  await page.getByTestId('dev-remove-card').click();
}

export async function startRenewal(page: Page): Promise<void> {
  await visible(page, 'screen-attract');
  await page.getByTestId('start').click();
  await visible(page, 'screen-services');
  await page.getByTestId('group-id').click();
  await visible(page, 'screen-id-services');
  await page.getByTestId('service-id.renewal').click();
  await visible(page, 'screen-place-card');
}

export async function takePhotoAndConfirm(page: Page): Promise<void> {
  await visible(page, 'screen-details');
  await page.getByTestId('continue').click();
  await visible(page, 'screen-photo');
  await page.getByTestId('capture').click();
  await visible(page, 'photo-preview');
  await page.getByTestId('accept-photo').click();
  await visible(page, 'screen-confirm');
  await page.getByTestId('confirm').click();
  await visible(page, 'screen-done');
}
