import type { IdReaderErrorCode } from '../types';

/** SW3 values the read sequence treats as "go on" (domain-notes §1.5). */
export const SW3 = {
  success: 0x90,
  cardFound: 0x9f,
  itemAbsent: 0x91,
  checksumError: 0x10,
  noCard: 0x80,
  readFailed: 0x41,
} as const;

interface StatusInfo {
  readonly code: IdReaderErrorCode;
  readonly message: string;
}

/**
 * Every SW3 status of domain-notes §1.5 mapped to a code a UI can act on:
 * `no-card` → ask for the card; `card-removed`/`read-failed` → ask to put the card back and keep
 * it still; `unknown-card` → this card type cannot be read here; `card-auth-failed` → the card
 * could not be verified (send the citizen to staff); `sam-fault` and `protocol-error` → the
 * technician's problem.
 */
const STATUS: Readonly<Record<number, StatusInfo>> = {
  0x10: { code: 'protocol-error', message: 'reader reports a checksum error in the host frame (SW3 0x10)' },
  0x11: { code: 'protocol-error', message: 'reader reports a length error in the host frame (SW3 0x11)' },
  0x21: { code: 'protocol-error', message: 'reader rejected the command or its parameters (SW3 0x21)' },
  0x23: { code: 'protocol-error', message: 'reader reports an unauthorised operation (SW3 0x23)' },
  0x24: { code: 'read-failed', message: 'reader reports an unrecognised error (SW3 0x24)' },
  0x31: { code: 'card-auth-failed', message: 'the card failed to authenticate the SAM (SW3 0x31)' },
  0x32: { code: 'card-auth-failed', message: 'the SAM failed to authenticate the card (SW3 0x32)' },
  0x33: { code: 'card-auth-failed', message: 'information verification failed (SW3 0x33)' },
  0x37: { code: 'card-auth-failed', message: 'fingerprint information verification failed (SW3 0x37)' },
  0x3f: { code: 'read-failed', message: 'information length error (SW3 0x3F)' },
  0x40: { code: 'unknown-card', message: 'unrecognised card type (SW3 0x40)' },
  0x41: { code: 'read-failed', message: 'reading the card failed; the card may have moved (SW3 0x41)' },
  0x47: { code: 'read-failed', message: 'getting a random number from the card failed (SW3 0x47)' },
  0x60: { code: 'sam-fault', message: 'the SAM failed its self-test (SW3 0x60)' },
  0x66: { code: 'sam-fault', message: 'the SAM is not authorised (SW3 0x66)' },
  0x80: { code: 'no-card', message: 'no card on the reader (SW3 0x80)' },
  0x81: { code: 'read-failed', message: 'selecting the card failed (SW3 0x81)' },
};

/** The coded error for a non-success SW3; unknown values are protocol errors. */
export function statusError(sw3: number): StatusInfo {
  return STATUS[sw3] ?? { code: 'protocol-error', message: `reader answered an unknown status (SW3 0x${hex(sw3)})` };
}

export const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
