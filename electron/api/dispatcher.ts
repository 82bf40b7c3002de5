import type { z } from 'zod';
import { describeError } from '../../drivers/result';
import { type CallContext, type Contract, type HandlersOf, lookupMethod, type WireResult } from './define';

export type Dispatch = (method: string, rawInput: unknown, ctx: CallContext) => Promise<WireResult>;

export interface DispatcherOptions {
  /** methods that exist in the contract but are not offered here (e.g. `dev.*` outside browser mode) */
  readonly unavailable?: (method: string) => boolean;
  /** told about programmer errors (a handler threw, or returned something off-contract); no personal data */
  readonly onFault?: (method: string, code: string, detail: string) => void;
}

/**
 * The main-side half of every transport: look the method up in the contract, parse the input
 * (refused with `invalid-input`, never passed on), run the handler, check its output against the
 * contract, and wrap everything as `{ok, value} | {ok: false, error}`.
 */
export function createDispatcher<C extends Contract>(contract: C, handlers: HandlersOf<C>, options: DispatcherOptions = {}): Dispatch {
  const table = handlers as unknown as Record<string, Record<string, (input: unknown, ctx: CallContext) => Promise<WireResult>>>;
  return async (method, rawInput, ctx) => {
    const def = lookupMethod(contract, method);
    const dot = method.indexOf('.');
    const handler = def ? table[method.slice(0, dot)]?.[method.slice(dot + 1)] : undefined;
    if (!def || !handler) return { ok: false, error: { code: 'unknown-method', message: `no such method: ${method.slice(0, 100)}` } };
    if (options.unavailable?.(method)) return { ok: false, error: { code: 'not-available', message: `${method} is not available in this mode` } };
    const input = def.input.safeParse(rawInput ?? {});
    if (!input.success) {
      return { ok: false, error: { code: 'invalid-input', message: `${method}: ${summariseIssues(input.error)}` } };
    }
    let result: WireResult;
    try {
      result = await handler(input.data, ctx);
    } catch (e) {
      options.onFault?.(method, 'internal-error', describeError(e));
      return { ok: false, error: { code: 'internal-error', message: `${method} failed unexpectedly` } };
    }
    if (!result.ok) return { ok: false, error: result.error };
    const output = def.output.safeParse(result.value);
    if (!output.success) {
      options.onFault?.(method, 'invalid-output', summariseIssues(output.error));
      return { ok: false, error: { code: 'invalid-output', message: `${method} produced a result outside the contract` } };
    }
    return { ok: true, value: output.data };
  };
}

/** Paths and issue codes only: zod messages can quote the offending value, which may be personal data. */
export function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
}
