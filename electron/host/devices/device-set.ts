import type { DeviceKind, DeviceState, DeviceStatus } from '../../../drivers/device-status';
import type { IdCardReader } from '../../../drivers/id-reader/types';
import type { ReceiptPrinter } from '../../../drivers/printer/types';

/** A device behind its narrow interface, with the adapter the configuration chose for it. */
export interface Attached<D> {
  readonly adapter: string;
  readonly device: D;
}

/** The devices the host drives (the camera lives in the renderer). */
export interface DeviceSet {
  readonly idReader: Attached<IdCardReader>;
  readonly printer: Attached<ReceiptPrinter>;
  /** other devices that only report status and events (scanner, document reader) */
  readonly others: readonly { kind: DeviceKind; adapter: string; state(): DeviceState; onStatus(l: (s: DeviceState) => void): () => void; close(): Promise<void> }[];
}

export function deviceStatuses(devices: DeviceSet): DeviceStatus[] {
  return [
    { kind: 'id-reader', adapter: devices.idReader.adapter, status: devices.idReader.device.status() },
    { kind: 'printer', adapter: devices.printer.adapter, status: devices.printer.device.state() },
    ...devices.others.map((d) => ({ kind: d.kind, adapter: d.adapter, status: d.state() })),
  ];
}

/** Every status change of every device, as `devices.status` events. */
export function watchDevices(devices: DeviceSet, emit: (status: DeviceStatus) => void): () => void {
  const stops = [
    devices.idReader.device.onStatus((status) => emit({ kind: 'id-reader', adapter: devices.idReader.adapter, status })),
    devices.printer.device.onStatus((status) => emit({ kind: 'printer', adapter: devices.printer.adapter, status })),
    ...devices.others.map((d) => d.onStatus((status) => emit({ kind: d.kind, adapter: d.adapter, status }))),
  ];
  return () => stops.forEach((stop) => stop());
}

export async function closeDevices(devices: DeviceSet): Promise<void> {
  await Promise.allSettled([devices.idReader.device.close(), devices.printer.device.close(), ...devices.others.map((d) => d.close())]);
}
