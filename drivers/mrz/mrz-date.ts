/**
 * Two-digit MRZ years (domain-notes §3; shared/kioskctl.md): an expiry date lies in the current
 * century, a birth date in the most recent past century (the latest year that is not after
 * today). "today" is injected as `YYYY-MM-DD`.
 */
export type DateRole = 'birth' | 'expiry';

const YYMMDD = /^(\d{2})(\d{2})(\d{2})$/;

export function resolveMrzDate(yymmdd: string, role: DateRole, today: string): string | null {
  const m = YYMMDD.exec(yymmdd);
  const t = /^(\d{4})-\d{2}-\d{2}$/.exec(today);
  if (!m || !t) return null;
  const [, yy, mm, dd] = m as unknown as [string, string, string, string];
  const century = Math.floor(Number(t[1]) / 100) * 100;
  let year = century + Number(yy);
  if (!isCalendarDate(year, Number(mm), Number(dd))) {
    // 29 February of a leap year a century earlier can still be a real birth date
    if (role === 'birth' && isCalendarDate(year - 100, Number(mm), Number(dd))) year -= 100;
    else return null;
  }
  let iso = formatIso(year, mm, dd);
  if (role === 'birth' && iso > today) {
    if (!isCalendarDate(year - 100, Number(mm), Number(dd))) return null;
    iso = formatIso(year - 100, mm, dd);
  }
  return iso;
}

/** A document is expired once its expiry day has passed (it is still valid on that day). */
export const isExpired = (expiryIso: string | null, today: string): boolean => expiryIso !== null && expiryIso < today;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

const formatIso = (year: number, mm: string, dd: string): string => `${String(year).padStart(4, '0')}-${mm}-${dd}`;

/** Today's local calendar date as `YYYY-MM-DD` (the default "today" of the CLI and the drivers). */
export function localToday(now: Date = new Date()): string {
  const mm = String(now.getMonth() + 1).padStart(2, '0');
  const dd = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${mm}-${dd}`;
}
