import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentReaderSimulator } from '../../fixtures/devices/document-reader/simulator';
import { createPtyPair, openSimulatorEnd } from '../../fixtures/devices/pty';
import { FIXTURE_TODAY, PASSPORT_LI_YANGBEN_EXPIRED, TW_PERMIT } from '../../fixtures/mrz/lines';
import { createSerialDocumentReader } from './serial';

const dir = mkdtempSync(join(tmpdir(), 'mrz-reader-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serial document reader over a pty', () => {
  it('reads documents, reports garbage, and reconnects after an unplug', async () => {
    const driverPath = join(dir, 'reader');
    let pair = await createPtyPair({ driverPath });
    const reader = createSerialDocumentReader({ path: driverPath, baudRate: 9600, interLineTimeoutMs: 200, today: () => FIXTURE_TODAY, reconnect: { initialDelayMs: 20, maxDelayMs: 100 } });
    expect((await reader.ready()).ok).toBe(true);
    const simulator = new DocumentReaderSimulator();
    simulator.attach(await openSimulatorEnd(pair, 9600));

    let read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument(PASSPORT_LI_YANGBEN_EXPIRED);
    let r = await read;
    expect(r.ok && r.value.mrz).toMatchObject({ nameZh: '李样本', expired: true, valid: true });

    read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.sendRaw(new Uint8Array(5000).fill(0x3c));
    await simulator.sendRaw(new TextEncoder().encode('\r\n'));
    r = await read;
    expect(!r.ok && r.error.code).toBe('line-too-long');

    const gone = new Promise<void>((resolve) => reader.onStatus((s) => s.state === 'disconnected' && resolve()));
    await simulator.detach()?.close();
    await pair.close();
    await gone;
    const back = new Promise<void>((resolve) => reader.onStatus((s) => s.state === 'ready' && resolve()));
    pair = await createPtyPair({ driverPath });
    await back;
    simulator.attach(await openSimulatorEnd(pair, 9600));
    read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument([TW_PERMIT]);
    r = await read;
    expect(r.ok && r.value.mrz.document).toBe('tw-permit');

    await reader.close();
    await simulator.detach()?.close();
    await pair.close();
  });
});
