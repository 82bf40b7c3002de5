import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from './wire';

describe('browser-mode wire codec', () => {
  it('carries bytes anywhere in a frame, tagged as base64', () => {
    const frame = { kind: 'result', id: 7, result: { ok: true, value: { items: [{ id: 'a', sealed: { iv: Uint8Array.of(1, 2, 3), ciphertext: new Uint8Array(0) } }] } } };
    const text = encodeWire(frame);
    expect(text).toContain('{"$bytes":"AQID"}');
    expect(decodeWire(text)).toEqual(frame);
  });

  it('writes a frame without bytes as plain JSON, and reads it back', () => {
    const frame = { kind: 'call', id: 1, method: 'platform.sendBatches', input: { batches: [{ items: [{ id: '01JD3Z6Q8W0000000000000001' }] }], note: null, list: [1, 'two', false, null] } };
    const text = encodeWire(frame);
    expect(text).toBe(JSON.stringify(frame));
    expect(decodeWire(text)).toEqual(frame);
  });

  it('finds bytes after values that are not objects, in arrays and nested objects; a Buffer travels as bytes too', () => {
    const frame = { a: [null, 0, undefined, 'x', [{ b: { c: Buffer.from('hi') } }]] };
    expect(encodeWire(frame)).toBe('{"a":[null,0,null,"x",[{"b":{"c":{"$bytes":"aGk="}}}]]}');
  });

  it('keeps text that merely mentions the tag as text', () => {
    const frame = { message: 'the "$bytes" tag', $bytes: 'not alone', other: 1 };
    expect(decodeWire(encodeWire(frame))).toEqual(frame);
  });

  it('refuses malformed JSON and a tag with bad base64', () => {
    expect(decodeWire('{"kind":')).toBeUndefined();
    expect(decodeWire('{"x":{"$bytes":"***"}}')).toBeUndefined();
  });

  it('leaves a tag spelled with escapes an object (the schema on the far side refuses it where bytes belong)', () => {
    expect(decodeWire('{"x":{"\\u0024bytes":"AQID"}}')).toEqual({ x: { $bytes: 'AQID' } });
  });
});
