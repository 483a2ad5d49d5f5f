import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePerfStat, sniffPerfStat } from '../../../ingest/parsers/perf-stat.ts';
import type { PerfStatRecord } from '../../../ingest/records/perf-stat.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/perf-stat/${name}`, import.meta.url), 'utf8');
const ev = (r: PerfStatRecord, name: string) => {
  const e = r.events.find((x) => x.event === name);
  if (!e) throw new Error(`no event ${name}`);
  return e;
};
const parseError = (text: string) => thrownParseError(() => parsePerfStat(text));

test('text, -p PID (captured, perf 6.1): header, msec, counts, <not supported>, elapsed', () => {
  const r = parsePerfStat(fixture('text-p-nginx-worker.txt'));
  assert.is(r.layout, 'text');
  assert.is(r.target, "process id '5835'");
  assert.equal(r.pids, [5835]);
  assert.is(r.runs, null);
  assert.equal(ev(r, 'task-clock'), { event: 'task-clock', value: 1098.89, unit: 'msec', status: 'counted', running_pct: 100, metric_value: 0.544, metric_unit: 'CPUs utilized' });
  assert.is(ev(r, 'context-switches').value, 18238);
  assert.is(ev(r, 'context-switches').metric_unit, 'K/sec');
  assert.is(ev(r, 'cpu-migrations').value, 30);
  assert.equal(ev(r, 'cycles'), { event: 'cycles', value: null, unit: '', status: 'not supported', running_pct: null });
  assert.is(r.events.length, 8);
  assert.is(r.elapsed_s, 2.019670249);
  assert.is(r.user_s, null);
});

test('text with a command: seconds user and sys', () => {
  const r = parsePerfStat(fixture('text-events-gzip.txt'));
  assert.is(r.target, "'gzip -c /usr/bin/perf'");
  assert.is(r.elapsed_s, 0.452352313);
  assert.is(r.user_s, 0.328125);
  assert.is(r.sys_s, 0.011449);
  assert.is(ev(r, 'page-faults').value, 194);
});

test('locales: de_DE grouping 1.145,00 / 17.540, fr_FR U+202F grouping, en_US 1,185.23', () => {
  const de = parsePerfStat(fixture('text-p-de_DE-grouped.txt'));
  assert.is(ev(de, 'task-clock').value, 1145);
  assert.is(ev(de, 'context-switches').value, 17540);
  assert.is(ev(de, 'task-clock').metric_value, 0.572);
  assert.is(de.elapsed_s, 2.002071626);
  const fr = parsePerfStat(fixture('text-p-fr_FR-grouped.txt'));
  assert.is(ev(fr, 'task-clock').value, 1115.23);
  assert.is(ev(fr, 'context-switches').value, 17996);
  assert.is(fr.elapsed_s, 2.00193635);
  const en = parsePerfStat(fixture('text-p-en_US-grouped.txt'));
  assert.is(ev(en, 'task-clock').value, 1185.23);
  assert.is(ev(en, 'context-switches').value, 16264);
  const frCmd = parsePerfStat(fixture('text-fr_FR.txt'));
  assert.is(frCmd.user_s, 0.322153);
  assert.is(frCmd.sys_s, 0.003928);
});

test('-r 3: variance per event and "x +- y seconds time elapsed", in C and de_DE', () => {
  const r = parsePerfStat(fixture('text-r3.txt'));
  assert.is(r.runs, 3);
  assert.is(r.elapsed_s, 0.3517);
  assert.is(r.elapsed_stdev_s, 0.038);
  assert.is(ev(r, 'task-clock').variance_pct, 7.11);
  assert.is(ev(r, 'context-switches').variance_pct, 809.49);
  assert.is(ev(r, 'cpu-migrations').variance_pct, undefined);
  const de = parsePerfStat(fixture('text-de_DE-r3.txt'));
  assert.is(de.elapsed_s, 0.4049);
  assert.is(de.elapsed_stdev_s, 0.0224);
  assert.is(ev(de, 'context-switches').variance_pct, 223.91);
  assert.is(ev(de, 'task-clock').value, 335.97);
});

test('-I 500 text: intervals and their sums, fr_FR values with a "." timestamp', () => {
  const r = parsePerfStat(fixture('text-I500.txt'));
  assert.is(r.intervals!.length, 2);
  assert.is(r.intervals![0].time_s, 0.500554729);
  assert.is(r.intervals![0].events[1].value, 58);
  assert.is(ev(r, 'context-switches').value, 109);
  assert.is(ev(r, 'task-clock').value, 799.24);
  assert.is(r.elapsed_s, 0.957918833);
  const fr = parsePerfStat(fixture('text-fr_FR-I500.txt'));
  assert.is(fr.intervals![0].events[0].value, 423.93);
  assert.is(ev(fr, 'task-clock').value, 700.85);
});

