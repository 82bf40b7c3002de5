import { parseArgs } from 'node:util';

/**
 * `npm run --silent loadtest -- --platform <baseUrl> --enrolment-code <code> --transactions <n>
 * --photo-bytes <bytes> --timeout <sec> [--json]` (issue 4 item 7). Pure, so every way a
 * command line can be wrong is tested without starting anything.
 */
export interface LoadTestArgs {
  readonly platform: string;
  readonly enrolmentCode: string;
  readonly transactions: number;
  readonly photoBytes: number;
  readonly timeoutSec: number;
  readonly json: boolean;
}

export type ParsedArgs = { readonly kind: 'run'; readonly args: LoadTestArgs } | { readonly kind: 'help' } | { readonly kind: 'usage-error'; readonly message: string };

export const USAGE =
  'usage: npm run --silent loadtest -- --platform <baseUrl> --enrolment-code <code> [--transactions <n>] [--photo-bytes <bytes>] [--timeout <sec>] [--json]';

export const DEFAULTS = { transactions: 100, photoBytes: 18_000, timeoutSec: 300 } as const;
/** the platform's attachment limit (platform-api.md §4); the host refuses to seal more */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** room for a small real JPEG plus the comment that makes each photo distinct */
export const MIN_PHOTO_BYTES = 1024;
export const MAX_TRANSACTIONS = 1_000_000;

export function parseLoadTestArgs(argv: readonly string[]): ParsedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        platform: { type: 'string' },
        'enrolment-code': { type: 'string' },
        transactions: { type: 'string' },
        'photo-bytes': { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    // parseArgs messages name the option, never a value worth hiding; keep the first line only
    return usageError(e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : 'invalid arguments');
  }
  if (values.help === true) return { kind: 'help' };

  const platform = typeof values.platform === 'string' ? values.platform : undefined;
  if (platform === undefined) return usageError('--platform <baseUrl> is required');
  let url: URL;
  try {
    url = new URL(platform);
  } catch {
    return usageError(`--platform: not a URL: ${platform}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return usageError('--platform: the base URL must be http:// or https://');

  const enrolmentCode = typeof values['enrolment-code'] === 'string' ? values['enrolment-code'] : undefined;
  if (enrolmentCode === undefined) return usageError('--enrolment-code <code> is required');
  if (enrolmentCode.length < 8 || enrolmentCode.length > 32) return usageError('--enrolment-code: must be 8 to 32 characters');

  const transactions = integer(values.transactions, '--transactions', DEFAULTS.transactions, 1, MAX_TRANSACTIONS);
  if (typeof transactions === 'string') return usageError(transactions);
  const photoBytes = integer(values['photo-bytes'], '--photo-bytes', DEFAULTS.photoBytes, MIN_PHOTO_BYTES, MAX_PHOTO_BYTES);
  if (typeof photoBytes === 'string') return usageError(photoBytes);
  const timeoutSec = seconds(values.timeout, DEFAULTS.timeoutSec);
  if (typeof timeoutSec === 'string') return usageError(timeoutSec);

  return { kind: 'run', args: { platform, enrolmentCode, transactions, photoBytes, timeoutSec, json: values.json === true } };
}

function usageError(message: string): ParsedArgs {
  return { kind: 'usage-error', message };
}

/** @returns the number, or an error message */
function integer(raw: string | boolean | undefined, name: string, fallback: number, min: number, max: number): number | string {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim())) return `${name}: expected a whole number, got ${String(raw)}`;
  const n = Number(raw.trim());
  if (!Number.isSafeInteger(n) || n < min || n > max) return `${name}: must be between ${min} and ${max}`;
  return n;
}

function seconds(raw: string | boolean | undefined, fallback: number): number | string {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+(\.\d+)?$/.test(raw.trim())) return `--timeout: expected seconds, got ${String(raw)}`;
  const n = Number(raw.trim());
  if (n <= 0 || n > 7 * 24 * 3600) return '--timeout: must be more than 0 and at most a week of seconds';
  return n;
}
