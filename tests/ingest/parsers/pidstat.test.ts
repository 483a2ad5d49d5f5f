import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { ParseError } from '../../../ingest/parse-error.ts';
import {
  PidstatParser,
  parsePidstat,
  PIDSTAT_MAX_LINE,
  pidstatFormat,
  pidstatRecord,
  sniffPidstat,
} from '../../../ingest/parsers/pidstat.ts';
import type { PidstatRecord, PidstatSample } from '../../../ingest/records/pidstat.ts';
import { mulberry32 } from '../../../ingest/prng.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pidstat/${name}`, import.meta.url), 'utf8');
const parseFixture = (name: string) => parsePidstat(fixture(name));
const avgOf = (r: PidstatRecord, pid: number, tid?: number) => r.average.find((a) => a.pid === pid && a.tid === tid);

const parseError = thrownParseError;

// ---------------------------------------------------------------- block layout, merged activities

test('C block -u -r -w: three samples, each merging its three blocks', () => {
  const r = parseFixture('c-urw-block.txt');
  assert.is(r.format, 'pidstat');
  assert.is(r.sample_count, 3);
  assert.is(r.samples.length, 3);
  const third = r.samples[2];
  assert.is(third.time, '18:50:56');
  assert.is(third.pid, 9073);
  assert.is(third.tid, undefined);
  assert.is(third.command, 'node');
  assert.is(third.uid, 0);
  assert.is(third.usr_pct, 40);
  assert.is(third.system_pct, 18);
  assert.is(third.wait_pct, 0);
  assert.is(third.cpu_pct, 58);
  assert.is(third.cpu, 1);
  assert.is(third.minflt_per_s, 56060);
  assert.is(third.vsz_kb, 1837500);
  assert.is(third.rss_kb, 291960);
  assert.is(third.mem_pct, 1.18);
  assert.is(third.cswch_per_s, 15);
  assert.is(third.nvcswch_per_s, 36);
  assert.is(third.date, '2026-11-22');
  assert.is(third.elapsed_s, 2);
  assert.is(third.epoch_s, Date.UTC(2026, 10, 22, 18, 50, 56) / 1000);
  assert.is(r.average.length, 1);
  const avg = avgOf(r, 9073)!;
  assert.is(avg.cpu_pct, 54.67);
  assert.is(avg.cpu, null); // `-` on Average rows
  assert.is(avg.rss_kb, 300475);
  assert.is(avg.nvcswch_per_s, 30.67);
  assert.not.ok('time' in avg);
  assert.equal(r.header, {
    os: 'Linux',
    kernel: '6.18.44-fc-v657',
    hostname: 'vm',
    date_printed: '11/22/26',
    date: '2026-11-22',
    arch: 'x86_64',
    cpu_count: 2,
    layout: 'block',
    clock: 'wall',
    utc_offset_min: 0,
    threads: false,
    decimal_separator: '.',
    average_label: 'Average:',
    unknown_columns: [],
  });
});

test('metrics of activities not requested are null, -d extras absent', () => {
  const s = parseFixture('koKR-u.txt').samples[0];
  assert.is(s.rss_kb, null);
  assert.is(s.cswch_per_s, null);
  assert.not.ok('kb_rd_per_s' in s);
});

test('fr_FR: decimal comma, -d columns, "Moyenne :" with U+202F', () => {
  const r = parseFixture('frFR-urwd-block.txt');
  assert.is(r.sample_count, 3);
  const third = r.samples[2];
  assert.is(third.time, '18:50:59');
  assert.is(third.cpu_pct, 58);
  assert.is(third.minflt_per_s, 45241);
  assert.is(third.rss_kb, 216140);
  assert.is(third.mem_pct, 0.88);
  assert.is(third.kb_rd_per_s, 0);
  assert.is(third.iodelay_ticks, 0);
  assert.is(third.cswch_per_s, 40);
  const avg = avgOf(r, 9073)!;
  assert.is(avg.system_pct, 16.67);
  assert.is(avg.minflt_per_s, 47467.67);
  assert.is(avg.rss_kb, 250111);
  assert.is(avg.nvcswch_per_s, 42);
  assert.is(r.header.average_label, 'Moyenne\u202f:');
  assert.is(r.header.decimal_separator, ',');
  assert.is(r.header.date, '2026-11-22'); // 22/11/2026
});

test('"Moyenne :" with an ordinary space (a paste that lost the U+202F) is still an average label', () => {
  const text = fixture('frFR-urwd-block.txt').replaceAll('\u202f', ' ');
  const r = parsePidstat(text);
  assert.is(r.sample_count, 3);
  assert.is(avgOf(r, 9073)!.rss_kb, 250111);
  assert.is(r.header.average_label, 'Moyenne :');
});

test('zh_CN: 时分秒 times, 年月日 banner date, 平均时间 averages', () => {
  const r = parseFixture('zhCN-ur-block.txt');
  assert.is(r.sample_count, 3);
  assert.is(r.samples[0].time, '18:51:00');
  assert.is(r.samples[0].cpu_pct, 48);
  assert.is(r.samples[0].rss_kb, 410444);
  assert.is(r.samples[2].time, '18:51:02');
  assert.is(r.header.date, '2026-11-22');
  assert.is(r.header.average_label, '平均时间:');
  assert.is(avgOf(r, 9073)!.rss_kb, 264221);
});

test('ko_KR: three-token times and an average label without its own header', () => {
  const r = parseFixture('koKR-u.txt');
  assert.is(r.sample_count, 2);
  assert.is(r.samples[1].time, '18:51:07');
  assert.is(r.samples[1].cpu_pct, 62);
  assert.is(r.header.average_label, '평균값:');
  assert.is(avgOf(r, 9073)!.cpu_pct, 59);
  assert.is(r.header.date, '2026-11-22'); // 2026년 11월 22일
});

