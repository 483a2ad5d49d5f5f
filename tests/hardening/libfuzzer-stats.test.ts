import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { libFuzzerStats } from '../../hardening/lib/libfuzzer-stats.ts';

// Tails captured from native/fuzz/build/fuzz-frame on this machine (clang 14.0.6).
const CLEAN = `#15	INITED cov: 36 ft: 57 corp: 13/528b exec/s: 0 rss: 31Mb
#2353049	DONE   cov: 41 ft: 120 corp: 60/2100b lim: 4096 exec/s: 213913 rss: 665Mb
Done 2353049 runs in 11 second(s)
stat::number_of_executed_units: 2353049
stat::average_exec_per_sec:     213913
stat::new_units_added:          351
stat::slowest_unit_time_sec:    0
stat::peak_rss_mb:              665
`;

test('clean run: executions from stat::number_of_executed_units, no reports', () => {
  const s = libFuzzerStats(CLEAN);
  assert.is(s.executions, 2353049);
  assert.is(s.execs_per_s, 213913);
  assert.is(s.new_units, 351);
  assert.is(s.peak_rss_mb, 665);
  assert.equal(s.reports, []);
});

test('without final stats: the #N DONE line counts', () => {
  assert.is(libFuzzerStats('#23\tDONE   cov: 140 ft: 236 corp: 22/957b\n').executions, 23);
  assert.is(libFuzzerStats('INFO: Seed: 1\n').executions, undefined);
});

test('ASan, UBSan, LSan and invariant reports are listed', () => {
  const text = [
    '==4242==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011 at pc 0x1 bp 0x2 sp 0x3',
    'SUMMARY: AddressSanitizer: heap-buffer-overflow /work/main/native/src/gb_http.c:131:20 in gb_http_parse_request',
    '../src/gb_frame.c:37:5: runtime error: load of misaligned address 0x000000000001 for type uint32_t',
    '==17==ERROR: LeakSanitizer: detected memory leaks',
    'fuzz-http: invariant failed: pr == rc (line 120)',
    '==9== ERROR: libFuzzer: deadly signal',
  ].join('\n');
  assert.equal(libFuzzerStats(text).reports, [
    '==4242==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011 at pc 0x1 bp 0x2 sp 0x3',
    'SUMMARY: AddressSanitizer: heap-buffer-overflow /work/main/native/src/gb_http.c:131:20 in gb_http_parse_request',
    '../src/gb_frame.c:37:5: runtime error: load of misaligned address 0x000000000001 for type uint32_t',
    '==17==ERROR: LeakSanitizer: detected memory leaks',
    'fuzz-http: invariant failed: pr == rc (line 120)',
    '==9== ERROR: libFuzzer: deadly signal',
  ]);
});

test.run();
