import type { Result } from '../result';

/**
 * The narrowest interface a byte-stream driver needs (STYLE.md §2). Serial ports, TCP sockets,
 * HID/USB adapters and the in-memory duplex used by the `simulated` adapters all fit it, and
 * tests hand a driver a fake one.
 */
export interface ByteTransport {
  /** Writes all bytes; rejects only when the transport is closed or broken. */
  write(bytes: Uint8Array): Promise<void>;
  /** Subscribes to incoming chunks; returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the transport goes away (unplug, socket closed, close()). */
  onClose(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

/** Opens a transport; used by drivers that reconnect by themselves after an unplug. */
export type TransportOpener = () => Promise<Result<ByteTransport>>;
