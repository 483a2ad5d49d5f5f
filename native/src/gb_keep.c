#include "gb_keep.h"

#include "gb_iov.h"
#include "gb_linger.h"
#include "gb_loop.h"
#include "gb_reply.h"
#include "gb_request.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define RBUF_INIT 16384

enum { K_READ, K_WRITE, K_LINGER };

struct gb_kconn {
    int fd;
    uint8_t state;
    uint8_t readable;    /* epoll said so and no short read since */
    uint8_t have_head;   /* req holds the current request's head */
    uint8_t close_after; /* once the answer is out: close (linger if bytes are left) */
    uint8_t linger;      /* ... and linger even if none are (error answers) */
    uint8_t force_close; /* answer the next request with Connection: close */
    uint8_t announced;   /* adopted as kept: report its close */
    uint32_t events;     /* registered interest */
    char *rbuf;
    size_t rlen, rcap;
    struct gb_request req;
    char *obuf; /* the part of an answer the client has not taken yet */
    size_t olen, ooff;
    int64_t last_ms, head_ms, linger_until;
    struct gb_kconn *prev, *next;
};

static int set_events(struct gb_keep *k, struct gb_kconn *c, uint32_t events)
{
    if (c->events == events)
        return 0;
    if (gb_loop_mod(k->cfg.ep, c->fd, events, c) < 0)
        return -1;
    c->events = events;
    return 0;
}

static void kconn_close(struct gb_keep *k, struct gb_kconn *c)
{
    /* Another process (the gateway, until it has read our DONE) may still
     * hold this socket's open file description, which epoll keys on. */
    gb_loop_del(k->cfg.ep, c->fd);
    close(c->fd);
    if (c->prev)
        c->prev->next = c->next;
    else
        k->all = c->next;
    if (c->next)
        c->next->prev = c->prev;
    k->count--;
    int announced = c->announced;
    free(c->rbuf);
    free(c->obuf);
    free(c);
    if (announced && k->cfg.closed)
        k->cfg.closed(k->cfg.ctx);
}

static void start_linger(struct gb_keep *k, struct gb_kconn *c, int64_t now)
{
    shutdown(c->fd, SHUT_WR);
    c->state = K_LINGER;
    c->linger_until = now + GB_LINGER_MS;
    c->rlen = 0;
    c->have_head = 0;
    c->readable = 1;
    set_events(k, c, EPOLLIN | EPOLLRDHUP);
}

/* Error answers close the connection with a lingering close (gb_linger).
 * Returns 0, or -1 when the connection was closed. */
static int linger_read(struct gb_keep *k, struct gb_kconn *c)
{
    if (!gb_linger_drain(c->fd)) {
        kconn_close(k, c);
        return -1;
    }
    c->readable = 0;
    return 0;
}

/* Writes what the client can take now and keeps a copy of the rest.
 * Returns 0, or -1 when the connection was closed. */
static int answer(struct gb_keep *k, struct gb_kconn *c, const struct iovec *iov, int cnt,
                  int64_t now)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = (size_t)cnt;
    ssize_t n;
    do
        n = sendmsg(c->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno != EAGAIN) {
        kconn_close(k, c);
        return -1;
    }
    size_t done = n > 0 ? (size_t)n : 0, total = gb_iov_len(iov, cnt);
    c->last_ms = now;
    if (done == total)
        return 0;
    c->obuf = malloc(total - done);
    if (!c->obuf || set_events(k, c, EPOLLOUT) < 0) {
        kconn_close(k, c);
        return -1;
    }
    c->olen = gb_iov_copy(iov, cnt, done, c->obuf);
    c->ooff = 0;
    c->state = K_WRITE;
    return 0;
}

/* Continues an answer the client could not take at once. Returns 1 when it
 * is all out, 0 when more must wait, -1 when the connection was closed. */
