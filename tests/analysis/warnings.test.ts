import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { warningJson, warningMessage, warningSeverity, warningShort, type Warning } from '../../analysis/warnings.ts';

const examples: Warning[] = [
  { code: 'run-load-error', reason: 'manifest.json: not valid JSON' },
  { code: 'run-incomplete', status: 'incomplete' },
  { code: 'repetition-failed', variant: 'proxy', repetition: 2, error: 'gateway exited with code 1' },
  { code: 'parse-error', file: 'raw-results/r/proxy/rep-1/throughput.wrk.txt', line: 12, reason: 'expected "Requests/sec:"' },
  { code: 'phase-skipped', skipped_phase: 'perf-record', reason: 'perf not installed' },
  { code: 'variant-missing', variant: 'fdpass', role: 'candidate' },
  { code: 'aa-run' },
  { code: 'too-few-repetitions', variant: 'proxy', n: 2 },
  { code: 'high-cv', variant: 'proxy', metric: 'throughput_rps', cv_pct: 14.2, threshold_pct: 10 },
  { code: 'http-errors', variant: 'proxy', repetition: 1, phase: 'throughput', non_2xx: 3, socket_errors: 0 },
  { code: 'load-saturated', variant: 'proxy', repetition: 1, phase: 'throughput', load_cpu_pct: 96.5, capacity_pct: 100, threshold_pct: 90 },
  { code: 'load-not-monitored' },
  { code: 'phase-overlap', variant: 'proxy', repetition: 1, untimed_phase: 'proxy/rep-1/strace', timed_phase: 'throughput', overlap_s: 0.25 },
  { code: 'config-mismatch', fields: 'connections 100 vs 50', baseline_run: 'a', candidate_run: 'b' },
  { code: 'machine-mismatch', baseline_fingerprint: 'f1', candidate_fingerprint: 'f2' },
  { code: 'baseline-zero', metric: 'non_2xx_responses' },
  { code: 'no-data', metric: 'syscalls_per_req', variant: 'fdpass' },
  { code: 'capacity-drift', variant: 'proxy', throughput_cv_pct: 41.12, cost_cv_pct: 3.91 },
];

test('idle-process: an idle front or idle workers, and which monitor key names the right processes', () => {
  assert.is(
    warningMessage({ code: 'idle-process', variant: 'direct', process: 'gateway', cpu_pct: 0 }),
    'direct: the monitored front (the gateway figures) used 0.00% CPU under full load: it is probably not what serves the requests (an idle master?); say which processes are the front in the config\'s monitor.front (e.g. "descendants")',
  );
  assert.is(
    warningMessage({ code: 'idle-process', variant: 'direct', process: 'workers', cpu_pct: 0.25 }),
    'direct: the monitored workers used 0.25% CPU under full load: they are probably not what serves the requests; say which processes are the workers in the config\'s monitor.workers (or "none")',
  );
  assert.is(warningSeverity({ code: 'idle-process', variant: 'direct', process: 'gateway', cpu_pct: 0 }), 'warning');
});

test('messages: concrete sentences with the parameters', () => {
  assert.is(warningMessage(examples[3]), 'raw-results/r/proxy/rep-1/throughput.wrk.txt:12: expected "Requests/sec:" (the rest of the run is analyzed)');
  assert.is(warningMessage(examples[8]), 'proxy throughput_rps varies too much between repetitions (CV 14.2% > 10%): noisy machine?');
  assert.is(warningMessage(examples[7]), 'fewer than 3 repetitions of proxy (n = 2): no confidence interval');
  assert.is(
    warningMessage(examples[10]),
    'proxy repetition 1 (throughput): the load generator used 96.5% CPU of 100% available (>= 90%): the client, not the gateway, may limit throughput',
  );
  assert.is(warningMessage(examples[12]), 'proxy repetition 1: untimed phase proxy/rep-1/strace overlapped timed phase throughput by 0.250 s: its measurements are perturbed');
  assert.is(
    warningMessage(examples[17]),
    "proxy: throughput varies 41.1% between repetitions while total CPU per request varies 3.9%: the machine's CPU capacity changed during the run (host throttling, steal time, frequency), not the work per request; trust the cost per request, not throughput, latency or CPU % at the fixed rate",
  );
  assert.is(warningShort(examples[17]), 'capacity drift proxy');
  assert.is(warningSeverity(examples[17]), 'note');
});

test('every code has a severity, a message and a short form; gates are the validity gates', () => {
  for (const w of examples) {
    assert.ok(warningMessage(w).length > 10, w.code);
    assert.ok(warningShort(w).length > 0, w.code);
  }
  assert.equal(
    examples.filter((w) => warningSeverity(w) === 'gate').map((w) => w.code),
    ['run-load-error', 'variant-missing', 'too-few-repetitions', 'high-cv', 'http-errors', 'load-saturated', 'phase-overlap', 'config-mismatch', 'machine-mismatch', 'baseline-zero', 'no-data'],
  );
});

test('JSON form: the typed value plus severity and message', () => {
  assert.equal(warningJson(examples[5]), {
    code: 'variant-missing',
    variant: 'fdpass',
    role: 'candidate',
    severity: 'gate',
    message: 'the candidate variant "fdpass" has no repetitions in this run: nothing to compare',
  });
});

test.run();
