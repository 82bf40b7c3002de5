/**
 * Single-byte replies from a printer (DLE EOT, §5.4): the driver asks, then waits for the next
 * byte that looks like an answer. Bytes that do not (line noise, Automatic Status Back packets
 * from a printer left with GS a enabled, §5.5) are skipped. Bounded: at most MAX_QUEUED
 * unclaimed bytes are kept.
 */
const MAX_QUEUED = 64;

interface Waiter {
  readonly accept: (byte: number) => boolean;
  readonly resolve: (byte: number | undefined) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class ReplyReader {
  private queued: number[] = [];
  private waiter: Waiter | undefined;

  feed(chunk: Uint8Array): void {
    for (const byte of chunk) {
      const waiter = this.waiter;
      if (waiter?.accept(byte)) {
        this.settle(byte);
        continue;
      }
      this.queued.push(byte);
      if (this.queued.length > MAX_QUEUED) this.queued.shift();
    }
  }

  /** Forgets unclaimed bytes: called before a new question so a stale answer is not taken for it. */
  discard(): void {
    this.queued = [];
  }

  /** The next accepted byte, or undefined after timeoutMs or abort(). One waiter at a time. */
  next(accept: (byte: number) => boolean, timeoutMs: number): Promise<number | undefined> {
    if (this.waiter) throw new Error('ReplyReader: a reply is already awaited');
    const index = this.queued.findIndex(accept);
    if (index >= 0) {
      const byte = this.queued[index];
      this.queued.splice(0, index + 1);
      return Promise.resolve(byte);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(undefined), timeoutMs);
      this.waiter = { accept, resolve, timer };
    });
  }

  abort(): void {
    this.settle(undefined);
  }

  private settle(byte: number | undefined): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    clearTimeout(waiter.timer);
    waiter.resolve(byte);
  }
}
