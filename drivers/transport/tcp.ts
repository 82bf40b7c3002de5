import { Socket } from 'node:net';
import { describeError, err, ok, type Result } from '../result';
import type { ByteTransport } from './types';
import { TransportListeners } from './listeners';

export interface TcpTransportOptions {
  readonly host: string;
  /** network receipt printers listen on 9100 (raw "JetDirect" port) */
  readonly port: number;
  /** connect timeout; an unanswered SYN otherwise waits for the OS (minutes) */
  readonly timeoutMs?: number;
}

/**
 * Opens a raw TCP connection as a ByteTransport (network ESC/POS printers, simulators). A
 * refused or timed-out connect is an expected outcome, so it is a coded result.
 */
export async function openTcpTransport(options: TcpTransportOptions): Promise<Result<ByteTransport>> {
  const socket = new Socket();
  const timeoutMs = options.timeoutMs ?? 3000;
  const where = `${options.host}:${options.port}`;
  const failure = await new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(`no answer from ${where} within ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(null);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      resolve(`cannot connect to ${where}: ${describeError(e)}`);
    });
    socket.connect({ host: options.host, port: options.port });
  });
  if (failure !== null) {
    socket.destroy();
    return err('device-unreachable', failure);
  }
  socket.removeAllListeners('error');
  return ok(wrapSocket(socket, where));
}

/** A connected socket as a ByteTransport; also used by simulators for accepted connections. */
export function wrapSocket(socket: Socket, where = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`): ByteTransport {
  return new TcpTransport(socket, where);
}

class TcpTransport implements ByteTransport {
  private readonly listeners = new TransportListeners();
  private closed = false;
  private closeReason = 'closed';

  constructor(
    private readonly socket: Socket,
    private readonly where: string,
  ) {
    socket.setNoDelay(true);
    // a printer switched off mid-connection never sends FIN; keepalive finds out eventually
    socket.setKeepAlive(true, 5000);
    socket.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.listeners.emitData(bytes);
    });
    socket.on('error', (e) => {
      this.closeReason = `error: ${describeError(e)}`;
    });
    socket.on('close', () => this.finish(this.closeReason));
    socket.on('end', () => {
      this.closeReason = 'peer closed';
      socket.end();
    });
  }

  get isOpen(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new Error(`connection to ${this.where} is closed`);
    await new Promise<void>((resolve, reject) => {
      this.socket.write(bytes, (e) => (e ? reject(new Error(`write to ${this.where} failed: ${describeError(e)}`)) : resolve()));
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    if (this.closed) {
      queueMicrotask(() => listener(this.closeReason));
      return () => undefined;
    }
    return this.listeners.onClose(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closeReason = 'closed';
    const gone = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.end();
    // the peer may never answer our FIN; do not wait for it
    this.socket.destroySoon();
    if (!this.socket.destroyed) await Promise.race([gone, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
    this.socket.destroy();
    this.finish('closed');
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.emitClose(reason);
  }
}
