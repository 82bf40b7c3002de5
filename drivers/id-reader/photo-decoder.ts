import { spawn } from 'node:child_process';
import { err, ok, type Result } from '../result';
import type { PhotoDecoderConfig } from './config';

export interface DecodedPhoto {
  readonly format: 'bmp';
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8Array;
}

/**
 * Plug-in point for the vendor's licensed WLT decoder (domain-notes §1.8: no open decoder
 * exists). With none configured the answer is an honest `photo-decoder-missing` and the UI shows
 * a placeholder; this module never makes up an image.
 */
export interface PhotoDecoder {
  decode(wlt: Uint8Array, signal?: AbortSignal): Promise<Result<DecodedPhoto>>;
}

// 102×126×24-bit BMP is 38 862 bytes (§1.8); anything far larger is not what we asked for
const MAX_OUTPUT = 256 * 1024;

export function createPhotoDecoder(config?: PhotoDecoderConfig): PhotoDecoder {
  if (!config) {
    return { decode: async () => err('photo-decoder-missing', 'no licensed WLT photo decoder is configured') };
  }
  return { decode: (wlt, signal) => runDecoder(config, wlt, signal) };
}

/** The decoder reads the WLT on stdin and writes a BMP on stdout. */
function runDecoder(config: PhotoDecoderConfig, wlt: Uint8Array, signal?: AbortSignal): Promise<Result<DecodedPhoto>> {
  return new Promise((resolve) => {
    const child = spawn(config.path, config.args, { stdio: ['pipe', 'pipe', 'ignore'], ...(signal ? { signal } : {}) });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: Result<DecodedPhoto>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(() => finish(err('photo-decoder-failed', `photo decoder gave no answer within ${config.timeoutMs} ms`)), config.timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'EACCES') finish(err('photo-decoder-missing', `photo decoder cannot be run (${e.code})`));
      else if (e.name === 'AbortError') finish(err('cancelled', 'cancelled'));
      else finish(err('photo-decoder-failed', `photo decoder failed: ${e.message}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) finish(err('photo-decoder-failed', 'photo decoder output too large'));
      else chunks.push(chunk);
    });
    child.on('close', (code) => {
      if (code !== 0) return finish(err('photo-decoder-failed', `photo decoder exited with ${code ?? 'a signal'}`));
      const bmp = Buffer.concat(chunks);
      const parsed = readBmpHeader(bmp);
      if (!parsed) return finish(err('photo-decoder-failed', 'photo decoder output is not a BMP'));
      finish(ok({ format: 'bmp', ...parsed, bytes: new Uint8Array(bmp) }));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(wlt));
  });
}

function readBmpHeader(bmp: Buffer): { width: number; height: number } | undefined {
  if (bmp.length < 54 || bmp[0] !== 0x42 || bmp[1] !== 0x4d) return undefined;
  const width = bmp.readInt32LE(18);
  const height = Math.abs(bmp.readInt32LE(22));
  return width > 0 && height > 0 ? { width, height } : undefined;
}
