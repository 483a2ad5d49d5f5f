import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { migrateManifest } from '../../../ingest/manifest.ts';
import { publishedRawFile } from '../../../site/load/published-raw-file.ts';

const id = '2026-12-06T06-27-06Z-v1.0-vs-v2.0';
const committed = migrateManifest(JSON.parse(readFileSync(`raw-results/${id}/manifest.json`, 'utf8')));
const pidstatPath = 'proxy/rep-1/throughput.pidstat.txt';
const pidstat = readFileSync(`raw-results/${id}/${pidstatPath}`, 'utf8');
const anchored = migrateManifest(JSON.parse(readFileSync('tests/fixtures/site/nginx-idle-master.manifest.json', 'utf8')));
const unread = () => {
  throw new Error('not read');
};

test("a committed run's manifest.json is published with anchored paths; an anchored one as it is", () => {
  const text = publishedRawFile('manifest.json', null, committed, unread)!;
  assert.not.match(text, /\/work\/main/);
  assert.equal(JSON.parse(text).config.variants[1].start, ['<project>/native/build/gateway', '--mode', 'fdpass', '--port', '8081', '--workers', '1']);
  assert.is(publishedRawFile('manifest.json', null, anchored, unread), null);
});

test("pidstat's banner carries the machine's chosen name, not the hostname; without a chosen name the file is published as it is", () => {
  assert.is(publishedRawFile(pidstatPath, 'pidstat', committed, () => pidstat), null);
  const named = { ...committed, machine: { ...committed.machine, name: 'bench-1' } };
  const text = publishedRawFile(pidstatPath, 'pidstat', named, () => pidstat)!;
  assert.is(text.split('\n')[0], 'Linux 6.18.44-fc-v1272 (bench-1) \t12/06/26 \t_x86_64_\t(2 CPU)');
  assert.is(text.slice(text.indexOf('\n')), pidstat.slice(pidstat.indexOf('\n')));
  // other raw files are published as they are
  assert.is(publishedRawFile('proxy/rep-1/throughput.wrk.txt', 'wrk', named, unread), null);
});

test.run();
