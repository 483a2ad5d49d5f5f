/* bench-latency - open-loop HTTP load at a fixed rate, latency measured from each request's
 * intended send time, as wrk2 does (wrk2 is not packaged in Debian, hence this tool).
 *
 * Why intended time: a closed-loop client that waits for a slow response simply sends less,
 * so the stall vanishes from its percentiles ("coordinated omission"). Here request k of the
 * run is due at t0 + k/R whatever happened before; if its connection is still busy, it goes
 * out late and the wait counts as latency. Prints a summary ingest/parsers/bench-latency.ts reads. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "gbb_load.h"
#include "gbb_opt.h"
#include "gbb_time.h"

#define TOOL "bench-latency"
#define SCRATCH (64 * 1024)
#define OPT_RATE 'R'

struct slot {
    struct gbb_conn c;   /* first member: epoll's data.ptr points at both */
    uint64_t index;      /* global connection index: request k belongs to slot k mod N */
    uint64_t seq;        /* requests of this slot already due and sent (or lost) */
};

struct thread {
    pthread_t tid;
    const struct gbb_load *load;
    double interval_ns;  /* 1e9 / rate: the spacing of the whole run's requests */
    uint64_t t0, end_ns;
    unsigned nslot;
    struct slot *slots;
    uint64_t sent, unsent;
    struct gbb_tally tally;
    char err[256];
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " TOOL " -R RATE [options] URL\n"
            "  open-loop load at RATE requests/s on http://IPv4:PORT/path, latency from each request's\n"
            "  intended send time (coordinated omission corrected); prints a '" TOOL " 1' summary\n"
            "  -R, --rate N           requests per second in total (required)\n"
            "  -c, --connections N    connections in total (default 10)\n"
            "  -t, --threads N        threads (default 1)\n"
            "  -d, --duration D       sending window: 10, 10s, 500ms, 2m (default 10s)\n"
            "  -m, --method M         request method (default GET)\n"
            "  -b, --body STRING      request body (sent with Content-Length)\n"
            "      --body-file FILE   request body read from FILE\n"
            "      --close            one request per connection (connect time counts as latency)\n"
            "  -T, --timeout D        a response not complete after D is a timeout error (default 2s)\n"
            "      --latencies FILE   write every latency (us), one per line, in completion order\n"
            "  -h, --help             this help\n"
            "exit status: 0 run completed (errors are counted in the summary), 1 runtime failure, 2 usage\n");
}

static uint64_t due(const struct thread *th, const struct slot *s)
{
    double k = (double)(s->index + s->seq * th->load->connections);
    return th->t0 + (uint64_t)(k * th->interval_ns);
}

static void lose(struct thread *th, struct slot *s, int kind)
{
    th->tally.errors[kind]++;
    gbb_conn_close(&s->c);
}

static void drive(struct thread *th, struct slot *s, uint32_t events, char *scratch)
{
    int rc = gbb_conn_step(&s->c, events, scratch, SCRATCH);

    if (rc == GBB_CONN_AGAIN)
        return;
    if (rc < 0) {
        lose(th, s, -rc);
        return;
    }
    gbb_tally_response(&th->tally, &s->c, gbb_now_ns());
    if (!th->load->keepalive || !s->c.resp.keepalive)
        gbb_conn_close(&s->c);
}

static void send_due(struct thread *th, struct slot *s, uint64_t when, char *scratch, int epfd)
{
    const struct gbb_load *l = th->load;
    int rc;

    s->seq++;
    th->sent++;
    if (s->c.fd < 0 && (rc = gbb_conn_open(&s->c, &l->target.addr, epfd)) < 0) {
        lose(th, s, -rc);
        return;
    }
    gbb_conn_begin(&s->c, l->req, l->req_len, l->head, when, gbb_now_ns() + l->timeout_ns);
    drive(th, s, 0, scratch);
}

