/**
 * A static file server for a built site under its path prefix, as GitHub Pages serves a project site:
 * `/<base>/x/` -> `<dir>/x/index.html`. Used by `npm run serve` and by the browser test. Loopback only.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * The file a request path maps to, or null when it is outside the prefix or escapes the folder.
 *
 * @example
 * resolveRequest('/site', '/gb/', '/gb/runs/x/') // '/site/runs/x/index.html'
 * resolveRequest('/site', '/gb/', '/gb/../etc/passwd') // null
 */
export function resolveRequest(dir: string, base: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (!path.startsWith(base)) return null;
  const rel = path.slice(base.length);
  const root = resolve(dir);
  const full = resolve(root, rel);
  if (full !== root && !full.startsWith(root + sep)) return null;
  return rel === '' || rel.endsWith('/') ? join(full, 'index.html') : full;
}

/**
 * Start serving `dir` under `base` on 127.0.0.1 (port 0 picks a free one); resolves when listening.
 *
 * @example
 * const { server, url } = await serveStatic({ dir: '_site', base: '/gatebench/', port: 0 }); // url 'http://127.0.0.1:41234/gatebench/'
 */
export function serveStatic(o: { dir: string; base: string; port: number }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url === '/' && o.base !== '/') {
      res.writeHead(302, { location: o.base }).end();
      return;
    }
    const file = resolveRequest(o.dir, o.base, url);
    const st = file ? statSafe(file) : null;
    if (file && st?.isDirectory()) {
      res.writeHead(301, { location: `${url.split('?')[0]}/` }).end();
      return;
    }
    if (!file || !st) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': st.size, 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : o.port;
      resolvePromise({ server, url: `http://127.0.0.1:${port}${o.base}` });
    });
  });
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
