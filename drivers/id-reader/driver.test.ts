import { describe, expect, it } from 'vitest';
import { findFixtureCard } from '../../fixtures/cards/index';
import { ok } from '../result';
import type { ByteTransport } from '../transport/types';
import { createSamReader } from './driver';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
/** Test-local reader→host framing, independent of the driver's codec. */
function answer(sw3: number, data: readonly number[] = []): Uint8Array {
  const len = 3 + data.length + 1;
  const out = [0xaa, 0xaa, 0xaa, 0x96, 0x69, len >> 8, len & 0xff, 0x00, 0x00, sw3, ...data];
  out.push(out.slice(5).reduce((x, b) => x ^ b, 0));
  return Uint8Array.from(out);
}

const FIND = 'AA AA AA 96 69 00 03 20 01 22';
const SELECT = 'AA AA AA 96 69 00 03 20 02 21';
const READ = 'AA AA AA 96 69 00 03 30 01 32';
const ADDRESS = 'AA AA AA 96 69 00 03 30 03 30';
const STATUS = 'AA AA AA 96 69 00 03 11 FF ED';
const SAM_ID = 'AA AA AA 96 69 00 03 12 FF EE';

type Script = (request: string, count: number) => readonly Uint8Array[] | undefined;

/** A fake transport: records every write and answers from a script (a list of chunks per request, or silence). */
function fakeTransport(script: Script): { transport: ByteTransport; writes: string[] } {
  const writes: string[] = [];
  const counts = new Map<string, number>();
  const listeners = new Set<(chunk: Uint8Array) => void>();
  const transport: ByteTransport = {
    isOpen: true,
    async write(bytes) {
      const request = hex(bytes);
      writes.push(request);
      const n = (counts.get(request) ?? 0) + 1;
      counts.set(request, n);
      const chunks = script(request, n) ?? [];
      setImmediate(() => chunks.forEach((c) => listeners.forEach((l) => l(c))));
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose: () => () => undefined,
    close: async () => undefined,
  };
  return { transport, writes };
}

const card = findFixtureCard('resident-renewal-due');
if (!card) throw new Error('fixture');
const readData = [0x01, 0x00, 0x04, 0x00, ...card.text, ...card.wlt];

const happy: Script = (r) => {
  switch (r) {
    case STATUS:
      return [answer(0x90)];
    case FIND:
      return [answer(0x9f, [0, 0, 0, 0])];
    case SELECT:
      return [answer(0x90, [0, 0, 0, 0, 0, 0, 0, 0])];
    case READ:
      return [answer(0x90, readData)];
    case ADDRESS:
      return [answer(0x91)];
    case SAM_ID:
      return [answer(0x90, [0x05, 0x00, 0x01, 0x00, 0x09, 0xb8, 0x32, 0x01, 0x05, 0xbe, 0x12, 0x00, 0xad, 0xc5, 0xb1, 0x11])];
    default:
      return undefined;
  }
};

function readerWith(script: Script, options: Parameters<typeof createSamReader>[1] = {}) {
  const fake = fakeTransport(script);
  const reader = createSamReader(async () => ok(fake.transport), { statusPollMs: 0, pollIntervalMs: 1, timeouts: { findMs: 50, selectMs: 50, readMs: 50, commandMs: 50 }, ...options });
  return { reader, writes: fake.writes };
}
const codeOf = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : (r.error?.code ?? '?'));
const withoutProbe = (writes: readonly string[]): string[] => writes.filter((w) => w !== STATUS);

