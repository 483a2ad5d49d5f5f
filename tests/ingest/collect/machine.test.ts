import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { machineFingerprint, parseCpuInfo, parseMemTotalKb, readGitState, readMachineFacts } from '../../../ingest/collect/machine.ts';

test('parseCpuInfo reads the model and counts processors (real /proc/cpuinfo)', () => {
  assert.equal(parseCpuInfo(readFileSync('tests/fixtures/proc/cpuinfo.txt', 'utf8')), { cpu_model: 'AMD EPYC', cpu_count: 2 });
  assert.equal(parseCpuInfo(''), { cpu_model: null, cpu_count: 0 });
});

test('parseMemTotalKb (real /proc/meminfo)', () => {
  assert.is(parseMemTotalKb(readFileSync('tests/fixtures/proc/meminfo.txt', 'utf8')), 24684092);
  assert.throws(() => parseMemTotalKb('MemFree: 1 kB'), /meminfo has no MemTotal line/);
});

test('fingerprint: 16 hex digits, stable, sensitive to each fact, not to the hostname', () => {
  const f = { cpu_model: 'AMD EPYC', cpu_count: 2, mem_kb: 24684092, kernel: '6.18.44-fc-v657' };
  const fp = machineFingerprint(f);
  assert.match(fp, /^[0-9a-f]{16}$/);
  assert.is(machineFingerprint({ ...f }), fp);
  assert.is(fp, 'af782ead3beb24b9');
  assert.is.not(machineFingerprint({ ...f, cpu_count: 4 }), fp);
  assert.is.not(machineFingerprint({ ...f, kernel: '6.1.0' }), fp);
  assert.is.not(machineFingerprint({ ...f, mem_kb: 1 }), fp);
  assert.is.not(machineFingerprint({ ...f, cpu_model: 'Intel' }), fp);
});

test('readMachineFacts on this machine is consistent with its fingerprint; the name is the hostname unless given', () => {
  const m = readMachineFacts(null);
  assert.is(m.name, hostname());
  assert.is(readMachineFacts('ci-runner').name, 'ci-runner');
  assert.is(readMachineFacts('ci-runner').fingerprint, m.fingerprint);
  assert.ok(m.cpu_count >= 1);
  assert.ok(m.mem_kb > 0);
  assert.is(m.fingerprint, machineFingerprint(m));
});

test('readGitState: a commit hash in the repository, nulls outside one', () => {
  const g = readGitState(process.cwd());
  assert.match(g.commit ?? '', /^[0-9a-f]{40}$/);
  assert.type(g.dirty, 'boolean');
  assert.equal(readGitState('/'), { commit: null, dirty: null });
});

test.run();
