import { z } from 'zod';
import type { DeviceState } from '../device-status';
import type { Result } from '../result';
import { IsoDate, Sha256Hex } from '../schemas';

/**
 * One card as read from a SAM-protocol reader (domain-notes §1.7), in the shape `kioskctl id
 * read --json` prints (shared/kioskctl.md). Fields a card type does not carry are omitted.
 */
export const CardType = z.enum(['resident', 'hmt-residence', 'foreigner-2017', 'foreigner-2023']);
export type CardType = z.infer<typeof CardType>;

export const Sex = z.enum(['male', 'female', 'unknown', 'unspecified']);
export type Sex = z.infer<typeof Sex>;

export const IdCardRecord = z.object({
  cardType: CardType,
  name: z.string(),
  nameEn: z.string().optional(),
  sex: Sex,
  nation: z.object({ code: z.string(), name: z.string() }).optional(),
  birthDate: IsoDate,
  address: z.string().optional(),
  /** the appended/newest address (30 03), when the card carries one */
  appendedAddress: z.string().optional(),
  idNumber: z.string(),
  authority: z.string().optional(),
  validFrom: IsoDate,
  validTo: z.union([IsoDate, z.literal('long-term')]),
  passNumber: z.string().optional(),
  issueCount: z.number().int().optional(),
  nationality: z.string().optional(),
  renewalCount: z.number().int().optional(),
  photo: z.object({ format: z.literal('wlt'), size: z.number().int(), sha256: Sha256Hex }),
});
export type IdCardRecord = z.infer<typeof IdCardRecord>;

/** What a read yields: the parsed record plus the raw 1024-byte WLT photo, kept for a PhotoDecoder. */
export interface IdCardRead {
  readonly record: IdCardRecord;
  readonly wlt: Uint8Array;
}

/**
 * Coded errors a UI can act on. `no-card`: nothing presented before the timeout;
 * `card-removed`: the card left the field mid-read; `read-failed`: the card answered but the read
 * did not complete (retry); `device-unreachable`: port cannot be opened or no answer;
 * `protocol-error`: repeated bad frames; `sam-fault`: the SAM reports it cannot work (SW3 0x60,
 * 0x66…); `cancelled`: the caller aborted; `busy`: another operation holds the device;
 * `card-auth-failed`: the SAM and the card did not authenticate each other (SW3 0x31–0x37: send
 * the citizen to staff); `photo-decoder-missing`/`photo-decoder-failed`: see photo-decoder.ts.
 */
export type IdReaderErrorCode =
  | 'no-card'
  | 'card-removed'
  | 'read-failed'
  | 'unknown-card'
  | 'card-auth-failed'
  | 'device-unreachable'
  | 'protocol-error'
  | 'sam-fault'
  | 'cancelled'
  | 'busy'
  | 'photo-decoder-missing'
  | 'photo-decoder-failed';

export interface IdCardReader {
  status(): DeviceState;
  onStatus(listener: (state: DeviceState) => void): () => void;
  /** Waits up to timeoutMs for a card and reads it (find → select → read), one operation at a time. */
  readCard(options: { timeoutMs: number; signal?: AbortSignal }): Promise<Result<IdCardRead>>;
  /** The SAM id, `05.01-20101129-0001228293-0296863149` style (domain-notes §1.6). */
  readSamId(): Promise<Result<string>>;
  close(): Promise<void>;
}
