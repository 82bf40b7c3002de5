import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { MIME_TYPES, RENDERER_HEADERS } from './csp';

export interface StaticResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

/**
 * Serves the built renderer for both Electron's app:// handler and browser mode's HTTP server.
 * Paths are confined to the dist folder (no `..` escapes); unknown paths are 404, not index.html,
 * so a typo cannot turn into a confusing blank kiosk.
 */
export async function serveRendererFile(distDir: string, urlPath: string): Promise<StaticResponse> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return { status: 400, headers: { 'Content-Type': 'text/plain' }, body: 'bad path' };
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = normalize(distDir + sep);
  const file = normalize(join(root, pathname));
  if (!file.startsWith(root)) return { status: 403, headers: { 'Content-Type': 'text/plain' }, body: 'forbidden' };
  try {
    const body = await readFile(file);
    const type = MIME_TYPES[extname(file)] ?? 'application/octet-stream';
    return { status: 200, headers: { ...RENDERER_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' }, body };
  } catch {
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'not found' };
  }
}
