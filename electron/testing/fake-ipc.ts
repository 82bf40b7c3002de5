import type { InvokeEventLike, IpcMainLike } from '../main-ipc';
import type { IpcRendererLike } from '../preload-bridge';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export interface FakeSender {
  url: string;
  /** false simulates a call from a subframe */
  mainFrame: boolean;
}

/**
 * An ipcMain/ipcRenderer pair that behaves like Electron's where it matters for the contract:
 * arguments and results cross by structured clone (functions and class instances do not survive,
 * Uint8Array does), a missing handler rejects, and the sender frame is visible to the handler.
 */
export function createFakeIpc(sender: FakeSender = { url: 'app://kiosk/index.html', mainFrame: true }) {
  const handlers = new Map<string, Handler>();
  const rendererListeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const mainFrame = { url: sender.url, parent: null };

  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };

  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      const frame = sender.mainFrame ? mainFrame : { url: sender.url, parent: mainFrame };
      const event: InvokeEventLike = { sender: { mainFrame }, senderFrame: frame };
      const result = await handler(event, ...structuredClone(args));
      return structuredClone(result);
    },
    on(channel, listener) {
      const set = rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      rendererListeners.set(channel, set);
    },
    removeListener(channel, listener) {
      rendererListeners.get(channel)?.delete(listener);
    },
  };

  /** what `webContents.send(channel, ...args)` does */
  const send = (channel: string, ...args: unknown[]) => {
    for (const listener of rendererListeners.get(channel) ?? []) listener({}, ...structuredClone(args));
  };

  return { ipcMain, ipcRenderer, send, handlerCount: () => handlers.size };
}
