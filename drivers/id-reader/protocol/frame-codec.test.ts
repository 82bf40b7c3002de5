import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeSetBaud, encodeSetMaxRfBytes, formatSamId, parseBaseInfo, parseResponse } from './commands';
import { decode, encode, initialDecoderState, type DecodeEvent } from './frame-codec';

const hex = (s: string): Uint8Array => Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** Decodes the chunks in order and returns the frame bodies (and other events) seen. */
function run(chunks: readonly Uint8Array[]): DecodeEvent[] {
  let state = initialDecoderState;
  const events: DecodeEvent[] = [];
  for (const chunk of chunks) {
    const out = decode(state, chunk);
    state = out.state;
    events.push(...out.events);
  }
  return events;
}
const bodies = (events: readonly DecodeEvent[]): string[] => events.flatMap((e) => (e.type === 'frame' ? [toHex(e.body)] : []));

// domain-notes §1.4 / §1.11
const COMMANDS = [
  ['resetSam', 'AA AA AA 96 69 00 03 10 FF EC'],
  ['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
  ['readSamId', 'AA AA AA 96 69 00 03 12 FF EE'],
  ['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
  ['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
  ['readBase', 'AA AA AA 96 69 00 03 30 01 32'],
  ['readAppendedAddress', 'AA AA AA 96 69 00 03 30 03 30'],
  ['readBaseWithFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
] as const;

const SAM_ID_RESPONSE = 'AA AA AA 96 69 00 14 00 00 90 05 00 01 00 09 B8 32 01 05 BE 12 00 AD C5 B1 11 63';
const RESPONSES = [
  ['find ok', 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97', '00 00 9F 00 00 00 00'],
  ['no card', 'AA AA AA 96 69 00 04 00 00 80 84', '00 00 80'],
  ['select ok', 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C', '00 00 90 00 00 00 00 00 00 00 00'],
  ['select fail', 'AA AA AA 96 69 00 04 00 00 81 85', '00 00 81'],
  ['read fail', 'AA AA AA 96 69 00 04 00 00 41 45', '00 00 41'],
  ['status ok', 'AA AA AA 96 69 00 04 00 00 90 94', '00 00 90'],
  ['sam self-test fail', 'AA AA AA 96 69 00 04 00 00 60 64', '00 00 60'],
  ['sam id', SAM_ID_RESPONSE, '00 00 90 05 00 01 00 09 B8 32 01 05 BE 12 00 AD C5 B1 11'],
] as const;

describe('encode (exact bytes, domain-notes §1.4)', () => {
  it.each(COMMANDS)('%s', (name, frame) => {
    expect(toHex(encodeCommand(name))).toBe(frame);
  });
  it('set max RF bytes and baud rate', () => {
    expect(toHex(encodeSetMaxRfBytes(0x50))).toBe('AA AA AA 96 69 00 04 61 FF 50 CA');
    expect(toHex(encodeSetBaud(115200))).toBe('AA AA AA 96 69 00 03 60 00 63');
    expect(toHex(encodeSetBaud(9600))).toBe('AA AA AA 96 69 00 03 60 04 67');
    expect(toHex(encode(0x20, 0x01))).toBe('AA AA AA 96 69 00 03 20 01 22');
  });
});

describe('decode', () => {
  it.each(RESPONSES)('%s: whole, split at every byte boundary, and merged with the next frame', (_name, frame, body) => {
    const bytes = hex(frame);
    expect(bodies(run([bytes]))).toEqual([body]);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect(bodies(run([bytes.slice(0, cut), bytes.slice(cut)]))).toEqual([body]);
    }
    const next = hex(RESPONSES[0][1]);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const merged = new Uint8Array([...bytes.slice(cut), ...next]);
      expect(bodies(run([bytes.slice(0, cut), merged]))).toEqual([body, '00 00 9F 00 00 00 00']);
    }
  });

  it('decodes the command frames too, byte by byte', () => {
    for (const [, frame] of COMMANDS) {
      const bytes = hex(frame);
      expect(bodies(run(Array.from(bytes, (b) => Uint8Array.of(b))))).toEqual([toHex(bytes.slice(7, 9))]);
    }
  });

  it('decodes a full 30 01 answer (1295 bytes) split at every byte boundary', () => {
    const data = new Uint8Array(4 + 256 + 1024);
    data.set([0x01, 0x00, 0x04, 0x00], 0);
    for (let i = 4; i < data.length; i += 1) data[i] = (i * 7) & 0xff;
    const frame = encodeFrameForTest([0x00, 0x00, 0x90, ...data]);
    expect(toHex(frame.slice(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    expect(frame.length).toBe(1295);
    const wantWlt = Buffer.from(data.slice(260));
    for (let cut = 1; cut < frame.length; cut += 1) {
      const events = run([frame.slice(0, cut), frame.slice(cut)]);
      expect(events).toHaveLength(1);
      const [event] = events;
      if (event?.type !== 'frame') throw new Error('expected a frame');
      const response = parseResponse(event.body);
      expect(response?.sw3).toBe(0x90);
      // Buffer.equals: a deep toEqual on 1024 bytes × 1294 cuts is needlessly slow
      expect(wantWlt.equals(parseBaseInfo(response?.data ?? new Uint8Array(), false)?.wlt ?? new Uint8Array())).toBe(true);
    }
  });

  it('resyncs after garbage, including garbage that looks like a partial preamble', () => {
    const events = run([hex('00 13 AA AA 96 AA AA AA AA 96 69 00 04 00 00 80 84 FF AA')]);
    expect(bodies(events)).toEqual(['00 00 80']);
    expect(events.some((e) => e.type === 'discarded')).toBe(true);
  });

  it('reports a checksum error and still finds the next frame', () => {
    const events = run([hex('AA AA AA 96 69 00 04 00 00 80 85 AA AA AA 96 69 00 04 00 00 90 94')]);
    expect(events.filter((e) => e.type !== 'discarded')).toEqual([{ type: 'checksum-error' }, { type: 'frame', body: hex('00 00 90') }]);
  });

  it('rejects lengths out of bounds without waiting for them', () => {
    expect(bodies(run([hex('AA AA AA 96 69 FF FF AA AA AA 96 69 00 04 00 00 80 84')]))).toEqual(['00 00 80']);
    expect(bodies(run([hex('AA AA AA 96 69 00 01 AA AA AA 96 69 00 04 00 00 80 84')]))).toEqual(['00 00 80']);
  });
});

describe('payloads', () => {
  it('formats the SAM id vector (domain-notes §1.6)', () => {
    const [event] = run([hex(SAM_ID_RESPONSE)]);
    if (event?.type !== 'frame') throw new Error('expected a frame');
    expect(formatSamId(parseResponse(event.body)?.data ?? new Uint8Array())).toBe('05.01-20101129-0001228293-0296863149');
  });
  it('refuses base info whose declared lengths do not match', () => {
    expect(parseBaseInfo(Uint8Array.of(0x01, 0x00, 0x04, 0x00), false)).toBeUndefined();
    expect(parseBaseInfo(new Uint8Array(1284), false)).toBeUndefined();
  });
  it('splits a 30 10 answer with a 512-byte fingerprint block', () => {
    const data = new Uint8Array(6 + 256 + 1024 + 512);
    data.set([0x01, 0x00, 0x04, 0x00, 0x02, 0x00], 0);
    data[6 + 256 + 1024] = 0x43;
    expect(parseBaseInfo(data, true)?.fingerprint?.[0]).toBe(0x43);
  });
});

/** Test-local framing (preamble, BE length, XOR) so the decoder is not checked against its own encoder. */
function encodeFrameForTest(body: readonly number[]): Uint8Array {
  const len = body.length + 1;
  const out = [0xaa, 0xaa, 0xaa, 0x96, 0x69, len >> 8, len & 0xff, ...body];
  out.push(out.slice(5).reduce((x, b) => x ^ b, 0));
  return Uint8Array.from(out);
}
