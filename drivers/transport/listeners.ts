/**
 * The data and close listeners every ByteTransport keeps (serial, TCP, HID, the in-memory
 * duplex): one piece of bookkeeping, so that every transport unsubscribes, delivers and forgets
 * its listeners on close the same way.
 */
export class TransportListeners {
  private readonly data = new Set<(chunk: Uint8Array) => void>();
  private readonly close = new Set<(reason: string) => void>();

  /** @returns unsubscribe */
  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.data.add(listener);
    return () => this.data.delete(listener);
  }

  /** @returns unsubscribe */
  onClose(listener: (reason: string) => void): () => void {
    this.close.add(listener);
    return () => this.close.delete(listener);
  }

  emitData(chunk: Uint8Array): void {
    for (const listener of [...this.data]) listener(chunk);
  }

  /** Tells every close listener, then forgets all listeners: a closed transport delivers nothing more. */
  emitClose(reason: string): void {
    for (const listener of [...this.close]) listener(reason);
    this.close.clear();
    this.data.clear();
  }
}
