import type { DeviceState, DeviceStatus } from '../../../drivers/device-status';
import type { DocumentReader } from '../../../drivers/document-reader/types';
import type { IdCardReader } from '../../../drivers/id-reader/types';
import type { ReceiptPrinter } from '../../../drivers/printer/types';
import type { CodeScanner } from '../../../drivers/scanner/types';
import type { ScannedCode } from '../../api/contract';

/** A device behind its narrow interface, with the adapter the configuration chose for it. */
export interface Attached<D> {
  readonly adapter: string;
  readonly device: D;
}

/**
 * Devices the contract has no methods for: they report status, and the scanner's codes reach
 * the UI as `scanner.code` events.
 */
export type OtherDevice = (Attached<CodeScanner> & { readonly kind: 'scanner' }) | (Attached<DocumentReader> & { readonly kind: 'document-reader' });

/** The devices the host drives (the camera lives in the renderer). */
export interface DeviceSet {
  readonly idReader: Attached<IdCardReader>;
  readonly printer: Attached<ReceiptPrinter>;
  /** scanner (absent when it is a keyboard wedge, read in the renderer) and document reader */
  readonly others: readonly OtherDevice[];
}

const stateOf = (d: OtherDevice): DeviceState => d.device.status();

export function deviceStatuses(devices: DeviceSet): DeviceStatus[] {
  return [
    { kind: 'id-reader', adapter: devices.idReader.adapter, status: devices.idReader.device.status() },
    { kind: 'printer', adapter: devices.printer.adapter, status: devices.printer.device.state() },
    ...devices.others.map((d) => ({ kind: d.kind, adapter: d.adapter, status: stateOf(d) })),
  ];
}

/** Every status change of every device, as `devices.status` events. */
export function watchDevices(devices: DeviceSet, emit: (status: DeviceStatus) => void): () => void {
  const stops = [
    devices.idReader.device.onStatus((status) => emit({ kind: 'id-reader', adapter: devices.idReader.adapter, status })),
    devices.printer.device.onStatus((status) => emit({ kind: 'printer', adapter: devices.printer.adapter, status })),
    ...devices.others.map((d) => d.device.onStatus((status) => emit({ kind: d.kind, adapter: d.adapter, status }))),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * Every code any host-side scanner reads, in the contract's `scanner.code` shape (`{text,
 * source}`; the AIM symbology stays in the host, the UI has no use for it).
 */
export function forwardScannedCodes(devices: DeviceSet, emit: (code: ScannedCode) => void): () => void {
  const stops = devices.others.flatMap((d) => (d.kind === 'scanner' ? [d.device.onCode((code) => emit({ text: code.text, source: code.source }))] : []));
  return () => stops.forEach((stop) => stop());
}

export async function closeDevices(devices: DeviceSet): Promise<void> {
  await Promise.allSettled([devices.idReader.device.close(), devices.printer.device.close(), ...devices.others.map((d) => d.device.close())]);
}
