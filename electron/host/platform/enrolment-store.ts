import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeError, err, ok, type Result } from '../../../drivers/result';
import { Rfc3339 } from '../../api/platform-schemas';
import { ensureDir, isNotFound, removeStaleTemporaries, writeFileDurable } from '../vault/durable-file';
import type { Keystore } from '../vault/keystore';
import { createSerialQueue } from '../vault/serial-queue';
import type { Credentials } from './client';
import { PlatformPublicKeyB64 } from './schemas';

/**
 * The terminal's enrolment (platform-api.md §1), kept across restarts: the token wrapped by the
 * keystore, the platform key that signs pre-application codes, and whether a 401 revoked it.
 * One live enrolment: enrolling again replaces it (the platform has revoked the old token).
 */
export interface Enrolment {
  readonly terminalId: string;
  readonly site: { readonly code: string; readonly name: string };
  /** base64 of the raw 32-byte Ed25519 key */
  readonly platformKey: string;
  readonly enrolledAt: string;
  /** the platform answered 401: sync stops until the terminal is enrolled again */
  readonly revoked: boolean;
}

export interface EnrolmentStore {
  current(): Enrolment | null;
  /** null when not enrolled or revoked: no request goes out with a token the platform refused */
  credentials(): Credentials | null;
  save(enrolment: Omit<Enrolment, 'revoked'> & { readonly token: string }): Promise<Result<void>>;
  markRevoked(): Promise<Result<void>>;
}

export const ENROLMENT_FILE = 'enrolment.json';

const EnrolmentFile = z.object({
  v: z.literal(1),
  terminalId: z.string().min(1).max(64),
  site: z.object({ code: z.string().min(1), name: z.string().min(1) }),
  wrappedToken: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
  platformKey: PlatformPublicKeyB64,
  enrolledAt: Rfc3339,
  revoked: z.boolean(),
});
type EnrolmentFile = z.infer<typeof EnrolmentFile>;

export async function openEnrolmentStore(options: { dataDir: string; keystore: Keystore }): Promise<Result<EnrolmentStore>> {
  const dir = join(options.dataDir, 'platform');
  const path = join(dir, ENROLMENT_FILE);
  const { keystore } = options;
  let state: { file: EnrolmentFile; token: string } | null = null;
  try {
    await ensureDir(dir);
    await removeStaleTemporaries(dir);
    const text = await readFile(path, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = EnrolmentFile.safeParse(json);
    if (!parsed.success) return err('enrolment-unreadable', 'the enrolment file is damaged; enrol the terminal again');
    let token: string;
    try {
      token = Buffer.from(keystore.unwrap(Buffer.from(parsed.data.wrappedToken, 'base64'))).toString('utf8');
    } catch {
      return err('enrolment-unreadable', 'the terminal token cannot be unwrapped by this keystore; enrol the terminal again');
    }
    state = { file: parsed.data, token };
  } catch (e) {
    if (!isNotFound(e)) return err('enrolment-unreadable', `the enrolment could not be read: ${describeError(e)}`);
  }

  const serial = createSerialQueue();
  const persist = (file: EnrolmentFile): Promise<Result<void>> =>
    writeFileDurable(path, JSON.stringify(file)).then(
      () => ok(undefined),
      (e: unknown) => err('enrolment-write-failed', `the enrolment could not be saved: ${describeError(e)}`),
    );

  return ok({
    current: () => {
      if (!state) return null;
      const { terminalId, site, platformKey, enrolledAt, revoked } = state.file;
      return { terminalId, site, platformKey, enrolledAt, revoked };
    },
    credentials: () => (state && !state.file.revoked ? { terminalId: state.file.terminalId, token: state.token } : null),
    save: (e) =>
      serial(async () => {
        const parsedKey = PlatformPublicKeyB64.safeParse(e.platformKey);
        if (!parsedKey.success) return err('enrolment-invalid', 'the platform key is not 32 bytes of base64');
        const wrapped = Buffer.from(keystore.wrap(Buffer.from(e.token, 'utf8'))).toString('base64');
        const file: EnrolmentFile = {
          v: 1,
          terminalId: e.terminalId,
          site: { code: e.site.code, name: e.site.name },
          wrappedToken: wrapped,
          platformKey: e.platformKey,
          enrolledAt: e.enrolledAt,
          revoked: false,
        };
        const written = await persist(file);
        if (written.ok) state = { file, token: e.token };
        return written;
      }),
    markRevoked: () => {
      // Revoked in memory at once, before the write and even if it fails: no request may go out
      // with this token from now on.
      if (!state || state.file.revoked) return Promise.resolve(ok(undefined));
      const file = { ...state.file, revoked: true };
      state = { file, token: state.token };
      // A re-enrolment saved in between has replaced this one: nothing to write then.
      return serial(async () => (state?.file === file ? persist(file) : ok(undefined)));
    },
  });
}
