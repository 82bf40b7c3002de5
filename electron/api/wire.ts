import { z } from 'zod';

/**
 * The browser-mode WebSocket carries JSON text. IPC carries structured clones, which keep
 * Uint8Array as it is; JSON does not, so bytes are tagged as `{"$bytes": "<base64>"}` on the
 * way out and restored on the way in. Works in Node and in the renderer (atob/btoa only).
 */
const BYTES_TAG = '$bytes';
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Most frames carry no bytes (a sync call's ids and answers, device states): they take
 * JSON.stringify's own fast path, which a replacer function turns off for the whole frame. One
 * walk that stops at the first Uint8Array costs less than the replacer on a frame without any.
 */
export function encodeWire(value: unknown): string {
  if (!holdsBytes(value)) return JSON.stringify(value);
  // the holder's own value: a Buffer's toJSON has already turned `v` into {type, data}
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Uint8Array ? { [BYTES_TAG]: bytesToBase64(raw) } : v;
  });
}

function holdsBytes(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (v === null || typeof v !== 'object') continue;
    if (v instanceof Uint8Array) return true;
    for (const child of Array.isArray(v) ? (v as unknown[]) : Object.values(v)) pending.push(child);
  }
  return false;
}

/**
 * Parses one frame; malformed JSON or a bad base64 payload returns undefined (the caller reports
 * it). A frame whose text never names the tag holds no bytes and is parsed without a reviver,
 * which would otherwise be called for every value of it. (A tag spelled with escapes, as in
 * "\u0024bytes", is then left an object; encodeWire never writes one, and the schema on the far
 * side refuses an object where bytes belong.)
 */
export function decodeWire(text: string): unknown {
  try {
    if (!text.includes(`"${BYTES_TAG}"`)) return JSON.parse(text) as unknown;
    return JSON.parse(text, (_key, v: unknown) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const keys = Object.keys(v);
        const tagged = (v as Record<string, unknown>)[BYTES_TAG];
        if (keys.length === 1 && typeof tagged === 'string') return base64ToBytes(tagged);
      }
      return v;
    }) as unknown;
  } catch {
    return undefined;
  }
}

/** Frames of the browser-mode protocol: requests from the renderer, responses and events from the host. */
export const WireRequest = z.object({ kind: z.literal('call'), id: z.number().int().nonnegative(), method: z.string().max(100), input: z.unknown() });
export type WireRequest = z.infer<typeof WireRequest>;

/** A CodedError (drivers/result.ts) as it crosses the boundary. */
export const CodedErrorSchema = z.object({ code: z.string(), message: z.string(), retryAfterMs: z.number().optional() });

export const WireResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: CodedErrorSchema }),
]);

export const WireResponse = z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), result: WireResultSchema });
export const WireEvent = z.object({ kind: z.literal('event'), event: z.string().max(100), payload: z.unknown() });
export const HostFrame = z.union([WireResponse, WireEvent]);
export type HostFrame = z.infer<typeof HostFrame>;

/** Largest frame either side accepts; a bigger one is refused, never buffered (2 MiB photo + overhead). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
