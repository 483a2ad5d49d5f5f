/**
 * Loopback TCP ports that were free a moment ago, for starting a gateway or a collector without a fixed port.
 * A port can be taken between the check and its use; callers that race other processes retry or fail with
 * the port in their message.
 *
 * @example
 * await freePort() // -> 41327
 * await freePortRun(2) // -> 24117 (24117 and 24118 free)
 */
import net from 'node:net';

/** A TCP port that was free on 127.0.0.1 a moment ago (bind to port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * The first port of `count` consecutive ports that were free a moment ago, below the kernel's ephemeral
 * range (32768 and up), so no client connection of a concurrent test takes one as its local port. The
 * collector puts the embedded gateway's second variant on --port + 1.
 *
 * @example
 * await freePortRun(2) // -> 24117 (24117 and 24118 free)
 */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = 20000 + Math.floor(Math.random() * (32000 - 20000 - count));
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await canListen(first + i);
    if (ok) return first;
  }
  throw new Error(`no ${count} consecutive free ports found in 20000-32000`);
}
