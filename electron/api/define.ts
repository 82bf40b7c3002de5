import type { z } from 'zod';
import type { CodedError, Result } from '../../drivers/result';

/**
 * The kiosk API is data (STYLE.md §8): a contract is groups of methods, each an input and an
 * output zod schema. The preload bridge, the main-process handlers and the browser-mode
 * WebSocket transport are all derived from it, never hand-copied per method.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export type Contract = Record<string, Record<string, MethodDef>>;
export type EventsDef = Record<string, z.ZodType>;

export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> => ({ input, output });

/** `idReader.read` style names: the channel suffix and the wire name of a method. */
export type MethodName<C extends Contract> = {
  [G in keyof C & string]: `${G}.${keyof C[G] & string}`;
}[keyof C & string];

export function methodNames(contract: Contract): string[] {
  return Object.entries(contract).flatMap(([group, methods]) => Object.keys(methods).map((name) => `${group}.${name}`));
}

export function lookupMethod(contract: Contract, name: string): MethodDef | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const group = Object.hasOwn(contract, name.slice(0, dot)) ? contract[name.slice(0, dot)] : undefined;
  const methodName = name.slice(dot + 1);
  return group && Object.hasOwn(group, methodName) ? group[methodName] : undefined;
}

type ClientMethod<D> =
  D extends MethodDef<infer I, infer O>
    ? Record<string, never> extends z.input<I>
      ? (input?: z.input<I>) => Promise<Result<z.output<O>>>
      : (input: z.input<I>) => Promise<Result<z.output<O>>>
    : never;

export type EventListener<E extends EventsDef, K extends keyof E> = (payload: z.output<E[K]>) => void;

/** What the renderer sees as `window.kiosk`, whichever transport is underneath. */
export type ClientOf<C extends Contract, E extends EventsDef> = {
  readonly [G in keyof C]: { readonly [M in keyof C[G]]: ClientMethod<C[G][M]> };
} & {
  on<K extends keyof E & string>(event: K, listener: EventListener<E, K>): () => void;
};

export interface CallContext {
  /** which transport the call came through, for the audit log */
  readonly transport: 'ipc' | 'ws' | 'direct';
}

type HandlerOf<D> =
  D extends MethodDef<infer I, infer O> ? (input: z.output<I>, ctx: CallContext) => Promise<Result<z.input<O>>> : never;

/** The host implements one handler per method; it receives parsed input and returns a Result. */
export type HandlersOf<C extends Contract> = {
  readonly [G in keyof C]: { readonly [M in keyof C[G]]: HandlerOf<C[G][M]> };
};

/** What crosses the boundary: `{ok: true, value} | {ok: false, error: {code, message}}`. */
export type WireResult = { ok: true; value: unknown } | { ok: false; error: CodedError };
