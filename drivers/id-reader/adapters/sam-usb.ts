import { usb } from 'usb';
import { describeError, err, ok, type Result } from '../../result';
import type { ByteTransport } from '../../transport/types';
import { createUsbBulkTransport, type UsbBulkDevice } from './usb-bulk-transport';

/** Routon iDR200 and other 公安部一所-protocol native readers (domain-notes §1.2). */
export const SAM_USB_VENDOR_ID = 0x0400;
export const SAM_USB_PRODUCT_ID = 0xc35a;
const TRANSFER_TIMEOUT_MS = 5000;

/** Finds, opens and claims the reader through the `usb` package (WebUSB API of node-usb). */
export async function openSamUsbTransport(): Promise<Result<ByteTransport>> {
  try {
    const device = await usb.findDeviceByIds(SAM_USB_VENDOR_ID, SAM_USB_PRODUCT_ID);
    if (!device) return err('device-unreachable', 'no USB ID-card reader 0400:C35A found');
    await device.open();
    if (device.configuration === null) await device.selectConfiguration(1);
    await device.claimInterface(0);
    const bulk: UsbBulkDevice = {
      async transferOut(endpointNumber, data) {
        const written = await device.nativeTransferOut(endpointNumber, TRANSFER_TIMEOUT_MS, data);
        if (written !== data.length) throw new Error(`USB transfer out wrote ${written} of ${data.length} bytes`);
      },
      async transferIn(endpointNumber, length) {
        return (await device.nativeTransferIn(endpointNumber, TRANSFER_TIMEOUT_MS, length)) ?? new Uint8Array(0);
      },
      onDetach(listener) {
        const onDisconnect = (event: Event): void => {
          if ((event as Event & { device?: unknown }).device === device) listener();
        };
        usb.addEventListener('disconnect', onDisconnect);
        return () => usb.removeEventListener('disconnect', onDisconnect);
      },
      async close() {
        await device.releaseInterface(0).catch(() => undefined);
        await device.close().catch(() => undefined);
      },
    };
    return ok(createUsbBulkTransport(bulk));
  } catch (e) {
    return err('device-unreachable', `cannot open the USB ID-card reader: ${describeError(e).split('\n')[0] ?? ''}`);
  }
}