test('en_US 12-hour block layout: PM times become 24-hour', () => {
  const r = parseFixture('enUS-urw-block-12h.txt');
  assert.is(r.sample_count, 3);
  assert.is(r.samples[0].time, '18:50:54');
  assert.is(r.samples[2].time, '18:50:56');
  assert.is(r.header.date, '2026-11-22'); // 11/22/2026
});

test('-l: full command lines with spaces, trailing blanks trimmed', () => {
  const r = parseFixture('c-ur-l.txt');
  assert.is(r.sample_count, 4);
  const node = r.samples.find((s) => s.pid === 9073 && s.time === '18:51:07')!;
  assert.is(node.command, 'node load.js');
  assert.is(r.samples[0].command.split(' ')[0], '/process_api');
  assert.ok(r.samples[0].command.endsWith('--auth-required'));
  assert.is(avgOf(r, 9073)!.rss_kb, 180412);
  assert.is(avgOf(r, 1)!.vsz_kb, 49916);
  const jc = parseFixture('jc-fixtures-centos-7.7_pidstat-hl.out');
  assert.is(jc.samples.find((s) => s.pid === 852)!.command, 'login -- kbrazil');
});

test('-1.00 (not readable, pidstat run as nobody) is null, iodelay 0 stays 0', () => {
  const r = parseFixture('c-d-nobody.txt');
  assert.is(r.sample_count, 4);
  assert.is(r.samples[1].pid, 9073);
  assert.is(r.samples[1].kb_rd_per_s, null);
  assert.is(r.samples[1].kb_wr_per_s, null);
  assert.is(r.samples[1].kb_ccwr_per_s, null);
  assert.is(r.samples[1].iodelay_ticks, 0);
  assert.is(avgOf(r, 1)!.kb_rd_per_s, null);
});

// ---------------------------------------------------------------- -h, -H

test('-h one-line layout in ru_RU: header reprinted each sample, decimal comma', () => {
  const r = parseFixture('ruRU-urw-h.txt');
  assert.is(r.header.layout, 'one-line');
  assert.is(r.sample_count, 3);
  const third = r.samples[2];
  assert.is(third.time, '18:51:02');
  assert.is(third.cpu_pct, 57);
  assert.is(third.minflt_per_s, 48496);
  assert.is(third.rss_kb, 112220);
  assert.is(third.mem_pct, 0.45);
  assert.is(third.nvcswch_per_s, 33);
  assert.is(r.average.length, 0);
  assert.is(r.header.date, '2026-11-22'); // 22.11.2026
});

test('-H -h: epoch times give exact epoch_s and UTC time of day', () => {
  const r = parseFixture('c-urwd-Hh.txt');
  assert.is(r.header.clock, 'epoch');
  assert.is(r.sample_count, 3);
  const third = r.samples[2];
  assert.is(third.epoch_s, 1795373465);
  assert.is(third.time, '18:51:05');
  assert.is(third.elapsed_s, 2);
  assert.is(third.cpu_pct, 57);
  assert.is(third.rss_kb, 386372);
  assert.is(third.kb_wr_per_s, 0);
  assert.is(third.nvcswch_per_s, 52);
  assert.is(r.samples[0].cswch_per_s, 21.78);
});

test('-H block layout: epoch in header and rows, blocks merged', () => {
  const r = parseFixture('c-ur-H-block.txt');
  assert.is(r.sample_count, 2);
  assert.is(r.samples[1].epoch_s, 1795373494);
  assert.is(r.samples[1].cpu_pct, 62);
  assert.is(r.samples[1].rss_kb, 110768);
  assert.is(avgOf(r, 9073)!.rss_kb, 258476);
});

test('-h -t with 12-hour times (`# Time`, `06:51:03 PM`): threads with spaces', () => {
  const r = parseFixture('enUS-urw-ht-12h.txt');
  assert.is(r.sample_count, 27);
  assert.ok(r.header.threads);
  const proc = r.samples[0];
  assert.is(proc.time, '18:51:03');
  assert.is(proc.pid, 9073);
  assert.is(proc.tid, undefined);
  assert.is(proc.rss_kb, 313168);
  const worker = r.samples[8];
  assert.is(worker.pid, 9073);
  assert.is(worker.tid, 9081);
  assert.is(worker.command, 'gb worker #1');
  assert.is(worker.cpu_pct, 29);
  assert.is(worker.rss_kb, 313680);
  assert.is(r.samples[2].command, 'V8 pool');
  assert.is(r.samples[1].tid, 9073); // the main thread: same number as the TGID, still a thread row
  assert.is(r.samples[1].cpu_pct, 21);
});

test('jc CentOS 7.7 (sysstat 10.1.5) -h with epoch, all activities, no %wait', () => {
  const r = parseFixture('jc-fixtures-centos-7.7_pidstat-hdlrsuw-2-5.out');
  assert.is(r.sample_count, 36);
  const last = r.samples[35];
  assert.is(last.pid, 2297);
  assert.is(last.command, 'pidstat -dlrsuwh 2 5');
  assert.is(last.epoch_s, 1646859229);
  assert.is(last.elapsed_s, 8);
  assert.is(last.minflt_per_s, 72.14);
  assert.is(last.stack_size_kb, 132);
  assert.is(last.stack_ref_kb, 24);
  assert.is(last.wait_pct, null); // no %wait column in 10.1.5
  assert.is(r.samples[1].kb_rd_per_s, null); // -1.00
  assert.is(r.samples[1].cswch_per_s, 1.98);
});

test('jc CentOS 7.7 12-hour block layout: 12:06:39 PM is noon', () => {
  const r = parseFixture('jc-fixtures-centos-7.7_pidstat.out');
  assert.is(r.samples[0].time, '12:06:39');
  assert.is(r.samples[0].pid, 1);
  assert.is(r.samples[0].system_pct, 0.05);
  assert.is(r.header.date, '2022-03-09');
  assert.is(r.header.cpu_count, 1);
});

test('jc RHEL 8 -ht: a -u and a CHILD block of one sample merge (epoch time)', () => {
  const r = parseFixture('jc-fixtures-generic_pidstat-ht.out');
  assert.is(r.sample_count, 1);
  assert.is(r.samples[0].cpu_pct, 0.08);
  assert.is(r.samples[0].usr_ms, 2890);
  assert.is(r.samples[0].system_ms, 4260);
});

