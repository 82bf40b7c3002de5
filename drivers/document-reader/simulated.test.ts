import { describe, expect, it } from 'vitest';
import { FIXTURE_TODAY, HKMO_PERMIT, PASSPORT_ZHANG_SAN } from '../../fixtures/mrz/lines';
import { createSimulatedDocumentReader } from './simulated';
import type { DocumentReader } from './types';

const setup = () => createSimulatedDocumentReader({ today: () => FIXTURE_TODAY, interLineTimeoutMs: 50 });

function whenStatus(reader: DocumentReader, state: 'ready' | 'disconnected'): Promise<void> {
  return new Promise((resolve) => {
    const off = reader.onStatus((s) => s.state === state && (off(), resolve()));
  });
}

describe('simulated document reader (real driver ↔ wire simulator)', () => {
  it('reads a passport and a permit', async () => {
    const { reader, simulator } = setup();
    await reader.ready();
    let read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument(PASSPORT_ZHANG_SAN);
    let r = await read;
    expect(r.ok && r.value.mrz).toMatchObject({ document: 'passport', nameZh: '张三', valid: true });
    read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument([HKMO_PERMIT]);
    r = await read;
    expect(r.ok && r.value.mrz).toMatchObject({ document: 'hkmo-permit', documentNumber: 'C12345678', valid: true });
    await reader.close();
  });

  it('fault modes give coded results: misread, noise, pulled mid-swipe, slow, silent', async () => {
    const { reader, simulator } = setup();
    await reader.ready();
    simulator.setFault('garble');
    let read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument(PASSPORT_ZHANG_SAN);
    let r = await read;
    expect(r.ok && r.value.mrz.valid).toBe(false);

    simulator.setFault('noise');
    read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument([HKMO_PERMIT]);
    r = await read;
    expect(!r.ok && r.error.code).toBe('binary-data');
    // the permit behind the noise still arrives
    r = await reader.readDocument({ timeoutMs: 5000 });
    expect(r.ok && r.value.mrz.valid).toBe(true);

    simulator.setFault('drop-second-line');
    read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument(PASSPORT_ZHANG_SAN);
    r = await read;
    expect(!r.ok && r.error.code).toBe('incomplete-document');

    simulator.setFault('none');
    simulator.setByteDelay(1);
    read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument([HKMO_PERMIT]);
    r = await read;
    expect(r.ok && r.value.mrz.documentNumber).toBe('C12345678');
    simulator.setByteDelay(0);

    simulator.setFault('silent');
    await simulator.presentDocument([HKMO_PERMIT]);
    r = await reader.readDocument({ timeoutMs: 30 });
    expect(!r.ok && r.error.code).toBe('timeout');
    await reader.close();
  });

  it('one read at a time; a read can be cancelled', async () => {
    const { reader } = setup();
    await reader.ready();
    const controller = new AbortController();
    const first = reader.readDocument({ timeoutMs: 5000, signal: controller.signal });
    const second = await reader.readDocument({ timeoutMs: 5000 });
    expect(!second.ok && second.error.code).toBe('busy');
    controller.abort();
    const r = await first;
    expect(!r.ok && r.error.code).toBe('cancelled');
    await reader.close();
  });

  it('reconnects after unplug and replug', async () => {
    const { reader, simulator } = setup();
    await reader.ready();
    const gone = whenStatus(reader, 'disconnected');
    await simulator.unplug();
    await gone;
    const back = whenStatus(reader, 'ready');
    simulator.replug();
    await back;
    const read = reader.readDocument({ timeoutMs: 5000 });
    await simulator.presentDocument([HKMO_PERMIT]);
    expect((await read).ok).toBe(true);
    await reader.close();
  });
});