static int flush_answer(struct gb_keep *k, struct gb_kconn *c, int64_t now)
{
    while (c->ooff < c->olen) {
        ssize_t n = send(c->fd, c->obuf + c->ooff, c->olen - c->ooff, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            c->ooff += (size_t)n;
            c->last_ms = now;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return 0;
        kconn_close(k, c);
        return -1;
    }
    free(c->obuf);
    c->obuf = NULL;
    c->olen = c->ooff = 0;
    c->state = K_READ;
    if (set_events(k, c, EPOLLIN | EPOLLRDHUP) < 0) {
        kconn_close(k, c);
        return -1;
    }
    c->readable = 1; /* we did not look while writing */
    return 1;
}

static int answer_error(struct gb_keep *k, struct gb_kconn *c, int status, int keep, int64_t now)
{
    char buf[GB_REPLY_ERROR_MAX];
    int n = gb_reply_error(buf, sizeof buf, status, c->req.allowed, keep, c->req.http10);
    struct iovec iov = { buf, n > 0 ? (size_t)n : 0 };
    c->close_after = (uint8_t)!keep;
    c->linger = (uint8_t)!keep;
    return answer(k, c, &iov, 1, now);
}

static int run_function(struct gb_keep *k, struct gb_kconn *c, int keep, int64_t now)
{
    const struct gb_request *r = &c->req;
    struct gb_fn_response resp;
    if (k->cfg.busy_ms)
        *k->cfg.busy_ms = now ? now : 1;
    gb_functions_call(k->cfg.fns, (unsigned)r->route, c->rbuf, r->method_len,
                      c->rbuf + r->method_len + 1, r->target_len, c->rbuf + r->head_len,
                      r->body_len, k->cfg.scratch, k->cfg.scratch_cap, &resp);
    if (k->cfg.busy_ms)
        *k->cfg.busy_ms = 0;
    char head[256];
    int hlen = gb_reply_head(head, sizeof head, resp.status, resp.content_type, resp.body_len, keep,
                             r->http10);
    if (hlen < 0)
        return answer_error(k, c, 500, 0, now);
    struct iovec iov[2] = { { head, (size_t)hlen }, { (void *)resp.body, resp.body_len } };
    c->close_after = (uint8_t)!keep;
    c->linger = 0;
    return answer(k, c, iov, resp.body_len ? 2 : 1, now);
}

enum { NEED_MORE, ANSWERED, CLOSED };

/* Answers the request at the start of rbuf if it is all there. */
static int next_request(struct gb_keep *k, struct gb_kconn *c, int64_t now)
{
    struct gb_request *r = &c->req;
    if (!c->have_head) {
        if (!c->rlen)
            return NEED_MORE;
        char err[128];
        int v = gb_request_head(c->rbuf, c->rlen, &k->cfg.fns->routes, k->cfg.max_body, r, err,
                                sizeof err);
        if (v == GB_REQUEST_INCOMPLETE)
            return NEED_MORE;
        if (v != GB_REQUEST_HEAD) {
            r->allowed = 0;
            r->http10 = 0;
            return answer_error(k, c, v, 0, now) < 0 ? CLOSED : ANSWERED;
        }
        c->have_head = 1;
        size_t need = r->head_len + r->body_len;
        if (r->expect_continue && r->body_len && c->rlen < need && r->route >= 0) {
            static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
            (void)!send(c->fd, cont, sizeof cont - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        }
        if (need > c->rcap) {
            char *nb = realloc(c->rbuf, need);
            if (!nb) {
                kconn_close(k, c);
                return CLOSED;
            }
            c->rbuf = nb;
            c->rcap = need;
        }
    }
    size_t used = r->head_len + r->body_len;
    if (c->rlen < used)
        return NEED_MORE;
    int keep = r->keep_alive && !c->force_close;
    int rc = r->route < 0 ? answer_error(k, c, r->status, keep, now) : run_function(k, c, keep, now);
    if (rc < 0)
        return CLOSED;
    memmove(c->rbuf, c->rbuf + used, c->rlen - used);
    c->rlen -= used;
    c->have_head = 0;
    c->head_ms = now;
    if (c->rcap > RBUF_INIT && c->rlen <= RBUF_INIT) {
        /* A big body grew the buffer; do not keep it per idle connection. */
        char *nb = realloc(c->rbuf, RBUF_INIT);
        if (nb) {
            c->rbuf = nb;
            c->rcap = RBUF_INIT;
        }
    }
    return ANSWERED;
}

/* Does everything the connection can do now: finish an answer, answer the
 * requests it holds, read when epoll said there is something. Returns 1
 * while the connection is open, 0 once it is closed (and freed). */
static int kconn_run(struct gb_keep *k, struct gb_kconn *c, int64_t now)
{
    for (;;) {
        if (c->state == K_WRITE) {
            int f = flush_answer(k, c, now);
            if (f <= 0)
                return f == 0;
        }
        if (c->state == K_LINGER)
            return !c->readable || linger_read(k, c) == 0;
        if (c->close_after) {
            if (c->linger || c->rlen) {
                start_linger(k, c, now);
                continue;
            }
            kconn_close(k, c);
            return 0;
        }
        int r = next_request(k, c, now);
        if (r == CLOSED)
            return 0;
        if (r == ANSWERED)
            continue;
        if (!c->readable)
            return 1;
        size_t space = c->rcap - c->rlen;
        if (space == 0) /* a head over the limit is answered before this */
            return 1;
        ssize_t n = gb_request_recv(c->fd, c->rbuf + c->rlen, space);
        if (n < 0) {
            kconn_close(k, c);
            return 0;
        }
        if (n == 0) {
            c->readable = 0;
            return 1;
        }
        if (c->rlen == 0)
            c->head_ms = now;
        c->rlen += (size_t)n;
        c->last_ms = now;
        /* Level-triggered: a short read drained the socket, and epoll tells
         * us when more (or the FIN) comes. */
        if ((size_t)n < space)
            c->readable = 0;
    }
}

int gb_keep_adopt(struct gb_keep *k, int fd, const void *bytes, size_t len, int keep, int64_t now)
{
    struct gb_kconn *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    c->rcap = len > RBUF_INIT ? len : RBUF_INIT;
    c->rbuf = malloc(c->rcap);
    c->events = EPOLLIN | EPOLLRDHUP;
    if (!c->rbuf || gb_loop_add(k->cfg.ep, fd, c->events, c) < 0) {
        free(c->rbuf);
        free(c);
        return -1;
    }
    memcpy(c->rbuf, bytes, len);
    c->rlen = len;
    c->fd = fd;
    c->state = K_READ;
    c->force_close = (uint8_t)!keep;
    c->last_ms = c->head_ms = now;
    c->next = k->all;
    if (k->all)
        k->all->prev = c;
    k->all = c;
    k->count++;
    /* The first request is complete: it is answered before the gateway
     * hears back. Anything more on the socket waits for epoll. */
    if (!kconn_run(k, c, now))
        return 0;
    c->announced = 1;
    return 1;
}

void gb_keep_event(struct gb_keep *k, void *ptr, uint32_t events, int64_t now)
{
    struct gb_kconn *c = ptr;
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        c->readable = 1;
    if ((events & (EPOLLHUP | EPOLLERR)) && c->state == K_WRITE) {
        kconn_close(k, c);
        return;
    }
    kconn_run(k, c, now);
}

void gb_keep_tick(struct gb_keep *k, int64_t now)
{
    for (struct gb_kconn *c = k->all, *nx; c; c = nx) {
        nx = c->next;
        int idle = now - c->last_ms >= k->cfg.idle_ms;
        if (c->state == K_LINGER ? now >= c->linger_until
                                 : idle || (c->state == K_READ && c->rlen && !c->have_head &&
                                            now - c->head_ms >= k->cfg.idle_ms))
            kconn_close(k, c);
    }
}
