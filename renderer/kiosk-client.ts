import { createClient } from '../electron/api/client';
import { kioskContract, type KioskContract, kioskEvents, type KioskEvents } from '../electron/api/contract';
import type { ClientOf } from '../electron/api/define';
import { createWsTransport } from './transport/ws-client';

export type KioskClient = ClientOf<KioskContract, KioskEvents>;

declare global {
  interface Window {
    /** set by the Electron preload; absent in browser mode */
    readonly kiosk?: KioskClient;
  }
}

export const KIOSK_WS_PATH = '/kiosk-ws';

/**
 * The one way the renderer reaches the host. Under Electron the preload has already exposed
 * `window.kiosk` (IPC); in browser mode the same contract runs over a loopback WebSocket to the
 * host that served this page. Screens cannot tell the difference.
 */
export function connectKiosk(): KioskClient {
  if (window.kiosk) return window.kiosk;
  const url = new URL(KIOSK_WS_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return createClient(kioskContract, kioskEvents, createWsTransport(url.href));
}
