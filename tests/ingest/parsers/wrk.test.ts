import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWrk, sniffWrk } from '../../../ingest/parsers/wrk.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/wrk/${name}`, import.meta.url), 'utf8');

const parseError = (text: string) => thrownParseError(() => parseWrk(text));

test('wrk 4.1 --latency (captured): header, thread stats, percentiles, totals', () => {
  const r = parseWrk(fixture('latency-c16.txt'));
  assert.is(r.tool, 'wrk');
  assert.is(r.url, 'http://127.0.0.1:18731/');
  assert.is(r.threads, 2);
  assert.is(r.connections, 16);
  assert.is(r.test_duration_s, 3);
  assert.is(r.duration_s, 3);
  assert.is(r.requests, 197486);
  assert.is(r.bytes_read, Math.round(28.81 * 1024 * 1024));
  assert.is(r.requests_per_s, 65783.76);
  assert.is(r.transfer_bytes_per_s, Math.round(9.6 * 1024 * 1024));
  assert.equal(r.latency_ms, { avg: 0.40463, stdev: 0.70136, max: 8.53, within_stdev_pct: 91.65, p50: 0.237, p75: 0.337, p90: 0.91, p99: 3.74 });
  assert.equal(r.req_per_s_thread, { avg: 33120, stdev: 12340, max: 60110, within_stdev_pct: 65 });
  assert.equal(r.errors, { connect: 0, read: 0, write: 0, timeout: 0, non_2xx_3xx: 0 });
  assert.equal(r.script_output, []);
  assert.is(r.spectrum, undefined);
});

test('without --latency: no percentile keys at all', () => {
  const r = parseWrk(fixture('no-latency.txt'));
  assert.is(r.requests, 158947);
  assert.is(r.duration_s, 3.01);
  assert.is(r.latency_ms.avg, 0.5501);
  assert.is(r.latency_ms.stdev, 0.92);
  assert.is(r.latency_ms.max, 13.89);
  assert.not.ok('p99' in r.latency_ms);
  assert.not.ok('p50' in r.latency_ms);
});

test('Non-2xx responses counted; absent socket errors are 0', () => {
  const r = parseWrk(fixture('non2xx.txt'));
  assert.is(r.errors.non_2xx_3xx, 147675);
  assert.is(r.errors.read, 0);
  assert.is(r.latency_ms.p50, 0.038);
  assert.is(r.duration_s, 2.1);
});

test('socket read errors with zero requests: latency is null, not 0', () => {
  const r = parseWrk(fixture('read-errors.txt'));
  assert.is(r.requests, 0);
  assert.is(r.errors.read, 14839);
  assert.is(r.requests_per_s, 0);
  assert.is(r.latency_ms.avg, null);
  assert.is(r.latency_ms.within_stdev_pct, null);
  assert.is(r.req_per_s_thread.avg, null);
});

test('zero requests with --latency (server never answers): percentiles null', () => {
  const r = parseWrk(fixture('zero-requests-hold.txt'));
  assert.is(r.requests, 0);
  assert.is(r.bytes_read, 0);
  assert.is(r.latency_ms.p99, null);
  assert.is(r.latency_ms.p50, null);
});

test('Lua done() output after Transfer/sec is kept verbatim', () => {
  const r = parseWrk(fixture('lua-done.txt'));
  assert.is(r.requests, 21205);
  assert.equal(r.script_output, ['------------------------------', '50%,85', '90%,1045', '99%,3001', '99.999%,10119']);
});

test('a 61 s run: "Running 1m test", "requests in 1.02m"', () => {
  const r = parseWrk(fixture('long-61s.txt'));
  assert.is(r.test_duration_s, 60);
  assert.is(r.duration_s, 61.2);
  assert.is(r.requests, 5932);
  assert.is(r.latency_ms.p99, 2.69);
  assert.is(r.transfer_bytes_per_s, Math.round(14.51 * 1024));
});

test('failed run: unable to connect is an error at its line', () => {
  const e = parseError(fixture('refused.txt'));
  assert.is(e.line, 1);
  assert.is(e.reason, 'wrk run failed: unable to connect to 127.0.0.1:9 Connection refused');
});

