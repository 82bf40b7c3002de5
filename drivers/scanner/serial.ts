import { openSerialTransport } from '../transport/serial';
import type { ReconnectOptions } from '../transport/reconnect';
import { createLineScanner } from './stream-scanner';
import type { CodeScanner } from './types';

/** `serial` adapter: a scanner on a serial / USB-CDC port sending one code per CR/LF-terminated line. */
export function createSerialScanner(options: { path: string; baudRate: number; maxCodeLength: number; reconnect?: ReconnectOptions }): CodeScanner {
  return createLineScanner({
    adapter: 'serial',
    maxCodeLength: options.maxCodeLength,
    opener: () => openSerialTransport({ path: options.path, baudRate: options.baudRate }),
    reconnect: options.reconnect,
  });
}
