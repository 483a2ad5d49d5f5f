#include "gb_worker.h"

#include "gb_fdpass.h"
#include "gb_frame.h"
#include "gb_functions.h"
#include "gb_iov.h"
#include "gb_keep.h"
#include "gb_loop.h"
#include "gb_pool.h"
#include "gb_reply.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAME_PAYLOAD (64u << 20)
#define RBUF_INIT (256 * 1024)
#define OBUF_CAP (64 * 1024)
#define SMALL_BODY 8192
#define WORKER_MMAP_THRESHOLD (4u << 20)
#define WORKER_TRIM_THRESHOLD (1u << 30) /* in effect: only idle_trim gives the heap back */
#define IDLE_TRIM_MS 1000
#define SCRATCH_CAP (64 * 1024)
#define FDQ_CAP 4096
#define TICK_MS 100

static struct gb_functions fns;
static int sock = -1;
static enum gb_mode mode;
static int recv_fds; /* request frames carry client fds (set from the mode) */
static int client_timeout_ms;

static unsigned char *rbuf;
static size_t rlen, rcap;
static unsigned char obuf[OBUF_CAP];
static size_t olen;
static int fdq[FDQ_CAP];
static size_t fdq_head, fdq_len;
static char scratch[SCRATCH_CAP];

static void die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "gateway worker %d: ", (int)getpid());
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    exit(2);
}

/* Blocking write of an iovec to the gateway; the socket is blocking on our
 * side so only short writes and EINTR need handling. */
static void sock_writev(struct iovec *iov, int cnt)
{
    while (cnt > 0) {
        ssize_t n = writev(sock, iov, cnt);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            /* Gateway gone: nothing left to serve. */
            exit(0);
        }
        while (cnt > 0 && (size_t)n >= iov->iov_len) {
            n -= (ssize_t)iov->iov_len;
            iov++;
            cnt--;
        }
        if (cnt > 0) {
            iov->iov_base = (char *)iov->iov_base + n;
            iov->iov_len -= (size_t)n;
        }
    }
}

static void flush_obuf(void)
{
    if (!olen)
        return;
    struct iovec iov = { obuf, olen };
    sock_writev(&iov, 1);
    olen = 0;
}

static void put_frame(const struct gb_frame *f)
{
    if (olen + GB_FRAME_HDR_LEN > OBUF_CAP)
        flush_obuf();
    gb_frame_encode(f, obuf + olen);
    olen += GB_FRAME_HDR_LEN;
}

/* Answers to clients that cannot take them at once are parked here and
 * finished from the main loop, so one slow reader does not hold up every
 * other request queued for this worker. */
#define MAX_PARKED 256

struct parked {
    int fd;
    uint32_t id;
    uint16_t status;
    uint8_t keep;
    char *buf; /* what is left to write, owned */
    size_t len, off;
    int64_t deadline;
};

static struct parked parked[MAX_PARKED];
static int nparked;
static int heap_dirty; /* copies of answers freed since the last malloc_trim */

/* Writes as much of iov as the socket takes now. The fd shares its file
 * description (and O_NONBLOCK) with the gateway's copy. Returns bytes
 * written, or -1 on a socket error. */
static ssize_t try_write(int fd, const struct iovec *iov, int cnt)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = (size_t)cnt;
    for (;;) {
        ssize_t n = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        return errno == EAGAIN ? 0 : -1;
    }
}

