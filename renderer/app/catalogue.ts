import type { CachedService } from '../sync';

/**
 * The service catalogue as the platform last sent it (cached in the outbox database for offline
 * use), as a tiny external store for useSyncExternalStore. Empty until the first pull: then the
 * kiosk offers what it has built, and fees are simply not shown.
 */
export interface CatalogueStore {
  readonly get: () => ReadonlyMap<string, CachedService>;
  readonly set: (services: readonly CachedService[]) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

export function createCatalogueStore(): CatalogueStore {
  let current: ReadonlyMap<string, CachedService> = new Map();
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (services) => {
      current = new Map(services.map((s) => [s.code, s]));
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
