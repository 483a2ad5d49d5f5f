/* gbb_conn.h - one non-blocking HTTP client connection driven by an edge-triggered epoll loop.
 *
 * The driver (closed loop or open loop) decides when a request starts; this module only moves
 * bytes and classifies what went wrong, so both tools count errors the same way. One request is
 * in flight per connection at a time (no pipelining), as wrk and wrk2 do. */
#ifndef GBB_CONN_H
#define GBB_CONN_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "gbb_resp.h"

/* Error kinds, in the order the summaries print them. */
enum {
    GBB_E_CONNECT = 1, /* connect() refused, reset or timed out */
    GBB_E_READ,        /* read failed or the server closed before the response ended */
    GBB_E_WRITE,       /* write failed (e.g. server closed an idle keep-alive connection) */
    GBB_E_TIMEOUT,     /* no complete response within --timeout */
    GBB_E_STATUS,      /* a complete response whose status is not 2xx */
    GBB_E_PARSE,       /* a response that is not valid HTTP/1.x */
    GBB_E_KINDS
};

/* "connect", "read", ... for summary keys (errors_connect). */
const char *gbb_err_name(int kind);

enum { GBB_CONN_AGAIN = 0, GBB_CONN_DONE = 1 };

struct gbb_conn {
    int fd;              /* -1 when closed */
    int connected;
    int busy;            /* a request is in flight */
    const char *req;     /* caller-owned request bytes, shared by all connections */
    size_t req_len;
    size_t sent;
    uint64_t start_ns;   /* latency origin: actual send (closed loop) or intended send (open loop) */
    uint64_t deadline_ns;
    uint64_t next_ns;    /* driver's schedule: open-loop intended send time, or reconnect backoff */
    uint64_t served;     /* responses completed on the current fd */
    int err_no;          /* errno of the last failure, for messages */
    struct gbb_resp resp;
};

void gbb_conn_init(struct gbb_conn *c);

/* Non-blocking connect, registered in epfd (EPOLLET, data.ptr = c). Returns 0 or -GBB_E_CONNECT. */
int gbb_conn_open(struct gbb_conn *c, const struct sockaddr_in *addr, int epfd);

void gbb_conn_close(struct gbb_conn *c);

/* Starts a request whose latency counts from origin_ns and which times out at deadline_ns. They
 * differ in the open loop: latency counts from the intended send time, but the timeout from the
 * actual send, or a backlog longer than the timeout would time out every request unsent.
 * The caller then calls gbb_conn_step(c, 0, ...) to send what fits now. */
void gbb_conn_begin(struct gbb_conn *c, const char *req, size_t len, int head, uint64_t origin_ns,
                    uint64_t deadline_ns);

/* Makes progress after epoll reported events (0 when called right after begin): finishes the
 * connect, writes, reads into scratch. Returns GBB_CONN_AGAIN, GBB_CONN_DONE (c->resp holds the
 * status; c->resp.keepalive says whether the fd may be reused), or -GBB_E_* on failure. */
int gbb_conn_step(struct gbb_conn *c, uint32_t events, char *scratch, size_t cap);

#endif
