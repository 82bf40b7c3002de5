import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserMode } from './browser-mode';
import { HostStartError, startHostServices } from './host/start';

// `npm start` where Electron is not installed, or `npm run browser`: the real host in Node and
// the renderer in Chromium, over a loopback WebSocket.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5174' },
    'data-dir': { type: 'string', default: '.kiosk-data' },
    config: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
  },
  strict: true,
});

const log = (line: string) => process.stdout.write(`kiosk: ${line}\n`);
const distDir = resolve('dist', 'renderer');
if (!existsSync(join(distDir, 'index.html'))) {
  process.stderr.write('kiosk: the renderer is not built; run `npm run build:renderer` (npm start does it for you)\n');
  process.exit(1);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`kiosk: --port must be a port number\n`);
  process.exit(2);
}

try {
  const dataDir = resolve(values['data-dir']);
  const mode = await startBrowserMode({
    distDir,
    port,
    log,
    startHost: () => startHostServices({ mode: 'browser', devMode: true, dataDir, ...(values.config ? { configPath: resolve(values.config) } : {}), log }),
  });
  process.stdout.write(`Browser mode: open ${mode.url} in Chromium (simulated devices and the dev panel are on; Ctrl+C stops).\n`);
  if (!values['no-open']) openChromium(mode.url);
  const stop = () => {
    void mode.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  const message = e instanceof HostStartError ? `${e.message} (${e.code})` : e instanceof Error ? e.message : String(e);
  process.stderr.write(`kiosk: cannot start: ${message}\n`);
  process.exit(1);
}

/** App-mode Chromium where there is a display to show it on; otherwise the printed URL is the way in. */
function openChromium(url: string): void {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const binary = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  if (!binary) return;
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
  const child = spawn(binary, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])], {
    stdio: 'ignore',
    detached: true,
  });
  child.on('error', () => log('could not open Chromium; open the URL above yourself'));
  child.unref();
}
