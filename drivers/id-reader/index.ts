import { createSamReader, type SamReaderOptions } from './driver';
import { samSerialOpener } from './adapters/sam-serial';
import { openSamUsbTransport } from './adapters/sam-usb';
import type { IdReaderConfig } from './config';
import type { IdCardReader } from './types';

export { IdReaderConfig, PhotoDecoderConfig, type IdReaderConfigInput } from './config';
export { createSamReader, type SamReaderOptions } from './driver';
export { createPhotoDecoder, type DecodedPhoto, type PhotoDecoder } from './photo-decoder';
export { decode, encode, encodeFrame, initialDecoderState, MAX_LEN, PREAMBLE, type DecodeEvent, type DecoderState } from './protocol/frame-codec';
export { Command, encodeCommand, encodeSetBaud, encodeSetMaxRfBytes, formatSamId, parseBaseInfo, parseResponse, type SamResponse } from './protocol/commands';
export { statusError, SW3 } from './protocol/status-codes';
export { cardTypeOf, LAYOUTS, parseCardText } from './text-parser';
export { NATION_NAMES, nationName } from './nations';
export { createUsbBulkTransport, SAM_USB_ENDPOINTS, type UsbBulkDevice } from './adapters/usb-bulk-transport';
export { SAM_USB_PRODUCT_ID, SAM_USB_VENDOR_ID } from './adapters/sam-usb';
export { checkIdNumber } from '../id-number/index';
export * from './types';

/** `sam-serial`: USB-serial and CDC readers (the common case). Opens in the background and reconnects by itself. */
export function openSamSerialReader(cfg: Extract<IdReaderConfig, { adapter: 'sam-serial' }>, options?: SamReaderOptions): IdCardReader {
  return createSamReader(samSerialOpener(cfg.port, cfg.baud), options);
}

/** `sam-usb`: native bulk readers, VID:PID 0400:C35A (domain-notes §1.2). */
export function openSamUsbReader(_cfg: Extract<IdReaderConfig, { adapter: 'sam-usb' }>, options?: SamReaderOptions): IdCardReader {
  return createSamReader(openSamUsbTransport, options);
}
