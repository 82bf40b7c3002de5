import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-bridge';

// Sandboxed preload: bundled into one file (scripts/build-main.mjs), exposes only `window.kiosk`.
contextBridge.exposeInMainWorld('kiosk', createPreloadApi(ipcRenderer));