test('-x, CSV: plain, -r (variance column), -I (time column)', () => {
  const r = parsePerfStat(fixture('csv-x.txt'));
  assert.is(r.layout, 'csv');
  assert.equal(ev(r, 'task-clock'), { event: 'task-clock', value: 338.41, unit: 'msec', status: 'counted', running_pct: 100, runtime_ns: 338413049, metric_value: 0.75, metric_unit: 'CPUs utilized' });
  assert.is(ev(r, 'context-switches').value, 267);
  assert.is(ev(r, 'cycles').status, 'not supported');
  assert.is(ev(r, 'cycles').value, null);
  const r3 = parsePerfStat(fixture('csv-x-r3.txt'));
  assert.is(ev(r3, 'context-switches').variance_pct, 17.08);
  assert.is(ev(r3, 'context-switches').value, 57);
  assert.is(ev(r3, 'context-switches').runtime_ns, 332613334);
  const i = parsePerfStat(fixture('csv-x-I500.txt'));
  assert.is(i.intervals!.length, 2);
  assert.is(i.intervals![1].time_s, 0.981711117);
  assert.is(ev(i, 'context-switches').value, 151);
});

test('-x, under de_DE: perf splits 1240,82 and 100,00 on its own separator; re-joined', () => {
  const r = parsePerfStat(fixture('csv-x-p-de_DE-grouped.txt'));
  assert.is(ev(r, 'task-clock').value, 1240.82);
  assert.is(ev(r, 'task-clock').running_pct, 100);
  assert.is(ev(r, 'task-clock').metric_value, null);
  assert.is(ev(r, 'context-switches').value, 18464);
  assert.is(ev(r, 'context-switches').runtime_ns, 1240824785);
  const semi = parsePerfStat(fixture('csv-xsemicolon-p-de_DE.txt'));
  assert.is(ev(semi, 'task-clock').value, 1195.7);
  assert.is(ev(semi, 'cpu-migrations').value, 22);
});

test('--json lines: counter-value strings, variance, intervals', () => {
  const r = parsePerfStat(fixture('json.txt'));
  assert.is(r.layout, 'json');
  assert.is(ev(r, 'task-clock').value, 256.023636);
  assert.is(ev(r, 'context-switches').value, 14);
  assert.is(ev(r, 'cycles').status, 'not supported');
  const r3 = parsePerfStat(fixture('json-r3.txt'));
  assert.is(ev(r3, 'context-switches').variance_pct, 88.19);
  const i = parsePerfStat(fixture('json-I500.txt'));
  assert.is(i.intervals!.length, 2);
  assert.is(ev(i, 'context-switches').value, 66);
  assert.is(i.elapsed_s, 0.895780741);
});

test('public snippets: multiplexing (61,93%), old [83.43%] brackets and continuation line, space grouping', () => {
  const de = parsePerfStat(fixture('snippet-cpp-variant-de-r5-multiplex.txt'));
  assert.is(de.runs, 5);
  assert.is(ev(de, 'cycles').value, 1065848451);
  assert.is(ev(de, 'cycles').running_pct, 61.93);
  assert.is(ev(de, 'cycles').variance_pct, 0.36);
  assert.is(de.elapsed_s, 0.34247);
  const old = parsePerfStat(fixture('snippet-netdata-kc-247-old-perf-brackets.txt'));
  assert.is(ev(old, 'task-clock').value, 1920.159821);
  assert.is(ev(old, 'task-clock').unit, 'msec');
  assert.is(ev(old, 'cycles').running_pct, 83.43);
  assert.is(ev(old, 'instructions').running_pct, 83.51);
  const ru = parsePerfStat(fixture('snippet-space-grouped-decimal-comma.txt'));
  assert.is(ev(ru, 'task-clock').value, 10005.72);
  assert.is(ev(ru, 'cycles').value, 27655923827);
  assert.is(ev(ru, 'cache-misses').running_pct, 83.36);
  assert.is(ev(parsePerfStat(fixture('snippet-decimal-comma-no-grouping.txt')), 'cycles').value, 2105546411);
});

