import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { servePrinterOnPty, servePrinterOnTcp } from '../../fixtures/devices/printer/serve';
import { PrinterSimulator } from '../../fixtures/devices/printer/simulator';
import { kioskctl } from './test-support';

// Through the real CLI, as a technician runs it (shared/kioskctl.md), against the simulator.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tcpPrinter(): Promise<{ simulator: PrinterSimulator; address: string }> {
  const simulator = new PrinterSimulator();
  const served = await servePrinterOnTcp(simulator);
  cleanups.push(() => served.close());
  return { simulator, address: served.address };
}

async function ptyPrinter(): Promise<{ simulator: PrinterSimulator; path: string }> {
  const simulator = new PrinterSimulator();
  const served = await servePrinterOnPty(simulator);
  cleanups.push(() => served.close());
  return { simulator, path: served.address };
}

describe('kioskctl printer status', () => {
  it('--tcp --json prints the status object', async () => {
    const { simulator, address } = await tcpPrinter();
    simulator.setPaper('near-end');
    const run = await kioskctl('printer', 'status', '--tcp', address, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ online: true, paper: 'near-end', coverOpen: false, cutterError: false, error: false });
  });

  it('--port over a pty, cover open reported (not a failure of the status command)', async () => {
    const { simulator, path } = await ptyPrinter();
    simulator.setCover(true);
    const run = await kioskctl('printer', 'status', '--port', path, '--baud', '9600', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ online: false, paper: 'ok', coverOpen: true, cutterError: false, error: false });
  });

  it('unreachable: exit 4 with a coded JSON error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('no port');
    const run = await kioskctl('printer', 'status', '--tcp', `127.0.0.1:${address.port}`, '--json');
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'device-unreachable' } });
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await kioskctl('printer', 'status', '--port', '/dev/nonexistent-printer');
    expect(missing.code).toBe(4);
  });

  it('silent printer: exit 4', async () => {
    const { simulator, address } = await tcpPrinter();
    simulator.setFault({ mode: 'silent' });
    expect((await kioskctl('printer', 'status', '--tcp', address)).code).toBe(4);
  });

  it.each([
    [[] as string[]],
    [['--port', '/dev/ttyUSB0', '--tcp', '127.0.0.1:9100']],
    [['--tcp', '127.0.0.1:9100', '--baud', '9600']],
    [['--tcp', 'no-port-here']],
    [['--port', '/dev/ttyUSB0', '--baud', 'fast']],
  ])('usage error %j: exit 2', async (args) => {
    const run = await kioskctl('printer', 'status', ...args, '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'usage' } });
  });
});

describe('kioskctl printer test', () => {
  it('--tcp prints the test receipt: Chinese text, a QR code, a cut', async () => {
    const { simulator, address } = await tcpPrinter();
    const run = await kioskctl('printer', 'test', '--tcp', address, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ printed: true, warnings: [] });
    const [receipt] = simulator.receipts();
    expect(receipt?.text).toContain('打印测试');
    expect(receipt?.text).toContain('居民身份证');
    expect(receipt?.qrCodes).toEqual(['KIOSK-PRINTER-TEST']);
    expect(receipt?.cut).toBe(true);
  });

  it('--port over a pty prints, near-end as a warning', async () => {
    const { simulator, path } = await ptyPrinter();
    simulator.setPaper('near-end');
    const run = await kioskctl('printer', 'test', '--port', path);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('test receipt printed');
    expect(run.stderr).toContain('paper-near-end');
    expect(simulator.receipts()).toHaveLength(1);
  });

  it.each([
    ['paper out', 'paper-out'],
    ['cover open', 'cover-open'],
  ])('%s: exit 3 and nothing printed', async (fault, code) => {
    const { simulator, address } = await tcpPrinter();
    if (fault === 'paper out') simulator.setPaper('out');
    else simulator.setCover(true);
    const run = await kioskctl('printer', 'test', '--tcp', address, '--json');
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code } });
    await simulator.idle();
    expect(simulator.stats().printDataBytes).toBe(0);
    expect(simulator.receipts()).toEqual([]);
  });
});
