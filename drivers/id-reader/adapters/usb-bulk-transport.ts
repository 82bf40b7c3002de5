import type { ByteTransport } from '../../transport/types';

/**
 * The narrowest view of a native-USB SAM reader the transport needs (STYLE.md §2), so tests
 * hand it a fake device. Endpoint numbers are WebUSB-style (without the direction bit).
 */
export interface UsbBulkDevice {
  transferOut(endpointNumber: number, data: Uint8Array): Promise<void>;
  /** resolves with what the device sent (at most `length` bytes) */
  transferIn(endpointNumber: number, length: number): Promise<Uint8Array>;
  /** fires once when the device is unplugged */
  onDetach(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Native bulk readers (公安部一所 style, VID:PID 0400:C35A) split each frame across two pipes
 * (domain-notes §1.2): host → EP 0x02 the 7-byte header (preamble + length), EP 0x06 the rest
 * (CMD Para Data CHK_SUM); reader → EP 0x81 the header, EP 0x85 SW1 SW2 SW3 Data CHK_SUM.
 * Following openiDR200's working driver, all 7 header bytes go to EP 0x02. This wraps that as
 * a byte stream, so the same driver and decoder serve serial and USB readers.
 */
export const SAM_USB_ENDPOINTS = { headerOut: 0x02, bodyOut: 0x06, headerIn: 0x01, bodyIn: 0x05 } as const;
const HEADER = 7;
const PACKET = 64;

export function createUsbBulkTransport(device: UsbBulkDevice): ByteTransport {
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const closeListeners = new Set<(reason: string) => void>();
  let open = true;
  let queue: Promise<void> = Promise.resolve();

  const finish = (reason: string): void => {
    if (!open) return;
    open = false;
    for (const listener of [...closeListeners]) listener(reason);
    closeListeners.clear();
    dataListeners.clear();
  };
  const offDetach = device.onDetach(() => finish('disconnected: USB device detached'));
  const emit = (chunk: Uint8Array): void => {
    for (const listener of [...dataListeners]) listener(chunk);
  };

  /** One answer: the header from EP 0x81, then Len bytes from EP 0x85. */
  const readAnswer = async (): Promise<void> => {
    const header = await device.transferIn(SAM_USB_ENDPOINTS.headerIn, PACKET);
    emit(header);
    if (header.length < HEADER) return;
    const len = ((header[5] ?? 0) << 8) | (header[6] ?? 0);
    let received = 0;
    while (received < len && open) {
      const want = Math.ceil((len - received) / PACKET) * PACKET;
      const body = await device.transferIn(SAM_USB_ENDPOINTS.bodyIn, want);
      if (body.length === 0) return;
      received += body.length;
      emit(body);
    }
  };

  return {
    get isOpen() {
      return open;
    },
    async write(bytes) {
      if (!open) throw new Error('USB reader is closed');
      if (bytes.length < HEADER) throw new Error('SAM USB transport writes whole frames only');
      const run = queue.then(async () => {
        await device.transferOut(SAM_USB_ENDPOINTS.headerOut, bytes.slice(0, HEADER));
        await device.transferOut(SAM_USB_ENDPOINTS.bodyOut, bytes.slice(HEADER));
      });
      queue = run.catch(() => undefined);
      try {
        await run;
      } catch (e) {
        finish(`error: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
      // the answer is read in the background; its bytes arrive through onData like a serial port's
      queue = queue.then(readAnswer).catch((e: unknown) => {
        if (open) finish(`error: ${e instanceof Error ? e.message : String(e)}`);
      });
    },
    onData(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    async close() {
      offDetach();
      finish('closed');
      await device.close();
    },
  };
}
