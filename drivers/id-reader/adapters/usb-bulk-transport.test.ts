import { describe, expect, it } from 'vitest';
import { findFixtureCard } from '../../../fixtures/cards/index';
import { IdReaderSimulator } from '../../../fixtures/devices/id-reader/simulator';
import { createMemoryDuplex } from '../../transport/memory-duplex';
import { ok } from '../../result';
import { createSamReader } from '../driver';
import { createUsbBulkTransport, SAM_USB_ENDPOINTS, type UsbBulkDevice } from './usb-bulk-transport';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/**
 * A fake native-USB reader: takes the header from EP 0x02 and the body from EP 0x06, hands the
 * joined frame to the wire-level simulator, and serves the simulator's answer split the way the
 * real reader does (§1.2): 7 header bytes on EP 0x81, the rest on EP 0x85, in 64-byte packets.
 */
class FakeUsbReader implements UsbBulkDevice {
  readonly outLog: string[] = [];
  readonly inLog: string[] = [];
  private header: Uint8Array | undefined;
  private answer: number[] = [];
  private waiting: (() => void) | undefined;
  private readonly detachListeners = new Set<() => void>();
  closed = false;
  private readonly hostEnd;

  constructor(readonly simulator: IdReaderSimulator) {
    const [hostEnd, simEnd] = createMemoryDuplex();
    this.hostEnd = hostEnd;
    simulator.attach(simEnd);
    hostEnd.onData((chunk) => {
      this.answer.push(...chunk);
      this.waiting?.();
    });
  }

  async transferOut(endpoint: number, data: Uint8Array): Promise<void> {
    this.outLog.push(`${endpoint}: ${hex(data)}`);
    if (endpoint === SAM_USB_ENDPOINTS.headerOut) this.header = data;
    else if (endpoint === SAM_USB_ENDPOINTS.bodyOut && this.header) {
      await this.hostEnd.write(Uint8Array.from([...this.header, ...data]));
      this.header = undefined;
    } else throw new Error(`unexpected OUT endpoint ${endpoint}`);
  }

  async transferIn(endpoint: number, length: number): Promise<Uint8Array> {
    const need = endpoint === SAM_USB_ENDPOINTS.headerIn ? 7 : 1;
    while (this.answer.length < need) await new Promise<void>((resolve) => (this.waiting = resolve));
    const take = endpoint === SAM_USB_ENDPOINTS.headerIn ? 7 : Math.min(length, 64, this.answer.length);
    const out = Uint8Array.from(this.answer.splice(0, take));
    this.inLog.push(`${endpoint}: ${out.length}`);
    return out;
  }

  onDetach(listener: () => void): () => void {
    this.detachListeners.add(listener);
    return () => this.detachListeners.delete(listener);
  }

  detach(): void {
    for (const l of [...this.detachListeners]) l();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

describe('sam-usb transport with a fake USB device', () => {
  it('splits each request across EP 0x02 (header) and EP 0x06 (body), exact bytes', async () => {
    const fake = new FakeUsbReader(new IdReaderSimulator());
    const transport = createUsbBulkTransport(fake);
    const got: number[] = [];
    const answered = new Promise<void>((resolve) =>
      transport.onData((chunk) => {
        got.push(...chunk);
        if (got.length >= 15) resolve();
      }),
    );
    fake.simulator.presentCard(findFixtureCard('resident-valid') ?? fail());
    await transport.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22));
    await answered;
    expect(fake.outLog).toEqual(['2: AA AA AA 96 69 00 03', '6: 20 01 22']);
    expect(hex(Uint8Array.from(got))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(fake.inLog).toEqual(['1: 7', '5: 8']);
  });

  it('drives a full card read through the real driver', async () => {
    const simulator = new IdReaderSimulator();
    const fake = new FakeUsbReader(simulator);
    const reader = createSamReader(async () => ok(createUsbBulkTransport(fake)), { statusPollMs: 0, pollIntervalMs: 5 });
    const c = findFixtureCard('foreigner-2017') ?? fail();
    simulator.presentCard(c);
    expect(await reader.readCard({ timeoutMs: 2000 })).toEqual({ ok: true, value: { record: c.record, wlt: c.wlt } });
    // the 1295-byte answer came as a 7-byte header and 64-byte body packets
    expect(fake.inLog.filter((l) => l.startsWith('5: ')).length).toBeGreaterThan(20);
    expect(await reader.readSamId()).toEqual({ ok: true, value: '05.01-20101129-0001228293-0296863149' });
    await reader.close();
    expect(fake.closed).toBe(true);
  });

  it('reports an unplug through onClose', async () => {
    const fake = new FakeUsbReader(new IdReaderSimulator());
    const transport = createUsbBulkTransport(fake);
    const closed = new Promise<string>((resolve) => transport.onClose(resolve));
    fake.detach();
    expect(await closed).toMatch(/detached/);
    expect(transport.isOpen).toBe(false);
    await expect(transport.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x11, 0xff, 0xed))).rejects.toThrow(/closed/);
  });
});

function fail(): never {
  throw new Error('fixture missing');
}