static void report_done(int fd, uint32_t id, int status, int keep)
{
    /* Close our copy before reporting: once DONE is sent the gateway may
     * close its own, and the client must see FIN then. */
    close(fd);
    struct gb_frame done = { .type = GB_FRAME_DONE,
                             .flags = (uint8_t)(keep ? GB_FRAME_F_KEEPALIVE : 0),
                             .id = id,
                             .arg = (uint16_t)status };
    put_frame(&done);
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void park(int fd, uint32_t id, int status, int keep, const struct iovec *iov, int cnt,
                 size_t written)
{
    char *buf = malloc(gb_iov_len(iov, cnt) - written);
    if (!buf || nparked == MAX_PARKED) {
        free(buf);
        report_done(fd, id, status, 0);
        return;
    }
    size_t o = gb_iov_copy(iov, cnt, written, buf);
    struct parked *p = &parked[nparked++];
    p->fd = fd;
    p->id = id;
    p->status = (uint16_t)status;
    p->keep = (uint8_t)keep;
    p->buf = buf;
    p->len = o;
    p->off = 0;
    /* Bounded so a client that stops reading cannot keep this worker past
     * the gateway's worker timeout. */
    p->deadline = mono_ms() + client_timeout_ms;
}

static void unpark(int i, int ok)
{
    struct parked *p = &parked[i];
    report_done(p->fd, p->id, p->status, ok && p->keep);
    free(p->buf);
    heap_dirty = 1;
    parked[i] = parked[--nparked];
}

/* Continues parked writes: POLLOUT ones get another go, expired ones are
 * dropped (connection not reusable). */
static void service_parked(const struct pollfd *pfd, int64_t now)
{
    for (int i = nparked - 1; i >= 0; i--) {
        struct parked *p = &parked[i];
        if (pfd[i].revents) {
            struct iovec iov = { p->buf + p->off, p->len - p->off };
            ssize_t n = try_write(p->fd, &iov, 1);
            if (n < 0) {
                unpark(i, 0);
                continue;
            }
            p->off += (size_t)n;
            if (p->off == p->len) {
                unpark(i, 1);
                continue;
            }
        }
        if (now >= p->deadline)
            unpark(i, 0);
    }
}

/* ---------------------------------------------------------------- proxy */

/* A proxied answer too long for one frame goes out in parts, no more of
 * them ahead of the gateway than it has granted (GB_FRAME_WINDOW to start
 * with, one more per CREDIT). What the gateway cannot take yet waits here,
 * copied (the function's body is only valid until it returns): a client
 * that reads slowly costs worker memory, never worker time. */
struct stream {
    uint32_t id;
    uint16_t status;
    uint8_t keep;
    unsigned credit; /* parts the gateway can take now */
    size_t len, off; /* the whole answer's length; bytes sent so far */
    char *rest;      /* owned: bytes [rest_from, len) of the answer */
    size_t rest_from;
};

static struct stream *streams; /* waiting for credit */
static size_t nstreams, streams_cap;

/* Sends parts of s while credit lasts; src holds the answer's bytes from
 * offset base on. */
static void send_parts(struct stream *s, const struct iovec *src, int cnt, size_t base)
{
    while (s->credit && s->off < s->len) {
        unsigned char hdrs[GB_FRAME_WINDOW][GB_FRAME_HDR_LEN];
        struct iovec out[GB_FRAME_WINDOW * 3];
        int n = 0;
        unsigned parts = 0;
        while (parts < s->credit && parts < GB_FRAME_WINDOW && s->off < s->len) {
            size_t left = s->len - s->off;
            size_t plen = left < GB_FRAME_PART ? left : GB_FRAME_PART;
            struct gb_frame f = {
                .type = s->off ? GB_FRAME_BODY : GB_FRAME_RESP,
                .flags = (uint8_t)((s->off == 0 && s->keep ? GB_FRAME_F_KEEPALIVE : 0) |
                                   (plen < left ? GB_FRAME_F_MORE : 0)),
                .id = s->id,
                .len = (uint32_t)plen,
                .arg = s->status,
            };
            gb_frame_encode(&f, hdrs[parts]);
            out[n].iov_base = hdrs[parts];
            out[n].iov_len = GB_FRAME_HDR_LEN;
            n++;
            n += gb_iov_slice(src, cnt, s->off - base, plen, out + n, 2);
            s->off += plen;
            parts++;
        }
        s->credit -= parts;
        flush_obuf(); /* frames batched before this answer go first */
        sock_writev(out, n);
    }
}

/* Keeps the unsent rest of s (src: the answer from offset 0) for later
 * credits; without memory, the gateway is told the rest is lost. */
static void park_stream(struct stream *s, const struct iovec *src, int cnt)
{
    s->rest_from = s->off;
    s->rest = malloc(s->len - s->off);
    if (s->rest && nstreams == streams_cap) {
        size_t nc = streams_cap ? streams_cap * 2 : 16;
        struct stream *ns = realloc(streams, nc * sizeof *ns);
        if (ns) {
            streams = ns;
            streams_cap = nc;
        }
    }
    if (!s->rest || nstreams == streams_cap) {
        free(s->rest);
        struct gb_frame lost = { .type = GB_FRAME_BODY, .flags = GB_FRAME_F_FAIL, .id = s->id };
        put_frame(&lost);
        return;
    }
    gb_iov_copy(src, cnt, s->off, s->rest);
    streams[nstreams++] = *s;
}

static void answer_proxy(uint32_t id, int status, int keep, const char *hdr, size_t hlen,
                         const char *body, size_t body_len)
{
    if (body_len <= SMALL_BODY) {
        /* Small answers are batched: one write to the gateway carries
         * every response produced from one read. */
        struct gb_frame out = { .type = GB_FRAME_RESP,
                                .flags = (uint8_t)(keep ? GB_FRAME_F_KEEPALIVE : 0),
                                .id = id,
                                .len = (uint32_t)(hlen + body_len),
                                .arg = (uint16_t)status };
        size_t total = GB_FRAME_HDR_LEN + hlen + body_len;
        if (olen + total > OBUF_CAP)
            flush_obuf();
        gb_frame_encode(&out, obuf + olen);
        memcpy(obuf + olen + GB_FRAME_HDR_LEN, hdr, hlen);
        if (body_len)
            memcpy(obuf + olen + GB_FRAME_HDR_LEN + hlen, body, body_len);
        olen += total;
        return;
    }
    struct iovec src[2] = { { (void *)hdr, hlen }, { (void *)body, body_len } };
    struct stream s = { .id = id, .status = (uint16_t)status, .keep = (uint8_t)keep,
                        .credit = GB_FRAME_WINDOW, .len = hlen + body_len };
    send_parts(&s, src, 2, 0);
    if (s.off < s.len)
        park_stream(&s, src, 2);
}

static void drop_stream(size_t i)
{
    free(streams[i].rest);
    heap_dirty = 1;
    streams[i] = streams[--nstreams];
}

/* CREDIT: more parts of a waiting answer may go (sent by service_streams),
 * or (FAIL) its client is gone. Credit for an answer that is complete is
 * ignored: the gateway grants as it writes, without knowing which part was
 * the last. */
static void credit(const struct gb_frame *f)
{
    for (size_t i = 0; i < nstreams; i++) {
        if (streams[i].id != f->id)
            continue;
        if (f->flags & GB_FRAME_F_FAIL)
            drop_stream(i);
        else
            streams[i].credit += f->arg;
        return;
    }
}

static void service_streams(void)
{
    for (size_t i = nstreams; i-- > 0;) {
        struct stream *s = &streams[i];
        if (!s->credit)
            continue;
        struct iovec rest = { s->rest, s->len - s->rest_from };
        send_parts(s, &rest, 1, s->rest_from);
        if (s->off == s->len)
            drop_stream(i);
    }
}

/* ---------------------------------------------------------------- requests */

static int take_fd(void)
{
    if (fdq_len == 0)
        die("%s%s", "request frame without its descriptor", "");
    int fd = fdq[fdq_head++];
    fdq_len--;
    if (fdq_len == 0)
        fdq_head = 0;
    return fd;
}

static void serve(const struct gb_frame *f, const unsigned char *payload)
{
    struct gb_frame_req fr;
    gb_frame_req_split(f, payload, &fr);
    int client = (f->flags & GB_FRAME_F_FD) ? take_fd() : -1;

    struct gb_fn_response resp;
    gb_functions_call(&fns, f->route, fr.method, fr.method_len, fr.target, fr.target_len, fr.body,
                      fr.body_len, scratch, sizeof scratch, &resp);

    int keep = (f->flags & GB_FRAME_F_KEEPALIVE) != 0;
    char hdr[256];
    int hlen = gb_reply_head(hdr, sizeof hdr, resp.status, resp.content_type, resp.body_len, keep,
                             (f->flags & GB_FRAME_F_HTTP10) != 0);
    if (hlen < 0)
        die("%s%s", "response header too long", "");

    if (client < 0) {
        answer_proxy(f->id, resp.status, keep, hdr, (size_t)hlen, resp.body, resp.body_len);
        return;
    }

    struct iovec iov[2] = { { hdr, (size_t)hlen }, { (void *)resp.body, resp.body_len } };
    int cnt = resp.body_len ? 2 : 1;
    size_t total = (size_t)hlen + resp.body_len;
    ssize_t n = try_write(client, iov, cnt);
    if (n < 0)
        report_done(client, f->id, resp.status, 0);
    else if ((size_t)n == total)
        report_done(client, f->id, resp.status, keep);
    else
        park(client, f->id, resp.status, keep, iov, cnt, (size_t)n);
}

/* ---------------------------------------------------------------- fdpass-conn */

static struct gb_keep keep;

static void conn_closed(void *ctx)
{
    (void)ctx;
    struct gb_frame closed = { .type = GB_FRAME_CLOSED };
    put_frame(&closed);
}

/* CONN: the connection is ours from now on. DONE tells the gateway its
 * first request is answered (it closes its copy then) and whether we still
 * hold it; FAIL that we could not take it (the gateway answers 503). */
static void take_conn(const struct gb_frame *f, const unsigned char *payload)
{
    int fd = take_fd();
    int r = gb_keep_adopt(&keep, fd, payload, f->len, (f->flags & GB_FRAME_F_KEEPALIVE) != 0,
                          gb_now_ms());
    if (r < 0)
        close(fd);
    struct gb_frame done = { .type = GB_FRAME_DONE,
                             .flags = (uint8_t)(r > 0 ? GB_FRAME_F_KEEPALIVE
                                                : r < 0 ? GB_FRAME_F_FAIL
                                                        : 0),
                             .id = f->id };
    put_frame(&done);
}

/* ---------------------------------------------------------------- loops */

/* Handles every complete frame in rbuf and makes room for the next one. */
static void handle_frames(void)
{
    char err[128];
    size_t off = 0;
    struct gb_frame f = { 0 };
    long n = 0;
    while (nparked < MAX_PARKED &&
           (n = gb_frame_decode(rbuf + off, rlen - off, MAX_FRAME_PAYLOAD, &f, err, sizeof err)) >
               0) {
        const unsigned char *payload = rbuf + off + GB_FRAME_HDR_LEN;
        if (f.type == GB_FRAME_REQ)
            serve(&f, payload);
        else if (f.type == GB_FRAME_CREDIT && mode == GB_MODE_PROXY)
            credit(&f);
        else if (f.type == GB_FRAME_CONN && mode == GB_MODE_FDPASS_CONN)
            take_conn(&f, payload);
        else
            die("%s%s", "unexpected frame type from gateway", "");
        off += (size_t)n;
    }
    if (nparked < MAX_PARKED && n < 0)
        die("%s%s", err, "");
    if (off) {
        memmove(rbuf, rbuf + off, rlen - off);
        rlen -= off;
    }
    if (rcap > RBUF_INIT && rlen <= RBUF_INIT) {
        /* Back to the usual size after a big request frame. */
        unsigned char *nb = realloc(rbuf, RBUF_INIT);
        if (nb) {
            rbuf = nb;
            rcap = RBUF_INIT;
        }
    }
    if (rlen >= GB_FRAME_HDR_LEN && GB_FRAME_HDR_LEN + (size_t)f.len > rcap) {
        size_t nc = GB_FRAME_HDR_LEN + (size_t)f.len;
        unsigned char *nb = realloc(rbuf, nc);
        if (!nb)
            die("%s%s", "out of memory", "");
        rbuf = nb;
        rcap = nc;
    }
}

/* One read from the gateway (with the descriptors riding on it). Exits when
 * the gateway is gone. */
static void read_gateway(void)
{
    if (rlen == rcap) {
        unsigned char *nb = realloc(rbuf, rcap * 2);
        if (!nb)
            die("%s%s", "out of memory", "");
        rbuf = nb;
        rcap *= 2;
    }
    ssize_t got;
    if (recv_fds) {
        int trunc = 0;
        if (fdq_head + fdq_len + GB_FDPASS_MAX_FDS > FDQ_CAP) {
            memmove(fdq, fdq + fdq_head, fdq_len * sizeof(int));
            fdq_head = 0;
        }
        size_t tail = fdq_head + fdq_len;
        got = gb_fdpass_recv(sock, rbuf + rlen, rcap - rlen, fdq, &tail, FDQ_CAP, &trunc);
        fdq_len = tail - fdq_head;
        if (trunc) {
            /* The kernel dropped descriptors (we hit EMFILE): we can no
             * longer tell which frame owns which fd, so stop; the
             * gateway closes the affected connections and respawns us. */
            die("%s%s", "descriptors truncated (MSG_CTRUNC); exiting", "");
        }
    } else {
        got = read(sock, rbuf + rlen, rcap - rlen);
    }
    if (got == 0)
        exit(0);
    if (got < 0) {
        if (errno == EINTR)
            return;
        exit(1);
    }
    rlen += (size_t)got;
}

/* After copies of answers were freed, waits up to IDLE_TRIM_MS for the
 * gateway; if it stays quiet, gives the heap's free pages back, so the
 * worker's RSS follows the load down (they stay while the load lasts). */
static void idle_trim(void)
{
    if (!heap_dirty || nstreams)
        return;
    struct pollfd pfd = { .fd = sock, .events = POLLIN };
    int n = poll(&pfd, 1, IDLE_TRIM_MS);
    if (n == 0) {
        malloc_trim(0);
        heap_dirty = 0;
    }
}

/* proxy and fdpass: the gateway's socket is the only input, with parked
 * fdpass answers polled alongside. */
static void run_frames(void)
{
    for (;;) {
        handle_frames();
        service_streams();
        /* Everything answerable is answered: send the batch before blocking. */
        flush_obuf();

        if (nparked) {
            /* Wait for the gateway or any parked client, whichever is first. */
            struct pollfd pfd[MAX_PARKED + 1];
            int64_t now = mono_ms(), next = INT64_MAX;
            for (int i = 0; i < nparked; i++) {
                pfd[i].fd = parked[i].fd;
                pfd[i].events = POLLOUT;
                pfd[i].revents = 0;
                if (parked[i].deadline < next)
                    next = parked[i].deadline;
            }
            /* With the parking lot full, stop reading requests until a slot frees. */
            int full = nparked == MAX_PARKED;
            pfd[nparked].fd = full ? -1 : sock;
            pfd[nparked].events = POLLIN;
            pfd[nparked].revents = 0;
            int tmo = next - now > 0 ? (int)(next - now) : 0;
            if (poll(pfd, (nfds_t)nparked + 1, tmo) < 0 && errno != EINTR)
                die("poll: %s%s", strerror(errno), "");
            int sock_ready = pfd[nparked].revents != 0;
            service_parked(pfd, mono_ms());
            flush_obuf();
            if (!sock_ready)
                continue;
        } else {
            idle_trim();
        }
        read_gateway();
    }
}

/* fdpass-conn: one epoll set for the gateway's socket and every kept client
 * connection; the timers tick every TICK_MS while any connection is kept. */
static void run_conns(const struct gb_worker_cfg *cfg, volatile int64_t *busy, int ep)
{
    static int sock_tag;
    if (gb_loop_add(ep, sock, EPOLLIN, &sock_tag) < 0)
        die("epoll_ctl: %s%s", strerror(errno), "");
    keep.cfg = (struct gb_keep_cfg){
        .ep = ep,
        .fns = &fns,
        .scratch = scratch,
        .scratch_cap = sizeof scratch,
        .max_body = cfg->max_body,
        .idle_ms = cfg->idle_ms,
        .busy_ms = busy,
        .closed = conn_closed,
    };
    int64_t last_tick = gb_now_ms();
    struct epoll_event evs[256];
    for (;;) {
        handle_frames();
        flush_obuf();
        int n = gb_loop_wait(ep, evs, 256, keep.count ? TICK_MS : -1);
        if (n < 0)
            die("epoll_wait: %s%s", strerror(errno), "");
        int64_t now = gb_now_ms();
        for (int i = 0; i < n; i++) {
            if (evs[i].data.ptr == &sock_tag)
                read_gateway();
            else
                gb_keep_event(&keep, evs[i].data.ptr, evs[i].events, now);
        }
        if (now - last_tick >= TICK_MS) {
            last_tick = now;
            gb_keep_tick(&keep, now);
        }
        flush_obuf();
    }
}

/* The word the gateway's watchdog reads (gb_pool: fd 5, shared memory). */
static volatile int64_t *map_watch(void)
{
    void *m = mmap(NULL, sizeof(int64_t), PROT_READ | PROT_WRITE, MAP_SHARED, GB_POOL_WATCH_FD, 0);
    if (m == MAP_FAILED)
        die("watch word: %s%s", strerror(errno), "");
    close(GB_POOL_WATCH_FD);
    return m;
}

void gb_worker_main(int s, const struct gb_worker_cfg *cfg)
{
    sock = s;
    mode = cfg->mode;
    int keeps_conns = 0;
    switch (cfg->mode) {
    case GB_MODE_PROXY: recv_fds = 0; break;
    case GB_MODE_FDPASS: recv_fds = 1; break;
    case GB_MODE_FDPASS_CONN:
        recv_fds = 1;
        keeps_conns = 1;
        break;
    }
    /* fd 3 had to survive our own exec; it must not survive an exec-runtime
     * child's, or that program would hold the gateway link open. */
    fcntl(sock, F_SETFD, FD_CLOEXEC);
    client_timeout_ms = cfg->timeout_ms > 2000 ? cfg->timeout_ms / 2 : 1000;
    signal(SIGPIPE, SIG_IGN);
    char err[512];
    if (gb_functions_load(&fns, cfg->routes_file, cfg->module_dir, err, sizeof err) < 0)
        die("%s%s", err, "");
    close(GB_POOL_ROUTES_FD); /* the snapshot is read; do not hand it to exec children */
    volatile int64_t *busy = keeps_conns ? map_watch() : NULL;

    /* Answers waiting for a slow client or for credit are copied, often
     * hundreds of KiB per request. Kept in the heap (not each in a fresh
     * mmap, as a fixed 64 KiB mmap threshold made them), their pages are
     * reused instead of faulted in again: at 256 KiB answers the fresh mmaps
     * cost the proxy worker about 1 ms of CPU per request on this project's
     * VM. Nor is the heap trimmed while work goes on (a 16 MiB trim
     * threshold still cost about 36 faults per 1 MiB answer under load): it
     * goes back to the system once the worker is idle (idle_trim). */
    mallopt(M_MMAP_THRESHOLD, WORKER_MMAP_THRESHOLD);
    mallopt(M_TRIM_THRESHOLD, WORKER_TRIM_THRESHOLD);
    rcap = RBUF_INIT;
    rbuf = malloc(rcap);
    if (!rbuf)
        die("%s%s", "out of memory", "");

    /* Every descriptor the worker keeps for its life exists before READY, so
     * a count taken once the gateway is live (fd hygiene) sees them all. */
    int ep = -1;
    if (keeps_conns) {
        ep = gb_loop_create(err, sizeof err);
        if (ep < 0)
            die("%s%s", err, "");
    }
    struct gb_frame ready = { .type = GB_FRAME_READY };
    put_frame(&ready);
    flush_obuf();

    if (keeps_conns)
        run_conns(cfg, busy, ep);
    else
        run_frames();
}
