import { type CodedError, err, type Result } from '../../drivers/result';
import type { ClientOf, Contract, EventsDef } from './define';
import { summariseIssues } from './dispatcher';
import { WireResultSchema } from './wire';

/** The renderer-side half of a transport: IPC in the preload, WebSocket in browser mode. */
export interface ClientTransport {
  /** sends one call; resolves with the raw wire result, rejects only when the transport itself failed */
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * Builds the typed `window.kiosk` object from the contract. Every answer is parsed again on this
 * side (zod at the boundary, both ways): a host that answers off-contract is a coded error here,
 * not a surprise three screens later.
 */
export function createClient<C extends Contract, E extends EventsDef>(contract: C, events: E, transport: ClientTransport): ClientOf<C, E> {
  const api: Record<string, unknown> = {};
  for (const [group, methods] of Object.entries(contract)) {
    const target: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {};
    for (const [name, def] of Object.entries(methods)) {
      const wireName = `${group}.${name}`;
      target[name] = async (input?: unknown) => {
        let raw: unknown;
        try {
          raw = await transport.invoke(wireName, input ?? {});
        } catch (e) {
          return err('transport-failed', `${wireName}: ${e instanceof Error ? e.message : 'the host did not answer'}`);
        }
        const wire = WireResultSchema.safeParse(raw);
        if (!wire.success) return err('invalid-response', `${wireName}: malformed answer from the host`);
        if (!wire.data.ok) return { ok: false, error: wire.data.error as CodedError };
        const value = def.output.safeParse(wire.data.value);
        if (!value.success) return err('invalid-response', `${wireName}: ${summariseIssues(value.error)}`);
        return { ok: true, value: value.data };
      };
    }
    api[group] = Object.freeze(target);
  }
  api.on = (event: string, listener: (payload: unknown) => void): (() => void) => {
    const schema = Object.hasOwn(events, event) ? events[event] : undefined;
    if (!schema) throw new Error(`unknown kiosk event: ${event}`);
    return transport.subscribe((name, payload) => {
      if (name !== event) return;
      const parsed = schema.safeParse(payload);
      if (parsed.success) listener(parsed.data);
    });
  };
  return Object.freeze(api) as ClientOf<C, E>;
}
