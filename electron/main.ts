import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { HostStartError, startHostServices } from './host/start';
import { startKioskShell } from './main-app';
import { createSafeStorageKeystore } from './main-keystore';

// The Electron entry point: everything here is wiring; the shell's behaviour lives in
// main-app.ts (unit-tested with a mocked electron) and the host in host/ (run in browser mode).
const devMode = !app.isPackaged || process.env.KIOSK_DEV_MODE === '1';
const log = (line: string) => process.stdout.write(`kiosk: ${line}\n`);

startKioskShell(
  { app, BrowserWindow, Menu, ipcMain, protocol, session },
  {
    distDir: join(__dirname, '..', 'renderer'),
    preloadPath: join(__dirname, 'preload.cjs'),
    devMode,
    log,
    startHost: async () => {
      try {
        return await startHostServices({
          mode: 'electron',
          devMode,
          dataDir: process.env.KIOSK_DATA_DIR ?? join(app.getPath('userData'), 'kiosk-data'),
          keystore: createSafeStorageKeystore(safeStorage),
          log,
        });
      } catch (e) {
        log(`cannot start: ${e instanceof HostStartError ? `${e.message} (${e.code})` : String(e)}`);
        app.exit(1);
        throw e;
      }
    },
  },
);
