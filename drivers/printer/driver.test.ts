import { afterEach, describe, expect, it } from 'vitest';
import { createSimulatedPrinter } from '../../fixtures/devices/printer/simulated';
import type { PrinterSimulator } from '../../fixtures/devices/printer/simulator';
import { ok } from '../result';
import { createMemoryDuplex } from '../transport/memory-duplex';
import type { ByteTransport } from '../transport/types';
import { createEscPosPrinter } from './driver';
import { printerProfile } from './profiles';
import { waitForState } from './test-helpers';
import type { Receipt, ReceiptPrinter } from './types';

const receipt: Receipt = {
  lines: [
    { type: 'text', text: '居民身份证 换领', align: 'center' },
    { type: 'qr', data: 'CASE-0001' },
    { type: 'cut' },
  ],
};

const fast = { statusTimeoutMs: 300, jobTimeoutMs: 600, reconnect: { initialDelayMs: 10, maxDelayMs: 50 } };
const open: ReceiptPrinter[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

function simulated(): { printer: ReceiptPrinter; simulator: PrinterSimulator } {
  const made = createSimulatedPrinter({ profile: '58mm', driver: fast });
  open.push(made.printer);
  return made;
}

describe('ESC/POS driver against the simulator (in-memory)', () => {
  it('prints: the simulator receives Chinese text, the QR code and a cut', async () => {
    const { printer, simulator } = simulated();
    expect(await printer.print(receipt)).toEqual(ok({ warnings: [] }));
    const [printed] = simulator.receipts();
    // alignment is ESC a, not spaces: the simulator records the characters printed
    expect(printed?.text).toBe('居民身份证 换领');
    expect(printed?.qrCodes).toEqual(['CASE-0001']);
    expect(printed?.cut).toBe(true);
    expect(printer.state()).toEqual({ state: 'ready' });
  });

  it('status reports the kioskctl shape', async () => {
    const { printer, simulator } = simulated();
    simulator.setPaper('near-end');
    expect(await printer.status()).toEqual(ok({ online: true, paper: 'near-end', coverOpen: false, cutterError: false, error: false }));
  });

  it('paper near-end: prints and returns the warning', async () => {
    const { printer, simulator } = simulated();
    simulator.setPaper('near-end');
    expect(await printer.print(receipt)).toEqual(ok({ warnings: ['paper-near-end'] }));
    expect(simulator.receipts()).toHaveLength(1);
  });

  it.each([
    ['paper out', (s: PrinterSimulator) => s.setPaper('out'), 'paper-out'],
    ['cover open', (s: PrinterSimulator) => s.setCover(true), 'cover-open'],
    ['cutter error', (s: PrinterSimulator) => s.setCutterError(true), 'printer-error'],
  ])('%s: refused with a coded error, no print data sent', async (_name, fault, code) => {
    const { printer, simulator } = simulated();
    fault(simulator);
    const result = await printer.print(receipt);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(simulator.stats().printDataBytes).toBe(0);
    expect(simulator.stats().statusRequests).toBeGreaterThan(0);
    expect(simulator.receipts()).toEqual([]);
    expect(printer.state().state).not.toBe('ready');
  });

  it('cover open shows as not-ready with its reason', async () => {
    const { printer, simulator } = simulated();
    simulator.setCover(true);
    await printer.status();
    expect(printer.state()).toEqual({ state: 'not-ready', reason: 'cover-open' });
  });

  it('silent printer: device-unreachable, nothing printed', async () => {
    const { printer, simulator } = simulated();
    simulator.setFault({ mode: 'silent' });
    expect(await printer.print(receipt)).toMatchObject({ ok: false, error: { code: 'device-unreachable' } });
    expect(await printer.status()).toMatchObject({ ok: false, error: { code: 'device-unreachable' } });
    expect(simulator.receipts()).toEqual([]);
  });

  it('slow printer within the bounds still prints', async () => {
    const { printer, simulator } = simulated();
    simulator.setFault({ mode: 'slow', delayMs: 100 });
    expect(await printer.print(receipt)).toEqual(ok({ warnings: [] }));
    expect(simulator.receipts()[0]?.qrCodes).toEqual(['CASE-0001']);
  });

  it('one job at a time: a second print while printing is refused as busy', async () => {
    const { printer, simulator } = simulated();
    const first = printer.print(receipt);
    const second = await printer.print(receipt);
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await first).toEqual(ok({ warnings: [] }));
    expect(simulator.receipts()).toHaveLength(1);
  });

  it('unplug and replug: disconnected, then reconnects by itself and prints', async () => {
    const { printer, simulator } = simulated();
    await printer.status();
    simulator.unplug();
    await waitForState(printer, (s) => s.state === 'disconnected');
    expect(await printer.print(receipt)).toMatchObject({ ok: false, error: { code: 'device-unreachable' } });
    simulator.replug();
    await waitForState(printer, (s) => s.state === 'ready');
    expect(await printer.print(receipt)).toEqual(ok({ warnings: [] }));
    expect(simulator.receipts()).toHaveLength(1);
  });

  it('with idle polling, the state follows the cover being opened and closed', async () => {
    const made = createSimulatedPrinter({ profile: '58mm', driver: { ...fast, pollIntervalMs: 20 } });
    open.push(made.printer);
    await waitForState(made.printer, (s) => s.state === 'ready');
    made.simulator.setCover(true);
    expect(await waitForState(made.printer, (s) => s.state === 'not-ready')).toEqual({ state: 'not-ready', reason: 'cover-open' });
    made.simulator.setCover(false);
    await waitForState(made.printer, (s) => s.state === 'ready');
  });

  it('characters GBK cannot encode print as □ and come back as a warning', async () => {
    const { printer, simulator } = simulated();
    expect(await printer.print({ lines: [{ type: 'text', text: '吉𠮷' }, { type: 'cut' }] })).toEqual(ok({ warnings: ['unencodable-characters'] }));
    expect(simulator.receipts()[0]?.text).toBe('吉□');
  });

  it('rejects a receipt that does not match the model', async () => {
    const { printer } = simulated();
    expect(await printer.print({ lines: [] })).toMatchObject({ ok: false, error: { code: 'invalid-receipt' } });
  });
});

