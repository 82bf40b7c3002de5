import type { ClientTransport } from './api/client';
import { createClient } from './api/client';
import { kioskContract, kioskEvents } from './api/contract';
import type { ClientOf } from './api/define';
import type { KioskContract, KioskEvents } from './api/contract';

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const CHANNEL_PREFIX = 'kiosk:';
const EVENT_CHANNEL = 'kiosk:event';

export function createIpcTransport(ipcRenderer: IpcRendererLike): ClientTransport {
  return {
    invoke: (method, input) => ipcRenderer.invoke(`${CHANNEL_PREFIX}${method}`, input),
    subscribe(listener) {
      const onEvent = (_event: unknown, name: unknown, payload: unknown) => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipcRenderer.on(EVENT_CHANNEL, onEvent as (event: unknown, ...args: unknown[]) => void);
      return () => void ipcRenderer.removeListener(EVENT_CHANNEL, onEvent as (event: unknown, ...args: unknown[]) => void);
    },
  };
}

/**
 * The object the preload exposes as `window.kiosk`: named methods only, derived from the
 * contract (Signal's minimal preload), never a generic `invoke(channel)` the page could abuse.
 */
export function createPreloadApi(ipcRenderer: IpcRendererLike): ClientOf<KioskContract, KioskEvents> {
  return createClient(kioskContract, kioskEvents, createIpcTransport(ipcRenderer));
}
