import type { ByteTransport } from './types';

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
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
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
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.shutdown('closed');
    this.peer?.shutdown('peer closed');
  }

  private deliver(chunk: Uint8Array): void {
    if (!this.open) return;
    for (const listener of this.dataListeners) listener(chunk);
  }

  private shutdown(reason: string): void {
    if (!this.open) return;
    this.open = false;
    for (const listener of this.closeListeners) listener(reason);
    this.closeListeners.clear();
    this.dataListeners.clear();
  }
}
