/* bench-throughput - closed-loop HTTP load: every connection sends its next request as soon as
 * the previous response is complete, for a fixed duration, like wrk. Prints a summary that
 * ingest/parsers/bench-throughput.ts reads. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "gbb_load.h"
#include "gbb_opt.h"
#include "gbb_time.h"

#define TOOL "bench-throughput"
#define SCRATCH (64 * 1024)
/* a refused connect retries after this pause instead of spinning the CPU the server needs */
#define CONNECT_BACKOFF_NS (10 * GBB_NS_PER_MS)
/* timeouts are checked at this granularity: fine enough for a 2 s default timeout */
#define SCAN_NS (10 * GBB_NS_PER_MS)

struct thread {
    pthread_t tid;
    const struct gbb_load *load;
    unsigned nconn;
    struct gbb_conn *conns;
    uint64_t stop_ns;
    struct gbb_tally tally;
    char err[256];
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " TOOL " [options] URL\n"
            "  closed-loop load on http://IPv4:PORT/path; prints a '" TOOL " 1' summary on stdout\n"
            "  -t, --threads N        threads (default 2)\n"
            "  -c, --connections N    connections in total, spread over threads (default 10)\n"
            "  -d, --duration D       10, 10s, 500ms, 2m (default 10s)\n"
            "  -m, --method M         request method (default GET)\n"
            "  -b, --body STRING      request body (sent with Content-Length)\n"
            "      --body-file FILE   request body read from FILE\n"
            "      --close            one request per connection (Connection: close)\n"
            "  -T, --timeout D        a response not complete after D is a timeout error (default 2s)\n"
            "      --latencies FILE   write every latency (us), one per line\n"
            "  -h, --help             this help\n"
            "exit status: 0 run completed (errors are counted in the summary), 1 runtime failure, 2 usage\n");
}

static void fail(struct thread *th, struct gbb_conn *c, int kind, uint64_t now)
{
    th->tally.errors[kind]++;
    gbb_conn_close(c);
    c->next_ns = kind == GBB_E_CONNECT ? now + CONNECT_BACKOFF_NS : now;
}

/* Opens c if needed and begins its next request. Returns 0 when the connect failed (counted,
 * retried after a backoff by the periodic scan). */
static int begin_next(struct thread *th, struct gbb_conn *c, int epfd, uint64_t now)
{
    const struct gbb_load *l = th->load;
    int rc;

    if (c->fd < 0 && (rc = gbb_conn_open(c, &l->target.addr, epfd)) < 0) {
        fail(th, c, -rc, now);
        return 0;
    }
    gbb_conn_begin(c, l->req, l->req_len, l->head, now, now + l->timeout_ns);
    return 1;
}

/* Handles everything that can happen on c until it has to wait for the network again. A loop,
 * not recursion: with --close, a fast server could otherwise nest one call per request. */
static void drive(struct thread *th, struct gbb_conn *c, uint32_t events, int epfd, char *scratch)
{
    const struct gbb_load *l = th->load;

    for (;;) {
        int rc = gbb_conn_step(c, events, scratch, SCRATCH);
        uint64_t now;
        events = 0;
        if (rc == GBB_CONN_AGAIN)
            return;
        now = gbb_now_ns();
        if (rc < 0) {
            fail(th, c, -rc, now);
            if (-rc == GBB_E_CONNECT || !begin_next(th, c, epfd, now))
                return;
            continue;
        }
        gbb_tally_response(&th->tally, c, now);
        if (now >= th->stop_ns)
            return;
        if (!l->keepalive || !c->resp.keepalive)
            gbb_conn_close(c);
        if (!begin_next(th, c, epfd, now))
            return;
    }
}

static void start(struct thread *th, struct gbb_conn *c, int epfd, char *scratch, uint64_t now)
{
    if (begin_next(th, c, epfd, now))
        drive(th, c, 0, epfd, scratch);
}

