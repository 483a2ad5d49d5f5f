/* gateway: the front process. One epoll loop, non-blocking sockets, no
 * thread per connection. It parses each HTTP request, picks a worker per
 * request (least outstanding, round-robin among ties) and either
 *   proxy  (v1.0): sends a request frame over the worker's socketpair and
 *                  writes the response frames that come back to the client
 *                  as they arrive (large answers in parts, under credit: at
 *                  most GB_FRAME_PART * GB_FRAME_WINDOW bytes held per
 *                  connection), or
 *   fdpass (v2.0): sends the request frame together with the client fd
 *                  (SCM_RIGHTS); the worker writes the response to the client
 *                  itself and reports DONE, and the gateway carries on reading
 *                  that connection (keep-alive stays balanced per request), or
 *   fdpass-conn (v2.1): hands the connection over with its first request
 *                  (CONN, the fd and the bytes read so far) to the worker with
 *                  the fewest connections; after DONE the gateway closes its
 *                  copy and never sees the connection again (the worker
 *                  reports CLOSED when it lets go).
 *
 * Connection states: READ (collecting a request), QUEUED (dispatched, waiting
 * for the worker), WRITE (gateway writing a response), STREAM (proxy: writing
 * an answer whose later parts are still to come), LINGER (error answer
 * sent, draining the client's remaining bytes before close so the kernel
 * does not turn our close into a RST that destroys the answer).
 *
 * All state is one struct, gw. main() is the start-up, step by step: the
 * options (gb_options), the routes, the listener (gb_listen), the loop, the
 * workers (gb_pool); then run() until a signal has drained the gateway. */
#include "gb_fdpass.h"
#include "gb_frame.h"
#include "gb_http.h"
#include "gb_linger.h"
#include "gb_listen.h"
#include "gb_loop.h"
#include "gb_mode.h"
#include "gb_options.h"
#include "gb_pool.h"
#include "gb_reply.h"
#include "gb_request.h"
#include "gb_routes.h"
#include "gb_worker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define RING 8192 /* requests outstanding per worker; beyond that, 503 */
#define RBUF_INIT 16384
#define WBUF_INIT (256 * 1024) /* a worker's read buffer: several streamed parts per read */
#define BATCH 64               /* request frames per sendmsg */
#define MAX_RESP_FRAME (64u << 20)
#define TICK_MS 100

enum { K_LISTEN = 1, K_SIGNAL, K_WORKER, K_CONN };
enum { C_FREE = 0, C_READ, C_QUEUED, C_WRITE, C_STREAM, C_LINGER };

/* Client connections.
 * proxy: edge-triggered EPOLLIN|EPOLLRDHUP, registered once. Events that
 *   arrive while a request is with a worker are only latched in `readable`;
 *   nothing is read until the response is done, which keeps pipelined
 *   requests in order without an epoll_ctl per request.
 * fdpass: EPOLLONESHOT, so the gateway's copy is disarmed while a worker
 *   holds the connection. Here the client's next request typically arrives
 *   before the worker's DONE does (the worker answers the client first);
 *   an armed fd would wake the gateway for data it may not act on yet - on a
 *   shared core, a context switch per request. After DONE the gateway reads
 *   optimistically and only re-arms (one epoll_ctl) when nothing is there. */
#define CONN_EVENTS (EPOLLIN | EPOLLRDHUP | EPOLLET)
#define CONN_EVENTS_ONESHOT (EPOLLIN | EPOLLRDHUP | EPOLLONESHOT)

struct conn {
    int kind;
    int fd;
    int state;
    uint8_t readable, rdhup, fd_sent, want_out, close_after, linger, in_runq, armed;
    uint8_t held; /* STREAM: parts copied to obuf, credited once it drains */
    uint8_t keep_alive, http10, method_len;
    uint16_t target_len;
    uint32_t id;
    char *rbuf;
    size_t rlen, rcap;
    size_t hdr_len, body_len; /* hdr_len > 0 once the head is parsed */
    int route, err_status;
    unsigned allowed;
    unsigned char fhdr[GB_FRAME_HDR_LEN];
    size_t sent; /* frame bytes already handed to the worker socket */
    size_t flen; /* the dispatched frame's payload length */
    struct worker *sw;  /* STREAM: the worker whose parts are still to come */
    struct conn *s_prev, *s_next; /* in sw's list of streams */
    const char *wptr;
    size_t wlen;
    char *obuf;
    size_t ocap;
    int64_t last_ms, deadline;
    /* When the current request head began to arrive: the idle timeout alone
     * restarts on every byte, so a client dribbling one byte per interval
     * (slowloris) would hold its slot for days. The head must complete
     * within the idle timeout counted from its first byte. */
    int64_t head_ms;
    struct conn *prev, *next; /* all open connections (timer scan) */
    struct conn *rq_next;     /* run queue */
    struct conn *free_next;
    char ebuf[GB_REPLY_ERROR_MAX];
};

struct slot {
    struct conn *c;
    uint32_t id;
    int64_t t;
};

struct worker {
    int kind;
    int idx;
    int sock;
    int up;
    int want_out;
    struct gb_proc *proc;
    /* this incarnation's pid, kept for messages: SIGCHLD may clear proc->pid
     * before the worker's socket is torn down */
    pid_t pid;
    unsigned char *rbuf;
    size_t rlen, rcap;
    unsigned head, count, nsent; /* ring[head..head+nsent) sent, rest queued */
    unsigned conns; /* fdpass-conn: connections it holds (DONE kept - CLOSED) */
    struct conn *streams; /* proxy: answers it is still sending in parts */
    unsigned char *cbuf;  /* proxy: CREDIT frames not yet sent */
    size_t clen, ccap;
    struct gb_frame clast; /* the last of them, while more may join it */
    int clast_open;
    struct slot ring[RING];
};

/* Everything the gateway process knows, in one place (as redis keeps its
 * `server`): how it was asked to run, its descriptors, its workers and
 * connections, and where it is in its life. Only main's start-up steps fill
 * it in; the event handlers below read and update it. */
static struct gateway {
    struct gb_options opt;
    /* What the mode means to the event loop (set by apply_mode): the client's
     * fd travels to the worker with each request frame, and the worker
     * answers the client itself and reports DONE; */
    int pass_fd;
    /* ... and with the first request the worker takes the connection over
     * (CONN frames, least connections per worker). */
    int hand_over;
    /* fdpass-conn: connections one worker may hold (its descriptor limit,
     * less room for its own); beyond it a new connection gets 503. */
    unsigned conn_cap;
    char exe[PATH_MAX], exe_dir[PATH_MAX]; /* this executable and its directory */
    char routes_path[PATH_MAX];            /* the routes file, resolved */
    struct gb_routes routes;
    struct gb_pool_cfg pool_cfg;

