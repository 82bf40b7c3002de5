import { describeError, ok, type Result } from '../../../drivers/result';
import { ErrorBody } from '../../api/platform-schemas';
import { MAY_HAVE_BEEN_APPLIED, platformError, type PlatformError } from './errors';
import type { NetworkGate } from './network-gate';

/**
 * One HTTP exchange with the platform: the dev network gate, a deadline over the whole exchange
 * (headers and body), a bound on the response body, and the mapping of statuses the interface
 * defines for every request. Endpoint meaning lives in client.ts.
 */
export interface ExchangeRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

export interface ExchangeOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly gate?: NetworkGate;
}

export async function exchange(options: ExchangeOptions, request: ExchangeRequest): Promise<Result<RawResponse, PlatformError>> {
  if (options.gate && !options.gate.isUp()) return platformError('network-down', `${request.method} not sent: the network to the platform is cut (dev panel)`);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const failed = (e: unknown): { ok: false; error: PlatformError } =>
    platformError(
      'network',
      timedOut
        ? `${request.method} timed out after ${options.timeoutMs} ms; ${MAY_HAVE_BEEN_APPLIED}`
        : `${request.method} failed on the network (${networkReason(e)}); ${MAY_HAVE_BEEN_APPLIED}`,
    );
  try {
    let response: Response;
    try {
      const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal, redirect: 'error' };
      if (request.body !== undefined) init.body = typeof request.body === 'string' ? request.body : new Uint8Array(request.body);
      response = await options.fetch(request.url, init);
    } catch (e) {
      return failed(e);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > options.maxResponseBytes) {
      await response.body?.cancel().catch(() => undefined);
      return platformError('invalid-response', `response of ${declared} bytes exceeds the ${options.maxResponseBytes}-byte bound; ${MAY_HAVE_BEEN_APPLIED}`);
    }
    const body = await readBounded(response, options.maxResponseBytes);
    if (body === 'too-large') {
      return platformError('invalid-response', `response exceeds the ${options.maxResponseBytes}-byte bound; ${MAY_HAVE_BEEN_APPLIED}`);
    }
    if (body instanceof Error) return failed(body);
    return ok({ status: response.status, headers: response.headers, body });
  } finally {
    clearTimeout(timer);
  }
}

/** undici reports "fetch failed" and keeps the useful part (ECONNRESET, ECONNREFUSED…) in `cause`. */
function networkReason(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code === undefined ? describeError(e) : `${describeError(e)}: ${code}`;
}

async function readBounded(response: Response, max: number): Promise<Uint8Array | 'too-large' | Error> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  return Buffer.concat(chunks);
}

/**
 * Statuses every endpoint shares (platform-api.md "General rules"). The caller has already
 * handled the statuses its endpoint defines as success.
 */
export function statusError(response: RawResponse, method: string, now: () => number): { ok: false; error: PlatformError } {
  const { status } = response;
  const what = `${method} answered ${status}${platformCode(response.body)}`;
  switch (status) {
    case 400:
      return platformError('bad-request', `${what}: the platform called the request malformed`);
    case 401:
      return platformError('unauthorized', `${what}: the terminal token is revoked or invalid; re-enrolment needed`);
    case 404:
      return platformError('not-found', what);
    case 413:
      return platformError('too-large', `${what}: request too large`);
    case 415:
      return platformError('unsupported-media-type', what);
    case 422:
      return platformError('digest-mismatch', `${what}: the body does not match its SHA-256`);
    case 429:
    case 503:
      return platformError('rate-limited', `${what}; ${MAY_HAVE_BEEN_APPLIED}`, retryAfterMs(response.headers.get('retry-after'), now));
    default:
      if (status >= 500) return platformError('server-error', `${what}; ${MAY_HAVE_BEEN_APPLIED}`);
      return platformError('invalid-response', `${what}, which the interface does not define; ${MAY_HAVE_BEEN_APPLIED}`);
  }
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: () => number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now());
}

/** The platform's error code only: its message and field may echo what we sent. */
function platformCode(body: Uint8Array): string {
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(Buffer.from(body).toString('utf8')));
    if (parsed.success && /^[a-z0-9-]{1,64}$/.test(parsed.data.error.code)) return ` (${parsed.data.error.code})`;
  } catch {
    // not JSON: nothing to add
  }
  return '';
}

export function parseJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}
