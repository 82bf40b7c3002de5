import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './main-ipc';

/**
 * One full-screen kiosk window, hardened: context isolation, the renderer sandbox, no Node in
 * the page, no devtools outside development. (Avoid list in STYLE.md: `sandbox: false`.)
 */
export function kioskWindowOptions(preloadPath: string, devMode: boolean): BrowserWindowConstructorOptions {
  return {
    show: false,
    fullscreen: true,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#0b2d5b',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: devMode,
      safeDialogs: true,
    },
  };
}

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Deny-by-default permissions (Signal's permissions map): only camera video, only for our page. */
export function isPermissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] | undefined): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission !== 'media') return false;
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video');
}

/** Permission *checks* (as opposed to requests) carry no media types; allow the camera check only. */
export function isPermissionCheckAllowed(permission: string, requestingOrigin: string, mediaType: string | undefined): boolean {
  return permission === 'media' && mediaType === 'video' && isAppUrl(requestingOrigin.endsWith('/') ? requestingOrigin : `${requestingOrigin}/`);
}

type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/**
 * No navigation away from the kiosk page, no new windows, no <webview>: a citizen must not be
 * able to reach anything else from a public terminal.
 */
export function hardenWebContents(contents: HardenableContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