    int ep, lfd, sfd;           /* epoll, listener, signalfd */
    int reserve_fd;             /* spare fd, freed to shed a connection at EMFILE */
    int listen_kind, signal_kind; /* epoll tags of lfd and sfd */

    struct worker *workers;     /* opt.workers of them */
    struct gb_proc procs[GB_OPTIONS_MAX_WORKERS];
    unsigned rr;                /* round-robin start of the next pick */
    uint32_t next_id;           /* request ids; 0 is never used */

    struct conn *all_conns, *free_conns, *runq_head, *runq_tail;
    unsigned conns_open, free_cached; /* open conns; free ones that keep a buffer */

    int64_t now;                /* ms, gb_now_ms() once per loop iteration */
    int live;                   /* every worker was ready: accepting clients */
    int draining;               /* SIGTERM/SIGINT: finishing in-flight requests */
    int64_t drain_deadline;
    int quit;                   /* 1: leave the loop, exit 0; 2: exit 1 */
    int accept_paused;          /* out of fds with no reserve: listener off */
    int64_t accept_resume_at;
    int64_t shed_logged_ms;     /* last "out of file descriptors" line */
    unsigned shed;              /* connections shed since that line */
    int64_t trimmed_ms;         /* last malloc_trim */
} gw = {
    .ep = -1,
    .lfd = -1,
    .sfd = -1,
    .reserve_fd = -1,
    .listen_kind = K_LISTEN,
    .signal_kind = K_SIGNAL,
    .shed_logged_ms = -1000000,
};

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gateway: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---------------------------------------------------------------- conns */

static void runq_push(struct conn *c)
{
    if (c->in_runq)
        return;
    c->in_runq = 1;
    c->rq_next = NULL;
    if (gw.runq_tail)
        gw.runq_tail->rq_next = c;
    else
        gw.runq_head = c;
    gw.runq_tail = c;
}

static struct conn *conn_alloc(int fd)
{
    if (!gw.free_conns) {
        /* Connection structs come in slabs, apart from the read buffers:
         * interleaved, a freed buffer's first page (the one a request
         * touched) would share a page with a live struct and stay in RSS. */
        enum { SLAB = 128 };
        struct conn *slab = calloc(SLAB, sizeof *slab);
        if (!slab)
            return NULL;
        for (int i = SLAB - 1; i >= 0; i--) {
            slab[i].kind = K_CONN;
            slab[i].fd = -1;
            slab[i].free_next = gw.free_conns;
            gw.free_conns = &slab[i];
        }
    }
    struct conn *c = gw.free_conns;
    gw.free_conns = c->free_next;
    if (c->rbuf)
        gw.free_cached--;
    if (!c->rbuf) {
        c->rbuf = malloc(RBUF_INIT);
        if (!c->rbuf) {
            c->free_next = gw.free_conns;
            gw.free_conns = c;
            return NULL;
        }
        c->rcap = RBUF_INIT;
    }
    c->fd = fd;
    c->state = C_READ;
    c->readable = c->rdhup = c->fd_sent = c->want_out = c->close_after = c->linger = 0;
    c->armed = 0;
    c->rlen = c->hdr_len = c->body_len = c->sent = c->wlen = 0;
    c->id = 0;
    c->last_ms = gw.now;
    c->head_ms = gw.now;
    c->prev = NULL;
    c->next = gw.all_conns;
    if (gw.all_conns)
        gw.all_conns->prev = c;
    gw.all_conns = c;
    gw.conns_open++;
    return c;
}

static void stream_cancel(struct conn *c);

static void conn_close(struct conn *c)
{
    if (c->state == C_FREE)
        return;
    if (c->sw)
        stream_cancel(c);
    /* In fdpass mode a worker (or a frame still in a socket buffer) may hold
     * another reference to this socket's file description. epoll keys its
     * registration on the description, so close() alone would leave it
     * registered and firing for an fd number we may reuse: remove it first. */
    if (gw.pass_fd)
        gb_loop_del(gw.ep, c->fd);
    close(c->fd);
    c->fd = -1;
    c->state = C_FREE;
    if (c->prev)
        c->prev->next = c->next;
    else
        gw.all_conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    /* Keep the common-size buffer for the next connection (a few hundred of
     * them); give back big ones and any beyond that, so RSS follows the
     * number of connections down after a burst. */
    if (c->rcap > RBUF_INIT || gw.free_cached >= 256) {
        free(c->rbuf);
        c->rbuf = NULL;
        c->rcap = 0;
    }
    free(c->obuf);
    c->obuf = NULL;
    c->ocap = 0;
    if (c->rbuf)
        gw.free_cached++;
    c->free_next = gw.free_conns;
    gw.free_conns = c;
    gw.conns_open--;
}

static void set_out(struct conn *c, int on)
{
    if (c->want_out == on)
        return;
    if (gw.pass_fd) {
        /* One-shot: arming for EPOLLOUT replaces the read interest; the
         * read side re-arms itself when it needs to. */
        if (on && gb_loop_mod(gw.ep, c->fd, EPOLLOUT | EPOLLONESHOT, c) < 0)
            return;
        c->armed = (uint8_t)on;
        c->want_out = (uint8_t)on;
        return;
    }
    if (gb_loop_mod(gw.ep, c->fd, CONN_EVENTS | (on ? EPOLLOUT : 0), c) == 0)
        c->want_out = (uint8_t)on;
}

/* fdpass: ask for the next read event (no-op when already armed). */
static void arm_read(struct conn *c)
{
    if (!gw.pass_fd || (c->armed && !c->want_out))
        return;
    if (gb_loop_mod(gw.ep, c->fd, CONN_EVENTS_ONESHOT, c) == 0) {
        c->armed = 1;
        c->want_out = 0;
    }
}

static void start_linger(struct conn *c)
{
    if (c->want_out)
        set_out(c, 0);
    shutdown(c->fd, SHUT_WR);
    c->state = C_LINGER;
    c->deadline = gw.now + GB_LINGER_MS;
    c->rlen = 0;
    c->hdr_len = 0;
    runq_push(c);
}

