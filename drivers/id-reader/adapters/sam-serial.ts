import { openSerialTransport } from '../../transport/serial';
import type { TransportOpener } from '../../transport/types';

/** USB-serial and CDC readers speak the UART framing at 115200 8N1 by default (domain-notes §1.2). */
export const samSerialOpener =
  (port: string, baudRate = 115200): TransportOpener =>
  () =>
    openSerialTransport({ path: port, baudRate });
