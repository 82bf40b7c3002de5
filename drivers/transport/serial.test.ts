import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair, openSimulatorEnd, type PtyPair } from '../../fixtures/devices/pty';
import { openSerialTransport } from './serial';
import type { ByteTransport } from './types';

const collect = (t: ByteTransport, count: number): Promise<number[]> =>
  new Promise((resolve) => {
    const got: number[] = [];
    const off = t.onData((chunk) => {
      got.push(...chunk);
      if (got.length >= count) {
        off();
        resolve(got);
      }
    });
  });

describe('openSerialTransport', () => {
  let pair: PtyPair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('carries bytes both ways over a real pty', async () => {
    pair = await createPtyPair();
    const sim = await openSimulatorEnd(pair);
    const opened = await openSerialTransport({ path: pair.driverPath, baudRate: 115200 });
    if (!opened.ok) throw new Error(opened.error.message);
    const driver = opened.value;
    expect(driver.isOpen).toBe(true);
    const atSim = collect(sim, 5);
    await driver.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69));
    expect(await atSim).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
    const atDriver = collect(driver, 3);
    await sim.write(Uint8Array.of(0x00, 0xff, 0x80));
    expect(await atDriver).toEqual([0x00, 0xff, 0x80]);
    await driver.close();
    await sim.close();
    expect(driver.isOpen).toBe(false);
  });

  it('reports an open failure as device-unreachable, with no stack', async () => {
    const result = await openSerialTransport({ path: '/nonexistent/tty-kiosk', baudRate: 115200 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('device-unreachable');
    expect(result.error.message).toContain('/nonexistent/tty-kiosk');
    expect(result.error.message).not.toContain('\n');
  });

  it('fires onClose when the device goes away (unplug)', async () => {
    pair = await createPtyPair();
    const opened = await openSerialTransport({ path: pair.driverPath, baudRate: 115200 });
    if (!opened.ok) throw new Error(opened.error.message);
    const closed = new Promise<string>((resolve) => opened.value.onClose(resolve));
    await pair.close();
    expect(await closed).toMatch(/disconnected|error/);
    expect(opened.value.isOpen).toBe(false);
    await expect(opened.value.write(Uint8Array.of(1))).rejects.toThrow(/closed/);
  });

  it('fires onClose once on close()', async () => {
    pair = await createPtyPair();
    const opened = await openSerialTransport({ path: pair.driverPath, baudRate: 115200 });
    if (!opened.ok) throw new Error(opened.error.message);
    const reasons: string[] = [];
    opened.value.onClose((r) => reasons.push(r));
    await opened.value.close();
    await opened.value.close();
    expect(reasons).toEqual(['closed']);
  });
});