// ---------------------------------------------------------------- threads, upstream sysstat tests

test('de_DE -t: `|__` thread rows get the TGID of their process, averages per thread', () => {
  const r = parseFixture('deDE-ut-threads.txt');
  assert.is(r.sample_count, 27);
  const third = r.samples.filter((s) => s.time === '18:50:59');
  assert.is(third.length, 9);
  assert.is(third[0].tid, undefined);
  assert.is(third[0].cpu_pct, 58);
  const worker = third.find((s) => s.tid === 9081)!;
  assert.is(worker.pid, 9073);
  assert.is(worker.command, 'gb worker #1');
  assert.is(worker.usr_pct, 27);
  assert.is(r.average.length, 9);
  assert.is(avgOf(r, 9073)!.cpu_pct, 55.67);
  assert.is(avgOf(r, 9073, 9073)!.cpu_pct, 21.33);
  assert.is(r.header.average_label, 'Durchschn.:');
});

test('upstream -t: `(leader)__thread` rows carry both ids and set the TGID for following `-` rows', () => {
  const r = parseFixture('sysstat-tests-expected1.pidstat-At.txt');
  const at24 = r.samples.filter((s) => s.time === '12:53:24');
  const dconf = at24.find((s) => s.tid === 8364)!;
  assert.is(dconf.pid, 21342);
  assert.is(dconf.command, 'dconf worker');
  assert.is(dconf.leader, 'soffice.bin');
  assert.is(dconf.minflt_per_s, 0.42);
  assert.is(dconf.stack_ref_kb, 36);
  assert.is(dconf.kb_rd_per_s, 0.13);
  const evo = at24.find((s) => s.tid === 8365)!;
  assert.is(evo.pid, 21342);
  assert.is(evo.command, 'evolution-addre');
  assert.is(evo.cpu_pct, 0.06);
  assert.is(evo.minflt_per_s, 8.9);
  assert.is(evo.kb_wr_per_s, 0.14);
});

test('upstream -dRrsuvw: every activity merged, prio/policy and threads/fd-nr read', () => {
  const r = parseFixture('sysstat-tests-expected.pidstat-A.txt');
  assert.is(r.sample_count, 4);
  const firefox = r.samples.find((s) => s.pid === 8741)!;
  assert.is(firefox.cpu_pct, 1.25);
  assert.is(firefox.rss_kb, 335804);
  assert.is(firefox.stack_size_kb, 132);
  assert.is(firefox.iodelay_ticks, 1146);
  assert.is(firefox.cswch_per_s, 22.79);
  assert.is(firefox.threads, 67);
  assert.is(firefox.fd_count, 5);
});

test('upstream --human -I: 4.2G / 253.0M / 0.0B read back in kB, 51.8% without the sign', () => {
  const r = parseFixture('sysstat-tests-expected.pidstat-I.txt');
  const shell = r.samples.find((s) => s.pid === 7900)!;
  assert.is(shell.cpu_pct, 51.8);
  assert.is(shell.vsz_kb, 4.2 * 1024 * 1024);
  assert.is(shell.rss_kb, 253 * 1024);
  assert.is(shell.mem_pct, 3.2);
  assert.is(shell.kb_rd_per_s, 411.8);
  assert.is(shell.kb_ccwr_per_s, 0);
  assert.is(shell.stack_size_kb, 128);
  assert.is(shell.minflt_count, 785212);
  assert.is(shell.usr_ms, 112090);
  assert.is(avgOf(r, 8741)!.rss_kb, 327.9 * 1024);
});

test('upstream -U: USER column instead of UID', () => {
  const r = parseFixture('sysstat-tests-expected.pidstat-U.txt');
  assert.is(r.samples[0].user, 'testusr');
  assert.is(r.samples[0].uid, undefined);
  assert.is(r.samples[1].user, 'root');
  assert.is(r.samples[1].system_ms, 10);
  assert.is(avgOf(r, 7900)!.usr_ms, 112090);
});

test('upstream -e: one header, rows over several times, averages without a header', () => {
  const r = parseFixture('sysstat-tests-expected.pidstat-e.txt');
  assert.is(r.sample_count, 36);
  const times = [...new Set(r.samples.map((s) => s.time))];
  assert.equal(times, ['12:53:22', '12:53:24', '12:53:26', '12:53:28', '12:53:30', '12:53:32']);
  assert.is(r.samples.find((s) => s.time === '12:53:26' && s.tid === 8785)!.system_pct, 479136209706741632);
  assert.is(r.average.length, 6);
  assert.is(avgOf(r, 8741, 8741)!.cpu_pct, 0.1);
});

test('upstream -l -t and --dec=1', () => {
  const l = parseFixture('sysstat-tests-expected.pidstat-l.txt');
  assert.is(l.samples[0].command, '/usr/bin/gnome-shell');
  assert.is(avgOf(l, 8407)!.command, '/usr/libexec/gnome-terminal-server');
  assert.is(avgOf(l, 8741, 8789)!.command, 'Link Monitor');
  const dec = parseFixture('sysstat-tests-expected.pidstat-dec.txt');
  const firefox = dec.samples.find((s) => s.pid === 8741 && s.tid === undefined)!;
  assert.is(firefox.cpu_pct, 1.2);
  assert.is(firefox.minflt_per_s, 108);
  assert.is(firefox.rss_kb, 335804);
});

test('upstream -druws 1 3: block per activity, header time is the previous sample', () => {
  const r = parseFixture('sysstat-tests-expected1.pidstat.txt');
  const s = r.samples.filter((x) => x.time === '12:53:22');
  assert.is(s.length, 3);
  assert.is(s[0].pid, 7900);
  assert.is(s[0].cpu_pct, 0.83);
  assert.is(s[0].rss_kb, 259096);
  assert.is(s[0].cswch_per_s, 12.32);
  assert.is(avgOf(r, 9009)!.cswch_per_s, 240.12);
  assert.is(avgOf(r, 7900)!.kb_rd_per_s, 127.2);
});

