import { openSerialTransport } from '../transport/serial';
import type { ReconnectOptions } from '../transport/reconnect';
import { createLineDocumentReader } from './line-reader';
import type { DocumentReader } from './types';

/** `serial` adapter: an MRZ reader on a serial / USB-CDC port sending CR/LF-terminated MRZ lines. */
export function createSerialDocumentReader(options: {
  path: string;
  baudRate: number;
  interLineTimeoutMs: number;
  today?: () => string;
  reconnect?: ReconnectOptions;
}): DocumentReader {
  return createLineDocumentReader({
    adapter: 'serial',
    interLineTimeoutMs: options.interLineTimeoutMs,
    today: options.today,
    reconnect: options.reconnect,
    opener: () => openSerialTransport({ path: options.path, baudRate: options.baudRate }),
  });
}
