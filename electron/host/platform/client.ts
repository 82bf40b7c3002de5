import type { z } from 'zod';
import { ok, type Result } from '../../../drivers/result';
import type { QueueStats } from '../../api/contract';
import {
  BatchResponse,
  CaseStatus,
  EnrolResponse,
  HealthResponse,
  ReferencePage,
  type BatchItemResult,
  type TransactionItem,
} from '../../api/platform-schemas';
import { canonicalJson } from '../vault/canonical-json';
import { MAY_HAVE_BEEN_APPLIED, platformError, type PlatformError } from './errors';
import type { Agent } from 'node:http';
import { createPlatformAgent, exchange, parseJsonBody, statusError, type RawResponse } from './exchange';
import type { NetworkGate } from './network-gate';
import {
  AcknowledgeResponse,
  CaseLookupResponse,
  HeartbeatBody,
  PlatformPublicKeyB64,
  ViolationsResponse,
  type Violation,
} from './schemas';

/** The kiosk side of shared/platform-api.md, version 1: one method per endpoint, results not exceptions. */
export interface PlatformClient {
  enrol(body: EnrolRequest): Promise<PlatformResult<z.infer<typeof EnrolResponse>>>;
  /** serverTime, and platform time minus host time estimated at the midpoint of the exchange */
  health(): Promise<PlatformResult<{ serverTime: string; minAppVersion?: string; clockOffsetMs: number }>>;
  headAttachment(sha256: string): Promise<PlatformResult<{ stored: boolean }>>;
  putAttachment(sha256: string, bytes: Uint8Array, contentType: 'image/jpeg' | 'image/png'): Promise<PlatformResult<{ stored: 'created' | 'existing' }>>;
  /** one result per item, in order, ids checked; items are sent in their canonical (sealed) form */
  sendBatch(items: readonly TransactionItem[]): Promise<PlatformResult<BatchItemResult[]>>;
  /**
   * sendBatch from items already in canonical JSON (what the vault unseals): the strings are
   * joined into the body as they are, never parsed or rendered again. Each `json` must be the
   * canonical form of the item with that `id`; results are checked the same way.
   */
  sendBatchJson(items: readonly CanonicalItem[]): Promise<PlatformResult<BatchItemResult[]>>;
  reference(cursor?: string): Promise<PlatformResult<ReferencePage>>;
  caseStatus(caseNumber: string): Promise<PlatformResult<CaseStatus>>;
  caseLookup(idNumber: string): Promise<PlatformResult<CaseStatus[]>>;
  violationsQuery(query: { idNumber: string; licenceNumber?: string }): Promise<PlatformResult<Violation[]>>;
  violationAcknowledge(violationId: string, idNumber: string): Promise<PlatformResult<AcknowledgeResponse>>;
  heartbeat(body: { appVersion: string; uptimeSec: number; queue: QueueStats; devices: readonly { kind: string; adapter: string; state: string }[] }): Promise<PlatformResult<null>>;
  /** supervisor alerts: a 401 means the terminal was revoked and sync has stopped */
  onAlert(listener: (alert: PlatformAlert) => void): () => void;
}

export type PlatformResult<T> = Result<T, PlatformError>;

/** A transaction item as the exact bytes it was sealed as (canonical JSON), with its id. */
export interface CanonicalItem {
  readonly id: string;
  readonly json: string;
}

export interface EnrolRequest {
  readonly enrolmentCode: string;
  readonly terminalId: string;
  readonly site: { readonly code: string; readonly name: string };
  readonly appVersion: string;
}

export interface Credentials {
  readonly terminalId: string;
  readonly token: string;
}

export interface PlatformAlert {
  readonly kind: 'token-revoked';
  readonly terminalId: string;
  /** host clock, RFC 3339 */
  readonly at: string;
}

export interface PlatformClientOptions {
  /** e.g. https://gw.example.gov.cn/kiosk/v1; paths are appended to it */
  readonly baseUrl: string;
  /**
   * the connection pool for the base URL's scheme (an https.Agent for https:), e.g.
   * createPlatformAgent('https:', { ca }) to trust a private CA; default createPlatformAgent
   */
  readonly agent?: Agent;
  /** deadline for one whole exchange, headers and body (default 30 s) */
  readonly timeoutMs?: number;
  /** responses larger than this are refused as `invalid-response` (default 4 MiB) */
  readonly maxResponseBytes?: number;
  /** live credentials, or null when not enrolled or revoked */
  readonly credentials: () => Credentials | null;
  /** awaited on a 401 before `unauthorized` is returned: flips the enrolment store to revoked */
  readonly revoke?: () => Promise<unknown>;
  readonly networkGate?: NetworkGate;
  readonly now?: () => number;
  /**
   * sent as User-Agent on every request, e.g. police-kiosk/0.1.0: gateways in front of the
   * platform commonly refuse a request without one, and node:http sends none by itself
   */
  readonly userAgent?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
export const MAX_BATCH_ITEMS = 50;

type Auth = 'required' | 'if-enrolled' | 'none';

export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const listeners = new Set<(alert: PlatformAlert) => void>();
  let revokedToken: string | undefined;
  /** host time before which nothing goes to the platform: the latest Retry-After it sent */
  let holdUntil = 0;
  const exchangeOptions = {
    agent: options.agent ?? createPlatformAgent(/^https:/i.test(base) ? 'https:' : 'http:'),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ...(options.networkGate ? { gate: options.networkGate } : {}),
  };

