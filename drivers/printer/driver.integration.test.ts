import { afterEach, describe, expect, it } from 'vitest';
import { type ServedPrinter, servePrinterOnPty, servePrinterOnTcp } from '../../fixtures/devices/printer/serve';
import { PrinterSimulator } from '../../fixtures/devices/printer/simulator';
import { ok } from '../result';
import { type HardwarePrinterConfig, printerOpener } from './config';
import { createEscPosPrinter } from './driver';
import { printerProfile } from './profiles';
import { buildTestReceipt } from './test-receipt';
import { waitForState } from './test-helpers';
import type { ReceiptPrinter } from './types';

const profile = printerProfile('58mm');
const receipt = buildTestReceipt(profile);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  simulator: PrinterSimulator;
  printer: ReceiptPrinter;
}

type Kind = 'tcp' | 'pty';

async function rig(kind: Kind): Promise<Rig> {
  const simulator = new PrinterSimulator();
  let served: ServedPrinter;
  let config: HardwarePrinterConfig;
  if (kind === 'tcp') {
    const tcp = await servePrinterOnTcp(simulator);
    served = tcp;
    config = { adapter: 'escpos-tcp', host: '127.0.0.1', port: tcp.port, profile: '58mm' };
  } else {
    served = await servePrinterOnPty(simulator);
    config = { adapter: 'escpos-serial', port: served.address, baud: 9600, profile: '58mm' };
  }
  cleanups.push(() => served.close());
  const printer = createEscPosPrinter(printerOpener(config), { profile, statusTimeoutMs: 500, jobTimeoutMs: 3000, reconnect: { initialDelayMs: 20, maxDelayMs: 100 } });
  cleanups.push(() => printer.close());
  return { simulator, printer };
}

describe.each<Kind>(['tcp', 'pty'])('ESC/POS driver over %s against the simulator', (kind) => {
  it('prints the test receipt: Chinese text, a QR code, a cut', async () => {
    const { simulator, printer } = await rig(kind);
    expect(await printer.print(receipt)).toEqual(ok({ warnings: [] }));
    const [printed] = simulator.receipts();
    expect(printed?.text).toContain('中文：居民身份证');
    expect(printed?.text).toContain('堃 赟 喆');
    expect(printed?.qrCodes).toEqual(['KIOSK-PRINTER-TEST']);
    expect(printed?.cut).toBe(true);
  });

  it('paper near-end: printed with a warning', async () => {
    const { simulator, printer } = await rig(kind);
    simulator.setPaper('near-end');
    expect(await printer.print(receipt)).toEqual(ok({ warnings: ['paper-near-end'] }));
    expect(simulator.receipts()).toHaveLength(1);
  });

  it.each([
    ['paper out', 'paper-out'],
    ['cover open', 'cover-open'],
  ])('%s: refused with a coded error; the simulator received no print data', async (fault, code) => {
    const { simulator, printer } = await rig(kind);
    if (fault === 'paper out') simulator.setPaper('out');
    else simulator.setCover(true);
    expect(await printer.print(receipt)).toMatchObject({ ok: false, error: { code } });
    await simulator.idle();
    expect(simulator.stats().statusRequests).toBeGreaterThan(0);
    expect(simulator.stats().printDataBytes).toBe(0);
    expect(simulator.receipts()).toEqual([]);
  });

  it('silent printer: device-unreachable', async () => {
    const { simulator, printer } = await rig(kind);
    simulator.setFault({ mode: 'silent' });
    expect(await printer.status()).toMatchObject({ ok: false, error: { code: 'device-unreachable' } });
    expect(await printer.print(receipt)).toMatchObject({ ok: false, error: { code: 'device-unreachable' } });
    expect(simulator.receipts()).toEqual([]);
  });

  it('slow printer: still prints', async () => {
    const { simulator, printer } = await rig(kind);
    simulator.setFault({ mode: 'slow', delayMs: 150 });
    expect(await printer.print(receipt)).toEqual(ok({ warnings: [] }));
    expect(simulator.receipts()[0]?.qrCodes).toEqual(['KIOSK-PRINTER-TEST']);
  });

  it('unplug and replug: reconnects by itself', async () => {
    const { simulator, printer } = await rig(kind);
    expect((await printer.status()).ok).toBe(true);
    simulator.unplug();
    await waitForState(printer, (s) => s.state === 'disconnected');
    simulator.replug();
    await waitForState(printer, (s) => s.state === 'ready');
    expect(await printer.print(receipt)).toEqual(ok({ warnings: [] }));
    expect(simulator.receipts()).toHaveLength(1);
  });
});
