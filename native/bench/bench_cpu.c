/* bench-cpu - CPU time (utime, stime from /proc/PID/stat) of a gateway and its workers over a
 * window: CPU % of one core, and CPU-microseconds per request when the request count is known
 * (--requests, --requests-from FILE, or read from the load command's own output).
 * Prints a summary ingest/parsers/bench-cpu.ts reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gbb_cmd.h"
#include "gbb_opt.h"
#include "gbb_proc.h"
#include "gbb_target.h"
#include "gbb_time.h"
#include "gbb_watch.h"

#define TOOL "bench-cpu"
#define MAX_PROCS 512
#define OPT_REQUESTS 1001
#define OPT_REQUESTS_FROM 1002

struct tracked {
    pid_t pid, ppid;
    uint64_t start_ticks;
    int root;
    char comm[32];
    int alive;
    struct gbb_proc_stat first, last;
};

static struct tracked procs[MAX_PROCS];
static int nprocs;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " TOOL " --pid PID [options] (--duration D | -- LOAD COMMAND...)\n"
            "  CPU time of PID and its descendants from /proc/PID/stat; prints a '" TOOL " 1' summary\n"
            "  -p, --pid PID            process to watch (repeatable)\n"
            "      --no-children        do not include descendants (workers)\n"
            "  -d, --duration D         window length: 10, 10s, 500ms, 2m\n"
            "  -i, --interval D         how often new or exited processes are looked for (default 100ms)\n"
            "      --requests N         requests served in the window: adds CPU-us per request\n"
            "      --requests-from FILE read N from a bench-throughput summary or wrk output, after the window\n"
            "      --load-output FILE   where the load command's stdout goes (default: stderr)\n"
            "  -- LOAD COMMAND...       run it (e.g. bench-throughput or wrk); the window is its lifetime and\n"
            "                           its request count is read from its output\n"
            "exit status: 0 measured, 1 runtime failure, 2 usage\n");
}

static void sample(const struct gbb_watch *w, uint64_t window_start_ticks)
{
    struct gbb_proc_sample ps[MAX_PROCS];
    int n = gbb_proc_scan(w->roots, w->nroots, w->children, ps, MAX_PROCS);

    for (int i = 0; i < nprocs; i++)
        procs[i].alive = 0;
    for (int i = 0; i < n; i++) {
        struct tracked *t = NULL;
        for (int k = 0; k < nprocs && !t; k++)
            if (procs[k].pid == ps[i].st.pid && procs[k].start_ticks == ps[i].st.start_ticks)
                t = &procs[k];
        if (t == NULL) {
            if (nprocs == MAX_PROCS)
                continue;
            t = &procs[nprocs++];
            memset(t, 0, sizeof(*t));
            t->pid = ps[i].st.pid;
            t->ppid = ps[i].st.ppid;
            t->start_ticks = ps[i].st.start_ticks;
            t->root = ps[i].root;
            t->first = ps[i].st;
            /* born inside the window (a respawned worker): all of its CPU time is ours */
            if (t->start_ticks >= window_start_ticks) {
                t->first.utime_ticks = t->first.stime_ticks = 0;
                t->first.cutime_ticks = t->first.cstime_ticks = 0;
            }
        }
        t->alive = 1;
        /* the latest name: a process seen between fork and exec first shows its parent's */
        gbb_proc_comm_token(t->comm, sizeof(t->comm), ps[i].st.comm);
        t->last = ps[i].st;
    }
}

/* bench-cpu's own options beside the shared watch options */
struct options {
    struct gbb_watch *w;
    uint64_t requests;
    int have_requests;
    const char *requests_from;
};