  /** Sends one request; returns the response when its status is one `accept` lists. */
  async function call(
    method: 'GET' | 'HEAD' | 'POST' | 'PUT',
    path: string,
    auth: Auth,
    accept: readonly number[],
    body?: { json: string } | { bytes: Uint8Array; contentType: string },
  ): Promise<PlatformResult<RawResponse>> {
    // "429 / 503 with Retry-After: wait at least that long" holds for the terminal, not one caller:
    // the sync engine, heartbeats, reference pulls and enrolment all go through here
    const wait = holdUntil === 0 ? 0 : holdUntil - now();
    if (wait > 0) return platformError('rate-limited', `${method} not sent: the platform asked to wait (Retry-After) for ${Math.ceil(wait / 1000)} s more`, wait);
    const headers: Record<string, string> = { Accept: 'application/json', ...(options.userAgent === undefined ? {} : { 'User-Agent': options.userAgent }) };
    const credentials = auth === 'none' ? null : options.credentials();
    if (auth === 'required' && !credentials) return platformError('not-enrolled', `${method} ${path.split('/')[1] ?? ''} not sent: the terminal is not enrolled (or was revoked)`);
    if (credentials) {
      headers.Authorization = `Bearer ${credentials.token}`;
      headers['X-Terminal-Id'] = credentials.terminalId;
    }
    let payload: string | Uint8Array | undefined;
    if (body && 'json' in body) {
      headers['Content-Type'] = 'application/json';
      payload = body.json;
    } else if (body) {
      headers['Content-Type'] = body.contentType;
      payload = body.bytes;
    }
    const request = payload === undefined ? { method, url: base + path, headers } : { method, url: base + path, headers, body: payload };
    const response = await exchange(exchangeOptions, request);
    if (!response.ok) return response;
    if (accept.includes(response.value.status)) return response;
    const failure = statusError(response.value, method, now);
    if (failure.error.retryAfterMs !== undefined) holdUntil = Math.max(holdUntil, now() + failure.error.retryAfterMs);
    // Only the token this request carried is revoked, once: a concurrent 401, or one for a token
    // already replaced by re-enrolment, must neither alert again nor revoke the new enrolment.
    if (failure.error.code === 'unauthorized' && credentials && credentials.token !== revokedToken && options.credentials()?.token === credentials.token) {
      revokedToken = credentials.token;
      await options.revoke?.();
      const alert: PlatformAlert = { kind: 'token-revoked', terminalId: credentials.terminalId, at: new Date(now()).toISOString() };
      for (const listener of listeners) listener(alert);
    }
    return failure;
  }

  /** Parses a success body with its schema; anything else is `invalid-response`. */
  function parse<S extends z.ZodType>(schema: S, response: RawResponse, what: string): PlatformResult<z.output<S>> {
    const parsed = schema.safeParse(parseJsonBody(response.body));
    if (!parsed.success) return platformError('invalid-response', `${what} answered ${response.status} with a body that fails its schema; ${MAY_HAVE_BEEN_APPLIED}`);
    return ok(parsed.data);
  }

  const segment = encodeURIComponent;

  /** The canonical JSON strings are joined into the body as they are (sendBatchJson in the interface). */
  async function sendBatchJson(items: readonly CanonicalItem[]): Promise<PlatformResult<BatchItemResult[]>> {
    if (items.length < 1 || items.length > MAX_BATCH_ITEMS) throw new RangeError(`a batch holds 1 to ${MAX_BATCH_ITEMS} items, got ${items.length}`);
    const json = `{"items":[${items.map((item) => item.json).join(',')}]}`;
    const r = await call('POST', '/transactions/batch', 'required', [200], { json });
    if (!r.ok) return r;
    const parsed = parse(BatchResponse, r.value, 'POST /transactions/batch');
    if (!parsed.ok) return parsed;
    const { results } = parsed.value;
    const inOrder = results.length === items.length && results.every((result, i) => result.id === items[i]?.id);
    if (!inOrder) return platformError('invalid-response', `POST /transactions/batch answered ${results.length} results for ${items.length} items, or out of order; ${MAY_HAVE_BEEN_APPLIED}`);
    return ok(results);
  }

