import { err } from '../../drivers/result';
import type { CodedError, Err } from '../../drivers/result';

export type StorageErrorCode = 'storage-full' | 'storage-closed' | 'storage-failed';

/**
 * IndexedDB failures are outcomes, not crashes: a full disk or a closed database must reach the
 * caller (the receipt must not print). The message carries only the error's name: Dexie's
 * messages can quote keys and values.
 */
export function storageError(e: unknown): Err<CodedError<StorageErrorCode>> {
  const name = errorName(e);
  switch (name) {
    case 'QuotaExceededError':
      return err('storage-full', 'the device has no room left for the outbox (QuotaExceededError)');
    case 'DatabaseClosedError':
    case 'InvalidStateError':
    case 'OpenFailedError':
    case 'VersionError':
    case 'MissingAPIError':
      return err('storage-closed', `the outbox database is not open (${name})`);
    default:
      return err('storage-failed', `the outbox write or read failed (${name})`);
  }
}

function errorName(e: unknown): string {
  if (typeof e !== 'object' || e === null) return 'unknown';
  const inner = (e as { inner?: unknown }).inner;
  // Dexie wraps the DOMException of a failed transaction (AbortError around QuotaExceededError)
  if (inner && typeof inner === 'object' && (inner as { name?: unknown }).name === 'QuotaExceededError') return 'QuotaExceededError';
  const name = (e as { name?: unknown }).name;
  return typeof name === 'string' && /^[A-Za-z]{1,60}$/.test(name) ? name : 'unknown';
}
