import type * as Electron from 'electron';
import { methodNames } from './api/define';
import { kioskContract } from './api/contract';
import type { Dispatch } from './api/dispatcher';
import { APP_HOST, APP_SCHEME, APP_URL, EVENT_CHANNEL, registerIpcHandlers } from './main-ipc';
import { hardenWebContents, isPermissionAllowed, isPermissionCheckAllowed, kioskWindowOptions } from './main-window';
import { serveRendererFile } from './static-files';

/** The parts of the `electron` module the shell uses; tests hand in a mock. */
export interface ElectronModules {
  readonly app: Pick<Electron.App, 'requestSingleInstanceLock' | 'on' | 'whenReady' | 'quit' | 'isPackaged'>;
  readonly BrowserWindow: new (options: Electron.BrowserWindowConstructorOptions) => Electron.BrowserWindow;
  readonly Menu: Pick<typeof Electron.Menu, 'setApplicationMenu'>;
  readonly ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
  readonly protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly session: { readonly defaultSession: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> };
}

export interface HostLink {
  readonly dispatch: Dispatch;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export interface ShellOptions {
  readonly distDir: string;
  readonly preloadPath: string;
  readonly devMode: boolean;
  /** starts the host services (devices, vault, platform client); called once the app is ready */
  readonly startHost: () => Promise<HostLink>;
  readonly log: (line: string) => void;
}

/** How long a renderer may stay unresponsive before the shell reloads it. */
export const HANG_RELOAD_MS = 15_000;

/**
 * The thin Electron shell: single instance, one hardened full-screen window, the app:// protocol
 * with the CSP, deny-by-default permissions, IPC derived from the contract, and self-healing
 * (renderer crash or hang → reload). Everything else lives in the host, which browser mode runs
 * without Electron.
 */
export function startKioskShell(electron: ElectronModules, options: ShellOptions): void {
  const { app, BrowserWindow, Menu, ipcMain, protocol, session } = electron;
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

  if (!app.requestSingleInstanceLock()) {
    options.log('another kiosk instance is running; exiting');
    app.quit();
    return;
  }

  let window: Electron.BrowserWindow | undefined;
  let host: HostLink | undefined;

  app.on('second-instance', () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void host?.close());

  const createWindow = () => {
    const win = new BrowserWindow(kioskWindowOptions(options.preloadPath, options.devMode));
    window = win;
    win.once('ready-to-show', () => win.show());
    let hangTimer: ReturnType<typeof setTimeout> | undefined;
    win.on('unresponsive', () => {
      options.log('renderer unresponsive');
      hangTimer ??= setTimeout(() => {
        hangTimer = undefined;
        options.log('renderer hung; reloading');
        win.webContents.forcefullyCrashRenderer();
        win.webContents.reload();
      }, HANG_RELOAD_MS);
    });
    win.on('responsive', () => {
      if (hangTimer) clearTimeout(hangTimer);
      hangTimer = undefined;
    });
    win.webContents.on('render-process-gone', (_event, details) => {
      options.log(`renderer gone (${details.reason}); reloading`);
      if (!win.isDestroyed()) void win.loadURL(APP_URL);
    });
    void win.loadURL(APP_URL);
    return win;
  };

  void app.whenReady().then(async () => {
    Menu.setApplicationMenu(null);
    protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url);
      if (url.host !== APP_HOST) return new Response('forbidden', { status: 403 });
      const file = await serveRendererFile(options.distDir, url.pathname);
      return new Response(file.body as BodyInit, { status: file.status, headers: file.headers });
    });
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
      const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
      callback(isPermissionAllowed(permission, details.requestingUrl ?? contents.getURL(), mediaTypes));
    });
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
      isPermissionCheckAllowed(permission, requestingOrigin, 'mediaType' in details ? details.mediaType : undefined),
    );
    host = await options.startHost();
    registerIpcHandlers(ipcMain, methodNames(kioskContract), host.dispatch, (method) => options.log(`refused ${method} from an untrusted frame`));
    host.subscribe((event, payload) => {
      if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
    });
    createWindow();
  });
}
