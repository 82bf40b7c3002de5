import { z } from 'zod';
import p58 from './profiles/58mm.json';
import p80 from './profiles/80mm.json';

/**
 * Printer capabilities as data (STYLE.md, ReceiptPrinterEncoder's `data/printers/*.json`):
 * a new roll width or a printer with a quirk is a new JSON file, not new code.
 */
export const PrinterProfile = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string(),
  /** Font A half-width columns; a CJK character takes two (domain-notes §5.1) */
  columns: z.number().int().min(16).max(80),
  dotsPerLine: z.number().int().positive(),
  /** GS ( k fn167 allows 1–16 (§5.2), but a larger module would not fit a narrow roll */
  maxQrModuleSize: z.number().int().min(1).max(16),
  defaultQrModuleSize: z.number().int().min(1).max(16),
  /** FS & (§5.1): many printers power up in Chinese mode, sending it again is harmless */
  sendChineseMode: z.boolean(),
  /** lines fed before GS V so the last printed line clears the cutter (§5.3) */
  feedBeforeCut: z.number().int().min(0).max(20),
  /** whether the cutter supports a partial cut (GS V 1); otherwise always a full cut */
  partialCut: z.boolean(),
});
export type PrinterProfile = z.infer<typeof PrinterProfile>;

export const PrinterProfileId = z.enum(['58mm', '80mm']);
export type PrinterProfileId = z.infer<typeof PrinterProfileId>;

export const printerProfiles: Readonly<Record<PrinterProfileId, PrinterProfile>> = {
  '58mm': PrinterProfile.parse(p58),
  '80mm': PrinterProfile.parse(p80),
};

export function printerProfile(id: PrinterProfileId): PrinterProfile {
  return printerProfiles[id];
}
