import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplyReader } from './reply-reader';
import { isStatusReplyByte } from './status';

describe('ReplyReader', () => {
  it('takes the first byte that looks like a status reply, skipping noise', async () => {
    const reader = new ReplyReader();
    const reply = reader.next(isStatusReplyByte, 1000);
    reader.feed(Uint8Array.of(0x00, 0xff, 0x1e, 0x12));
    expect(await reply).toBe(0x1e);
  });

  it('discard() forgets a stale answer', async () => {
    const reader = new ReplyReader();
    reader.feed(Uint8Array.of(0x72));
    reader.discard();
    const reply = reader.next(isStatusReplyByte, 1000);
    reader.feed(Uint8Array.of(0x12));
    expect(await reply).toBe(0x12);
  });

  it('abort() ends the wait with no answer', async () => {
    const reader = new ReplyReader();
    const reply = reader.next(isStatusReplyByte, 60_000);
    reader.abort();
    expect(await reply).toBeUndefined();
  });

  it('property: random input never throws and the queue stays bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
        const reader = new ReplyReader();
        for (const chunk of chunks) reader.feed(chunk);
        expect((reader as unknown as { queued: number[] }).queued.length).toBeLessThanOrEqual(64);
      }),
    );
  });
});