static void arm(int tfd, uint64_t at_ns)
{
    struct itimerspec its;

    memset(&its, 0, sizeof(its));
    /* 0 would disarm the timer; a time already past fires at once, which is what we want */
    if (at_ns == 0)
        at_ns = 1;
    its.it_value.tv_sec = (time_t)(at_ns / GBB_NS_PER_S);
    its.it_value.tv_nsec = (long)(at_ns % GBB_NS_PER_S);
    timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static void *run(void *arg)
{
    struct thread *th = arg;
    const struct gbb_load *l = th->load;
    struct epoll_event evs[256], tev;
    char *scratch = malloc(SCRATCH);
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);

    if (scratch == NULL || epfd < 0 || tfd < 0) {
        snprintf(th->err, sizeof(th->err), "cannot set up a load thread: %s", strerror(errno));
        goto out;
    }
    tev.events = EPOLLIN;
    tev.data.ptr = NULL;
    epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &tev);
    /* keep-alive connections are opened before t0 so the first requests do not pay connect */
    if (l->keepalive)
        for (unsigned i = 0; i < th->nslot; i++)
            if (gbb_conn_open(&th->slots[i].c, &l->target.addr, epfd) < 0)
                gbb_conn_close(&th->slots[i].c);
    for (;;) {
        uint64_t now = gbb_now_ns(), wake = UINT64_MAX;
        int busy = 0, n;

        for (unsigned i = 0; i < th->nslot; i++) {
            struct slot *s = &th->slots[i];
            if (s->c.busy && now >= s->c.deadline_ns) {
                lose(th, s, GBB_E_TIMEOUT);
            }
            if (!s->c.busy) {
                uint64_t d = due(th, s);
                if (d < th->end_ns && d <= now) {
                    send_due(th, s, d, scratch, epfd);
                    d = due(th, s);
                }
                if (!s->c.busy && d < th->end_ns && d < wake)
                    wake = d;
            }
            if (s->c.busy) {
                busy++;
                if (s->c.deadline_ns < wake)
                    wake = s->c.deadline_ns;
            }
        }
        if (now >= th->end_ns && busy == 0)
            break;
        if (wake == UINT64_MAX)
            wake = th->end_ns;
        arm(tfd, wake);
        n = epoll_wait(epfd, evs, 256, -1);
        if (n < 0 && errno != EINTR) {
            snprintf(th->err, sizeof(th->err), "epoll_wait: %s", strerror(errno));
            break;
        }
        for (int i = 0; i < n; i++) {
            struct slot *s = evs[i].data.ptr;
            if (s == NULL) {
                uint64_t ticks;
                if (read(tfd, &ticks, sizeof(ticks)) < 0) {
                    /* EAGAIN: already consumed; the loop rescans either way */
                }
                continue;
            }
            if (s->c.fd < 0)
                continue;
            if (!s->c.busy) {
                /* a pre-opened connection finishing its connect: the edge must be consumed now,
                 * or it is lost and the first request on it waits for a timeout */
                if (!s->c.connected && gbb_conn_step(&s->c, evs[i].events, scratch, SCRATCH) < 0)
                    gbb_conn_close(&s->c);
                /* the server closed an idle connection: reopen at the next due request */
                else if (s->c.connected && (evs[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
                    gbb_conn_close(&s->c);
                continue;
            }
            drive(th, s, evs[i].events, scratch);
        }
    }
    /* requests that fell due in the window but never went out: the server fell behind so far
     * that a connection was still busy; reported, since a silent drop would flatter it */
    for (unsigned i = 0; i < th->nslot; i++) {
        struct slot *s = &th->slots[i];
        while (due(th, s) < th->end_ns) {
            s->seq++;
            th->unsent++;
        }
        gbb_conn_close(&s->c);
    }
out:
    if (tfd >= 0)
        close(tfd);
    if (epfd >= 0)
        close(epfd);
    free(scratch);
    return NULL;
}

/* bench-latency's own option beside the shared load options */
struct options {
    struct gbb_load *load;
    double rate;
};

static int apply(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
    struct options *o = ctx;
    if (opt == OPT_RATE) {
        if (gbb_opt_positive(arg, &o->rate) != 0 || o->rate > 10e6) {
            snprintf(err, errlen, "invalid --rate '%s': expected requests per second, e.g. 2500", arg);
            return -1;
        }
        return 1;
    }
    return gbb_load_option(o->load, opt, arg, err, errlen);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = { GBB_LOAD_LONGOPTS, { "rate", required_argument, NULL, OPT_RATE },
                                              { NULL, 0, NULL, 0 } };
    struct gbb_load load;
    struct options o = { &load, 0 };
    const struct gbb_opt_cli cli = { TOOL, GBB_LOAD_SHORTOPTS "R:", longopts, usage, apply, &o };
    struct gbb_tally total;
    struct thread *threads;
    struct slot *slots;
    char err[512];
    double rate;
    uint64_t t0, sent = 0, unsent = 0;
    int rc, status = 0;

    gbb_load_init(&load, TOOL);
    load.threads = 1;
    if ((rc = gbb_opt_parse(&cli, argc, argv)) != GBB_OPT_CONTINUE)
        return rc;
    if (gbb_load_operands(&load, argc, argv, optind, err, sizeof(err)) != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        return 2;
    }
    rate = o.rate;
    if (rate == 0) {
        fprintf(stderr, TOOL ": missing --rate (-R): the fixed request rate, e.g. -R 2500\n");
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
    slots = calloc(load.connections, sizeof(*slots));
    if (threads == NULL || slots == NULL) {
        fprintf(stderr, TOOL ": out of memory\n");
        return 1;
    }
    /* t0 a little ahead, so that all threads have opened their connections by then */
    t0 = gbb_now_ns() + 50 * GBB_NS_PER_MS;
    for (unsigned i = 0, first = 0; i < load.threads; i++) {
        struct thread *th = &threads[i];
        th->load = &load;
        th->interval_ns = 1e9 / rate;
        th->t0 = t0;
        th->end_ns = t0 + load.duration_ns;
        th->nslot = gbb_load_share(&load, i);
        th->slots = slots + first;
        for (unsigned k = 0; k < th->nslot; k++) {
            gbb_conn_init(&th->slots[k].c);
            th->slots[k].index = first + k;
        }
        first += th->nslot;
        gbb_tally_init(&th->tally);
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
        sent += threads[i].sent;
        unsent += threads[i].unsent;
        gbb_tally_merge(&total, &threads[i].tally);
        gbb_tally_free(&threads[i].tally);
    }
    if (status == 0 && gbb_load_write_latencies(&load, &total, err, sizeof(err)) != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        status = 1;
    }
    if (status == 0) {
        double secs = (double)load.duration_ns / 1e9;
        printf(TOOL " 1\n");
        printf("duration_s: %.3f\n", secs);
        printf("rate_target_per_s: %.2f\n", rate);
        gbb_load_print(stdout, &load, &total);
        printf("requests_sent: %llu\n", (unsigned long long)sent);
        printf("requests_unsent: %llu\n", (unsigned long long)unsent);
        printf("rate_achieved_per_s: %.2f\n", (double)total.requests / secs);
        if (total.dropped_samples)
            printf("latency_dropped_samples: %llu\n", (unsigned long long)total.dropped_samples);
    }
    gbb_tally_free(&total);
    free(threads);
    free(slots);
    gbb_load_free(&load);
    return status;
}
