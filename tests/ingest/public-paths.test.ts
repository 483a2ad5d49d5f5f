import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { anchorPaths } from '../../ingest/public-paths.ts';

const anchors = [
  { path: '/work/main/', as: '<project>' },
  { path: '/work/main/raw-results/.tmp-r1', as: '<run>' },
  { path: '/home/ann/gw/bench', as: '<config-dir>' },
];

test('an anchored folder becomes its marker, the longest folder first', () => {
  assert.is(anchorPaths('/work/main/native/build/gateway', anchors), '<project>/native/build/gateway');
  assert.is(anchorPaths('/work/main/raw-results/.tmp-r1/proxy/rep-1/fixed-rate.latencies.txt', anchors), '<run>/proxy/rep-1/fixed-rate.latencies.txt');
  assert.is(anchorPaths('make -C /work/main/native -s', anchors), 'make -C <project>/native -s');
  assert.is(anchorPaths('/work/main/', anchors), '<project>/');
  assert.is(anchorPaths('/work/main', anchors), '<project>');
  assert.is(anchorPaths('nginx -c "/home/ann/gw/bench/nginx.conf"', anchors), 'nginx -c "<config-dir>/nginx.conf"');
  assert.is(anchorPaths('--root=/work/main/x,/work/main/y', anchors), '--root=<project>/x,<project>/y');
});

test('a folder only matches whole: not a longer name, not inside a URL path', () => {
  assert.is(anchorPaths('/work/mainline/gw', anchors), '/work/mainline/gw');
  assert.is(anchorPaths('http://127.0.0.1:8080/work/main/x', anchors), 'http://127.0.0.1:8080/work/main/x');
  assert.is(anchorPaths('/srv/work/main/x', anchors), '/srv/work/main/x');
});

test('home directories become ~, whoever they belong to; other absolute paths stay', () => {
  assert.is(anchorPaths('/home/ann/src/gw-v1.3', anchors), '~/src/gw-v1.3');
  assert.is(anchorPaths('cd /Users/bob/gw && ./gw', []), 'cd ~/gw && ./gw');
  assert.is(anchorPaths('/root', []), '~');
  assert.is(anchorPaths('/root/.cache/x', []), '~/.cache/x');
  assert.is(anchorPaths('/rootfs/x', []), '/rootfs/x');
  assert.is(anchorPaths('/tmp/gatebench-perf-MqTpEz/perf.data', anchors), '/tmp/gatebench-perf-MqTpEz/perf.data');
  assert.is(anchorPaths('/home', []), '/home');
});

test('a / anchor or a relative one is ignored', () => {
  assert.is(anchorPaths('/etc/x', [{ path: '/', as: '<project>' }, { path: 'etc', as: '<run>' }]), '/etc/x');
});

test.run();
