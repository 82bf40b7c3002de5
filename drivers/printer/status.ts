import type { DeviceState } from '../device-status';
import { err, ok, type Result } from '../result';
import type { PrinterStatus } from './types';

/**
 * Real-time status, DLE EOT n (domain-notes §5.4). Every reply byte has bit 1 and bit 4 set and
 * bits 0 and 7 clear (baseline 0x12); anything else is not a DLE EOT reply (line noise, an
 * Automatic Status Back packet) and is skipped by the driver.
 */
export const STATUS_FIXED_MASK = 0x93;
export const STATUS_FIXED_VALUE = 0x12;

export function isStatusReplyByte(byte: number): boolean {
  return (byte & STATUS_FIXED_MASK) === STATUS_FIXED_VALUE;
}

/** The raw reply bytes; `errorCause` (n = 3) is only asked for when n = 2 reports an error. */
export interface RawStatus {
  readonly printer: number;
  readonly offlineCause: number;
  readonly paperSensor: number;
  readonly errorCause?: number;
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/** §5.4 bit table → the `kioskctl printer status --json` shape. */
export function parseRawStatus(raw: RawStatus): Result<PrinterStatus> {
  for (const [name, byte] of Object.entries(raw)) {
    if (typeof byte === 'number' && !isStatusReplyByte(byte)) {
      return err('protocol-error', `DLE EOT ${name} reply 0x${byte.toString(16).padStart(2, '0')} lacks the fixed bits`);
    }
  }
  // n = 4: bits 2+3 paper near-end (0x0C), bits 5+6 paper end (0x60); end wins over near-end
  const paperEnd = (raw.paperSensor & 0x60) !== 0;
  const nearEnd = (raw.paperSensor & 0x0c) !== 0;
  // n = 2 bit 5 "printing stopped by paper end" also means out, whatever the sensor says
  const paper: PrinterStatus['paper'] = paperEnd || bit(raw.offlineCause, 5) ? 'out' : nearEnd ? 'near-end' : 'ok';
  const errorCause = raw.errorCause ?? 0x12;
  return ok({
    online: !bit(raw.printer, 3),
    paper,
    coverOpen: bit(raw.offlineCause, 2),
    cutterError: bit(errorCause, 3),
    // n = 2 bit 6 "error occurred", or any of the n = 3 cause bits
    error: bit(raw.offlineCause, 6) || bit(errorCause, 2) || bit(errorCause, 3) || bit(errorCause, 5) || bit(errorCause, 6),
  });
}

/** Why a job must not start, or undefined when the printer can print (near-end only warns). */
export function refusalFor(status: PrinterStatus): { code: 'paper-out' | 'cover-open' | 'offline' | 'printer-error'; message: string } | undefined {
  if (status.coverOpen) return { code: 'cover-open', message: 'printer cover is open' };
  if (status.paper === 'out') return { code: 'paper-out', message: 'printer is out of paper' };
  if (status.cutterError) return { code: 'printer-error', message: 'printer reports an autocutter error' };
  if (status.error) return { code: 'printer-error', message: 'printer reports an error' };
  if (!status.online) return { code: 'offline', message: 'printer is offline' };
  return undefined;
}

/** The small status union (DESIGN.md "Devices"): paper near-end stays `ready`, it is a warning. */
export function deviceStateFor(status: PrinterStatus): DeviceState {
  if (status.coverOpen) return { state: 'not-ready', reason: 'cover-open' };
  if (status.paper === 'out') return { state: 'not-ready', reason: 'paper-out' };
  if (status.cutterError) return { state: 'error', code: 'cutter-error' };
  if (status.error) return { state: 'error', code: 'printer-error' };
  if (!status.online) return { state: 'not-ready', reason: 'offline' };
  return { state: 'ready' };
}

export function warningsFor(status: PrinterStatus): string[] {
  return status.paper === 'near-end' ? ['paper-near-end'] : [];
}