test('upstream -T ALL -t -dRrsuvw -H -h: task and CHILD one-line blocks of one time merge', () => {
  const r = parseFixture('sysstat-tests-expected.pidstat-Hh.txt');
  assert.is(r.header.layout, 'one-line');
  assert.is(r.sample_count, 13);
  const dconf = r.samples.find((s) => s.tid === 10334)!;
  assert.is(dconf.pid, 7900);
  assert.is(dconf.command, 'dconf worker');
  assert.is(dconf.rss_kb, 291884);
  assert.is(dconf.threads, 67);
  assert.is(dconf.prio, 0);
  assert.is(dconf.policy, 'NORMAL');
  assert.is(dconf.usr_ms, 410);
  assert.is(dconf.minflt_count, 16402);
  assert.is(dconf.epoch_s, 1591016002);
});

test('upstream `pidstat` (no interval: since boot, one sample, no averages)', () => {
  const r = parseFixture('sysstat-tests-expected.pidstat.txt');
  assert.is(r.sample_count, 4);
  assert.equal(r.samples.map((s) => s.pid), [8407, 8741, 9009, 21342]);
  assert.is(r.samples[3].command, 'soffice.bin');
  assert.is(r.samples[1].cpu_pct, 1.25);
  assert.is(r.average.length, 0);
  assert.is(r.header.cpu_count, 9);
});

test('a column set without UID (sysstat 9.x), derived from a real capture by deleting the column', () => {
  const text = fixture('c-urw-block.txt')
    .replaceAll('      UID       PID', '       PID')
    .replaceAll(/^(\S+)\s+0\s+9073/gm, '$1      9073');
  const r = parsePidstat(text);
  assert.is(r.sample_count, 3);
  assert.is(r.samples[2].pid, 9073);
  assert.is(r.samples[2].uid, undefined);
  assert.is(r.samples[2].cpu_pct, 58);
  assert.is(r.samples[2].rss_kb, 291960);
  assert.is(avgOf(r, 9073)!.cpu_pct, 54.67);
});

// ---------------------------------------------------------------- JSON

test('-o JSON (12.7.7+): timestamps, keys mapped to the text field names', () => {
  const r = parseFixture('sysstat-tests-expected1.pidstat-C-JSON.txt');
  assert.is(r.header.layout, 'json');
  assert.is(r.header.hostname, 'SYSSTAT.TEST');
  assert.is(r.header.cpu_count, 9);
  assert.is(r.header.date, '2020-06-01');
  assert.is(r.sample_count, 1);
  const s = r.samples[0];
  assert.is(s.epoch_s, 1591016004);
  assert.is(s.elapsed_s, 0);
  assert.is(s.pid, 8741);
  assert.is(s.uid, 1000);
  assert.is(s.command, 'firefox');
  assert.is(s.cpu_pct, 0.16);
  assert.is(s.cpu, 5);
  assert.is(s.wait_pct, 0.03);
  assert.is(r.average.length, 0);
});

test('-o JSON with -t and several activities merges per task', () => {
  const json = JSON.stringify({
    sysstat: {
      hosts: [
        {
          nodename: 'h', sysname: 'Linux', release: '1.2.3-TEST', machine: 'x86_64', 'number-of-cpus': 9, date: '06/01/20',
          statistics: [
            {
              timestamp: '12:53:22',
              // entries copied from sysstat tests/expected1.pidstat-At-TTASK-JSON (first statistics object)
              'task-cpu-load': [
                { UID: '1000', TGID: '7900', TID: '', usr: 359.42, system: 53.55, guest: 0.0, wait: 8.47, cpu: 412.96, cpu_nr: 2, leader: '', cmd: 'gnome-shell' },
                { UID: '1000', TGID: '7900', TID: '7900', usr: 349.7, system: 51.43, guest: 0.0, wait: 8.47, cpu: 401.12, cpu_nr: 2, leader: 'gnome-shell', cmd: 'gnome-shell' },
              ],
              'task-memory': [
                { UID: '1000', TGID: '7900', TID: '', 'minflt/s': 25095.93, 'majflt/s': 1.48, VSZ: 4453984, RSS: 259044, MEM: 3.18, leader: '', cmd: 'gnome-shell' },
                { UID: '1000', TGID: '7900', TID: '10334', 'minflt/s': 0.22, 'majflt/s': 0.0, VSZ: 2512656, RSS: 291884, MEM: 3.58, leader: 'gnome-shell', cmd: 'dconf worker' },
              ],
              io: [{ UID: '1000', TGID: '7900', TID: '', 'kB_rd/s': 411.81, 'kB_wr/s': 2.82, 'kB_ccwr/s': 0.0, iodelay: 253, leader: '', cmd: 'gnome-shell' }],
              realtime: [],
            },
          ],
        },
      ],
    },
  });
  const r = parsePidstat(json);
  assert.is(r.sample_count, 3);
  const proc = r.samples.find((s) => s.tid === undefined)!;
  assert.is(proc.cpu_pct, 412.96);
  assert.is(proc.rss_kb, 259044);
  assert.is(proc.mem_pct, 3.18);
  assert.is(proc.iodelay_ticks, 253);
  const dconf = r.samples.find((s) => s.tid === 10334)!;
  assert.is(dconf.pid, 7900);
  assert.is(dconf.command, 'dconf worker');
  assert.is(dconf.leader, 'gnome-shell');
  assert.is(dconf.cpu_pct, null);
  assert.is(dconf.rss_kb, 291884);
});

