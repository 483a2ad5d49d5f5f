import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nginxConfig } from '../../../bench/lib/nginx.ts';

test('return200: one server answering the hello body, every path in the temp dir', () => {
  const conf = nginxConfig({ dir: '/tmp/n', workers: 1, listen: '127.0.0.1:8081', body: 'return200', runAsRoot: false });
  assert.ok(conf.includes('worker_processes 1;'));
  assert.ok(conf.includes('pid /tmp/n/front.pid;'));
  assert.ok(conf.includes('error_log /tmp/n/front.error.log warn;'));
  assert.ok(conf.includes(`server { listen 127.0.0.1:8081; location / { default_type application/json; return 200 '{"status":"ok"}'; } }`));
  assert.not.ok(conf.includes('user root;'));
  assert.not.ok(conf.includes('upstream'));
});

test('proxy: keep-alive upstream over the Unix socket, HTTP/1.1 with an empty Connection header', () => {
  const conf = nginxConfig({ dir: '/tmp/n', workers: 1, listen: '127.0.0.1:8082', body: { upstreamSocket: '/tmp/n/backend.sock' }, runAsRoot: true });
  assert.ok(conf.startsWith('user root;\n'));
  assert.ok(conf.includes('upstream backend { server unix:/tmp/n/backend.sock; keepalive 64; }'));
  assert.ok(conf.includes('proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection "";'));
});

test.run();