test('wrk2 -R (giltene): HdrHistogram percentiles, spectrum, footer, calibration', () => {
  const r = parseWrk(fixture('wrk2-giltene-R2000.txt'));
  assert.is(r.tool, 'wrk2');
  assert.is(r.requests, 119714);
  assert.is(r.duration_s, 60);
  assert.is(r.test_duration_s, 60);
  assert.is(r.latency_ms.p50, 1.37);
  assert.is(r.latency_ms.p99, 3.02);
  assert.is(r.latency_ms.p99_9, 5.72);
  assert.is(r.latency_ms.p99_99, 7.89);
  assert.is(r.latency_ms.p99_999, 12.68);
  assert.is(r.latency_ms.p100, 12.93);
  assert.is(r.latency_ms.max, 12.92);
  assert.is(r.spectrum!.length, 86);
  assert.equal(r.spectrum![1], { latency_ms: 0.608, percentile: 0.1, count: 9940 });
  assert.equal(r.spectrum![r.spectrum!.length - 1], { latency_ms: 12.927, percentile: 1, count: 99357 });
  assert.equal(r.hdr, { mean_ms: 1.441, stdev_ms: 0.706, max_ms: 12.92, total_count: 99357, buckets: 27, sub_buckets: 2048 });
  assert.equal(r.calibration, [{ mean_latency_ms: 1.464, sampling_interval_ms: 10 }]);
  assert.is(r.transfer_bytes_per_s, Math.round(173.39 * 1024));
});

test('wrk2 --u_latency: corrected and uncorrected histograms, seconds with a trailing space', () => {
  const r = parseWrk(fixture('wrk2-uncorrected-seconds.txt'));
  assert.is(r.latency_ms.p50, 17370);
  assert.is(r.latency_ms.p100, 26210);
  assert.is(r.latency_ms.avg, 17420);
  assert.is(r.uncorrected!.latency_ms.p99, 644.61);
  assert.is(r.uncorrected!.latency_ms.p99_999, 729.6);
  assert.is(r.uncorrected!.spectrum.length, 64);
  assert.is(r.uncorrected!.hdr!.mean_ms, 396.916);
  assert.is(r.spectrum!.length, 64);
  assert.is(r.hdr!.total_count, 5011);
  assert.is(r.calibration!.length, 2);
  assert.is(r.requests, 7477);
});

test('DeathStarBench wrk2 fork: "99%" third column, "Test Results @", Non-2xx', () => {
  const r = parseWrk(fixture('wrk2-deathstarbench-fork.txt'));
  assert.is(r.url, 'http://192.168.59.100:32094');
  assert.is(r.threads, 50);
  assert.is(r.latency_ms.max, null);
  assert.is(r.latency_ms.p99, 29570);
  assert.is(r.latency_ms.p50, 19430);
  assert.is(r.errors.non_2xx_3xx, 1);
  assert.is(r.requests, 2478);
  assert.is(r.requests_per_s, 82.6);
  assert.is(r.calibration!.length, 50);
});

test('public snippets: solon-jetty socket errors, #371 Non-2xx without Running line, #497 zero requests', () => {
  const solon = parseWrk(fixture('snippet-solon-jetty-latency-socket-errors.txt'));
  assert.is(solon.requests, 3231488);
  assert.is(solon.errors.read, 208);
  assert.is(solon.latency_ms.p50, 0.847);
  assert.is(solon.duration_s, 30.08);
  const i371 = parseWrk(fixture('snippet-wrk-371-non2xx.txt'));
  assert.is(i371.url, null);
  assert.is(i371.threads, 12);
  assert.is(i371.errors.connect, 157);
  assert.is(i371.errors.non_2xx_3xx, 517458);
  const i497 = parseWrk(fixture('snippet-wrk-497-zero-requests.txt'));
  assert.is(i497.requests, 0);
  assert.is(i497.threads, null);
  assert.is(i497.bytes_read, Math.round(15.11 * 1024));
  assert.is(i497.errors.read, 236);
});