test('-o JSON truncated or without samples fails', () => {
  const text = fixture('sysstat-tests-expected1.pidstat-C-JSON.txt');
  const cut = parseError(() => parsePidstat(text.slice(0, 300)));
  assert.match(cut.reason, /^pidstat -o JSON output is not valid JSON \(truncated\?\)/);
  const empty = text.replace(/\{"UID"[^\n]*\n/, '');
  assert.is(parseError(() => parsePidstat(empty)).reason, 'pidstat output has no samples (pidstat ran for zero intervals, or no task matched)');
});

// ---------------------------------------------------------------- time: rollover, dates

test('midnight rollover (24-hour): the date advances, elapsed_s stays continuous', () => {
  const r = parseFixture('c-u-midnight.txt');
  assert.equal(r.samples.map((s) => s.time), ['23:59:57', '23:59:58', '23:59:59', '00:00:00', '00:00:01']);
  assert.equal(r.samples.map((s) => s.date), ['2026-11-22', '2026-11-22', '2026-11-22', '2026-11-23', '2026-11-23']);
  assert.equal(r.samples.map((s) => s.elapsed_s), [0, 1, 2, 3, 4]);
  assert.is(r.samples[3].epoch_s, Date.UTC(2026, 10, 23, 0, 0, 0) / 1000);
  assert.is(r.samples[3].cpu_pct, 57);
  assert.is(avgOf(r, 9073)!.cpu_pct, 53.2);
});

test('midnight rollover (12-hour): 11:59:59 PM -> 12:00:00 AM', () => {
  const r = parseFixture('enUS-u-midnight-12h.txt');
  assert.equal(r.samples.map((s) => s.time), ['23:59:56', '23:59:57', '23:59:58', '23:59:59', '00:00:00']);
  assert.is(r.samples[4].date, '2026-11-23');
  assert.is(r.samples[4].elapsed_s, 4);
});

test('sample times going backwards fail at the row, whole or in pieces; midnight rollover does not', () => {
  const wall = fixture('c-u-midnight.txt').replace('23:59:59        0', '23:59:50        0'); // line 6
  const want = { error: 'sample time 23:59:50 goes backwards after 23:59:58', line: 6 };
  assert.equal(outcome(() => parsePidstat(wall)), want);
  assert.equal(outcome(() => parseInPieces(wall, 7)), want);
  const epochs = fixture('c-urwd-Hh.txt').replace('1795373464 ', '1795373462 '); // line 7
  assert.equal(outcome(() => parsePidstat(epochs)), { error: 'sample time 1795373462 goes backwards after 1795373463', line: 7 });
  // a block layout whose later blocks come in reverse order
  const blocks = fixture('c-urw-block.txt').split('\n\n');
  const reversed = [blocks[0], blocks[1], ...blocks.slice(2, -1).reverse(), blocks.at(-1)].join('\n\n');
  const e = parseError(() => parsePidstat(reversed));
  assert.match(e.reason, /^sample time \d\d:\d\d:\d\d goes backwards after \d\d:\d\d:\d\d$/);
  // equal times (blocks of one sample) and 23:59:59 -> 00:00:00 stay fine
  assert.equal(parseFixture('c-u-midnight.txt').samples.map((x) => x.elapsed_s), [0, 1, 2, 3, 4]);
});

test('utcOffsetMinutes shifts wall-clock epochs; -H epochs are not shifted', () => {
  const cet = parsePidstat(fixture('c-urw-block.txt'), { utcOffsetMinutes: 60 });
  assert.is(cet.samples[0].epoch_s, Date.UTC(2026, 10, 22, 17, 50, 54) / 1000);
  assert.is(cet.header.utc_offset_min, 60);
  const h = parsePidstat(fixture('c-urwd-Hh.txt'), { utcOffsetMinutes: 60 });
  assert.is(h.samples[0].epoch_s, 1795373463);
});

// ---------------------------------------------------------------- snippets from issues

test('issue snippets: zh_CN CentOS 7, jc #281 -h 12-hour, sysstat #220 fd-nr -1, 12-hour with %wait', () => {
  const zh = parseFixture('snippet-zhCN-cherish-today-issue60.txt');
  assert.is(zh.sample_count, 3);
  assert.is(zh.samples[1].time, '18:58:49');
  assert.is(zh.samples[1].kb_wr_per_s, 0.9);
  assert.is(zh.samples[2].rss_kb, 1719552);
  assert.is(zh.header.date, '2019-11-11');
  const jc = parseFixture('snippet-jc-issue281-h-12h.txt');
  assert.is(jc.samples[0].time, '13:20:32');
  assert.is(jc.samples[0].rss_kb, 110744);
  assert.is(jc.header.cpu_count, 12);
  const iso = parseFixture('snippet-sysstat-issue220-hurvw-iso.txt');
  assert.is(iso.samples[0].threads, 233);
  assert.is(iso.samples[0].fd_count, null);
  assert.is(iso.samples[0].cpu, 22);
  assert.is(iso.samples[0].date, null); // no banner
  assert.is(iso.samples[0].epoch_s, null);
  const cu = parseFixture('snippet-cleveruptime-12h-wait.txt');
  assert.is(cu.samples[0].time, '17:03:29');
  assert.is(cu.samples[0].cpu, 3);
});

// ---------------------------------------------------------------- errors

test('a header without rows (pidstat ran zero intervals) fails: "no samples"', () => {
  const e = parseError(() => parseFixture('snippet-sysstat-issue169-no-uid-12h.txt'));
  assert.is(e.reason, 'pidstat output has no samples (pidstat ran for zero intervals, or no task matched)');
  assert.is(e.line, undefined);
});

test('average rows without any header are not pidstat output', () => {
  const e = parseError(() => parseFixture('snippet-deDE-freerdp-average-only.txt'));
  assert.match(e.reason, /^not pidstat output: line 1 is neither the sysstat banner nor a pidstat header/);
  assert.is(e.line, 1);
});

test('a truncated last line (cut mid-row, no newline) fails with its line number', () => {
  const text = fixture('ruRU-urw-h.txt');
  const cut = text.slice(0, text.lastIndexOf('1651972')); // the last row, cut before its VSZ value
  const e = parseError(() => parsePidstat(cut));
  assert.is(e.line, 10);
  assert.is(e.reason, 'pidstat row has 10 fields but its header has 16 columns (truncated line?)');
});

test('a complete last line without a final newline is accepted', () => {
  const text = fixture('ruRU-urw-h.txt').trimEnd();
  assert.is(parsePidstat(text).samples[2].nvcswch_per_s, 33);
});

test('a row with a missing field in the middle of a block file fails with its line', () => {
  const lines = fixture('c-urw-block.txt').split('\n');
  lines[6] = lines[6].replace('  205852', ''); // line 7: the first -r row loses its RSS
  const e = parseError(() => parsePidstat(lines.join('\n')));
  assert.is(e.line, 7);
  assert.is(e.reason, 'pidstat row has 7 fields but its header has 8 columns (truncated line?)');
});

test('a non-numeric value fails naming the column and the line', () => {
  const text = fixture('c-urw-block.txt').replace('48393.00', '48x93.00');
  const e = parseError(() => parsePidstat(text));
  assert.is(e.line, 7);
  assert.is(e.reason, 'pidstat column minflt/s has a non-numeric value "48x93.00"');
});

test('a line over 1 MiB (a 100 MB token after the header) fails at its line, whole or in pieces', () => {
  const head = fixture('c-urwd-Hh.txt').split('\n').slice(0, 3).join('\n');
  const huge = `${head}\n${'9'.repeat(PIDSTAT_MAX_LINE + 1)}\n`;
  const whole = parseError(() => parsePidstat(huge));
  assert.is(whole.line, 4);
  assert.is(whole.reason, 'line is 1048577 bytes long, longer than any pidstat row (limit 1 MiB): binary data or a file without newlines?');
  const pieces = parseError(() => parseInPieces(huge, 64 * 1024));
  assert.is(pieces.line, 4);
  assert.is(pieces.reason, whole.reason); // its newline arrives within 1 MiB: the whole line is measured
  // no newline at all: refused once 1 MiB is buffered, without reading on
  const endless = parseError(() => parseInPieces(huge.slice(0, -1), 1000));
  assert.is(endless.line, 4);
  assert.is(endless.reason, 'line runs past 1048577 bytes without a newline, longer than any pidstat row (limit 1 MiB): binary data or a file without newlines?');
  // exactly at the limit is still read (and rejected for what it is: not a time)
  const atLimit = parseError(() => parsePidstat(`${head}\n${'9'.repeat(PIDSTAT_MAX_LINE)}\n`));
  assert.is(atLimit.line, 4);
  assert.is(atLimit.reason, `pidstat row starts with "${'9'.repeat(57)}...", which is not a time`);
});

test('a negative value other than -1.00 fails naming the column and line, whole or in pieces', () => {
  const text = fixture('c-urw-block.txt').replace('48393.00', '-123456.78');
  const want = { error: 'pidstat column minflt/s has a negative value "-123456.78" (pidstat prints none but -1.00, "not readable")', line: 7 };
  assert.equal(outcome(() => parsePidstat(text)), want);
  assert.equal(outcome(() => parseInPieces(text, 64)), want);
  const h = fixture('c-urwd-Hh.txt').replace('36.00', '-5.00'); // %usr of the second sample
  assert.equal(outcome(() => parsePidstat(h)), {
    error: 'pidstat column %usr has a negative value "-5.00" (pidstat prints none but -1.00, "not readable")',
    line: 7,
  });
  // -1.00 stays the "not readable" null
  assert.is(parsePidstat(fixture('c-urwd-Hh.txt').replace('36.00', '-1.00')).samples[1].usr_pct, null);
});

test('a header line starting with an ID column has no time column: it fails at its line', () => {
  const real = fixture('c-urw-block.txt');
  const header = '18:50:53      UID       PID    %usr %system  %guest   %wait    %CPU   CPU  Command';
  const e = parseError(() => parsePidstat(real.replaceAll(header, header.replace('18:50:53', '     PID'))));
  assert.is(e.reason, 'pidstat header line has no time column');
  assert.is(e.line, 3);
});

test('such a header fails after a well-formed header of the same columns too, at its line', () => {
  // the second sample's %usr header, its time replaced by a column name: once, a header seen before with the
  // same text after its first token was taken as it was, and this one passed
  const real = fixture('c-urw-block.txt');
  const headers = [...real.matchAll(/^(\d\d:\d\d:\d\d)(      UID       PID    %usr.*)$/gm)];
  assert.is(headers.length, 3);
  const at = headers[1].index!;
  const text = real.slice(0, at) + '     PID' + headers[1][2] + real.slice(at + headers[1][0].length);
  const e = parseError(() => parsePidstat(text));
  assert.is(e.reason, 'pidstat header line has no time column');
  assert.is(e.line, 12);
});

test('sniffPidstat: the header found whatever ends its line (CRLF, trailing blanks), Command only as a whole last token', () => {
  const real = fixture('c-urw-block.txt');
  assert.ok(sniffPidstat(real));
  assert.ok(sniffPidstat(real.replace(/\n/g, '\r\n')));
  assert.ok(sniffPidstat(real.replace(/Command\n/g, 'Command \t \r\n')));
  assert.ok(sniffPidstat(`\n\n${real}`));
  // `xCommand`, `Command\r\r` (one CR is a line terminator, the other part of the token) and a header without PID are not headers
  assert.not.ok(sniffPidstat(real.replace(/ Command\n/g, ' xCommand\n')));
  assert.not.ok(sniffPidstat(real.replace(/Command\n/g, 'Command\r\r\n')));
  assert.not.ok(sniffPidstat(real.replace(/ PID /g, ' PXD ')));
  // the header past the 200th line is not looked at
  assert.not.ok(sniffPidstat(`${'\n'.repeat(200)}${real}`));
  assert.ok(sniffPidstat(`${'\n'.repeat(197)}${real}`));
});

test('not pidstat: other sysstat tools, other text, empty input', () => {
  const iostat = 'Linux 6.1.0 (h) \t11/22/26 \t_x86_64_\t(2 CPU)\n\navg-cpu:  %user   %nice %system %iowait  %steal   %idle\n           1.00    0.00    0.50    0.00    0.00   98.50\n';
  assert.not.ok(sniffPidstat(iostat));
  const e = parseError(() => parsePidstat(iostat));
  assert.is(e.reason, 'not pidstat output: line 3 is neither the sysstat banner nor a pidstat header ("avg-cpu:  %user   %nice %system %iowait  %steal   %idle")');
  assert.is(e.line, 3);
  assert.is(parseError(() => parsePidstat('Running 10s test @ http://127.0.0.1:8080/\n')).line, 1);
  assert.is(parseError(() => parsePidstat('\n\n')).reason, 'empty input: no pidstat output to parse');
  const onlyBanner = parseError(() => parsePidstat('Linux 6.1.0 (h) \t11/22/26 \t_x86_64_\t(2 CPU)\n\n'));
  assert.is(onlyBanner.reason, 'not pidstat output: no header line naming PID (or TGID) and Command');
});

test('two outputs concatenated fail at the second banner', () => {
  const text = fixture('c-urw-block.txt') + fixture('c-urw-block.txt');
  const e = parseError(() => parsePidstat(text));
  assert.is(e.line, 38); // the first output has 37 lines
  assert.match(e.reason, /^a second sysstat banner line/);
});

test('a thread row with no process row before it fails', () => {
  const lines = fixture('deDE-ut-threads.txt').split('\n');
  lines.splice(3, 1); // drop the first process row (line 4)
  const e = parseError(() => parsePidstat(lines.join('\n')));
  assert.is(e.line, 4);
  assert.is(e.reason, 'pidstat thread row (TGID "-") without a process row before it');
});

test('an unknown column is kept in `extra` and listed, not fatal', () => {
  const text = fixture('koKR-u.txt').replace('%wait', '%steal'); // a column this parser does not know
  const r = parsePidstat(text);
  assert.equal(r.header.unknown_columns, ['%steal']);
  assert.is(r.samples[0].wait_pct, null);
  assert.equal(r.samples[0].extra, { '%steal': '1.00' });
  assert.is(r.samples[0].cpu_pct, 56);
});

test('CRLF line endings and a BOM are accepted', () => {
  const text = `\uFEFF${fixture('c-urw-block.txt').replaceAll('\n', '\r\n')}`;
  const r = parsePidstat(text);
  assert.is(r.samples[2].command, 'node');
  assert.is(r.samples[2].nvcswch_per_s, 36);
});

test('every cut or 3-character deletion of real outputs parses or fails with a ParseError, never anything else', () => {
  let parseErrors = 0;
  for (const name of ['c-urw-block.txt', 'deDE-ut-threads.txt', 'enUS-urw-ht-12h.txt', 'sysstat-tests-expected1.pidstat-C-JSON.txt']) {
    const text = fixture(name);
    for (let at = 1; at < text.length; at += 23) {
      for (const mutated of [text.slice(0, at), text.slice(0, at) + text.slice(at + 3)]) {
        try {
          parsePidstat(mutated);
        } catch (e) {
          if (!(e instanceof ParseError)) throw new Error(`${name} cut at ${at}: ${(e as Error).stack}`);
          parseErrors++;
        }
      }
    }
  }
  assert.ok(parseErrors > 50);
});

// ---------------------------------------------------------------- streaming: the text in pieces

const fixtureNames = readdirSync(new URL('../../fixtures/pidstat/', import.meta.url)).filter((n) => !n.endsWith('.md'));

/** The record, or the ParseError's message and line, of `fn`. */
function outcome(fn: () => PidstatRecord): PidstatRecord | { error: string; line: number | undefined } {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message, line: e.line };
    throw e;
  }
}

