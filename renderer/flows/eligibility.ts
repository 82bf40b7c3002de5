import type { IdCardRecord } from '../../drivers/id-reader/types';

/**
 * 有效期满换领 is for a resident ID card within 90 days of expiry or already expired
 * (platform-api.md §3; domain-notes §4.2: "within 3 months of expiry or expired").
 */
export const RENEWAL_WINDOW_DAYS = 90;

export type RenewalEligibility =
  | { readonly eligible: true; readonly expired: boolean; readonly validTo: string }
  | { readonly eligible: false; readonly reason: 'not-resident-card' }
  | { readonly eligible: false; readonly reason: 'long-term' }
  | { readonly eligible: false; readonly reason: 'not-yet'; readonly validTo: string; readonly from: string };

const DAY_MS = 86_400_000;

/** Days since the epoch of a `YYYY-MM-DD` calendar date, with no time zone involved. */
function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

function isoFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The kiosk's local calendar date: a card expires at the end of its day where the citizen stands. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function renewalEligibility(card: Pick<IdCardRecord, 'cardType' | 'validTo'>, today: string): RenewalEligibility {
  if (card.cardType !== 'resident') return { eligible: false, reason: 'not-resident-card' };
  if (card.validTo === 'long-term') return { eligible: false, reason: 'long-term' };
  const daysLeft = dayNumber(card.validTo) - dayNumber(today);
  if (daysLeft <= RENEWAL_WINDOW_DAYS) return { eligible: true, expired: daysLeft < 0, validTo: card.validTo };
  return { eligible: false, reason: 'not-yet', validTo: card.validTo, from: isoFromDayNumber(dayNumber(card.validTo) - RENEWAL_WINDOW_DAYS) };
}
