#include "gb_fdpass.h"
#include "gb_frame.h"
#include "gb_function.h"
#include "gb_http.h"
#include "gb_pool.h"
#include "gb_routes.h"
#include "gb_worker.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAME_PAYLOAD (64u << 20)
#define RBUF_INIT (256 * 1024)
#define OBUF_CAP (64 * 1024)
#define SMALL_BODY 8192
#define SCRATCH_CAP (64 * 1024)
#define EXEC_OUT_MAX (16u << 20)
#define FDQ_CAP 4096

static struct gb_routes routes;
static gb_fn_handler handlers[GB_ROUTES_MAX];
static int sock = -1;
static int recv_fds; /* request frames carry client fds (set from the mode) */
static int client_timeout_ms;

static unsigned char *rbuf;
static size_t rlen, rcap;
static unsigned char obuf[OBUF_CAP];
static size_t olen;
static int fdq[FDQ_CAP];
static size_t fdq_head, fdq_len;
static char scratch[SCRATCH_CAP];
static char *exec_out;
static size_t exec_cap;

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
    size_t total = 0;
    for (int i = 0; i < cnt; i++)
        total += iov[i].iov_len;
    char *buf = malloc(total - written);
    if (!buf || nparked == MAX_PARKED) {
        free(buf);
        report_done(fd, id, status, 0);
        return;
    }
    size_t o = 0, skip = written;
    for (int i = 0; i < cnt; i++) {
        size_t l = iov[i].iov_len;
        if (skip >= l) {
            skip -= l;
            continue;
        }
        memcpy(buf + o, (const char *)iov[i].iov_base + skip, l - skip);
        o += l - skip;
        skip = 0;
    }
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

static const char *guess_type(const char *b, size_t n)
{
    return n && (b[0] == '{' || b[0] == '[') ? "application/json" : "text/plain";
}

/* exec runtime: one fork+exec per request, body on stdin, answer on stdout,
 * exit status 0 means 200. This is the cost the original gateway paid on
 * every request; it is kept to be measured, not recommended. */
