import { Agent as HttpAgent, request as httpRequest, type Agent, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { assertNever, describeError, ok, type Result } from '../../../drivers/result';
import { ErrorBody } from '../../api/platform-schemas';
import { MAY_HAVE_BEEN_APPLIED, platformError, type PlatformError } from './errors';
import type { NetworkGate } from './network-gate';

/**
 * One HTTP exchange with the platform: the dev network gate, a deadline over the whole exchange
 * (headers and body), a bound on the response body, and the mapping of statuses the interface
 * defines for every request. Endpoint meaning lives in client.ts.
 *
 * node:http rather than fetch: bench/sync is CPU-bound, and the WHATWG layer (Request/Response
 * objects, web streams, abort signals, timing info) made a 20 KB batch POST cost about 0.85 ms of
 * client CPU through this function, against 0.3 ms now (loopback, Node 20). Nothing here follows
 * a redirect: a 3xx is a status like any other, which statusError refuses.
 */
export interface ExchangeRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

/** Response headers by case-insensitive name, repeated ones joined with ", " (as fetch's Headers.get). */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: Uint8Array;
}

export interface ExchangeOptions {
  /** the connection pool for the URL's scheme: an https.Agent for https: (createPlatformAgent) */
  readonly agent: Agent;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly gate?: NetworkGate;
}

export async function exchange(options: ExchangeOptions, request: ExchangeRequest): Promise<Result<RawResponse, PlatformError>> {
  if (options.gate && !options.gate.isUp()) return platformError('network-down', `${request.method} not sent: the network to the platform is cut (dev panel)`);
  const outcome = await send(options, request);
  switch (outcome.kind) {
    case 'response':
      return ok(outcome.response);
    case 'timed-out':
      return platformError('network', `${request.method} timed out after ${options.timeoutMs} ms; ${MAY_HAVE_BEEN_APPLIED}`);
    case 'failed':
      return platformError('network', `${request.method} failed on the network (${networkReason(outcome.error)}); ${MAY_HAVE_BEEN_APPLIED}`);
    case 'too-large':
      return platformError(
        'invalid-response',
        outcome.declared === undefined
          ? `response exceeds the ${options.maxResponseBytes}-byte bound; ${MAY_HAVE_BEEN_APPLIED}`
          : `response of ${outcome.declared} bytes exceeds the ${options.maxResponseBytes}-byte bound; ${MAY_HAVE_BEEN_APPLIED}`,
      );
    default:
      return assertNever(outcome, 'exchange outcome');
  }
}

type Outcome =
  | { readonly kind: 'response'; readonly response: RawResponse }
  | { readonly kind: 'timed-out' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'too-large'; readonly declared?: number };

/**
 * Every way out settles once; the request is destroyed on every way out but a complete response,
 * so a socket left with an unread body, a hung server or an oversize answer is closed, never
 * pooled nor leaked.
 */
function send(options: ExchangeOptions, request: ExchangeRequest): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      return true;
    };
    let req: ClientRequest | undefined;
    const timer = setTimeout(() => {
      settle({ kind: 'timed-out' });
      req?.destroy();
    }, options.timeoutMs);
    const headers = request.body === undefined ? request.headers : { ...request.headers, 'Content-Length': String(byteLength(request.body)) };
    try {
      const url = new URL(request.url);
      const open = url.protocol === 'https:' ? httpsRequest : httpRequest;
      req = open(url, { method: request.method, headers, agent: options.agent });
    } catch (e) {
      // an unparseable URL, a scheme node:http does not speak, a header value it refuses
      settle({ kind: 'failed', error: e });
      return;
    }
    const sent = req;
    sent.on('error', (error) => settle({ kind: 'failed', error }));
    sent.on('response', (res: IncomingMessage) => {
      res.on('error', (error) => settle({ kind: 'failed', error }));
      const responseHeaders = headersOf(res);
      idleHints.set(res.socket, idleKeepMs(responseHeaders.get('keep-alive')));
      const declared = Number(responseHeaders.get('content-length') ?? '0');
      if (declared > options.maxResponseBytes) {
        if (settle({ kind: 'too-large', declared })) sent.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        total += chunk.byteLength;
        if (total > options.maxResponseBytes) {
          settle({ kind: 'too-large' });
          sent.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        settle({ kind: 'response', response: { status: res.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks, total) } });
      });
      // a connection closed in the middle of the body ends here when no 'error' says so first
      res.on('close', () => {
        if (!res.complete) settle({ kind: 'failed', error: new Error('the connection closed before the end of the response') });
      });
    });
    sent.end(request.body);
  });
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

function headersOf(res: IncomingMessage): ResponseHeaders {
  const { headers } = res;
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** The socket error's code (ECONNRESET, ECONNREFUSED, a TLS verification code…) with its message; never a body. */
function networkReason(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  const message = describeError(e);
  return code === undefined || message.includes(code) ? message : `${message}: ${code}`;
}

/** How long to keep each pooled socket once its response is done, from that response's Keep-Alive header. */
const idleHints = new WeakMap<Duplex, number>();

/**
 * The idle policy of undici 6 (Node 20's fetch, which this replaced): 4 s without a hint; with
 * `Keep-Alive: timeout=N`, N s less 2 s (at most 10 min), and not kept at all when nothing is left.
 */
export function idleKeepMs(keepAlive: string | null): number {
  const seconds = keepAlive === null ? undefined : /timeout=(\d+)/.exec(keepAlive)?.[1];
  if (seconds === undefined) return 4_000;
  return Math.min(Number(seconds) * 1000 - 2_000, 600_000);
}

/**
 * The connection pool the client keeps for its base URL (https: with Node's default TLS options,
 * plus `ca` to trust a private certificate authority).
 *
 * node:http retries nothing: a pooled socket the server has closed makes the next request on it
 * fail. The agent drops a socket as soon as it sees the server's FIN, and the idle policy above
 * (undici's) closes a socket before the server's announced Keep-Alive timeout, so what is left
 * is the same window the fetch client had: the FIN still in flight while a request is written.
 * Such a request fails as `network`, possibly applied, and is not resent here: from this side it
 * looks exactly like a reset after the platform read the request (the stand-in's
 * drop-after-apply), and only the sync engine's resend of the same bytes is safe for both.
 */
export function createPlatformAgent(protocol: 'http:' | 'https:', tls: { readonly ca?: string | Buffer } = {}): Agent {
  const agent = protocol === 'https:' ? new HttpsAgent({ keepAlive: true, ...tls }) : new HttpAgent({ keepAlive: true });
  // Called by the agent when a response is done (the documented override point); false closes the socket.
  agent.keepSocketAlive = (duplex: Duplex): boolean => {
    const idleMs = idleHints.get(duplex) ?? idleKeepMs(null);
    if (idleMs <= 0) return false;
    // the agent's sockets are net.Socket (or tls.TLSSocket, a subclass): it creates them
    const socket = duplex as Socket;
    socket.setKeepAlive(true, 1_000);
    socket.unref();
    // the agent closes a pooled socket at this timeout; on a reused one it only notifies, unheard:
    // the exchange's own deadline governs a request in flight
    socket.setTimeout(idleMs);
    return true;
  };
  return agent;
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