/** The record of `text` given to the streaming parser in pieces of `size` characters. */
function parseInPieces(text: string, size: number): PidstatRecord {
  const p = new PidstatParser();
  const samples: PidstatSample[] = [];
  for (let i = 0; i < text.length; i += size) samples.push(...p.write(text.slice(i, i + size)));
  const end = p.end();
  return pidstatRecord(end.summary, [...samples, ...end.samples]);
}

test('each write() hands back the samples it completed: a block-layout sample once all its blocks are merged', () => {
  const p = new PidstatParser();
  const lines = fixture('c-urw-block.txt').split('\n');
  const handed = lines.map((line) => p.write(`${line}\n`).map((s) => [s.time, s.cpu_pct, s.nvcswch_per_s]));
  const end = p.end();
  // a sample completes at the first row of the next time (lines 13 and 22), the last one at the first Average row (31)
  assert.equal(handed.flatMap((got, i) => (got.length > 0 ? [[i + 1, ...got]] : [])), [
    [13, ['18:50:54', 57, 35]],
    [22, ['18:50:55', 49, 21]],
    [31, ['18:50:56', 58, 36]],
  ]);
  assert.equal(end.samples, []);
  assert.equal(end.summary.average.map((a) => [a.pid, a.cpu_pct]), [[9073, 54.67]]);
  assert.is(end.summary.sample_count, 3);
  assert.not.ok('samples' in end.summary);
  assert.throws(() => p.write('x\n'), /write\(\) after end\(\)/);
});

