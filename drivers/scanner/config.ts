import { z } from 'zod';

/**
 * Scanner configuration (checked at the trust boundary, DESIGN.md "Devices"). `keyboard-wedge`
 * scanners type into the focused window, so that adapter lives in the renderer
 * (renderer/devices/keyboard-wedge.ts); the host only records the thresholds.
 */
const maxCodeLength = z.number().int().min(16).max(65536).default(4096);
const hexId = z.number().int().min(0).max(0xffff);

export const ScannerConfig = z.discriminatedUnion('adapter', [
  z.object({ adapter: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().default(9600), maxCodeLength }),
  z.object({ adapter: z.literal('hid-pos'), vendorId: hexId, productId: hexId, path: z.string().optional(), maxCodeLength }),
  z.object({ adapter: z.literal('simulated'), maxCodeLength }),
  z.object({
    adapter: z.literal('keyboard-wedge'),
    maxInterKeyMs: z.number().positive().default(35),
    minLength: z.number().int().positive().default(4),
  }),
]);
export type ScannerConfig = z.infer<typeof ScannerConfig>;
