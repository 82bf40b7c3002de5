import { z } from 'zod';

/**
 * The vendor's licensed WLT decoder (domain-notes §1.8), run as a child process: it reads the
 * 1024-byte WLT on stdin and writes the 102×126 BMP on stdout. `args` are passed as they are
 * (e.g. a licence file path bound to the SAM id).
 */
export const PhotoDecoderConfig = z.object({
  path: z.string().min(1),
  args: z.array(z.string()).default([]),
  timeoutMs: z.number().int().positive().default(5000),
});
export type PhotoDecoderConfig = z.infer<typeof PhotoDecoderConfig>;

/** Which ID-reader adapter drives the kiosk's reader (DESIGN.md "Devices"). */
export const IdReaderConfig = z.discriminatedUnion('adapter', [
  z.object({
    adapter: z.literal('sam-serial'),
    /** serial device path, e.g. /dev/ttyUSB0 or COM3 */
    port: z.string().min(1),
    baud: z.union([z.literal(115200), z.literal(57600), z.literal(38400), z.literal(19200), z.literal(9600)]).default(115200),
    photoDecoder: PhotoDecoderConfig.optional(),
  }),
  z.object({ adapter: z.literal('sam-usb'), photoDecoder: PhotoDecoderConfig.optional() }),
  z.object({ adapter: z.literal('simulated'), photoDecoder: PhotoDecoderConfig.optional() }),
]);
export type IdReaderConfig = z.infer<typeof IdReaderConfig>;
export type IdReaderConfigInput = z.input<typeof IdReaderConfig>;