static void *run(void *arg)
{
    struct thread *th = arg;
    struct epoll_event evs[256];
    uint64_t now, next_scan;
    char *scratch = malloc(SCRATCH);
    int epfd = epoll_create1(EPOLL_CLOEXEC);

    if (scratch == NULL || epfd < 0) {
        snprintf(th->err, sizeof(th->err), "cannot set up a load thread: %s", strerror(errno));
        free(scratch);
        if (epfd >= 0)
            close(epfd);
        return NULL;
    }
    now = gbb_now_ns();
    next_scan = now + SCAN_NS;
    for (unsigned i = 0; i < th->nconn; i++)
        start(th, &th->conns[i], epfd, scratch, now);
    while ((now = gbb_now_ns()) < th->stop_ns) {
        uint64_t left = th->stop_ns - now;
        int timeout_ms = left < SCAN_NS ? (int)(left / GBB_NS_PER_MS) + 1 : (int)(SCAN_NS / GBB_NS_PER_MS);
        int n = epoll_wait(epfd, evs, 256, timeout_ms);
        if (n < 0 && errno != EINTR) {
            snprintf(th->err, sizeof(th->err), "epoll_wait: %s", strerror(errno));
            break;
        }
        for (int i = 0; i < n; i++) {
            struct gbb_conn *c = evs[i].data.ptr;
            if (c->fd < 0)
                continue;
            if (!c->busy && c->connected && (evs[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) {
                /* the server closed an idle connection between requests: not an error, reopen */
                gbb_conn_close(c);
                start(th, c, epfd, scratch, gbb_now_ns());
                continue;
            }
            if (c->busy)
                drive(th, c, evs[i].events, epfd, scratch);
        }
        now = gbb_now_ns();
        if (now < next_scan)
            continue;
        next_scan = now + SCAN_NS;
        for (unsigned i = 0; i < th->nconn && now < th->stop_ns; i++) {
            struct gbb_conn *c = &th->conns[i];
            if (c->fd >= 0 && c->busy && now >= c->deadline_ns) {
                fail(th, c, GBB_E_TIMEOUT, now);
                start(th, c, epfd, scratch, now);
            } else if (c->fd < 0 && now >= c->next_ns) {
                start(th, c, epfd, scratch, now);
            }
        }
    }
    /* responses still in flight at the end are neither counted nor errors, as in wrk */
    for (unsigned i = 0; i < th->nconn; i++)
        gbb_conn_close(&th->conns[i]);
    close(epfd);
    free(scratch);
    return NULL;
}

static int apply(void *load, int opt, const char *arg, char *err, size_t errlen)
{
    return gbb_load_option(load, opt, arg, err, errlen);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = { GBB_LOAD_LONGOPTS, { NULL, 0, NULL, 0 } };
    struct gbb_load load;
    const struct gbb_opt_cli cli = { TOOL, GBB_LOAD_SHORTOPTS, longopts, usage, apply, &load };
    struct gbb_tally total;
    struct thread *threads;
    struct gbb_conn *conns;
    char err[512];
    uint64_t t0, t1;
    int rc, status = 0;

    gbb_load_init(&load, TOOL);
    if ((rc = gbb_opt_parse(&cli, argc, argv)) != GBB_OPT_CONTINUE)
        return rc;
    if (gbb_load_operands(&load, argc, argv, optind, err, sizeof(err)) != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        return 2;
    }
    if (gbb_load_prepare(&load, err, sizeof(err)) != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        gbb_load_free(&load);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    if (gbb_target_probe(&load.target, 2000, err, sizeof(err)) != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        gbb_load_free(&load);
        return 1;
    }
    threads = calloc(load.threads, sizeof(*threads));
    conns = calloc(load.connections, sizeof(*conns));
    if (threads == NULL || conns == NULL) {
        fprintf(stderr, TOOL ": out of memory\n");
        return 1;
    }
    t0 = gbb_now_ns();
    for (unsigned i = 0, first = 0; i < load.threads; i++) {
        struct thread *th = &threads[i];
        th->load = &load;
        th->nconn = gbb_load_share(&load, i);
        th->conns = conns + first;
        first += th->nconn;
        th->stop_ns = t0 + load.duration_ns;
        gbb_tally_init(&th->tally);
        for (unsigned k = 0; k < th->nconn; k++)
            gbb_conn_init(&th->conns[k]);
        if (pthread_create(&th->tid, NULL, run, th) != 0) {
            fprintf(stderr, TOOL ": cannot start thread %u\n", i);
            return 1;
        }
    }
    gbb_tally_init(&total);
    for (unsigned i = 0; i < load.threads; i++) {
        pthread_join(threads[i].tid, NULL);
        if (threads[i].err[0] && !status) {
            fprintf(stderr, TOOL ": %s\n", threads[i].err);
            status = 1;
        }
        gbb_tally_merge(&total, &threads[i].tally);
        gbb_tally_free(&threads[i].tally);
    }
    t1 = gbb_now_ns();
    if (status == 0 && gbb_load_write_latencies(&load, &total, err, sizeof(err)) != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        status = 1;
    }
    if (status == 0) {
        /* the window is the threads' common stop time; joining adds no work to it */
        double secs = (double)((t1 < t0 + load.duration_ns ? t1 : t0 + load.duration_ns) - t0) / 1e9;
        printf(TOOL " 1\n");
        printf("duration_s: %.3f\n", secs);
        gbb_load_print(stdout, &load, &total);
        printf("requests_per_s: %.2f\n", secs > 0 ? (double)total.requests / secs : 0.0);
        if (total.dropped_samples)
            printf("latency_dropped_samples: %llu\n", (unsigned long long)total.dropped_samples);
    }
    gbb_tally_free(&total);
    free(threads);
    free(conns);
    gbb_load_free(&load);
    return status;
}