static int run_exec(const struct gb_route *r, const struct gb_fn_request *req,
                    struct gb_fn_response *resp)
{
    char env_m[32], env_p[256], env_q[2048], env_cl[48];
    snprintf(env_m, sizeof env_m, "REQUEST_METHOD=%.*s", (int)req->method_len, req->method);
    snprintf(env_p, sizeof env_p, "PATH_INFO=%.*s", (int)req->path_len, req->path);
    snprintf(env_q, sizeof env_q, "QUERY_STRING=%.*s", (int)req->query_len, req->query);
    snprintf(env_cl, sizeof env_cl, "CONTENT_LENGTH=%zu", req->body_len);
    char *envp[] = { env_m, env_p, env_q, env_cl, "PATH=/usr/local/bin:/usr/bin:/bin", NULL };
    char *argv[] = { (char *)r->module, (char *)r->handler, NULL };
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) < 0)
        return -1;
    if (pipe2(out, O_CLOEXEC) < 0) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        return -1;
    }
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0)
            _exit(127);
        execve(r->module, argv, envp);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    size_t woff = 0, got = 0;
    int wfd = in[1], rfd = out[0], failed = 0;
    if (req->body_len == 0) {
        close(wfd);
        wfd = -1;
    }
    /* Feed stdin and drain stdout together: doing one then the other
     * deadlocks once either pipe fills. */
    while (rfd >= 0) {
        struct pollfd p[2] = { { rfd, POLLIN, 0 }, { wfd, POLLOUT, 0 } };
        if (poll(p, wfd >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            failed = 1;
            break;
        }
        if (wfd >= 0 && p[1].revents) {
            ssize_t n = write(wfd, req->body + woff, req->body_len - woff);
            if (n > 0)
                woff += (size_t)n;
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || woff == req->body_len) {
                close(wfd);
                wfd = -1;
            }
        }
        if (p[0].revents) {
            if (got == exec_cap) {
                size_t nc = exec_cap ? exec_cap * 2 : 65536;
                char *nb = nc <= EXEC_OUT_MAX ? realloc(exec_out, nc) : NULL;
                if (!nb) {
                    failed = 1;
                    break;
                }
                exec_out = nb;
                exec_cap = nc;
            }
            ssize_t n = read(rfd, exec_out + got, exec_cap - got);
            if (n > 0)
                got += (size_t)n;
            else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                close(rfd);
                rfd = -1;
            }
        }
    }
    if (wfd >= 0)
        close(wfd);
    if (rfd >= 0) {
        close(rfd);
        kill(pid, SIGKILL);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (failed || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return -1;
    resp->body = exec_out;
    resp->body_len = got;
    resp->content_type = guess_type(exec_out, got);
    return 0;
}

static void serve(const struct gb_frame *f, const unsigned char *payload)
{
    struct gb_frame_req fr;
    struct gb_fn_request req;
    struct gb_fn_response resp;
    int client = -1;

    gb_frame_req_split(f, payload, &fr);
    if (f->flags & GB_FRAME_F_FD) {
        if (fdq_len == 0)
            die("%s%s", "request frame without its descriptor", "");
        client = fdq[fdq_head++];
        fdq_len--;
        if (fdq_len == 0)
            fdq_head = 0;
    }

    req.method = fr.method;
    req.method_len = fr.method_len;
    req.path = fr.target;
    const char *q = memchr(fr.target, '?', fr.target_len);
    req.path_len = q ? (size_t)(q - fr.target) : fr.target_len;
    req.query = q ? q + 1 : fr.target + fr.target_len;
    req.query_len = q ? fr.target_len - req.path_len - 1 : 0;
    req.body = fr.body;
    req.body_len = fr.body_len;

    memset(&resp, 0, sizeof resp);
    resp.status = 200;
    resp.content_type = "application/json";
    resp.scratch = scratch;
    resp.scratch_cap = sizeof scratch;
    int rc = -1;
    if (f->route < routes.n) {
        const struct gb_route *r = &routes.r[f->route];
        rc = r->runtime == GB_RT_NATIVE ? handlers[f->route](&req, &resp)
                                        : run_exec(r, &req, &resp);
    }
    if (rc != 0 || resp.status < 200 || resp.status > 599) {
        static const char fail[] = "{\"error\":\"function failed\"}\n";
        resp.status = 500;
        resp.content_type = "application/json";
        resp.body = fail;
        resp.body_len = sizeof fail - 1;
    }

    int keep = (f->flags & GB_FRAME_F_KEEPALIVE) != 0;
    char hdr[256];
    int hlen = snprintf(hdr, sizeof hdr,
                        "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s\r\n",
                        resp.status, gb_http_reason(resp.status), resp.content_type,
                        resp.body_len,
                        !keep ? "Connection: close\r\n"
                        : (f->flags & GB_FRAME_F_HTTP10) ? "Connection: keep-alive\r\n"
                                                          : "");
    if (hlen < 0 || (size_t)hlen >= sizeof hdr)
        die("%s%s", "response header too long", "");

    if (client < 0) {
        struct gb_frame out = { .type = GB_FRAME_RESP,
                                .flags = (uint8_t)(keep ? GB_FRAME_F_KEEPALIVE : 0),
                                .id = f->id,
                                .len = (uint32_t)((size_t)hlen + resp.body_len),
                                .arg = (uint16_t)resp.status };
        size_t total = GB_FRAME_HDR_LEN + (size_t)hlen + resp.body_len;
        if (resp.body_len <= SMALL_BODY) {
            /* Small answers are batched: one write to the gateway carries
             * every response produced from one read. */
            if (olen + total > OBUF_CAP)
                flush_obuf();
            gb_frame_encode(&out, obuf + olen);
            memcpy(obuf + olen + GB_FRAME_HDR_LEN, hdr, (size_t)hlen);
            if (resp.body_len)
                memcpy(obuf + olen + GB_FRAME_HDR_LEN + hlen, resp.body, resp.body_len);
            olen += total;
        } else {
            unsigned char fh[GB_FRAME_HDR_LEN];
            gb_frame_encode(&out, fh);
            flush_obuf();
            struct iovec iov[3] = { { fh, sizeof fh }, { hdr, (size_t)hlen },
                                    { (void *)resp.body, resp.body_len } };
            sock_writev(iov, 3);
        }
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

static void load_functions(const char *routes_file, const char *module_dir)
{
    char err[512];
    if (gb_routes_load(&routes, routes_file, module_dir, err, sizeof err) < 0)
        die("%s%s", err, "");
    for (size_t i = 0; i < routes.n; i++) {
        const struct gb_route *r = &routes.r[i];
        if (r->runtime != GB_RT_NATIVE)
            continue;
        /* RTLD_NOW: a missing symbol fails here, at start, not mid-request. */
        void *h = dlopen(r->module, RTLD_NOW | RTLD_LOCAL);
        if (!h)
            die("cannot load %s: %s", r->module, dlerror());
        void *sym = dlsym(h, r->handler);
        if (!sym)
            die("no handler %s in %s", r->handler, r->module);
        memcpy(&handlers[i], &sym, sizeof sym);
    }
}

void gb_worker_main(int s, enum gb_mode mode, const char *routes_file, const char *module_dir,
                    int timeout_ms)
{
    sock = s;
    switch (mode) {
    case GB_MODE_PROXY: recv_fds = 0; break;
    case GB_MODE_FDPASS: recv_fds = 1; break;
    }
    /* fd 3 had to survive our own exec; it must not survive an exec-runtime
     * child's, or that program would hold the gateway link open. */
    fcntl(sock, F_SETFD, FD_CLOEXEC);
    client_timeout_ms = timeout_ms > 2000 ? timeout_ms / 2 : 1000;
    signal(SIGPIPE, SIG_IGN);
    load_functions(routes_file, module_dir);
    close(GB_POOL_ROUTES_FD); /* the snapshot is read; do not hand it to exec children */

    /* As in the gateway: big buffers mmap'd, so they leave RSS when freed. */
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    rcap = RBUF_INIT;
    rbuf = malloc(rcap);
    if (!rbuf)
        die("%s%s", "out of memory", "");

    struct gb_frame ready = { .type = GB_FRAME_READY };
    put_frame(&ready);
    flush_obuf();

    char err[128];
    for (;;) {
        size_t off = 0;
        struct gb_frame f = { 0 };
        long n = 0;
        while (nparked < MAX_PARKED &&
               (n = gb_frame_decode(rbuf + off, rlen - off, MAX_FRAME_PAYLOAD, &f, err,
                                    sizeof err)) > 0) {
            if (f.type != GB_FRAME_REQ)
                die("%s%s", "unexpected frame type from gateway", "");
            serve(&f, rbuf + off + GB_FRAME_HDR_LEN);
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
        }

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
                continue;
            exit(1);
        }
        rlen += (size_t)got;
    }
}
