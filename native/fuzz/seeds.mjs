// Writes the committed seed corpus (corpus/http, corpus/frame). Re-run with
// `node native/fuzz/seeds.mjs` after changing it; libFuzzer grows its own
// working corpus from these under build/ and never writes here.
// http inputs: 1 byte header capacity (byte % 65; '@' = 64) + request bytes.
// frame inputs: 4-byte little-endian limit word (even = the real 64 MiB
// limit, odd = a small limit) + a stream of frames.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CAP = '@';
const http = {
  'get-hello': 'GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'get-query': 'GET /api/payload?size=1024&x=%20y HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n',
  'post-echo': 'POST /api/echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello',
  'http10-keepalive': 'GET /api/hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n',
  'http11-close': 'GET / HTTP/1.1\r\nConnection: Keep-Alive, close\r\n\r\n',
  pipelined: 'GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\nPOST /c HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi',
  partial: 'GET /api/hello HTTP/1.1\r\nHost: 12',
  'dup-content-length': 'POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc',
  'conflicting-content-length': 'POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd',
  'bad-content-length': 'POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n',
  'transfer-encoding': 'POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'obs-fold': 'GET / HTTP/1.1\r\nX: a\r\n  b\r\n\r\n',
  'lf-only': 'GET / HTTP/1.1\nHost: a\n\n',
  'absolute-form': 'GET http://a/b HTTP/1.1\r\n\r\n',
  'http2-preface': 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
  'long-method': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ / HTTP/1.1\r\n\r\n',
  'tabs-and-spaces': 'GET /t HTTP/1.1\r\nX-A:\t v \t\r\nX-B:\r\n\r\n',
  'control-char': 'GET /t HTTP/1.1\r\nX-A: a\x01b\r\n\r\n',
  'del-in-target': 'GET /a\x7fb HTTP/1.1\r\n\r\n',
  'high-bytes': 'GET /\xc3\xa9 HTTP/1.1\r\nX: \xff\xfe\r\n\r\n',
  'empty-header-name': 'GET / HTTP/1.1\r\n: v\r\n\r\n',
  'version-19': 'GET / HTTP/1.9\r\n\r\n',
};
const frames = {};
function frame(type, flags, methodLen, id, payload, route, arg) {
  const b = Buffer.alloc(16);
  b[0] = 0xb7;
  b[1] = type;
  b[2] = flags;
  b[3] = methodLen;
  b.writeUInt32LE(id, 4);
  b.writeUInt32LE(payload.length, 8);
  b.writeUInt16LE(route, 12);
  b.writeUInt16LE(arg, 14);
  return Buffer.concat([b, payload]);
}
const real = Buffer.from([0, 0, 0, 0]);
const small = Buffer.from([0x81, 0, 0, 0]); // odd: limit (0x81 >> 1) % 4096 = 64
const req = (id, m, t, body = '', flags = 1) =>
  frame(1, flags, m.length, id, Buffer.from(`${m} ${t}${body}`, 'latin1'), 0, t.length);
frames['req-get'] = Buffer.concat([real, req(1, 'GET', '/api/hello')]);
frames['req-post-body'] = Buffer.concat([real, req(2, 'POST', '/api/echo', 'hello body', 3)]);
frames['req-batch'] = Buffer.concat([real, req(3, 'GET', '/a'), req(4, 'GET', '/b?x=1', '', 0), req(5, 'POST', '/c', 'zz', 8)]);
frames['resp'] = Buffer.concat([real, frame(2, 1, 0, 7, Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), 0, 200)]);
frames['done-keepalive'] = Buffer.concat([real, frame(3, 1, 0, 9, Buffer.alloc(0), 0, 200)]);
frames['done-leftover'] = Buffer.concat([real, frame(3, 0, 0, 10, Buffer.from('GET /next HTTP/1.1\r\n'), 0, 200)]);
frames['done-fail'] = Buffer.concat([real, frame(3, 4, 0, 11, Buffer.alloc(0), 0, 500)]);
frames['ready'] = Buffer.concat([real, frame(4, 0, 0, 0, Buffer.alloc(0), 0, 0)]);
frames['ready-with-payload'] = Buffer.concat([real, frame(4, 0, 0, 0, Buffer.from('x'), 0, 0)]);
frames['over-small-limit'] = Buffer.concat([small, frame(2, 0, 0, 1, Buffer.alloc(100, 0x41), 0, 200)]);
frames['req-line-too-long'] = Buffer.concat([real, frame(1, 0, 3, 1, Buffer.from('GET /'), 0, 40)]);
frames['truncated'] = Buffer.concat([real, req(1, 'GET', '/api/hello').subarray(0, 20)]);
frames['bad-magic'] = Buffer.concat([real, Buffer.from('HTTP/1.1 200 OK\r\n\r\n')]);
frames['unknown-flags'] = Buffer.concat([real, frame(3, 0x40, 0, 1, Buffer.alloc(0), 0, 0)]);

for (const [dir, set] of [['http', http], ['frame', frames]]) {
  mkdirSync(path.join(here, 'corpus', dir), { recursive: true });
  for (const [name, v] of Object.entries(set)) {
    const bytes = typeof v === 'string' ? Buffer.from(CAP + v, 'latin1') : v;
    writeFileSync(path.join(here, 'corpus', dir, name), bytes);
  }
}
console.log(`seeds: ${Object.keys(http).length} http, ${Object.keys(frames).length} frame`);