describe('SAM driver over a fake transport', () => {
  it('writes exactly find, select, read 30 01, read 30 03 and parses the card', async () => {
    const { reader, writes } = readerWith(happy);
    const r = await reader.readCard({ timeoutMs: 1000 });
    expect(r).toEqual({ ok: true, value: { record: card.record, wlt: card.wlt } });
    expect(withoutProbe(writes)).toEqual([FIND, SELECT, READ, ADDRESS]);
    await reader.close();
  });

  it('writes 30 10 when asked for the fingerprint variant', async () => {
    const { reader, writes } = readerWith(
      (r) => (r === 'AA AA AA 96 69 00 03 30 10 23' ? [answer(0x90, [0x01, 0x00, 0x04, 0x00, 0x00, 0x00, ...card.text, ...card.wlt])] : happy(r, 1)),
      { readFingerprint: true, readAppendedAddress: false },
    );
    expect((await reader.readCard({ timeoutMs: 1000 })).ok).toBe(true);
    expect(withoutProbe(writes)).toEqual([FIND, SELECT, 'AA AA AA 96 69 00 03 30 10 23']);
  });

  it('reads the SAM id with the exact request', async () => {
    const { reader, writes } = readerWith(happy);
    expect(await reader.readSamId()).toEqual({ ok: true, value: '05.01-20101129-0001228293-0296863149' });
    expect(withoutProbe(writes)).toEqual([SAM_ID]);
  });

  it('handles answers delivered one byte at a time and after line noise', async () => {
    const { reader } = readerWith((r, n) => {
      const whole = happy(r, n)?.[0];
      if (!whole) return undefined;
      return [Uint8Array.of(0x00, 0xaa, 0x13, 0xaa, 0xaa), ...Array.from(whole, (b) => Uint8Array.of(b))];
    });
    expect((await reader.readCard({ timeoutMs: 1000 })).ok).toBe(true);
  });

  it('retries once after an answer with a bad checksum, and after SW3 0x10', async () => {
    const { reader, writes } = readerWith((r, n) => {
      if (r === FIND && n === 1) return [Uint8Array.of(...answer(0x9f, [0, 0, 0, 0]).slice(0, -1), 0x00)];
      if (r === SELECT && n === 1) return [answer(0x10)];
      return happy(r, n);
    });
    expect((await reader.readCard({ timeoutMs: 1000 })).ok).toBe(true);
    expect(withoutProbe(writes)).toEqual([FIND, FIND, SELECT, SELECT, READ, ADDRESS]);
  });

  it('gives up with protocol-error when bad frames persist', async () => {
    const { reader } = readerWith((r, n) => (r === FIND ? [Uint8Array.of(...answer(0x9f).slice(0, -1), 0x01)] : happy(r, n)));
    expect(codeOf(await reader.readCard({ timeoutMs: 1000 }))).toBe('protocol-error');
  });

  it('maps silence to device-unreachable', async () => {
    const { reader } = readerWith((r, n) => (r === FIND ? undefined : happy(r, n)));
    expect(codeOf(await reader.readCard({ timeoutMs: 1000 }))).toBe('device-unreachable');
  });

  it.each([
    [0x31, 'card-auth-failed'],
    [0x32, 'card-auth-failed'],
    [0x33, 'card-auth-failed'],
    [0x37, 'card-auth-failed'],
    [0x3f, 'read-failed'],
    [0x40, 'unknown-card'],
    [0x47, 'read-failed'],
    [0x24, 'read-failed'],
    [0x21, 'protocol-error'],
    [0x23, 'protocol-error'],
    [0x11, 'protocol-error'],
    [0x60, 'sam-fault'],
    [0x66, 'sam-fault'],
    [0x55, 'protocol-error'],
  ])('maps SW3 0x%s on the read to %s', async (sw3, code) => {
    const { reader } = readerWith((r, n) => (r === READ ? [answer(sw3)] : happy(r, n)));
    expect(codeOf(await reader.readCard({ timeoutMs: 1000 }))).toBe(code);
  });

  it('maps a read failure (0x41) to card-removed when the card is gone, read-failed when it is still there', async () => {
    let gone = false;
    const { reader } = readerWith((r, n) => {
      if (r === READ) {
        gone = true;
        return [answer(0x41)];
      }
      if (r === FIND && gone) return [answer(0x80)];
      return happy(r, n);
    });
    expect(codeOf(await reader.readCard({ timeoutMs: 1000 }))).toBe('card-removed');
    const still = readerWith((r, n) => (r === READ ? [answer(0x41)] : happy(r, n)));
    expect(codeOf(await still.reader.readCard({ timeoutMs: 1000 }))).toBe('read-failed');
  });

  it('keeps polling on no card (0x80) and select failure (0x81) until a card can be read', async () => {
    const { reader, writes } = readerWith((r, n) => {
      if (r === FIND && n <= 2) return [answer(0x80)];
      if (r === SELECT && n === 1) return [answer(0x81)];
      return happy(r, n);
    });
    expect((await reader.readCard({ timeoutMs: 1000 })).ok).toBe(true);
    expect(withoutProbe(writes)).toEqual([FIND, FIND, FIND, SELECT, FIND, SELECT, READ, ADDRESS]);
  });

  it('reads without an appended address from a reader that rejects or ignores 30 03', async () => {
    for (const reply of [[answer(0x21)], undefined]) {
      const { reader } = readerWith((r, n) => (r === ADDRESS ? reply : happy(r, n)));
      const result = await reader.readCard({ timeoutMs: 1000 });
      expect(result.ok && result.value.record).toEqual(card.record);
    }
  });

  it('refuses a read answer whose lengths are wrong with protocol-error', async () => {
    const { reader } = readerWith((r, n) => (r === READ ? [answer(0x90, [0x01, 0x00, 0x04, 0x00, 0x20, 0x00])] : happy(r, n)));
    expect(codeOf(await reader.readCard({ timeoutMs: 1000 }))).toBe('protocol-error');
  });
});