test('public snippets: <not counted>, system wide, WSL2, perf 4.4 CSV, colon separator, JSON variants', () => {
  const nc = parsePerfStat(fixture('snippet-perfmon-299-not-counted-hybrid.txt'));
  assert.equal(ev(nc, 'cpu_core/TOPDOWN.SLOTS/'), { event: 'cpu_core/TOPDOWN.SLOTS/', value: null, unit: '', status: 'not counted', running_pct: null });
  assert.is(ev(nc, 'TSC').value, 142484516);
  const sw = parsePerfStat(fixture('snippet-perf-tools-69-system-wide-not-supported.txt'));
  assert.is(sw.target, "'system wide'");
  assert.is(sw.elapsed_s, 10.00091041);
  const wsl = parsePerfStat(fixture('snippet-wsl2-110-msec-user-sys.txt'));
  assert.is(ev(wsl, 'page-faults').value, 114);
  assert.is(wsl.user_s, 0.002571);
  const rj = parsePerfStat(fixture('snippet-raptorjit-159-csv-5-fields.txt'));
  assert.is(ev(rj, 'task-clock').value, 0.327422);
  assert.is(ev(rj, 'task-clock').unit, 'msec');
  assert.is(ev(parsePerfStat(fixture('snippet-csv-colon-separator.txt')), 'cycles').value, 759523);
  assert.is(ev(parsePerfStat(fixture('snippet-json-v6.0-commit.txt')), 'cpu-clock').value, 3805.723968);
  assert.is(ev(parsePerfStat(fixture('snippet-json-hybrid-string-metric.txt')), 'cpu_core/branch-misses/').metric_value, 3.553394);
  assert.is(ev(parsePerfStat(fixture('snippet-json-trailing-comma.txt')), 'armv8_pmuv3_1/branch-misses/').value, 3112);
});

test('refused or unreadable inputs: per-CPU aggregation, annotated excerpt, truncation, failures', () => {
  const cpu = parseError(fixture('snippet-netdata-3232-csv-per-cpu.txt'));
  assert.is(cpu.line, 1);
  assert.match(cpu.reason, /per-CPU\/socket\/node aggregation/);
  const mixed = parseError(fixture('snippet-interval-mixed-excerpts.txt'));
  assert.is(mixed.line, 3);
  assert.match(mixed.reason, /<- no grouping/);
  const lines = fixture('text-events-gzip.txt').split('\n');
  const cut = parseError(lines.slice(0, 8).join('\n'));
  assert.is(cut.reason, 'truncated perf stat output: no "seconds time elapsed" line after the counters');
  assert.is(cut.line, 8);
  const headerOnly = parseError(lines.slice(0, 3).join('\n'));
  assert.match(headerOnly.reason, /a header but no counter lines/);
  const failed = parseError("\nWorkload failed: No such file or directory\n");
  assert.is(failed.line, 2);
  assert.is(failed.reason, 'perf stat failed: Workload failed: No such file or directory');
  const json = parseError(fixture('json.txt').split('\n')[0].slice(0, 60));
  assert.match(json.reason, /not a complete JSON object/);
});

test('sniff: every layout, not strace or wrk', () => {
  for (const f of ['text-p-nginx-worker.txt', 'csv-x.txt', 'csv-x-I500.txt', 'json.txt', 'text-I500.txt', 'snippet-perfmon-299-not-counted-hybrid.txt']) {
    assert.ok(sniffPerfStat(fixture(f)), f);
  }
  assert.not.ok(sniffPerfStat('% time     seconds  usecs/call     calls    errors syscall\n  0.00    0.000000           0         1           execve\n'));
  assert.not.ok(sniffPerfStat('Running 30s test @ http://127.0.0.1:8080/\n'));
});

test('sniff: counter lines without the title line, at least two, with LF, CRLF or CR line ends', () => {
  const body = fixture('text-r3.txt').replace(/^.*Performance counter stats for.*$/m, '');
  assert.ok(sniffPerfStat(body));
  assert.ok(sniffPerfStat(body.replace(/\n/g, '\r\n')));
  assert.ok(sniffPerfStat(body.replace(/\n/g, '\r')));
  const lines = body.split('\n');
  const one = lines.find((l) => l.includes('task-clock'))!;
  assert.not.ok(sniffPerfStat(`${one}\n`)); // one counter line alone is too weak
  assert.ok(sniffPerfStat(`${one}\n${lines.find((l) => l.includes('page-faults'))}\n`));
  // a number and an event split over two lines still count as one counter line (the pattern's blanks span lines)
  assert.ok(sniffPerfStat('  12\n  page-faults\n  34  cycles\n'));
  assert.not.ok(sniffPerfStat('  12:00  page-faults\n  34:00  cycles\n'));
});

test.run();
