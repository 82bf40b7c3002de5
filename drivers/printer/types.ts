import { z } from 'zod';
import type { DeviceState } from '../device-status';
import type { Result } from '../result';

/**
 * The receipt model: what to print, as data, before any printer command exists (stage one of
 * model → commands → bytes, STYLE.md "ReceiptPrinterEncoder"). The UI builds one of these; the
 * host encodes it for the configured printer profile.
 */
export const ReceiptLine = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.string().max(2000),
    align: z.enum(['left', 'center', 'right']).optional(),
    size: z.enum(['normal', 'double']).optional(),
    bold: z.boolean().optional(),
  }),
  /** two columns: left text, right text flush right (CJK counted double width) */
  z.object({ type: z.literal('row'), left: z.string().max(500), right: z.string().max(500) }),
  z.object({ type: z.literal('rule') }),
  z.object({
    type: z.literal('qr'),
    data: z.string().min(1).max(1000),
    moduleSize: z.number().int().min(1).max(16).optional(),
    ecc: z.enum(['L', 'M', 'Q', 'H']).optional(),
  }),
  z.object({ type: z.literal('feed'), lines: z.number().int().min(1).max(20) }),
  z.object({ type: z.literal('cut'), partial: z.boolean().optional() }),
]);
export type ReceiptLine = z.infer<typeof ReceiptLine>;

export const Receipt = z.object({ lines: z.array(ReceiptLine).min(1).max(500) });
export type Receipt = z.infer<typeof Receipt>;

/** `kioskctl printer status --json` (shared/kioskctl.md). */
export const PrinterStatus = z.object({
  online: z.boolean(),
  paper: z.enum(['ok', 'near-end', 'out']),
  coverOpen: z.boolean(),
  cutterError: z.boolean(),
  error: z.boolean(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

/**
 * `paper-out` and `cover-open` refuse the job and nothing is printed; `offline`/`printer-error`
 * likewise; `device-unreachable`: no answer to DLE EOT; `stalled`: the job did not finish.
 */
export type PrinterErrorCode = 'paper-out' | 'cover-open' | 'offline' | 'printer-error' | 'device-unreachable' | 'stalled' | 'busy';

export interface PrintOutcome {
  /** e.g. `paper-near-end`: printed, but a technician should refill soon */
  readonly warnings: readonly string[];
}

export interface ReceiptPrinter {
  state(): DeviceState;
  onStatus(listener: (state: DeviceState) => void): () => void;
  /** Real-time status (DLE EOT 1, 2, 4; domain-notes §5.4). */
  status(): Promise<Result<PrinterStatus>>;
  /** Checks status first; refuses with a coded error and prints nothing on paper out / cover open. */
  print(receipt: Receipt): Promise<Result<PrintOutcome>>;
  close(): Promise<void>;
}
