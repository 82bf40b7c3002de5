// Bundles the Electron main process, the sandboxed preload and kioskctl with esbuild.
// The preload must be a single file: a sandboxed preload can only require 'electron'.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
// Native and optional modules stay outside the bundle; electron-builder ships them from node_modules.
const nativeExternal = ['electron', 'serialport', '@serialport/*', 'node-hid', 'usb', 'pino', 'thread-stream', 'ws', 'bufferutil', 'utf-8-validate'];

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', external: nativeExternal }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['cli/kioskctl.ts'], outfile: 'dist/cli/kioskctl.cjs', external: nativeExternal, banner: { js: '#!/usr/bin/env node' } }),
]);
console.log('built dist/electron/main.cjs, dist/electron/preload.cjs, dist/cli/kioskctl.cjs');
