import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IdReaderConfig } from '../../drivers/id-reader/config';
import { DocumentReaderConfig } from '../../drivers/document-reader/config';
import { PrinterConfig } from '../../drivers/printer/config';
import { err, ok, type Result } from '../../drivers/result';
import { ScannerConfig } from '../../drivers/scanner/config';
import { summariseIssues } from '../api/dispatcher';

/**
 * The terminal's configuration file (a trust boundary: a technician edits it by hand). With no
 * file at all the kiosk runs on simulated devices against the local platform stand-in, so it
 * works on any fresh machine.
 */
export const KioskConfig = z
  .object({
    terminal: z
      .object({
        id: z.string().min(1).max(64).default('DEV-T0001'),
        site: z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(200) }).default({ code: '320402-DEV', name: '开发测试站点 Development site' }),
      })
      .strict()
      .default({ id: 'DEV-T0001', site: { code: '320402-DEV', name: '开发测试站点 Development site' } }),
    platform: z
      .object({
        /** the platform's base URL; omitted = start the local stand-in and use it */
        baseUrl: z.string().url().optional(),
        /** enrols at start-up when the terminal is not enrolled yet (provisioning and development) */
        enrolmentCode: z.string().min(8).max(32).optional(),
        timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
      })
      .strict()
      .default({ timeoutMs: 30_000 }),
    devices: z
      .object({
        idReader: IdReaderConfig.default({ adapter: 'simulated' }),
        printer: PrinterConfig.default({ adapter: 'simulated', profile: '80mm' }),
        scanner: ScannerConfig.default({ adapter: 'simulated', maxCodeLength: 4096 }),
        documentReader: DocumentReaderConfig.default({ adapter: 'simulated', interLineTimeoutMs: 300 }),
      })
      .strict()
      .default({
        idReader: { adapter: 'simulated' },
        printer: { adapter: 'simulated', profile: '80mm' },
        scanner: { adapter: 'simulated', maxCodeLength: 4096 },
        documentReader: { adapter: 'simulated', interLineTimeoutMs: 300 },
      }),
    /** the renderer's camera (getUserMedia): the device label to prefer; absent = the first camera */
    camera: z.object({ deviceLabel: z.string().min(1).max(200).optional() }).strict().default({}),
    session: z.object({ idleTimeoutSec: z.number().int().min(15).max(900).default(90) }).strict().default({ idleTimeoutSec: 90 }),
    retention: z.object({ purgeAfterHours: z.number().min(1).max(24 * 90).default(24) }).strict().default({ purgeAfterHours: 24 }),
  })
  .strict();
export type KioskConfig = z.infer<typeof KioskConfig>;

/** The enrolment code the stand-in accepts by default; only used when no platform URL is configured. */
export const STAND_IN_ENROLMENT_CODE = 'DEV-ENROL-0001';

export function defaultConfig(): KioskConfig {
  return KioskConfig.parse({});
}

/** Reads and checks the configuration; a missing file means the defaults, a broken one is a clear error. */
export function loadConfig(path: string | undefined): Result<KioskConfig> {
  if (!path) return ok(defaultConfig());
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return ok(defaultConfig());
    return err('config-unreadable', `configuration ${path} is not readable JSON`);
  }
  const parsed = KioskConfig.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err('config-invalid', `configuration ${path} is invalid: ${summariseIssues(parsed.error)}`);
}
