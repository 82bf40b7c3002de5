import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files. Electron serves them from the app:// protocol and
// browser mode from its loopback HTTP server, both with the same strict Content-Security-Policy,
// so the build must not need inline scripts or eval.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: { polyfill: false },
    // The kiosk loads its files from local disk, not a network: the one large chunk is the face
    // model's TensorFlow.js, which is loaded lazily on the photo screen.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      // loadtest.html: the development-mode load-test page (scripts/loadtest.ts, bench/outbox.ts)
      input: {
        main: resolve(import.meta.dirname, 'renderer/index.html'),
        loadtest: resolve(import.meta.dirname, 'renderer/loadtest.html'),
        // camera-check.html: the technician's camera and photo-quality check, also the page the
        // camera-quality end-to-end test drives (renderer/camera/quality/check-page.ts)
        cameraCheck: resolve(import.meta.dirname, 'renderer/camera-check.html'),
      },
    },
  },
});
