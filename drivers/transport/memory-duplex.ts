import type { ByteTransport } from './types';
import { TransportListeners } from './listeners';

/**
 * Two connected in-memory byte transports: what one end writes, the other end receives, on a
 * later tick (never synchronously, so drivers see the same ordering as with real I/O). The
 * `simulated` adapters connect the real protocol driver to a wire-level simulator through one
 * of these; there is no second implementation of any protocol (DESIGN.md "Devices").
 */
export function createMemoryDuplex(): [ByteTransport, ByteTransport] {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryEnd implements ByteTransport {
  peer: MemoryEnd | undefined;
  private readonly listeners = new TransportListeners();
  private open = true;

  get isOpen(): boolean {
    return this.open;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open) throw new Error('transport closed');
    const peer = this.peer;
    const copy = Uint8Array.from(bytes);
    setImmediate(() => peer?.deliver(copy));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    return this.listeners.onClose(listener);
  }

  async close(): Promise<void> {
    this.shutdown('closed');
    this.peer?.shutdown('peer closed');
  }

  private deliver(chunk: Uint8Array): void {
    if (!this.open) return;
    this.listeners.emitData(chunk);
  }

  private shutdown(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.listeners.emitClose(reason);
  }
}
