import { z } from 'zod';

const interLineTimeoutMs = z.number().int().min(20).max(5000).default(300);
const hexId = z.number().int().min(0).max(0xffff);

/** Document (MRZ) reader configuration, zod-checked at the trust boundary. */
export const DocumentReaderConfig = z.discriminatedUnion('adapter', [
  z.object({ adapter: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().default(9600), interLineTimeoutMs }),
  z.object({
    adapter: z.literal('hid'),
    vendorId: hexId,
    productId: hexId,
    path: z.string().optional(),
    /** for keyboards with numbered reports (report protocol); boot-protocol keyboards have none */
    reportId: z.number().int().min(1).max(255).optional(),
    // a keyboard types a 44-character line as 88 reports (press and release); low-speed
    // devices are polled every 10 ms at most (HID 1.11 bInterval), so a line takes ~0.9 s
    interLineTimeoutMs: interLineTimeoutMs.unwrap().default(2000),
  }),
  z.object({ adapter: z.literal('simulated'), interLineTimeoutMs }),
]);
export type DocumentReaderConfig = z.infer<typeof DocumentReaderConfig>;
