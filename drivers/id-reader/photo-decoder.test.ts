import { describe, expect, it } from 'vitest';
import { findFixtureCard } from '../../fixtures/cards/index';
import { PhotoDecoderConfig } from './config';
import { createPhotoDecoder } from './photo-decoder';

const wlt = findFixtureCard('resident-valid')?.wlt ?? new Uint8Array(1024);
const codeOf = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : (r.error?.code ?? '?'));

// Test doubles for the vendor decoder's child-process contract (WLT on stdin, BMP on stdout).
// They check the plumbing only; the product never produces an image without the vendor decoder.
const node = process.execPath;
const echoHeaderBmp = `
  const chunks = [];
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', () => {
    const input = Buffer.concat(chunks);
    if (input.length !== 1024 || input.toString('latin1', 0, 2) !== 'WL') process.exit(3);
    const bmp = Buffer.alloc(54 + 102 * 126 * 3 + 126 * 2);
    bmp.write('BM', 0, 'latin1'); bmp.writeUInt32LE(bmp.length, 2); bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14); bmp.writeInt32LE(input.readUInt16LE(2), 18); bmp.writeInt32LE(input.readUInt16LE(4), 22);
    process.stdout.write(bmp);
  });`;

describe('PhotoDecoder', () => {
  it('says so honestly when no decoder is configured', async () => {
    expect(codeOf(await createPhotoDecoder().decode(wlt))).toBe('photo-decoder-missing');
  });

  it('reports a configured decoder that does not exist as missing', async () => {
    const decoder = createPhotoDecoder(PhotoDecoderConfig.parse({ path: '/nonexistent/wltdecode' }));
    expect(codeOf(await decoder.decode(wlt))).toBe('photo-decoder-missing');
  });

  it('runs the configured decoder with the WLT on stdin and reads the BMP from stdout', async () => {
    const decoder = createPhotoDecoder(PhotoDecoderConfig.parse({ path: node, args: ['-e', echoHeaderBmp] }));
    const result = await decoder.decode(wlt);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ format: 'bmp', width: 102, height: 126 });
    expect(result.value.bytes.length).toBe(38_862);
  });

  it('turns a failing decoder, non-BMP output and a hung decoder into photo-decoder-failed', async () => {
    const failing = createPhotoDecoder(PhotoDecoderConfig.parse({ path: node, args: ['-e', 'process.exit(2)'] }));
    expect(codeOf(await failing.decode(wlt))).toBe('photo-decoder-failed');
    const garbage = createPhotoDecoder(PhotoDecoderConfig.parse({ path: node, args: ['-e', 'process.stdout.write("not an image")'] }));
    expect(codeOf(await garbage.decode(wlt))).toBe('photo-decoder-failed');
    const hung = createPhotoDecoder(PhotoDecoderConfig.parse({ path: node, args: ['-e', 'setInterval(() => {}, 1000)'], timeoutMs: 300 }));
    expect(codeOf(await hung.decode(wlt))).toBe('photo-decoder-failed');
  });
});