static int apply(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
    struct options *o = ctx;
    if (opt == OPT_REQUESTS) {
        if (gbb_opt_uint(arg, 1, UINT64_MAX, &o->requests) != 0) {
            snprintf(err, errlen, "invalid --requests '%s': expected a positive integer", arg);
            return -1;
        }
        o->have_requests = 1;
        return 1;
    }
    if (opt == OPT_REQUESTS_FROM) {
        o->requests_from = arg;
        return 1;
    }
    return gbb_watch_option(o->w, opt, arg, err, errlen);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = { GBB_WATCH_LONGOPTS,
                                              { "requests", required_argument, NULL, OPT_REQUESTS },
                                              { "requests-from", required_argument, NULL, OPT_REQUESTS_FROM },
                                              { NULL, 0, NULL, 0 } };
    static char keep[1 << 16];
    struct gbb_watch w;
    struct options o = { &w, 0, 0, NULL };
    const struct gbb_opt_cli cli = { TOOL, GBB_WATCH_SHORTOPTS, longopts, usage, apply, &o };
    char err[512];
    uint64_t requests, start_ticks, us_tick = gbb_proc_us_per_tick();
    uint64_t tot_u = 0, tot_s = 0, tot_waited = 0;
    const char *requests_from;
    int have_requests, rc;
    double secs;

    gbb_watch_init(&w, TOOL, keep, sizeof(keep));
    if ((rc = gbb_opt_parse(&cli, argc, argv)) != GBB_OPT_CONTINUE)
        return rc;
    requests = o.requests;
    have_requests = o.have_requests;
    requests_from = o.requests_from;
    rc = gbb_watch_check(&w, argc, argv, optind, err, sizeof(err));
    if (rc != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        return rc;
    }
    if (have_requests && requests_from) {
        fprintf(stderr, TOOL ": give --requests or --requests-from, not both\n");
        return 2;
    }
    /* one tick of slack: starttime is rounded down to a tick, a process started a moment
     * before the window must not have its whole life's CPU counted */
    start_ticks = gbb_proc_now_ticks() + 1;
    if (gbb_watch_begin(&w, err, sizeof(err)) != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        return 1;
    }
    do
        sample(&w, start_ticks);
    while (gbb_watch_next(&w));
    sample(&w, start_ticks);
    secs = gbb_watch_elapsed_s(&w);

    if (requests_from) {
        char *text;
        size_t len;
        if (gbb_read_file(requests_from, 64u << 20, &text, &len, err, sizeof(err)) != 0) {
            fprintf(stderr, TOOL ": %s\n", err);
            return 1;
        }
        char *z = realloc(text, len + 1);
        if (z == NULL) {
            fprintf(stderr, TOOL ": out of memory\n");
            return 1;
        }
        z[len] = '\0';
        if (gbb_find_requests(z, &requests) != 0) {
            fprintf(stderr, TOOL ": %s has no request count (\"requests: N\" or wrk's \"N requests in\")\n",
                    requests_from);
            free(z);
            return 1;
        }
        free(z);
        have_requests = 1;
    } else if (!have_requests && w.argv && gbb_find_requests(keep, &requests) == 0) {
        have_requests = 1;
    }
    if (have_requests && requests == 0)
        have_requests = 0; /* "0 requests": per-request figures would divide by zero */

    printf(TOOL " 1\n");
    printf("pids:");
    for (int i = 0; i < w.nroots; i++)
        printf(" %d", (int)w.roots[i]);
    printf("\nchildren: %d\n", w.children);
    printf("clock_tick_us: %llu\n", (unsigned long long)us_tick);
    printf("interval_ms: %llu\n", (unsigned long long)(w.interval_ns / GBB_NS_PER_MS));
    printf("duration_s: %.3f\n", secs);
    if (have_requests)
        printf("requests: %llu\n", (unsigned long long)requests);
    printf("processes_seen: %d\n", nprocs);
    for (int i = 0; i < nprocs; i++) {
        const struct tracked *t = &procs[i];
        uint64_t u = (t->last.utime_ticks - t->first.utime_ticks) * us_tick;
        uint64_t s = (t->last.stime_ticks - t->first.stime_ticks) * us_tick;
        uint64_t waited = (t->last.cutime_ticks + t->last.cstime_ticks - t->first.cutime_ticks -
                           t->first.cstime_ticks) * us_tick;
        tot_u += u;
        tot_s += s;
        tot_waited += waited;
        printf("process: pid=%d ppid=%d role=%s comm=%s utime_us=%llu stime_us=%llu cpu_us=%llu cpu_pct=%.2f",
               (int)t->pid, (int)t->ppid, t->root ? "root" : "child", t->comm, (unsigned long long)u,
               (unsigned long long)s, (unsigned long long)(u + s), secs > 0 ? (double)(u + s) / (secs * 1e4) : 0.0);
        if (have_requests)
            printf(" cpu_us_per_req=%.3f", (double)(u + s) / (double)requests);
        printf(" waited_children_cpu_us=%llu alive=%d\n", (unsigned long long)waited, t->alive);
    }
    printf("total_utime_us: %llu\n", (unsigned long long)tot_u);
    printf("total_stime_us: %llu\n", (unsigned long long)tot_s);
    printf("total_cpu_us: %llu\n", (unsigned long long)(tot_u + tot_s));
    printf("total_cpu_pct: %.2f\n", secs > 0 ? (double)(tot_u + tot_s) / (secs * 1e4) : 0.0);
    if (have_requests)
        printf("total_cpu_us_per_req: %.3f\n", (double)(tot_u + tot_s) / (double)requests);
    printf("waited_children_cpu_us: %llu\n", (unsigned long long)tot_waited);
    gbb_watch_print_command(&w);
    return 0;
}
