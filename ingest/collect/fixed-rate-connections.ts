/**
 * How many connections the fixed-rate client opens: the configured count, but never so many that a
 * connection carries fewer than MIN_REQUESTS_PER_CONNECTION requests of the trial.
 *
 * Why: the fixed-rate phase measures CPU per request on kept connections, as the closed loop does. A sweep's
 * large sizes run at a low rate (32 req/s at 1 MiB: 96 requests in a 3 s trial), and 100 connections would
 * then carry about one request each, so every request would pay a new connection's accept, epoll
 * registration and (fdpass-conn) hand-over inside the measured window. At 32 req/s and about 1 ms per
 * answer, 4 connections are busy about 1% of the time, so the open-loop schedule is not held back.
 *
 * @example
 * fixedRateConnections(100, 2500, 5) // 100 (12,500 requests: 125 per connection)
 * fixedRateConnections(100, 32, 3)   // 4 (96 requests: 24 per connection)
 * fixedRateConnections(100, 5, 1)    // 1
 */
export const MIN_REQUESTS_PER_CONNECTION = 20;

export function fixedRateConnections(configured: number, rate_rps: number, seconds: number): number {
  return Math.max(1, Math.min(configured, Math.floor((rate_rps * seconds) / MIN_REQUESTS_PER_CONNECTION)));
}
