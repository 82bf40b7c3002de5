/**
 * Results instead of exceptions (STYLE.md §5): a citizen can pull a card out halfway through
 * a read, a cable can be unplugged, the platform can answer 500. Those are outcomes the caller
 * must handle, so they are values. Throw only for programmer errors.
 */
export interface CodedError<C extends string = string> {
  /** kebab-case, stable, safe to show to a technician; never contains personal data */
  readonly code: C;
  /** one clear line, in English; the UI maps codes to localised text */
  readonly message: string;
  /** when the failure says how long to wait (Retry-After, device busy) */
  readonly retryAfterMs?: number;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E extends CodedError = CodedError> = { readonly ok: false; readonly error: E };
export type Result<T, E extends CodedError = CodedError> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export function err<C extends string>(code: C, message: string, extra?: { retryAfterMs?: number }): Err<CodedError<C>> {
  return { ok: false, error: extra?.retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs: extra.retryAfterMs } };
}

/** Exhaustiveness guard for `switch` over unions (STYLE.md §5). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

/** A message that is safe to log: error messages from libraries can carry paths, never personal data. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
