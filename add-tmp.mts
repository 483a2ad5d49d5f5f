import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { syntheticRunFiles } from './bench/lib/synthetic.ts';
const [root, iS] = process.argv.slice(2); const i = Number(iS); const runs = 200;
const id = `run-${String(i).padStart(4, '0')}`;
const effects = i >= runs / 2 ? { fdpass: { rps: 1.25, gw_sys: 0.4 } } : { fdpass: { rps: 1.15, gw_sys: 0.45 } };
const { manifest, files } = syntheticRunFiles({ id, created_at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3600_000).toISOString(), seed: i, repetitions: 5, effects, fingerprint: 'bench-machine', machine: 'bench-machine' });
for (const [p, text] of files) { mkdirSync(dirname(join(root, id, p)), { recursive: true }); writeFileSync(join(root, id, p), text); }
writeFileSync(join(root, id, 'manifest.json'), JSON.stringify(manifest));
