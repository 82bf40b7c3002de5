import type { IdCardRecord } from '../../drivers/id-reader/types';
import { describeError, err, ok, type Result } from '../../drivers/result';
import type { KioskPort, OutboxPort } from './ports';

export interface CapturedPhoto {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly width: number;
  readonly height: number;
}

export interface SubmitInput {
  readonly id: string;
  readonly card: IdCardRecord;
  readonly photo: CapturedPhoto;
}

/**
 * Seal the photo, seal the transaction (the host allocates seq and stamps createdAt), then write
 * both to the outbox in one durable transaction. Only an ok here lets the receipt print: a
 * receipt must never promise an application that is not safely stored.
 */
export async function submitRenewal(deps: { kiosk: KioskPort; outbox: OutboxPort }, input: SubmitInput): Promise<Result<void>> {
  try {
    const attachment = await deps.kiosk.vault.sealAttachment({ bytes: input.photo.bytes, contentType: 'image/jpeg' });
    if (!attachment.ok) return attachment;
    const transaction = await deps.kiosk.vault.sealTransaction({
      id: input.id,
      service: 'id.renewal',
      applicant: { idNumber: input.card.idNumber, name: input.card.name },
      attachments: [{ sha256: attachment.value.sha256, role: 'photo', contentType: 'image/jpeg', size: attachment.value.size }],
    });
    if (!transaction.ok) return transaction;
    const stored = await deps.outbox.enqueue(transaction.value, [attachment.value]);
    return stored.ok ? ok(undefined) : stored;
  } catch (e) {
    return err('submit-failed', describeError(e));
  }
}
