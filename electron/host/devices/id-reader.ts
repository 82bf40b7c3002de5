import { samSerialOpener } from '../../../drivers/id-reader/adapters/sam-serial';
import { openSamUsbTransport } from '../../../drivers/id-reader/adapters/sam-usb';
import type { IdReaderConfig } from '../../../drivers/id-reader/config';
import { createSamReader } from '../../../drivers/id-reader/driver';
import type { IdCardReader } from '../../../drivers/id-reader/types';

/** A real SAM-protocol reader from configuration (the `simulated` adapter is wired in registry.ts). */
export function openConfiguredIdReader(config: Exclude<IdReaderConfig, { adapter: 'simulated' }>): IdCardReader {
  switch (config.adapter) {
    case 'sam-serial':
      return createSamReader(samSerialOpener(config.port, config.baud));
    case 'sam-usb':
      return createSamReader(openSamUsbTransport);
  }
}
