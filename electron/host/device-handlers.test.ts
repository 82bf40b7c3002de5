import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureCards } from '../../fixtures/cards';
import { kioskContract } from '../api/contract';
import { decodeWire, encodeWire } from '../api/wire';
import { KioskConfig } from './config';
import { createDeviceHandlers } from './device-handlers';
import { closeDevices } from './devices/device-set';
import { openDevices } from './devices/registry';

const ctx = { transport: 'direct' } as const;

/** A 2×2 24-bit BMP: what the fake decoder answers for any WLT. */
function fixedBmp(): Buffer {
  const rowBytes = 8; // 2 pixels × 3 bytes, padded to 4
  const bmp = Buffer.alloc(54 + rowBytes * 2);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(bmp.length, 2);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(2, 18);
  bmp.writeInt32LE(2, 22);
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  bmp.fill(0x80, 54);
  return bmp;
}

const dir = mkdtempSync(join(tmpdir(), 'fake-wlt-decoder-'));
const script = join(dir, 'decoder.cjs');
// stands in for the vendor's licensed decoder: reads the WLT on stdin, writes the BMP on stdout
writeFileSync(script, `process.stdin.resume();\nprocess.stdin.on('end', () => process.stdout.write(Buffer.from('${fixedBmp().toString('hex')}', 'hex')));\n`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a fixture card through the host's device handlers, and what the contract makes of the answer. */
async function readCardWith(idReader: unknown) {
  const devices = openDevices(KioskConfig.parse({ devices: { idReader } }).devices);
  try {
    const handlers = createDeviceHandlers(devices.set, () => {
      throw new Error('app.info is not used here');
    });
    const card = fixtureCards[0]!;
    expect(devices.simulators.card?.present(card.id)).toBe(true);
    const result = await handlers.idReader.read({ timeoutMs: 10_000 }, ctx);
    if (!result.ok) throw new Error(`read failed: ${result.error.code}`);
    // as the renderer receives it: checked against the contract, then over the WebSocket wire
    const checked = kioskContract.idReader.read.output.parse(result.value);
    const overWire = kioskContract.idReader.read.output.parse(decodeWire(encodeWire(checked)));
    return { card, overWire };
  } finally {
    await closeDevices(devices.set);
  }
}

describe('idReader.read and the card portrait', () => {
  it('decodes the WLT with the configured decoder right after the read', async () => {
    const { card, overWire } = await readCardWith({ adapter: 'simulated', photoDecoder: { path: process.execPath, args: [script] } });
    const { portrait, ...record } = overWire;
    expect(record).toEqual(card.record);
    expect(portrait.status).toBe('decoded');
    if (portrait.status !== 'decoded') return;
    expect(Buffer.from(portrait.bmp).equals(fixedBmp())).toBe(true);
  });

  it('says decoder-missing when no decoder is configured, and the record is unchanged', async () => {
    const { card, overWire } = await readCardWith({ adapter: 'simulated' });
    expect(overWire).toEqual({ ...card.record, portrait: { status: 'decoder-missing' } });
  });

  it('says decoder-failed when the decoder answers with something that is not a BMP', async () => {
    const { overWire } = await readCardWith({ adapter: 'simulated', photoDecoder: { path: process.execPath, args: ['-e', 'process.stdout.write("no")'] } });
    expect(overWire.portrait).toEqual({ status: 'decoder-failed' });
  });
});