/* The response for the current request has been fully written. */
static void finish_request(struct conn *c)
{
    if (c->want_out)
        set_out(c, 0);
    if (c->close_after || gw.draining) {
        if (c->linger || (c->rlen > c->hdr_len + c->body_len))
            start_linger(c);
        else
            conn_close(c);
        return;
    }
    size_t used = c->hdr_len + c->body_len;
    if (used < c->rlen)
        memmove(c->rbuf, c->rbuf + used, c->rlen - used);
    c->rlen -= used;
    c->hdr_len = c->body_len = 0;
    if (c->rcap > RBUF_INIT && c->rlen <= RBUF_INIT) {
        /* A big body grew the buffer; do not keep megabytes per idle connection. */
        char *nb = realloc(c->rbuf, RBUF_INIT);
        if (nb) {
            c->rbuf = nb;
            c->rcap = RBUF_INIT;
        }
    }
    if (c->ocap > 65536) {
        free(c->obuf);
        c->obuf = NULL;
        c->ocap = 0;
    }
    c->state = C_READ;
    c->last_ms = gw.now;
    c->head_ms = gw.now;
    if (gw.pass_fd)
        c->readable = 1; /* disarmed meanwhile: look before re-arming */
    if (c->rlen || c->readable)
        runq_push(c);
}

static void stream_drained(struct conn *c);

static void flush_out(struct conn *c)
{
    while (c->wlen) {
        ssize_t n = send(c->fd, c->wptr, c->wlen, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            c->wptr += n;
            c->wlen -= (size_t)n;
            c->last_ms = gw.now;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            set_out(c, 1);
            return;
        }
        conn_close(c);
        return;
    }
    if (c->state == C_STREAM)
        stream_drained(c);
    else
        finish_request(c);
}

static void respond_error(struct conn *c, int status, int keep)
{
    int n = gb_reply_error(c->ebuf, sizeof c->ebuf, status, c->allowed, keep, c->http10);
    c->wptr = c->ebuf;
    c->wlen = n > 0 ? (size_t)n : 0;
    c->state = C_WRITE;
    c->close_after = (uint8_t)!keep;
    c->linger = (uint8_t)!keep;
    flush_out(c);
}

/* ---------------------------------------------------------------- workers */

static struct worker *pick_worker(void)
{
    struct worker *best = NULL;
    unsigned n = (unsigned)gw.opt.workers;
    for (unsigned k = 0; k < n; k++) {
        struct worker *w = &gw.workers[(gw.rr + k) % n];
        if (!w->up || w->count >= RING || (gw.hand_over && w->count + w->conns >= gw.conn_cap))
            continue;
        /* fdpass-conn balances connections: those a worker holds count too. */
        if (!best || w->count + w->conns < best->count + best->conns)
            best = w;
    }
    gw.rr++;
    return best;
}

static void worker_flush(struct worker *w);
static void worker_down(struct worker *w, const char *why);

static void dispatch(struct conn *c)
{
    struct worker *w = pick_worker();
    if (!w) {
        respond_error(c, 503, c->keep_alive);
        return;
    }
    if (++gw.next_id == 0)
        gw.next_id = 1;
    c->id = gw.next_id;
    size_t line = (size_t)c->method_len + 1 + c->target_len;
    /* fdpass-conn: the worker gets every byte read so far and parses them
     * itself, as it will the rest of the connection. */
    c->flen = gw.hand_over ? c->rlen : line + c->body_len;
    struct gb_frame f = {
        .type = gw.hand_over ? GB_FRAME_CONN : GB_FRAME_REQ,
        .flags = (uint8_t)((c->keep_alive && !gw.draining ? GB_FRAME_F_KEEPALIVE : 0) |
                           (gw.pass_fd ? GB_FRAME_F_FD : 0) |
                           (c->http10 ? GB_FRAME_F_HTTP10 : 0)),
        .method_len = gw.hand_over ? 0 : c->method_len,
        .id = c->id,
        .len = (uint32_t)c->flen,
        .route = (uint16_t)c->route,
        .arg = gw.hand_over ? 0 : c->target_len,
    };
    gb_frame_encode(&f, c->fhdr);
    c->sent = 0;
    c->fd_sent = 0;
    c->state = C_QUEUED;
    struct slot *s = &w->ring[(w->head + w->count) % RING];
    s->c = c;
    s->id = c->id;
    s->t = gw.now;
    w->count++;
    /* Not sent here: the main loop flushes each worker once per iteration,
     * so every request that became ready in one epoll batch shares a
     * sendmsg. */
}

static size_t frame_total(const struct conn *c)
{
    return GB_FRAME_HDR_LEN + c->flen;
}

static int add_piece(struct iovec *iov, int *cnt, const void *p, size_t len, size_t *skip)
{
    if (*skip >= len) {
        *skip -= len;
        return 0;
    }
    iov[*cnt].iov_base = (char *)p + *skip;
    iov[*cnt].iov_len = len - *skip;
    (*cnt)++;
    *skip = 0;
    return 1;
}

/* proxy: sends the CREDIT frames owed to w. Returns -1 if w went down. */
static int flush_credits(struct worker *w)
{
    while (w->clen) {
        ssize_t n = send(w->sock, w->cbuf, w->clen, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return 0;
            worker_down(w, strerror(errno));
            return -1;
        }
        memmove(w->cbuf, w->cbuf + n, w->clen - (size_t)n);
        w->clen -= (size_t)n;
        w->clast_open = 0;
    }
    return 0;
}

/* Sends owed credits, then queued request frames: up to BATCH per sendmsg,
 * and in fdpass mode every not-yet-sent client fd of the batch rides on
 * that one message. */
static void worker_flush(struct worker *w)
{
    if (w->clen && flush_credits(w) < 0)
        return;
    while (w->sock >= 0 && w->nsent < w->count) {
        struct iovec iov[BATCH * 3];
        int fds[BATCH];
        struct conn *batch[BATCH];
        int cnt = 0, nb = 0;
        size_t nfds = 0;
        for (unsigned k = w->nsent; k < w->count && nb < BATCH; k++) {
            struct conn *c = w->ring[(w->head + k) % RING].c;
            size_t skip = c->sent;
            size_t line = (size_t)c->method_len + 1 + c->target_len;
            add_piece(iov, &cnt, c->fhdr, GB_FRAME_HDR_LEN, &skip);
            if (gw.hand_over) {
                add_piece(iov, &cnt, c->rbuf, c->flen, &skip);
            } else {
                add_piece(iov, &cnt, c->rbuf, line, &skip);
                if (c->body_len)
                    add_piece(iov, &cnt, c->rbuf + c->hdr_len, c->body_len, &skip);
            }
            if (gw.pass_fd && !c->fd_sent)
                fds[nfds++] = c->fd;
            batch[nb++] = c;
        }
        ssize_t n = gb_fdpass_send(w->sock, iov, cnt, nfds ? fds : NULL, nfds,
                                   MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN)
                break;
            worker_down(w, strerror(errno));
            return;
        }
        if (nfds)
            for (int i = 0; i < nb; i++)
                batch[i]->fd_sent = 1;
        size_t left = (size_t)n;
        int partial = 0;
        for (int i = 0; i < nb; i++) {
            struct conn *c = batch[i];
            size_t rem = frame_total(c) - c->sent;
            if (left >= rem) {
                left -= rem;
                c->sent += rem;
                w->nsent++;
            } else {
                c->sent += left;
                partial = 1;
                break;
            }
        }
        if (partial)
            break;
    }
    if (w->sock < 0)
        return;
    int want = w->nsent < w->count || w->clen;
    if (want != w->want_out &&
        gb_loop_mod(gw.ep, w->sock, EPOLLIN | (want ? EPOLLOUT : 0), w) == 0)
        w->want_out = want;
}