test('every fixture, LF and CRLF: the text in pieces of any size gives the whole text\'s record or ParseError', () => {
  assert.ok(fixtureNames.length >= 30);
  for (const name of fixtureNames) {
    const lf = fixture(name);
    const crlf = lf.replace(/\r?\n/g, '\r\n');
    const whole = outcome(() => parsePidstat(lf));
    assert.equal(outcome(() => parsePidstat(crlf)), whole, `${name}: CRLF reads as LF`);
    for (const text of [lf, crlf]) {
      for (const size of [1, 5, 64, 4096]) assert.equal(outcome(() => parseInPieces(text, size)), whole, `${name} in ${size}-character pieces`);
    }
  }
});

test('small fixtures split in two at every character give the whole text\'s record', () => {
  for (const name of ['enUS-urw-ht-12h.txt', 'ruRU-urw-h.txt', 'c-d-nobody.txt', 'deDE-ut-threads.txt']) {
    const text = fixture(name);
    const whole = parsePidstat(text);
    for (let at = 1; at < text.length; at++) {
      const p = new PidstatParser();
      const samples = [...p.write(text.slice(0, at)), ...p.write(text.slice(at))];
      const end = p.end();
      assert.equal(pidstatRecord(end.summary, [...samples, ...end.samples]), whole, `${name} split at ${at}`);
    }
  }
});