  return {
    async enrol(body) {
      const json = JSON.stringify({ enrolmentCode: body.enrolmentCode, terminalId: body.terminalId, site: { code: body.site.code, name: body.site.name }, appVersion: body.appVersion });
      const r = await call('POST', '/enrol', 'none', [200, 201, 403], { json });
      if (!r.ok) return r;
      // §1: 403 is the one refusal enrolment defines.
      if (r.value.status === 403) return platformError('enrolment-code-invalid', 'POST /enrol answered 403: the platform refused the enrolment code');
      const parsed = parse(EnrolResponse, r.value, 'POST /enrol');
      if (parsed.ok && !PlatformPublicKeyB64.safeParse(parsed.value.platformKey.publicKey).success) {
        return platformError('invalid-response', 'POST /enrol returned a platform key that is not 32 bytes of base64');
      }
      return parsed;
    },

    async health() {
      const sent = now();
      const r = await call('GET', '/health', 'if-enrolled', [200]);
      const received = now();
      if (!r.ok) return r;
      const parsed = parse(HealthResponse, r.value, 'GET /health');
      if (!parsed.ok) return parsed;
      // `+ 0` turns a rounded -0 into 0: the same number in memory as in JSON.
      const clockOffsetMs = Math.round(Date.parse(parsed.value.serverTime) - (sent + received) / 2) + 0;
      return ok({ ...parsed.value, clockOffsetMs });
    },

    async headAttachment(sha256) {
      const r = await call('HEAD', `/attachments/${segment(sha256)}`, 'required', [200, 404]);
      return r.ok ? ok({ stored: r.value.status === 200 }) : r;
    },

    async putAttachment(sha256, bytes, contentType) {
      const r = await call('PUT', `/attachments/${segment(sha256)}`, 'required', [200, 201], { bytes, contentType });
      return r.ok ? ok({ stored: r.value.status === 201 ? 'created' : 'existing' }) : r;
    },

    sendBatch(items) {
      // Built from the canonical form of each item: the bytes the vault sealed, never re-rendered.
      return sendBatchJson(items.map((item) => ({ id: item.id, json: canonicalJson(item) })));
    },

    sendBatchJson,

    async reference(cursor) {
      const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      const r = await call('GET', `/reference${query}`, 'required', [200]);
      return r.ok ? parse(ReferencePage, r.value, 'GET /reference') : r;
    },

    async caseStatus(caseNumber) {
      const r = await call('GET', `/cases/${segment(caseNumber)}`, 'required', [200]);
      return r.ok ? parse(CaseStatus, r.value, 'GET /cases') : r;
    },

    async caseLookup(idNumber) {
      const r = await call('POST', '/cases/lookup', 'required', [200], { json: JSON.stringify({ idNumber }) });
      if (!r.ok) return r;
      const parsed = parse(CaseLookupResponse, r.value, 'POST /cases/lookup');
      return parsed.ok ? ok(parsed.value.items) : parsed;
    },

    async violationsQuery(query) {
      const body = query.licenceNumber === undefined ? { idNumber: query.idNumber } : { idNumber: query.idNumber, licenceNumber: query.licenceNumber };
      const r = await call('POST', '/violations/query', 'required', [200], { json: JSON.stringify(body) });
      if (!r.ok) return r;
      const parsed = parse(ViolationsResponse, r.value, 'POST /violations/query');
      return parsed.ok ? ok(parsed.value.items) : parsed;
    },

    async violationAcknowledge(violationId, idNumber) {
      const r = await call('POST', `/violations/${segment(violationId)}/acknowledge`, 'required', [200], { json: JSON.stringify({ idNumber }) });
      return r.ok ? parse(AcknowledgeResponse, r.value, 'POST /violations/acknowledge') : r;
    },

    async heartbeat(body) {
      const credentials = options.credentials();
      if (!credentials) return platformError('not-enrolled', 'heartbeat not sent: the terminal is not enrolled (or was revoked)');
      // Rebuilt field by field and parsed strictly: exactly the §7 fields, nothing else.
      const exact = HeartbeatBody.parse({
        appVersion: body.appVersion,
        uptimeSec: Math.max(0, Math.floor(body.uptimeSec)),
        queue: { pending: body.queue.pending, deadLetters: body.queue.deadLetters, oldestPendingAgeSec: body.queue.oldestPendingAgeSec },
        devices: body.devices.map((d) => ({ kind: d.kind, adapter: d.adapter, state: d.state })),
      });
      const r = await call('POST', `/terminals/${segment(credentials.terminalId)}/heartbeat`, 'required', [200, 204], { json: JSON.stringify(exact) });
      return r.ok ? ok(null) : r;
    },

    onAlert(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
