// `npm start`: the real Electron kiosk where the Electron binary is installed; browser mode
// (host in Node, renderer in Chromium over loopback) where it is not. Both run with simulated
// devices and the local platform stand-in unless a configuration file says otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

/** The Electron binary, if it was downloaded (it cannot be on machines without access to its host). */
function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const bin = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
run(npx, ['vite', 'build', '--logLevel', 'warn']);

const electron = forceBrowser ? undefined : electronBinary();
if (electron) {
  run(process.execPath, ['scripts/build-main.mjs']);
  const child = spawn(electron, ['.', ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!forceBrowser) console.log('Electron is not installed here, so the kiosk starts in browser mode (install Electron with `node node_modules/electron/install.js`).');
  // node --import tsx (not npx tsx): one process, so Ctrl+C and SIGTERM reach the host itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/browser-main.ts', ...passThrough], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
