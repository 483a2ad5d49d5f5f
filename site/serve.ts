/**
 * `npm run serve`: preview the built site on 127.0.0.1 under its path prefix.
 *
 *   npm run serve                                  _site/ at http://127.0.0.1:8080/
 *   npm run serve -- --base /gatebench/ --port 9000 --dir _site
 */
import { existsSync } from 'node:fs';
import { serveStatic } from './static-server.ts';
import { normalizeBase } from './views/href.ts';

function parse(argv: string[]): { dir: string; base: string; port: number } {
  const o = { dir: '_site', base: '/', port: 8080 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const v = argv[i + 1];
    if (!['--dir', '--base', '--port'].includes(flag)) throw new Error(`unknown option ${flag} (known: --dir, --base, --port)`);
    if (v === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === '--dir') o.dir = v;
    if (flag === '--base') o.base = normalizeBase(v);
    if (flag === '--port') {
      const p = Number(v);
      if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`--port must be an integer from 0 to 65535, got '${v}'`);
      o.port = p;
    }
  }
  return o;
}

async function main(): Promise<number> {
  let o;
  try {
    o = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`serve: ${(e as Error).message}`);
    return 2;
  }
  if (!existsSync(o.dir)) {
    console.error(`serve: ${o.dir}/ does not exist: build it first with npm run site${o.base === '/' ? '' : ` -- --base ${o.base}`}`);
    return 1;
  }
  try {
    const { url } = await serveStatic(o);
    console.log(`serve: ${o.dir}/ at ${url} (Ctrl-C to stop)`);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(`serve: cannot listen on 127.0.0.1:${o.port}: ${err.code === 'EADDRINUSE' ? 'port in use, pick another with --port' : err.message}`);
    return 1;
  }
  return await new Promise<number>(() => {});
}

main().then((code) => process.exit(code));