/* ---------------------------------------------------------------- proxy answers */

/* Writes bytes of a proxied answer to the client: straight from the
 * worker's buffer, copying only what the client socket cannot take now
 * (behind whatever is copied already). Returns 1 when all of it went out,
 * 0 when some is held in obuf, -1 when the connection was closed. */
static int forward(struct conn *c, const unsigned char *p, size_t len)
{
    size_t done = 0;
    if (!c->wlen) {
        ssize_t n;
        do
            n = send(c->fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
        while (n < 0 && errno == EINTR);
        if (n < 0 && errno != EAGAIN) {
            conn_close(c);
            return -1;
        }
        done = n > 0 ? (size_t)n : 0;
        if (done)
            c->last_ms = gw.now;
        if (done == len)
            return 1;
        c->wptr = c->obuf;
    }
    size_t rest = len - done;
    if (c->wptr != c->obuf) {
        memmove(c->obuf, c->wptr, c->wlen);
        c->wptr = c->obuf;
    }
    if (c->wlen + rest > c->ocap) {
        char *nb = realloc(c->obuf, c->wlen + rest);
        if (!nb) {
            conn_close(c);
            return -1;
        }
        c->obuf = nb;
        c->ocap = c->wlen + rest;
        c->wptr = nb;
    }
    memcpy(c->obuf + c->wlen, p + done, rest);
    c->wlen += rest;
    set_out(c, 1);
    return 0;
}

/* A whole answer in one frame. */
static void deliver(struct conn *c, const unsigned char *p, size_t len, int keep)
{
    c->close_after = (uint8_t)!keep;
    c->linger = 0;
    int r = forward(c, p, len);
    if (r == 1)
        finish_request(c);
    else if (r == 0)
        c->state = C_WRITE;
}

/* Owes w one more CREDIT for answer id (or, cancel, tells it the client is
 * gone). Sent by worker_flush; credits for one answer add up until then. */
static void grant(struct worker *w, uint32_t id, unsigned parts, int cancel)
{
    if (w->sock < 0)
        return;
    if (!cancel && w->clast_open && w->clast.id == id && w->clast.arg + parts <= 0xffff) {
        w->clast.arg = (uint16_t)(w->clast.arg + parts);
        gb_frame_encode(&w->clast, w->cbuf + w->clen - GB_FRAME_HDR_LEN);
        return;
    }
    if (w->clen + GB_FRAME_HDR_LEN > w->ccap) {
        size_t nc = w->ccap ? w->ccap * 2 : 64 * GB_FRAME_HDR_LEN;
        unsigned char *nb = realloc(w->cbuf, nc);
        if (!nb) {
            logf_("out of memory for credits of worker %d", w->idx);
            return;
        }
        w->cbuf = nb;
        w->ccap = nc;
    }
    w->clast = (struct gb_frame){ .type = GB_FRAME_CREDIT,
                                  .flags = (uint8_t)(cancel ? GB_FRAME_F_FAIL : 0),
                                  .id = id,
                                  .arg = (uint16_t)(cancel ? 0 : parts) };
    gb_frame_encode(&w->clast, w->cbuf + w->clen);
    w->clen += GB_FRAME_HDR_LEN;
    w->clast_open = !cancel;
}

static void stream_unlink(struct conn *c)
{
    struct worker *w = c->sw;
    if (c->s_prev)
        c->s_prev->s_next = c->s_next;
    else
        w->streams = c->s_next;
    if (c->s_next)
        c->s_next->s_prev = c->s_prev;
    c->sw = NULL;
    c->s_prev = c->s_next = NULL;
}

/* The client is gone before the whole answer came: the worker drops the rest. */
static void stream_cancel(struct conn *c)
{
    struct worker *w = c->sw;
    stream_unlink(c);
    grant(w, c->id, 0, 1);
}

/* A part of a streamed answer; the worker gets a credit for it once it has
 * left our memory. last: the answer is complete. */
static void stream_part(struct conn *c, const unsigned char *p, size_t len, int last)
{
    struct worker *w = c->sw;
    if (last)
        stream_unlink(c);
    int r = forward(c, p, len);
    if (r < 0)
        return;
    if (r == 0)
        c->held++;
    else if (!last)
        grant(w, c->id, 1, 0);
    if (last && !c->wlen)
        finish_request(c);
}

/* obuf of a streaming connection is empty again. */
static void stream_drained(struct conn *c)
{
    if (c->want_out)
        set_out(c, 0);
    if (c->held && c->sw)
        grant(c->sw, c->id, c->held, 0);
    c->held = 0;
    if (!c->sw)
        finish_request(c); /* the last part is out */
}

/* The first frame of a proxied answer: whole, or (MORE) its first part. */
static void proxy_answer(struct worker *w, struct conn *c, const struct gb_frame *f,
                         const unsigned char *payload)
{
    int keep = (f->flags & GB_FRAME_F_KEEPALIVE) != 0;
    if (!(f->flags & GB_FRAME_F_MORE)) {
        deliver(c, payload, f->len, keep);
        return;
    }
    c->close_after = (uint8_t)!keep;
    c->linger = 0;
    c->state = C_STREAM;
    c->held = 0;
    c->sw = w;
    c->s_prev = NULL;
    c->s_next = w->streams;
    if (w->streams)
        w->streams->s_prev = c;
    w->streams = c;
    stream_part(c, payload, f->len, 0);
}

/* BODY: the next part of an answer being streamed. Parts of an answer whose
 * client is gone (cancelled) are dropped. */
static void proxy_body(struct worker *w, const struct gb_frame *f, const unsigned char *payload)
{
    struct conn *c = w->streams;
    while (c && c->id != f->id)
        c = c->s_next;
    if (!c)
        return;
    if (f->flags & GB_FRAME_F_FAIL) {
        conn_close(c); /* the worker lost the rest; part of the answer is out */
        return;
    }
    stream_part(c, payload, f->len, !(f->flags & GB_FRAME_F_MORE));
}

/* ---------------------------------------------------------------- worker frames */

static void worker_frame(struct worker *w, const struct gb_frame *f, const unsigned char *payload)
{
    if (f->type == GB_FRAME_READY) {
        w->up = 1;
        return;
    }
    if (f->type == GB_FRAME_BODY && !gw.pass_fd) {
        proxy_body(w, f, payload);
        return;
    }
    if (f->type == GB_FRAME_CLOSED && gw.hand_over) {
        if (w->conns)
            w->conns--;
        return;
    }
    if (f->type != (gw.pass_fd ? GB_FRAME_DONE : GB_FRAME_RESP) || w->nsent == 0) {
        worker_down(w, "unexpected frame");
        return;
    }
    /* Usually the oldest; in fdpass mode a worker may finish out of order
     * (it parks answers to clients that read slowly), so look further. */
    unsigned i;
    struct slot *sl = NULL;
    for (i = 0; i < w->nsent; i++) {
        sl = &w->ring[(w->head + i) % RING];
        if (sl->c && sl->id == f->id)
            break;
    }
    if (i == w->nsent) {
        worker_down(w, "answer for an unknown request");
        return;
    }
    struct conn *c = sl->c;
    uint32_t sid = sl->id;
    sl->c = NULL;
    while (w->count && !w->ring[w->head].c) {
        w->head = (w->head + 1) % RING;
        w->count--;
        w->nsent--;
    }
    if (c->state != C_QUEUED || c->id != sid) {
        /* answered already (timeout): the worker may drop the rest */
        if (f->flags & GB_FRAME_F_MORE)
            grant(w, f->id, 0, 1);
        return;
    }
    int keep = (f->flags & GB_FRAME_F_KEEPALIVE) != 0;
    if (!gw.pass_fd) {
        proxy_answer(w, c, f, payload);
        return;
    }
    c->fd_sent = 0;
    if (f->flags & GB_FRAME_F_FAIL) {
        respond_error(c, 503, 0);
        return;
    }
    if (gw.hand_over) {
        /* The worker answered the first request and has the connection
         * (KEEPALIVE) or has closed it already: our copy goes either way. */
        if (keep)
            w->conns++;
        conn_close(c);
        return;
    }
    if (f->len) {
        /* Bytes the worker read past the request belong to the next one:
         * put them back in front of whatever we still hold. */
        size_t used = c->hdr_len + c->body_len;
        size_t rest = c->rlen - used;
        size_t need = f->len + rest;
        if (need > c->rcap) {
            char *nb = realloc(c->rbuf, need);
            if (!nb) {
                conn_close(c);
                return;
            }
            c->rbuf = nb;
            c->rcap = need;
        }
        memmove(c->rbuf + f->len, c->rbuf + used, rest);
        memcpy(c->rbuf, payload, f->len);
        c->rlen = need;
        c->hdr_len = c->body_len = 0;
    }
    c->close_after = (uint8_t)!keep;
    c->linger = 0;
    c->last_ms = gw.now;
    finish_request(c);
}

static void worker_read(struct worker *w)
{
    char err[128];
    while (w->sock >= 0) {
        if (w->rlen == w->rcap) {
            /* Not expected (the buffer is sized for the pending frame), but a
             * zero-length read would look like EOF. */
            unsigned char *nb = realloc(w->rbuf, w->rcap * 2);
            if (!nb) {
                worker_down(w, "out of memory");
                return;
            }
            w->rbuf = nb;
            w->rcap *= 2;
        }
        size_t space = w->rcap - w->rlen;
        ssize_t n = read(w->sock, w->rbuf + w->rlen, space);
        if (n == 0) {
            worker_down(w, "closed its socket");
            return;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN)
                worker_down(w, strerror(errno));
            return;
        }
        w->rlen += (size_t)n;
        size_t off = 0;
        long m;
        struct gb_frame f = { 0 };
        while ((m = gb_frame_decode(w->rbuf + off, w->rlen - off, MAX_RESP_FRAME, &f, err,
                                    sizeof err)) > 0) {
            worker_frame(w, &f, w->rbuf + off + GB_FRAME_HDR_LEN);
            if (w->sock < 0)
                return;
            off += (size_t)m;
        }
        if (m < 0) {
            worker_down(w, err);
            return;
        }
        if (off) {
            memmove(w->rbuf, w->rbuf + off, w->rlen - off);
            w->rlen -= off;
        }
        if (w->rcap > WBUF_INIT && w->rlen <= WBUF_INIT &&
            (w->rlen < GB_FRAME_HDR_LEN || GB_FRAME_HDR_LEN + (size_t)f.len <= WBUF_INIT)) {
            unsigned char *nb = realloc(w->rbuf, WBUF_INIT);
            if (nb) {
                w->rbuf = nb;
                w->rcap = WBUF_INIT;
            }
        }
        if (w->rlen >= GB_FRAME_HDR_LEN && GB_FRAME_HDR_LEN + (size_t)f.len > w->rcap) {
            size_t nc = GB_FRAME_HDR_LEN + (size_t)f.len;
            unsigned char *nb = realloc(w->rbuf, nc);
            if (!nb) {
                worker_down(w, "out of memory");
                return;
            }
            w->rbuf = nb;
            w->rcap = nc;
        }
        if ((size_t)n < space)
            return;
    }
}