test('public snippets that are cut short fail with the line and reason', () => {
  const tokio = parseError(fixture('snippet-tokio-218-transfer-kb.txt'));
  assert.is(tokio.line, 1);
  assert.match(tokio.reason, /no Thread Stats "Latency" row/);
  const i177 = parseError(fixture('snippet-wrk-177-running-2m-truncated.txt'));
  assert.is(i177.line, 5);
  assert.is(i177.reason, 'truncated wrk output: no "Requests/sec:" line after the summary');
  const te = parseError(fixture('snippet-techempower-117-wrk1-truncated.txt'));
  assert.is(te.line, 6);
  const lua = parseError(fixture('snippet-report-lua-done.txt'));
  assert.is(lua.reason, 'truncated wrk output: no "N requests in T, B read" summary line');
});

test('truncated captured output: cut before Requests/sec and before Transfer/sec', () => {
  const lines = fixture('latency-c16.txt').split('\n');
  const cut = parseError(lines.slice(0, 11).join('\n'));
  assert.is(cut.line, 11);
  assert.match(cut.reason, /no "Requests\/sec:" line/);
  const cut2 = parseError(lines.slice(0, 12).join('\n'));
  assert.match(cut2.reason, /no "Transfer\/sec:" line/);
});

test('malformed known lines name the line', () => {
  const text = fixture('latency-c16.txt').replace('Latency   404.63us  701.36us   8.53ms   91.65%', 'Latency   404.63us  701.36us');
  const e = parseError(text);
  assert.is(e.line, 4);
  assert.match(e.reason, /Latency row has 2 values, expected 4/);
  const bad = parseError(fixture('latency-c16.txt').replace('Transfer/sec:      9.60MB', 'Transfer/sec:      9.60XB'));
  assert.is(bad.line, 13);
  assert.match(bad.reason, /not a wrk byte amount/);
});

test('negative and non-decimal values are rejected at their line (wrk prints no negative value, no hex)', () => {
  const base = fixture('latency-c16.txt');
  const at = (from: string, to: string) => {
    assert.ok(base.includes(from), from);
    const e = parseError(base.replace(from, to));
    return `${e.line}: ${e.reason}`;
  };
  assert.is(at('Requests/sec:  65783.76', 'Requests/sec:  -1'), '12: Requests/sec "-1" is negative: wrk prints no negative counts, rates, sizes or times');
  assert.is(at('Requests/sec:  65783.76', 'Requests/sec:  -123456.78'), '12: Requests/sec "-123456.78" is negative: wrk prints no negative counts, rates, sizes or times');
  assert.is(at('Requests/sec:  65783.76', 'Requests/sec:  0x1F'), '12: Requests/sec "0x1F" is not a decimal number as wrk prints it (e.g. 65783.76)');
  assert.is(at('Requests/sec:  65783.76', 'Requests/sec:  1e3'), '12: Requests/sec "1e3" is not a decimal number as wrk prints it (e.g. 65783.76)');
  assert.is(at('Latency   404.63us', 'Latency   -404.63us'), '4: latency "-404.63us" is negative: wrk prints no negative counts, rates, sizes or times');
  assert.is(at('91.65%', '-91.65%'), '4: Latency "+/- Stdev" "-91.65%" is negative: wrk prints no negative counts, rates, sizes or times');
  assert.is(at('Transfer/sec:      9.60MB', 'Transfer/sec:      -9.60MB'), '13: Transfer/sec "-9.60MB" is negative: wrk prints no negative counts, rates, sizes or times');
});

test('sniff recognises wrk output, including a failed run, and not other text', () => {
  assert.ok(sniffWrk(fixture('latency-c16.txt')));
  assert.ok(sniffWrk(fixture('refused.txt')));
  assert.ok(sniffWrk(fixture('snippet-tokio-218-transfer-kb.txt')));
  assert.not.ok(sniffWrk('% time     seconds  usecs/call     calls    errors syscall\n'));
});

test.run();
