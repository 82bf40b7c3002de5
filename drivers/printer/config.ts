import { z } from 'zod';
import { err } from '../result';
import { openSerialTransport } from '../transport/serial';
import { openTcpTransport } from '../transport/tcp';
import type { TransportOpener } from '../transport/types';
import { createEscPosPrinter, type EscPosPrinterOptions } from './driver';
import { PrinterProfileId, printerProfile } from './profiles';
import type { ReceiptPrinter } from './types';

/**
 * 9600 baud: the factory setting of the common Chinese RS-232 receipt printers (Xprinter,
 * SPRT, GP; set by DIP switch or self-test page). USB virtual-COM printers ignore the rate.
 */
export const DEFAULT_PRINTER_BAUD = 9600;
/** The raw printing port of network receipt printers. */
export const DEFAULT_PRINTER_TCP_PORT = 9100;

export const PrinterConfig = z.discriminatedUnion('adapter', [
  z
    .object({
      adapter: z.literal('escpos-serial'),
      port: z.string().min(1),
      baud: z.number().int().positive().default(DEFAULT_PRINTER_BAUD),
      profile: PrinterProfileId.default('80mm'),
    })
    .strict(),
  z
    .object({
      adapter: z.literal('escpos-tcp'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(DEFAULT_PRINTER_TCP_PORT),
      profile: PrinterProfileId.default('80mm'),
    })
    .strict(),
  z.object({ adapter: z.literal('simulated'), profile: PrinterProfileId.default('80mm') }).strict(),
]);
export type PrinterConfig = z.infer<typeof PrinterConfig>;
export type HardwarePrinterConfig = Exclude<PrinterConfig, { adapter: 'simulated' }>;

/** How to (re)open the transport of a real printer. */
export function printerOpener(config: HardwarePrinterConfig, options: { connectTimeoutMs?: number } = {}): TransportOpener {
  switch (config.adapter) {
    case 'escpos-serial':
      return () => openSerialTransport({ path: config.port, baudRate: config.baud });
    case 'escpos-tcp':
      return () => openTcpTransport({ host: config.host, port: config.port, timeoutMs: options.connectTimeoutMs ?? 3000 });
    default: {
      const never: never = config;
      return async () => err('device-unreachable', `unknown printer adapter ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A printer from configuration. The `simulated` adapter lives in fixtures/ (drivers/ never
 * depends on fixtures), so the host's registry passes it in.
 */
export function createConfiguredPrinter(
  config: PrinterConfig,
  simulated: (profile: PrinterConfig['profile']) => ReceiptPrinter,
  driver: Omit<EscPosPrinterOptions, 'profile'> = {},
): ReceiptPrinter {
  if (config.adapter === 'simulated') return simulated(config.profile);
  return createEscPosPrinter(printerOpener(config), { ...driver, profile: printerProfile(config.profile) });
}
