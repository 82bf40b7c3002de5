import type { Dispatch } from './api/dispatcher';

/** The slice of Electron's IpcMainInvokeEvent the checks need (so tests can hand in a fake). */
export interface InvokeEventLike {
  readonly sender: { readonly mainFrame: unknown };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export const CHANNEL_PREFIX = 'kiosk:';
export const EVENT_CHANNEL = 'kiosk:event';

/** `app://kiosk/…`: the only page allowed to call the host (see main-window.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * A call is trusted only from the kiosk page itself, in its main frame: not from an iframe, not
 * from a page the window was somehow navigated to (VS Code's validated IPC; Signal's checks).
 * URL.origin is "null" for custom schemes, so protocol and host are compared instead.
 */
export function isTrustedSender(event: InvokeEventLike): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || frame !== event.sender.mainFrame) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Registers one `kiosk:<group>.<method>` handler per contract method. The dispatcher parses the
 * input, runs the host handler and checks the output; untrusted senders get a coded refusal.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, methods: readonly string[], dispatch: Dispatch, onRefused?: (method: string) => void): () => void {
  for (const method of methods) {
    ipcMain.handle(`${CHANNEL_PREFIX}${method}`, async (event, input) => {
      if (!isTrustedSender(event)) {
        onRefused?.(method);
        return { ok: false, error: { code: 'forbidden-sender', message: 'calls are accepted from the kiosk page only' } };
      }
      return dispatch(method, input, { transport: 'ipc' });
    });
  }
  return () => {
    for (const method of methods) ipcMain.removeHandler(`${CHANNEL_PREFIX}${method}`);
  };
}
