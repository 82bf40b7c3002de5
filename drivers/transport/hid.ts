import { HID } from 'node-hid';
import { describeError, err, ok, type Result } from '../result';
import type { ByteTransport } from './types';
import { TransportListeners } from './listeners';

/**
 * A HID device (node-hid) as a ByteTransport in which **every chunk is exactly one input
 * report** (node-hid emits one `data` event per report; on Linux hidraw the report ID is the
 * first byte of numbered reports). HID POS scanners and HID keyboard-wedge readers decode the
 * reports on top of it. Tests pass a fake device object with the same events.
 */
export interface HidDeviceHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): void;
  write(values: number[] | Buffer): number;
}

export interface HidTarget {
  readonly vendorId: number;
  readonly productId: number;
  /** a hidraw path picks one interface of a composite device */
  readonly path?: string;
}

export type HidDeviceOpener = (target: HidTarget) => HidDeviceHandle;

const openWithNodeHid: HidDeviceOpener = (target) => (target.path === undefined ? new HID(target.vendorId, target.productId) : new HID(target.path));

export const formatVidPid = (t: HidTarget): string =>
  `${t.vendorId.toString(16).padStart(4, '0')}:${t.productId.toString(16).padStart(4, '0')}`.toUpperCase();

export function openHidTransport(target: HidTarget, open: HidDeviceOpener = openWithNodeHid): Result<ByteTransport> {
  let device: HidDeviceHandle;
  try {
    device = open(target);
  } catch (e) {
    // node-hid throws "cannot open device with vendor id …" when it is absent or not permitted
    return err('device-not-found', `cannot open HID device ${formatVidPid(target)}: ${describeError(e).split('\n')[0] ?? ''}`);
  }
  return ok(new HidTransport(device, formatVidPid(target)));
}

class HidTransport implements ByteTransport {
  private readonly listeners = new TransportListeners();
  private closed = false;

  constructor(
    private readonly device: HidDeviceHandle,
    private readonly name: string,
  ) {
    device.on('data', (data) => {
      const report = Uint8Array.from(data);
      this.listeners.emitData(report);
    });
    // node-hid reports an unplug as an `error` ("could not read from HID device")
    device.on('error', (e) => this.finish(`disconnected: ${describeError(e).split('\n')[0] ?? ''}`));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`HID device ${this.name} is closed`);
    this.device.write(Buffer.from(bytes));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    return this.listeners.onClose(listener);
  }

  async close(): Promise<void> {
    this.finish('closed');
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.device.removeAllListeners('data');
    this.device.removeAllListeners('error');
    try {
      this.device.close();
    } catch {
      // already gone (unplugged): nothing left to release
    }
    this.listeners.emitClose(reason);
  }
}