static void worker_down(struct worker *w, const char *why)
{
    if (w->sock < 0)
        return;
    if (!gw.draining)
        logf_("worker %d (pid %d) down: %s", w->idx, (int)w->pid, why);
    gb_loop_del(gw.ep, w->sock);
    close(w->sock);
    w->sock = -1;
    w->up = 0;
    w->want_out = 0;
    w->rlen = 0;
    w->clen = 0;
    w->clast_open = 0;
    w->conns = 0; /* the connections it kept die with it */
    if (w->proc->pid > 0)
        kill(w->proc->pid, SIGKILL); /* reaped (and respawned) on SIGCHLD */
    /* Answers it was streaming are partly out: nothing valid can follow. */
    while (w->streams)
        conn_close(w->streams);
    unsigned head = w->head, count = w->count, nsent = w->nsent;
    w->head = w->count = w->nsent = 0;
    for (unsigned i = 0; i < count; i++) {
        struct slot s = w->ring[(head + i) % RING];
        struct conn *c = s.c;
        if (!c || c->state != C_QUEUED || c->id != s.id)
            continue;
        int started = i < nsent || c->sent > 0 || c->fd_sent;
        if (!started)
            dispatch(c); /* never reached the worker: another may serve it */
        else if (gw.pass_fd)
            conn_close(c); /* the worker may have written part of a response */
        else
            respond_error(c, 502, 0);
    }
}