/** A scripted printer at the fake-transport level: answers DLE EOT per `answer`, per phase. */
function scriptedPrinter(answer: (n: number, jobSeen: boolean) => number | number[] | undefined): { printer: ReceiptPrinter; received: number[] } {
  const received: number[] = [];
  let jobSeen = false;
  const printer = createEscPosPrinter(
    async () => {
      const [driverEnd, deviceEnd]: [ByteTransport, ByteTransport] = createMemoryDuplex();
      deviceEnd.onData((chunk) => {
        received.push(...chunk);
        for (let i = 0; i < chunk.length; i++) {
          if (chunk[i] === 0x1b && chunk[i + 1] === 0x40) jobSeen = true;
          if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
            const reply = answer(chunk[i + 2] ?? 0, jobSeen);
            if (reply !== undefined) void deviceEnd.write(Uint8Array.from(typeof reply === 'number' ? [reply] : reply));
          }
        }
      });
      return ok(driverEnd);
    },
    { profile: printerProfile('80mm'), ...fast },
  );
  open.push(printer);
  return { printer, received };
}

describe('ESC/POS driver: stalls and mid-job causes (fake transport)', () => {
  it('no confirmation after the job → stalled', async () => {
    const { printer, received } = scriptedPrinter((_n, jobSeen) => (jobSeen ? undefined : 0x12));
    expect(await printer.print(receipt)).toMatchObject({ ok: false, error: { code: 'stalled' } });
    expect(received).toContain(0x1d);
    expect(printer.state()).toEqual({ state: 'error', code: 'stalled' });
  });

  it('paper runs out mid-job → paper-out, receipt may be incomplete', async () => {
    const { printer } = scriptedPrinter((n, jobSeen) => (!jobSeen ? 0x12 : n === 1 ? 0x1a : n === 2 ? 0x32 : n === 4 ? 0x7e : 0x12));
    const result = await printer.print(receipt);
    expect(result).toMatchObject({ ok: false, error: { code: 'paper-out' } });
    if (!result.ok) expect(result.error.message).toMatch(/incomplete/);
  });

  it('skips bytes that are not status replies (noise, ASB packets)', async () => {
    // 0x00, 0xff and an ASB-like 0x10 lack the fixed bits 0x12 of a DLE EOT reply (§5.4)
    const { printer } = scriptedPrinter((n) => [0x00, 0xff, 0x10, n === 4 ? 0x1e : 0x12]);
    expect(await printer.status()).toEqual(ok({ online: true, paper: 'near-end', coverOpen: false, cutterError: false, error: false }));
  });
});