test('the registry entry: detected by its header, parse gives parsePidstat\'s record', () => {
  const text = fixture('frFR-urwd-block.txt');
  assert.is(pidstatFormat.name, 'pidstat');
  assert.ok(pidstatFormat.sniff(text));
  assert.equal(pidstatFormat.parse(text), parsePidstat(text));
});

// ---------------------------------------------------------------- headers reprinted or changed

test('a -h header printed again is the same header; another header in between is read as its own: A, A, B, A', () => {
  const real = fixture('ruRU-urw-h.txt');
  const lines = real.split('\n');
  const headerAt = lines.findIndex((l) => l.startsWith('# '));
  const header = lines[headerAt];
  // another header: two columns swapped (their rows too), between two prints of the first one
  const swapped = header.replace('    %usr', '    %CPU').replace('    %CPU   CPU', '    %usr   CPU');
  const rowsAt = lines.findIndex((l, i) => i > headerAt && /^\d/.test(l));
  const text = [...lines.slice(0, rowsAt + 1), header, lines[rowsAt].replace('18:51:00', '18:51:01'), swapped, header, ''].join('\n');
  const r = parsePidstat(text);
  assert.is(r.sample_count, 2);
  assert.equal([r.samples[1].time, r.samples[1].rss_kb], ['18:51:01', r.samples[0].rss_kb]);
  assert.is(r.line_count, rowsAt + 5);
});

test('a -h header that changes to other columns of the same length is read again, not taken for the last one', () => {
  // the real -H -h capture with %usr and %CPU swapped in the third header (same line length, other text)
  const real = fixture('c-urwd-Hh.txt');
  const headers = [...real.matchAll(/^# Time.*$/gm)];
  assert.ok(headers.length >= 3);
  const third = headers[2];
  const swapped = third[0].replace('    %usr', '    %CPU').replace('    %CPU   CPU', '    %usr   CPU');
  assert.is(swapped.length, third[0].length);
  const text = real.slice(0, third.index) + swapped + real.slice(third.index! + third[0].length);
  const r = parsePidstat(text);
  assert.equal([r.samples[2].usr_pct, r.samples[2].cpu_pct], [57, 39]); // the row prints 39.00 ... 57.00
  assert.equal([r.samples[1].usr_pct, r.samples[1].cpu_pct], [36, 48]);
});

test('-h -U with 12-hour times: `PM` before a numeric user name is part of the time', () => {
  // the real -h 12-hour capture as -U prints it: USER instead of UID, a user without a name printed as its uid
  const real = fixture('snippet-jc-issue281-h-12h.txt').replace('  UID ', ' USER ');
  const row = real.split('\n')[3];
  const text = `${real.trimEnd()}\n${row.replace('01:20:32 PM', '01:20:33 PM')}\n${row.replace('01:20:32 PM', '01:20:34 PM').replace('PM  1000', 'PM kateu')}\n`;
  assert.equal(parsePidstat(text).samples.map((s) => [s.time, s.user, s.pid, s.command, s.rss_kb]), [
    ['13:20:32', '1000', 9182, 'kate', 110744],
    ['13:20:33', '1000', 9182, 'kate', 110744],
    ['13:20:34', 'kateu', 9182, 'kate', 110744],
  ]);
});

test('a row joined with the next header (its newline lost) counts as a header: the next row does not fit it', () => {
  const real = fixture('c-ur-l.txt');
  const cut = real.indexOf('\n\n', real.indexOf('node load.js')); // the end of a row before a blank line and a header
  const joined = real.slice(0, cut) + real.slice(cut + 2); // line 5: `... node load.js18:51:05  UID  PID  minflt/s ... Command`
  // that header's time prefix runs up to its UID: the next row's first 14 tokens
  assert.equal(outcome(() => parsePidstat(joined)), {
    error: 'pidstat row starts with "18:51:06        0         1      0.00      0.00   49916  ...", which is not a time',
    line: 6,
  });
});

// ---------------------------------------------------------------- robustness

test('random edits of every fixture: whole or in pieces, the same record or the same ParseError, nothing else', () => {
  // seeded, so every run checks the same edited files; each edit inserts, deletes or overwrites a few
  // characters chosen among those the parser treats specially
  const rand = mulberry32(20261122);
  const pieces = ['0', '1', '9', '.', ',', '-', ' ', '  ', '\t', '\r', '\n', 'x', 'PM', '-1', '-1.00', '1.5', '12,34', '|__', 'Command', '#'];
  const texts = fixtureNames.filter((n) => !n.includes('JSON')).map((n) => [n, fixture(n)] as const);
  let errors = 0;
  for (let k = 0; k < 1500; k++) {
    const [name, real] = texts[Math.floor(rand() * texts.length)];
    let text = real;
    for (let e = 1 + Math.floor(rand() * 3); e > 0; e--) {
      const at = Math.floor(rand() * text.length);
      const how = rand();
      const piece = pieces[Math.floor(rand() * pieces.length)];
      if (how < 0.4) text = text.slice(0, at) + piece + text.slice(at);
      else if (how < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3));
      else text = text.slice(0, at) + piece + text.slice(at + piece.length);
    }
    const whole = outcome(() => parsePidstat(text));
    if ('error' in whole) errors++;
    const size = 1 + Math.floor(rand() * 200);
    assert.equal(outcome(() => parseInPieces(text, size)), whole, `${name} edit #${k} in ${size}-character pieces`);
  }
  assert.ok(errors > 300 && errors < 1400, `${errors} of the edits fail`);
});

test.run();