static void worker_spawn(struct worker *w)
{
    char err[256];
    int sock;
    if (gb_pool_spawn(&gw.pool_cfg, w->proc, &sock, gw.now, err, sizeof err) < 0) {
        logf_("worker %d: %s", w->idx, err);
        gb_pool_exited(w->proc, gw.now, gw.opt.respawn_ms);
        return;
    }
    w->sock = sock;
    w->pid = w->proc->pid;
    w->up = 0;
    w->want_out = 0;
    w->rlen = 0;
    w->clen = 0;
    w->clast_open = 0;
    w->conns = 0;
    if (gb_loop_add(gw.ep, sock, EPOLLIN, w) < 0) {
        logf_("epoll_ctl: %s", strerror(errno));
        worker_down(w, "epoll");
    }
}

/* ---------------------------------------------------------------- requests */

/* Returns 1 when the connection left the READ state (answered, dispatched
 * or closed), 0 when it needs more bytes. */
static int try_request(struct conn *c)
{
    if (c->hdr_len == 0) {
        struct gb_request r;
        char err[128];
        int v = gb_request_head(c->rbuf, c->rlen, &gw.routes, gw.opt.max_body, &r, err, sizeof err);
        if (v == GB_REQUEST_INCOMPLETE)
            return 0;
        if (v != GB_REQUEST_HEAD) {
            respond_error(c, v, 0);
            return 1;
        }
        c->hdr_len = r.head_len;
        c->body_len = r.body_len;
        c->keep_alive = (uint8_t)r.keep_alive;
        c->http10 = (uint8_t)r.http10;
        c->method_len = (uint8_t)r.method_len;
        c->target_len = (uint16_t)r.target_len;
        c->route = r.route;
        c->err_status = r.status;
        c->allowed = r.allowed;
        /* curl and others wait (a second, for curl) for this before sending a
         * large body. It is tiny and the socket idle, so one try suffices. */
        if (r.expect_continue && r.body_len && c->rlen < c->hdr_len + c->body_len &&
            c->route >= 0) {
            static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
            (void)!send(c->fd, cont, sizeof cont - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        }
        size_t need = c->hdr_len + c->body_len;
        if (need > c->rcap) {
            char *nb = realloc(c->rbuf, need);
            if (!nb) {
                respond_error(c, 503, 0);
                return 1;
            }
            c->rbuf = nb;
            c->rcap = need;
        }
    }
    if (c->rlen < c->hdr_len + c->body_len)
        return 0;
    if (c->route < 0) {
        respond_error(c, c->err_status, c->keep_alive);
        return 1;
    }
    dispatch(c);
    return 1;
}

static void client_read(struct conn *c)
{
    while (c->state == C_READ) {
        if (c->rlen && try_request(c))
            return;
        if (!c->readable) {
            arm_read(c);
            return;
        }
        size_t space = c->rcap - c->rlen;
        if (space == 0)
            return;
        ssize_t n = gb_request_recv(c->fd, c->rbuf + c->rlen, space);
        if (n < 0) {
            conn_close(c);
            return;
        }
        if (n == 0) {
            c->readable = 0;
            arm_read(c);
            return;
        }
        if (c->rlen == 0)
            c->head_ms = gw.now;
        c->rlen += (size_t)n;
        c->last_ms = gw.now;
        /* A short read drained the socket; with edge triggering the next
         * arrival raises a new event, so skip the EAGAIN read. A pending
         * FIN raises none, so keep reading to see it. */
        if ((size_t)n < space && !c->rdhup)
            c->readable = 0;
    }
}

static void linger_read(struct conn *c)
{
    if (!gb_linger_drain(c->fd)) {
        conn_close(c);
        return;
    }
    c->readable = 0;
    arm_read(c);
}

static void conn_event(struct conn *c, uint32_t ev)
{
    if (c->state == C_FREE)
        return;
    if (gw.pass_fd) {
        /* One-shot: this event disarmed the registration, read or write. */
        c->armed = 0;
        c->want_out = 0;
    }
    if (ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        c->readable = 1;
    if (ev & (EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        c->rdhup = 1;
    if (c->state == C_WRITE || c->state == C_STREAM) {
        if (ev & (EPOLLOUT | EPOLLHUP | EPOLLERR))
            flush_out(c);
        return;
    }
    if (c->state == C_READ)
        client_read(c);
    else if (c->state == C_LINGER)
        linger_read(c);
}

static void do_accept(void)
{
    for (int i = 0; i < 128; i++) {
        int fd = accept4(gw.lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if ((errno == EMFILE || errno == ENFILE) && gw.reserve_fd >= 0) {
                /* Out of descriptors: free the reserve to accept and close
                 * one connection, so the backlog drains instead of the
                 * listener spinning on an event it can never clear. */
                close(gw.reserve_fd);
                fd = accept4(gw.lfd, NULL, NULL, SOCK_CLOEXEC);
                if (fd >= 0)
                    close(fd);
                gw.reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
                gw.shed++;
                if (gw.now - gw.shed_logged_ms >= 1000) { /* one line a second, not one per shed */
                    logf_("out of file descriptors: shed %u connection(s)", gw.shed);
                    gw.shed_logged_ms = gw.now;
                    gw.shed = 0;
                }
                continue;
            }
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                /* No reserve to shed with: stop listening for a moment rather
                 * than spin on a level-triggered listener. */
                gb_loop_del(gw.ep, gw.lfd);
                gw.accept_paused = 1;
                gw.accept_resume_at = gw.now + 100;
                logf_("accept: %s; pausing accepts for 100 ms", strerror(errno));
            }
            return;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = conn_alloc(fd);
        if (!c) {
            close(fd);
            continue;
        }
        c->armed = (uint8_t)gw.pass_fd;
        if (gb_loop_add(gw.ep, fd, gw.pass_fd ? CONN_EVENTS_ONESHOT : CONN_EVENTS, c) < 0) {
            conn_close(c);
            continue;
        }
    }
}

/* ---------------------------------------------------------------- lifecycle */

static void go_live(void)
{
    if (gb_loop_add(gw.ep, gw.lfd, EPOLLIN, &gw.listen_kind) < 0) {
        logf_("epoll_ctl: %s", strerror(errno));
        exit(1);
    }
    gw.live = 1;
    if (gw.opt.ready_file) {
        char tmp[PATH_MAX + 8];
        snprintf(tmp, sizeof tmp, "%s.tmp", gw.opt.ready_file);
        FILE *f = fopen(tmp, "w");
        if (f) {
            fputs("ready\n", f);
            fclose(f);
            rename(tmp, gw.opt.ready_file);
        }
    }
    fputs("ready\n", stdout);
    fflush(stdout);
}

static void start_drain(void)
{
    if (gw.draining)
        return;
    gw.draining = 1;
    gw.drain_deadline = gw.now + (gw.opt.worker_timeout_ms > 5000 ? gw.opt.worker_timeout_ms : 5000);
    if (gw.live && !gw.accept_paused)
        gb_loop_del(gw.ep, gw.lfd);
    close(gw.lfd);
    gw.lfd = -1;
    for (struct conn *c = gw.all_conns, *nx; c; c = nx) {
        nx = c->next;
        if (c->state == C_READ || c->state == C_LINGER)
            conn_close(c);
    }
}

static void do_signal(void)
{
    struct signalfd_siginfo si;
    while (read(gw.sfd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
            start_drain();
    }
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        for (int i = 0; i < gw.opt.workers; i++) {
            struct worker *w = &gw.workers[i];
            if (w->proc->pid != pid)
                continue;
            if (!gw.live && !gw.draining) {
                logf_("worker %d exited during start-up (%s %d); see its message above", i,
                      WIFSIGNALED(st) ? "signal" : "status",
                      WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
                gw.quit = 2;
            }
            gb_pool_exited(w->proc, gw.now, gw.opt.respawn_ms);
            worker_down(w, WIFSIGNALED(st) ? "killed by a signal" : "exited");
        }
    }
}

static void tick(void)
{
    /* Freed body buffers below the mmap threshold stay resident inside the
     * heap; hand them back now and then so RSS follows the load down. */
    if (gw.now - gw.trimmed_ms >= 5000) {
        gw.trimmed_ms = gw.now;
        malloc_trim(64 * 1024);
    }
    if (gw.accept_paused && !gw.draining && gw.now >= gw.accept_resume_at) {
        if (gw.reserve_fd < 0)
            gw.reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (gb_loop_add(gw.ep, gw.lfd, EPOLLIN, &gw.listen_kind) == 0)
            gw.accept_paused = 0;
    }
    for (struct conn *c = gw.all_conns, *nx; c; c = nx) {
        nx = c->next;
        if ((c->state == C_READ || c->state == C_WRITE || c->state == C_STREAM) &&
            gw.now - c->last_ms >= gw.opt.idle_ms)
            conn_close(c);
        else if (c->state == C_READ && c->rlen && !c->hdr_len && gw.now - c->head_ms >= gw.opt.idle_ms)
            conn_close(c);
        else if (c->state == C_LINGER && gw.now >= c->deadline)
            conn_close(c);
    }
    for (int i = 0; i < gw.opt.workers; i++) {
        struct worker *w = &gw.workers[i];
        if (w->sock >= 0 && w->count && gw.now - w->ring[w->head].t >= gw.opt.worker_timeout_ms) {
            /* The oldest request has had its time: this worker is stuck.
             * Answer 504 for it and replace the worker; the rest of its
             * queue is failed or re-dispatched by worker_down. */
            struct slot s = w->ring[w->head];
            w->head = (w->head + 1) % RING;
            w->count--;
            if (w->nsent)
                w->nsent--;
            if (s.c && s.c->state == C_QUEUED && s.c->id == s.id)
                respond_error(s.c, 504, 0);
            worker_down(w, "request timed out");
        }
        /* fdpass-conn: requests after a connection's first never pass here;
         * the worker's watch word says when its current function started. */
        int64_t busy = w->sock >= 0 && w->proc->watch ? *w->proc->watch : 0;
        if (busy && gw.now - busy >= gw.opt.worker_timeout_ms)
            worker_down(w, "a function ran past the worker timeout");
        if (!gw.draining && w->sock < 0 && w->proc->pid == 0 && gw.now >= w->proc->restart_at)
            worker_spawn(w);
    }
    if (gw.draining && (gw.conns_open == 0 || gw.now >= gw.drain_deadline))
        gw.quit = 1;
}

/* ---------------------------------------------------------------- start-up */

static int usage_error(const char *msg)
{
    fprintf(stderr, "gateway: %s\nTry 'gateway --help'.\n", msg);
    return 2;
}

/* What the mode means to the event loop. A new mode decides each of these
 * here (the compiler asks for its case). */
static void apply_mode(void)
{
    switch (gw.opt.mode) {
    case GB_MODE_PROXY: gw.pass_fd = 0; break;
    case GB_MODE_FDPASS: gw.pass_fd = 1; break;
    case GB_MODE_FDPASS_CONN:
        gw.pass_fd = 1;
        gw.hand_over = 1;
        break;
    }
}

/* This executable re-exec'd by gb_pool as a worker: never returns. */
static int run_worker(void)
{
    struct gb_worker_cfg cfg = {
        .mode = gw.opt.mode,
        .routes_file = gw.opt.routes,
        .module_dir = gw.opt.module_dir,
        .timeout_ms = gw.opt.worker_timeout_ms,
        .idle_ms = gw.opt.idle_ms,
        .max_body = gw.opt.max_body,
    };
    gb_worker_main(GB_POOL_WORKER_FD, &cfg);
    return 1;
}

/* Where this executable lives: workers are re-exec'd from it, and the
 * default routes file and the functions are found next to it. */
static int find_self(void)
{
    ssize_t el = readlink("/proc/self/exe", gw.exe, sizeof gw.exe - 1);
    if (el <= 0) {
        logf_("cannot resolve /proc/self/exe: %s", strerror(errno));
        return 1;
    }
    gw.exe[el] = 0;
    snprintf(gw.exe_dir, sizeof gw.exe_dir, "%s", gw.exe);
    *strrchr(gw.exe_dir, '/') = 0;
    return 0;
}

/* --routes, or routes.conf next to the build (build/ or native/). */
static int load_routes(void)
{
    char rpath[PATH_MAX + 32];
    if (gw.opt.routes) {
        snprintf(rpath, sizeof rpath, "%s", gw.opt.routes);
    } else {
        snprintf(rpath, sizeof rpath, "%s/routes.conf", gw.exe_dir);
        if (access(rpath, R_OK) != 0)
            snprintf(rpath, sizeof rpath, "%s/../routes.conf", gw.exe_dir);
    }
    if (!realpath(rpath, gw.routes_path)) {
        fprintf(stderr, "gateway: cannot open routes file %s: %s\n", rpath, strerror(errno));
        return 2;
    }
    char err[512];
    if (gb_routes_load(&gw.routes, gw.routes_path, gw.exe_dir, err, sizeof err) < 0) {
        fprintf(stderr, "gateway: %s\n", err);
        return 2;
    }
    return 0;
}

/* Each connection is an fd here and, in fdpass mode, briefly in a worker
 * too (for its life in fdpass-conn): use the whole hard limit. */
static void raise_fd_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    /* Workers inherit the limit. One that keeps connections (fdpass-conn)
     * and ran out would lose descriptors in flight (MSG_CTRUNC) and have
     * to be replaced: stop handing it more while it has this many. */
    rlim_t n = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (1u << 30) ? (1u << 30) : rl.rlim_cur;
    gw.conn_cap = (unsigned)(n > 64 ? n - 32 : n / 2);
}

static int listen_for_clients(void)
{
    char err[PATH_MAX];
    int fd = gb_listen_tcp(gw.opt.listen_addr, gw.opt.port, 4096, err, sizeof err);
    if (fd == GB_LISTEN_BAD_ADDRESS) {
        snprintf(err, sizeof err, "invalid --listen address '%s'", gw.opt.listen_addr);
        return usage_error(err);
    }
    if (fd < 0) {
        fprintf(stderr, "gateway: %s\n", err);
        return 1;
    }
    gw.lfd = fd;
    return 0;
}

/* The epoll set, with signals read from a signalfd, and the spare fd that
 * lets do_accept shed connections when out of descriptors. */
static int open_loop(void)
{
    char err[128];
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    gw.sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    gw.ep = gb_loop_create(err, sizeof err);
    if (gw.sfd < 0 || gw.ep < 0) {
        logf_("%s", gw.sfd < 0 ? strerror(errno) : err);
        return 1;
    }
    gb_loop_add(gw.ep, gw.sfd, EPOLLIN, &gw.signal_kind);
    gw.reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    return 0;
}

/* A fixed mmap threshold (glibc raises it dynamically otherwise) makes the
 * large, short-lived body and response buffers mmap'd, so their memory goes
 * back to the system when freed instead of staying in RSS. */
static void tune_malloc(void)
{
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
}

/* Spawns the workers, each with the routes as this process read them. They
 * report READY; the loop goes live once all have. */
static int start_workers(void)
{
    gw.now = gb_now_ms();
    gw.pool_cfg.exe = gw.exe;
    gw.pool_cfg.mode = gw.opt.mode;
    char snap[GB_ROUTES_MAX * 800];
    int snap_len = gb_routes_format(&gw.routes, snap, sizeof snap);
    gw.pool_cfg.routes_fd = memfd_create("gateway-routes", MFD_CLOEXEC);
    if (snap_len < 0 || gw.pool_cfg.routes_fd < 0 ||
        write(gw.pool_cfg.routes_fd, snap, (size_t)snap_len) != snap_len) {
        logf_("cannot snapshot the routes for the workers: %s", strerror(errno));
        return 1;
    }
    gw.pool_cfg.fallback_dir = gw.exe_dir;
    gw.pool_cfg.worker_timeout_ms = gw.opt.worker_timeout_ms;
    gw.pool_cfg.idle_ms = gw.opt.idle_ms;
    gw.pool_cfg.max_body = gw.opt.max_body;
    gw.pool_cfg.watch = gw.hand_over;
    gw.workers = calloc((size_t)gw.opt.workers, sizeof *gw.workers);
    if (!gw.workers) {
        logf_("out of memory");
        return 1;
    }
    for (int i = 0; i < gw.opt.workers; i++) {
        struct worker *w = &gw.workers[i];
        w->kind = K_WORKER;
        w->idx = i;
        w->sock = -1;
        w->proc = &gw.procs[i];
        w->rcap = WBUF_INIT;
        w->rbuf = malloc(w->rcap);
        if (!w->rbuf) {
            logf_("out of memory");
            return 1;
        }
        worker_spawn(w);
        if (w->sock < 0) {
            gb_pool_stop_all(gw.procs, gw.opt.workers, 1000);
            return 1;
        }
    }
    return 0;
}

/* The event loop, until quit: events, then the connections they made
 * runnable, then one flush per worker (so requests that became ready
 * together share a sendmsg), then the timers. */
static void run(void)
{
    int64_t start = gw.now, last_tick = gw.now;
    struct epoll_event evs[256];
    while (!gw.quit) {
        int n = gb_loop_wait(gw.ep, evs, 256, TICK_MS);
        if (n < 0) {
            logf_("epoll_wait: %s", strerror(errno));
            break;
        }
        gw.now = gb_now_ms();
        for (int i = 0; i < n; i++) {
            int kind = *(int *)evs[i].data.ptr;
            if (kind == K_CONN)
                conn_event(evs[i].data.ptr, evs[i].events);
            else if (kind == K_WORKER) {
                struct worker *w = evs[i].data.ptr;
                if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                    worker_read(w);
                if ((evs[i].events & EPOLLOUT) && w->sock >= 0)
                    worker_flush(w);
            } else if (kind == K_LISTEN) {
                if (gw.lfd >= 0)
                    do_accept();
            } else if (kind == K_SIGNAL) {
                do_signal();
            }
        }
        while (gw.runq_head) {
            struct conn *c = gw.runq_head;
            gw.runq_head = c->rq_next;
            if (!gw.runq_head)
                gw.runq_tail = NULL;
            c->in_runq = 0;
            if (c->state == C_READ)
                client_read(c);
            else if (c->state == C_LINGER)
                linger_read(c);
        }
        for (int i = 0; i < gw.opt.workers; i++)
            if (gw.workers[i].sock >= 0 &&
                (gw.workers[i].nsent < gw.workers[i].count || gw.workers[i].clen) &&
                !gw.workers[i].want_out)
                worker_flush(&gw.workers[i]);
        if (!gw.live && !gw.draining && !gw.quit) {
            int up = 0;
            for (int i = 0; i < gw.opt.workers; i++)
                up += gw.workers[i].up;
            if (up == gw.opt.workers)
                go_live();
            else if (gw.now - start > 30000) {
                logf_("workers did not become ready within 30 s");
                gw.quit = 2;
            }
        }
        if (gw.now - last_tick >= TICK_MS || gw.quit || gw.draining) {
            last_tick = gw.now;
            tick();
        }
    }
}

static void stop_workers(void)
{
    for (int i = 0; i < gw.opt.workers; i++) {
        if (gw.workers[i].sock >= 0) {
            gb_loop_del(gw.ep, gw.workers[i].sock);
            close(gw.workers[i].sock); /* EOF tells an idle worker to exit */
            gw.workers[i].sock = -1;
        }
    }
    gb_pool_stop_all(gw.procs, gw.opt.workers, 2000);
}

int main(int argc, char **argv)
{
    char err[4096];
    int rc = gb_options_parse(&gw.opt, argc, argv, err, sizeof err);
    if (rc == GB_OPTIONS_HELP) {
        gb_options_usage(stdout);
        return 0;
    }
    if (rc == GB_OPTIONS_BAD)
        return usage_error(err);
    apply_mode();
    if (gw.opt.worker)
        return run_worker();
    /* Each step returns 0 or the exit status. */
    if ((rc = find_self()) || (rc = load_routes()))
        return rc;
    raise_fd_limit();
    if ((rc = listen_for_clients()) || (rc = open_loop()))
        return rc;
    tune_malloc();
    if ((rc = start_workers()))
        return rc;
    run();
    stop_workers();
    return gw.quit == 2 ? 1 : 0;
}
