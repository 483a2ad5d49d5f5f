/**
 * What the site publishes in place of a raw file, when it must differ from the file in the run folder
 * (pure): `manifest.json` with its paths anchored and the machine under its chosen name
 * (ingest/published-manifest.ts), and pidstat's text with the chosen name in its banner, where the raw
 * hostname was. Every other file is published as it is. The run folder itself is never touched.
 */
import type { Manifest } from '../../ingest/manifest.ts';
import { publishedMachineName, publishedManifest } from '../../ingest/published-manifest.ts';

/**
 * The published text of a raw file, or null when it is published as it is. `read` gives the file's text
 * (called only when needed); `role` is the file's role in the manifest (null for files it does not list).
 *
 * @example
 * publishedRawFile('manifest.json', null, committedManifest, read) // -> '{\n  "schema_version": 1, ... "<project>/native/build/gateway" ...'
 * publishedRawFile('proxy/rep-1/throughput.pidstat.txt', 'pidstat', { ...m, machine: { ...m.machine, hostname: 'ann-laptop', name: 'bench-1' } }, read)
 * // -> 'Linux 6.18.44-fc-v1272 (bench-1) \t12/06/26 ...'
 */
export function publishedRawFile(path: string, role: string | null, manifest: Manifest, read: () => string): string | null {
  if (path === 'manifest.json') {
    const published = publishedManifest(manifest);
    return JSON.stringify(published) === JSON.stringify(manifest) ? null : `${JSON.stringify(published, null, 2)}\n`;
  }
  const name = publishedMachineName(manifest.machine);
  if (role !== 'pidstat' || name === manifest.machine.hostname) return null;
  const text = read();
  const eol = text.indexOf('\n');
  const banner = eol < 0 ? text : text.slice(0, eol);
  const swapped = banner.replace(`(${manifest.machine.hostname})`, `(${name})`);
  return swapped === banner ? null : swapped + text.slice(banner.length);
}
