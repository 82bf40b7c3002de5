import { afterEach, describe, expect, it } from 'vitest';
import { startIdReaderBehindPty, type PtyIdReader } from '../../../fixtures/devices/id-reader/behind-pty';
import { card, statusReached } from '../../../fixtures/devices/id-reader/test-helpers';
import { openSamSerialReader } from '../index';
import type { IdCardReader } from '../types';

const codeOf = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : (r.error?.code ?? '?'));

describe('sam-serial adapter over a real pty against the simulator', () => {
  let device: PtyIdReader | undefined;
  let reader: IdCardReader | undefined;
  afterEach(async () => {
    await reader?.close();
    await device?.close();
    reader = undefined;
    device = undefined;
  });

  const start = async (options: Parameters<typeof openSamSerialReader>[1] = {}) => {
    device = await startIdReaderBehindPty();
    reader = openSamSerialReader({ adapter: 'sam-serial', port: device.driverPath, baud: 115200 }, { pollIntervalMs: 20, reconnect: { initialDelayMs: 20, maxDelayMs: 200 }, ...options });
    return { device, reader };
  };

  it('reads a card with its appended address', async () => {
    const { device, reader } = await start();
    device.simulator.presentCard(card('resident-valid'));
    const r = await reader.readCard({ timeoutMs: 3000 });
    expect(r).toEqual({ ok: true, value: { record: card('resident-valid').record, wlt: card('resident-valid').wlt } });
    expect(r.ok && r.value.record.appendedAddress).toBe('北京市西城区示例胡同5号');
  });

  it('reads with 30 10 (fingerprint variant) too', async () => {
    const { device, reader } = await start({ readFingerprint: true });
    device.simulator.presentCard(card('foreigner-2017'));
    const r = await reader.readCard({ timeoutMs: 3000 });
    expect(r.ok && r.value.record).toEqual(card('foreigner-2017').record);
  });

  it('reads the SAM id', async () => {
    const { reader } = await start();
    expect(await reader.readSamId()).toEqual({ ok: true, value: '05.01-20101129-0001228293-0296863149' });
  });

  it('no card: no-card after the timeout', async () => {
    const { device, reader } = await start();
    device.simulator.setFault({ kind: 'no-card' });
    device.simulator.presentCard(card('resident-valid'));
    expect(codeOf(await reader.readCard({ timeoutMs: 300 }))).toBe('no-card');
    expect(reader.status()).toEqual({ state: 'ready' });
  });

  it('card pulled mid-read: card-removed', async () => {
    const { device, reader } = await start();
    device.simulator.presentCard(card('resident-renewal-due'));
    device.simulator.setFault({ kind: 'pull-mid-read' });
    expect(codeOf(await reader.readCard({ timeoutMs: 2000 }))).toBe('card-removed');
    expect(device.simulator.cardPresent).toBe(false);
  });

  it('one corrupted answer: resyncs and retries, then reads', async () => {
    const { device, reader } = await start();
    device.simulator.presentCard(card('hmt-residence'));
    device.simulator.setFault({ kind: 'corrupt', count: 1 });
    const r = await reader.readCard({ timeoutMs: 2000 });
    expect(r.ok && r.value.record).toEqual(card('hmt-residence').record);
  });

  it('a corrupted read answer is retried once', async () => {
    const { device, reader } = await start({ statusPollMs: 0 });
    await statusReached(reader, 'ready');
    device.simulator.presentCard(card('foreigner-2023'));
    device.simulator.commands.length = 0;
    // find and select pass; the next answer (the 1295-byte read) arrives damaged
    device.simulator.setFault({ kind: 'corrupt', skip: 2, count: 1 });
    const r = await reader.readCard({ timeoutMs: 2000 });
    expect(r.ok && r.value.record).toEqual(card('foreigner-2023').record);
    expect(device.simulator.commands).toEqual(['20 01', '20 02', '30 01', '30 01', '30 03']);
  });

  it('persistently corrupted frames: protocol-error', async () => {
    const { device, reader } = await start();
    device.simulator.presentCard(card('resident-valid'));
    device.simulator.setFault({ kind: 'corrupt' });
    expect(codeOf(await reader.readCard({ timeoutMs: 2000 }))).toBe('protocol-error');
    expect(reader.status()).toEqual({ state: 'error', code: 'protocol-error' });
  });

  it('slow device: still reads within the command timeouts', async () => {
    const { device, reader } = await start();
    device.simulator.setFault({ kind: 'slow', delayMs: 150 });
    device.simulator.presentCard(card('resident-long-term'));
    const r = await reader.readCard({ timeoutMs: 3000 });
    expect(r.ok && r.value.record.validTo).toBe('long-term');
  });

  it('silent device: device-unreachable', async () => {
    const { device, reader } = await start({ timeouts: { findMs: 100, commandMs: 100 } });
    device.simulator.setFault({ kind: 'silent' });
    expect(codeOf(await reader.readCard({ timeoutMs: 2000 }))).toBe('device-unreachable');
    expect(reader.status()).toEqual({ state: 'error', code: 'device-unreachable' });
  });

  it('unplug and replug: disconnected, then ready again by itself, then reads', async () => {
    const { device, reader } = await start();
    await statusReached(reader, 'ready');
    await device.unplug();
    await statusReached(reader, 'disconnected');
    expect(codeOf(await reader.readCard({ timeoutMs: 200 }))).toBe('device-unreachable');
    await device.replug();
    await statusReached(reader, 'ready');
    device.simulator.presentCard(card('resident-valid'));
    expect((await reader.readCard({ timeoutMs: 2000 })).ok).toBe(true);
  });

  it('a port that cannot be opened: device-unreachable', async () => {
    reader = openSamSerialReader({ adapter: 'sam-serial', port: '/nonexistent/ttyUSB9', baud: 115200 }, { reconnect: { initialDelayMs: 1000 } });
    const r = await reader.readCard({ timeoutMs: 1000 });
    expect(codeOf(r)).toBe('device-unreachable');
    expect(r.ok ? '' : r.error.message).toContain('/nonexistent/ttyUSB9');
  });
});
