import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPtyPair, openSimulatorEnd, type PtyPair } from '../../fixtures/devices/pty';
import { ScannerSimulator } from '../../fixtures/devices/scanner/simulator';
import { createSerialScanner } from './serial';
import { nextEvent, nextStatus } from './test-helpers';
import type { CodeScanner } from './types';

// Integration over a real pty made by socat: the serial adapter against the wire simulator.
let pair: PtyPair | undefined;
let scanner: CodeScanner | undefined;
const simulator = new ScannerSimulator({ terminator: '\r\n' });

afterEach(async () => {
  await scanner?.close();
  await simulator.detach()?.close();
  await pair?.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dir = mkdtempSync(join(tmpdir(), 'scanner-test-'));

async function setup(maxCodeLength = 256): Promise<void> {
  // the link lives in our own directory so a replug can recreate it at the same path
  pair = await createPtyPair({ driverPath: join(dir, `scanner-${Math.random().toString(36).slice(2)}`) });
  scanner = createSerialScanner({ path: pair.driverPath, baudRate: 9600, maxCodeLength, reconnect: { initialDelayMs: 20, maxDelayMs: 100 } });
  expect((await scanner.ready()).ok).toBe(true);
  simulator.attach(await openSimulatorEnd(pair, 9600));
}

describe('serial scanner over a pty', () => {
  it('reads CR LF terminated codes, and every fault mode gives a coded error, never a crash', async () => {
    await setup(256);
    const s = scanner!;
    let e = nextEvent(s);
    await simulator.scan('6901234567892');
    expect(await e).toBe('6901234567892');

    simulator.setFault('garble');
    e = nextEvent(s);
    await simulator.scan('QR-DATA');
    expect(await e).toBe('!invalid-encoding');
    simulator.setFault('none');

    e = nextEvent(s);
    await simulator.sendRaw(new Uint8Array(100_000).fill(0x42));
    expect(await e).toBe('!line-too-long');
    e = nextEvent(s);
    await simulator.sendRaw(new TextEncoder().encode('\r\nRECOVERED\r\n'));
    expect(await e).toBe('RECOVERED');

    simulator.setByteDelay(1);
    e = nextEvent(s);
    await simulator.scan('SLOW');
    expect(await e).toBe('SLOW');
    simulator.setByteDelay(0);
  });

  it('reconnects when the port comes back after an unplug', async () => {
    await setup();
    const s = scanner!;
    const driverPath = pair!.driverPath;
    const gone = nextStatus(s, 'disconnected');
    await simulator.detach()?.close();
    await pair!.close();
    await gone;
    const back = nextStatus(s, 'ready');
    pair = await createPtyPair({ driverPath });
    await back;
    simulator.attach(await openSimulatorEnd(pair, 9600));
    const e = nextEvent(s);
    await simulator.scan('AFTER-REPLUG');
    expect(await e).toBe('AFTER-REPLUG');
  });

  it('reports a port that cannot be opened as a coded result', async () => {
    scanner = createSerialScanner({ path: '/nonexistent/tty-scanner', baudRate: 9600, maxCodeLength: 64 });
    const r = await scanner.ready();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('device-unreachable');
    expect(scanner.status()).toEqual({ state: 'disconnected' });
  });
});
