import { read as fsRead } from 'node:fs';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';
import { describeError, err, ok, type Result } from '../result';
import type { ByteTransport } from './types';
import { TransportListeners } from './listeners';

export interface SerialTransportOptions {
  readonly path: string;
  readonly baudRate: number;
}

/**
 * Opens a serial port (USB-serial bridge, CDC device or pseudo-terminal) as a ByteTransport.
 * 8N1 is the default of `serialport` and what the SAM readers (domain-notes §1.2), ESC/POS
 * printers and MRZ readers expect. An open failure is an expected outcome (wrong path, port
 * held by another process, cable not plugged), so it is a coded result, never an exception.
 */
export async function openSerialTransport(options: SerialTransportOptions): Promise<Result<ByteTransport>> {
  const port = new SerialPort({ path: options.path, baudRate: options.baudRate, autoOpen: false });
  const opened = await new Promise<Error | null>((resolve) => port.open((e) => resolve(e ?? null)));
  if (opened) {
    return err('device-unreachable', `cannot open serial port ${options.path}: ${firstLine(describeError(opened))}`);
  }
  detectHangUp(port);
  return ok(new SerialTransport(port, options.path));
}

const readAsync = promisify(fsRead);

interface PollingBinding {
  readonly fd: number | null;
  readonly isOpen: boolean;
  readonly poller: { once(event: 'readable', listener: (e: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
}

const isPollingBinding = (b: unknown): b is PollingBinding =>
  typeof b === 'object' && b !== null && 'poller' in b && 'fd' in b && typeof (b as { read?: unknown }).read === 'function';

/**
 * On Linux/macOS a tty whose other side hangs up (a pseudo-terminal whose master went away, as
 * when a simulator or socat stops) reads 0 bytes forever; @serialport/bindings-cpp retries such
 * reads in a loop and never reports the disconnect. In non-blocking raw mode "no data" is
 * EAGAIN, so a 0-byte read means hang-up: report it as a disconnect, which closes the port
 * and lets the reconnecting link take over. Real USB unplugs (EIO/ENXIO) already work.
 */
function detectHangUp(port: SerialPort): void {
  const binding: unknown = port.port;
  if (!isPollingBinding(binding)) return;
  binding.read = async function hangUpAwareRead(buffer, offset, length) {
    for (;;) {
      if (!binding.isOpen || binding.fd === null) throw Object.assign(new Error('Port is not open'), { canceled: true });
      try {
        const { bytesRead } = await readAsync(binding.fd, buffer, offset, length, null);
        if (bytesRead === 0) throw Object.assign(new Error('device hung up'), { disconnect: true });
        return { buffer, bytesRead };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw e;
        if (!binding.isOpen) throw Object.assign(new Error('Port is not open'), { canceled: true });
        await new Promise<void>((resolve, reject) => binding.poller.once('readable', (pe) => (pe ? reject(pe) : resolve())));
      }
    }
  };
}

const firstLine = (message: string): string => (message.split('\n')[0] ?? message).replace(/^Error: /, '');

class SerialTransport implements ByteTransport {
  private readonly listeners = new TransportListeners();
  private closed = false;

  constructor(
    private readonly port: SerialPort,
    private readonly path: string,
  ) {
    port.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.listeners.emitData(bytes);
    });
    // `close` carries a DisconnectedError on unplug; errors after open (EIO on a vanished pty
    // or a USB bridge pulled out) also end the transport, so drivers can reconnect.
    port.on('close', (e: Error | null) => this.finish(e ? `disconnected: ${firstLine(e.message)}` : 'closed'));
    port.on('error', (e: Error) => {
      this.finish(`error: ${firstLine(e.message)}`);
      if (port.isOpen) port.close(() => undefined);
    });
  }

  get isOpen(): boolean {
    return !this.closed && this.port.isOpen;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new Error(`serial port ${this.path} is closed`);
    await new Promise<void>((resolve, reject) => {
      this.port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (e) => {
        if (e) reject(new Error(`write to ${this.path} failed: ${firstLine(e.message)}`));
        else resolve();
      });
    });
    await new Promise<void>((resolve, reject) => this.port.drain((e) => (e ? reject(new Error(firstLine(e.message))) : resolve())));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    if (this.closed) {
      queueMicrotask(() => listener('closed'));
      return () => undefined;
    }
    return this.listeners.onClose(listener);
  }

  async close(): Promise<void> {
    if (this.port.isOpen) {
      await new Promise<void>((resolve) => this.port.close(() => resolve()));
    }
    this.finish('closed');
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.emitClose(reason);
    this.port.removeAllListeners('data');
  }
}
