import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames } from './api/define';
import { kioskContract } from './api/contract';
import { CONTENT_SECURITY_POLICY } from './csp';
import { HANG_RELOAD_MS, type HostLink, startKioskShell } from './main-app';
import { createFakeElectron, FakeWindow } from './testing/fake-electron';

let distDir: string;
beforeEach(() => {
  distDir = mkdtempSync(join(tmpdir(), 'kiosk-dist-'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>kiosk</title>');
});
afterEach(() => {
  rmSync(distDir, { recursive: true, force: true });
  vi.useRealTimers();
});

function fakeHost(): HostLink & { listeners: Set<(e: string, p: unknown) => void> } {
  const listeners = new Set<(e: string, p: unknown) => void>();
  return {
    listeners,
    dispatch: async () => ({ ok: true, value: null }),
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    close: async () => undefined,
  };
}

async function start(options: { gotLock?: boolean } = {}) {
  const fake = createFakeElectron(options);
  const host = fakeHost();
  const logs: string[] = [];
  startKioskShell(fake.electron, { distDir, preloadPath: '/app/preload.cjs', devMode: false, startHost: async () => host, log: (l) => logs.push(l) });
  await vi.waitFor(() => {
    if (options.gotLock !== false) expect(FakeWindow.instances).toHaveLength(1);
  });
  return { ...fake, host, logs, window: FakeWindow.instances[0] };
}

describe('the Electron shell', () => {
  it('quits without a window when another instance holds the lock', async () => {
    const { app } = await start({ gotLock: false });
    expect(app.quitCalls).toBe(1);
    expect(FakeWindow.instances).toHaveLength(0);
  });

  it('opens one hardened full-screen kiosk window on the app:// page', async () => {
    const { window, calls } = await start();
    const prefs = window?.options.webPreferences;
    expect(window?.options).toMatchObject({ fullscreen: true, kiosk: true, frame: false });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: false, preload: '/app/preload.cjs' });
    expect(window?.loaded).toEqual(['app://kiosk/index.html']);
    expect(calls.menu).toEqual([null]);
    window?.emit('ready-to-show');
    expect(window?.shown).toBe(true);
  });

  it('registers one IPC handler per contract method and forwards host events to the window', async () => {
    const { calls, host, window } = await start();
    expect([...calls.ipcHandlers.keys()].sort()).toEqual(methodNames(kioskContract).map((m) => `kiosk:${m}`).sort());
    for (const l of host.listeners) l('devices.status', { kind: 'printer' });
    expect(window?.sent).toEqual([['kiosk:event', 'devices.status', { kind: 'printer' }]]);
  });

  it('serves the renderer with the strict Content-Security-Policy and refuses other hosts', async () => {
    const { calls } = await start();
    const handler = calls.protocolHandlers.get('app');
    const page = await handler!(new Request('app://kiosk/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect((await handler!(new Request('app://kiosk/../../etc/passwd'))).status).not.toBe(200);
    expect((await handler!(new Request('app://elsewhere/index.html'))).status).toBe(403);
  });

  it('denies every permission except camera video for the kiosk page', async () => {
    const { calls } = await start();
    const ask = (permission: string, url: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) => calls.permissionRequest!({ getURL: () => url } as never, permission as never, resolve as never, { requestingUrl: url, mediaTypes } as never));
    expect(await ask('media', 'app://kiosk/index.html', ['video'])).toBe(true);
    expect(await ask('media', 'app://kiosk/index.html', ['audio'])).toBe(false);
    expect(await ask('media', 'app://kiosk/index.html', ['video', 'audio'])).toBe(false);
    expect(await ask('media', 'https://evil.example/', ['video'])).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'hid', 'serial'])
      expect(await ask(p, 'app://kiosk/index.html')).toBe(false);
    const check = calls.permissionCheck!;
    expect(check({} as never, 'media' as never, 'app://kiosk', { mediaType: 'video' } as never)).toBe(true);
    expect(check({} as never, 'media' as never, 'app://kiosk', { mediaType: 'audio' } as never)).toBe(false);
    expect(check({} as never, 'geolocation' as never, 'app://kiosk', {} as never)).toBe(false);
  });

  it('denies navigation away from the kiosk, new windows and webviews', async () => {
    const { app } = await start();
    const contents = Object.assign(new (await import('node:events')).EventEmitter(), {
      openHandler: undefined as undefined | (() => { action: string }),
      setWindowOpenHandler(h: () => { action: string }) {
        this.openHandler = h;
      },
    });
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
    const nav = (event: string, url?: string) => {
      const e = { prevented: false, preventDefault() { this.prevented = true; } };
      contents.emit(event, e, url);
      return e.prevented;
    };
    expect(nav('will-navigate', 'https://evil.example/')).toBe(true);
    expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(nav('will-navigate', 'app://kiosk/index.html')).toBe(false);
    expect(nav('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(nav('will-attach-webview')).toBe(true);
  });

  it('reloads the renderer after a crash and after a hang', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { window } = await start();
    window?.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window?.loaded).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html']);
    window?.emit('unresponsive');
    vi.advanceTimersByTime(HANG_RELOAD_MS - 1);
    expect(window?.reloads).toBe(0);
    vi.advanceTimersByTime(1);
    expect(window?.crashedRenderer).toBe(1);
    expect(window?.reloads).toBe(1);
    window?.emit('unresponsive');
    window?.emit('responsive');
    vi.advanceTimersByTime(HANG_RELOAD_MS * 2);
    expect(window?.reloads).toBe(1);
  });
});
