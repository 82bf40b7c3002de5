import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import type { ElectronModules } from '../main-app';

type Listener = (...args: unknown[]) => unknown;

/** A BrowserWindow stand-in that records what the shell did to it. */
export class FakeWindow extends EventEmitter {
  static instances: FakeWindow[] = [];
  readonly loaded: string[] = [];
  shown = false;
  crashedRenderer = 0;
  reloads = 0;
  readonly sent: unknown[][] = [];
  readonly webContents = Object.assign(new EventEmitter(), {
    send: (...args: unknown[]) => this.sent.push(args),
    forcefullyCrashRenderer: () => void this.crashedRenderer++,
    reload: () => void this.reloads++,
    getURL: () => this.loaded.at(-1) ?? '',
  });
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    FakeWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}

export function createFakeElectron(options: { gotLock?: boolean } = {}) {
  FakeWindow.instances = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitCalls: 0,
    requestSingleInstanceLock: () => options.gotLock ?? true,
    whenReady: () => Promise.resolve(),
    quit() {
      app.quitCalls++;
    },
  });
  const calls = {
    menu: [] as unknown[],
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    permissionRequest: undefined as undefined | Listener,
    permissionCheck: undefined as undefined | Listener,
  };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Menu: { setApplicationMenu: (menu: unknown) => void calls.menu.push(menu) },
    ipcMain: {
      handle: (channel: string, listener: Listener) => void calls.ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => void calls.ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => void calls.privileged.push(schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void calls.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => void (calls.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => void (calls.permissionCheck = handler),
      },
    },
  };
  return { electron: electron as unknown as ElectronModules, app, calls };
}
