/* bench-memory - samples VmRSS and VmHWM of a gateway and its workers from /proc during a
 * window and says whether memory grew past a threshold after warm-up (a leak suspect).
 * Prints a summary ingest/parsers/bench-memory.ts reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gbb_opt.h"
#include "gbb_proc.h"
#include "gbb_time.h"
#include "gbb_watch.h"

#define TOOL "bench-memory"
#define MAX_PROCS 512
#define OPT_WARMUP 1001
#define OPT_THRESHOLD 1002
#define OPT_SAMPLES 1003

struct tracked {
    pid_t pid, ppid;
    uint64_t start_ticks;
    int root;
    char comm[32];
    int alive;            /* seen in the last sample */
    uint64_t rss_baseline_kb, rss_peak_kb, rss_final_kb, hwm_kb;
    int has_baseline;
};

struct state {
    struct tracked procs[MAX_PROCS];
    int nprocs;
    uint64_t samples;
    uint64_t total_baseline_kb, total_peak_kb, total_final_kb;
    int has_baseline;
    /* least-squares fit of total RSS over time after warm-up */
    double sx, sy, sxx, sxy;
    uint64_t nfit;
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " TOOL " --pid PID [options] (--duration D | -- LOAD COMMAND...)\n"
            "  samples VmRSS/VmHWM of PID and its descendants from /proc; prints a '" TOOL " 1' summary\n"
            "  -p, --pid PID              process to watch (repeatable)\n"
            "      --no-children          do not include descendants (workers)\n"
            "  -d, --duration D           window length: 10, 10s, 500ms, 2m\n"
            "  -i, --interval D           sampling interval (default 100ms)\n"
            "  -w, --warmup D             the baseline is the first sample after D (default 0)\n"
            "      --leak-threshold-kb N  growth after warm-up above N kB is reported as a leak (default 1024)\n"
            "      --samples FILE         write every sample: t_ms pid rss_kb hwm_kb\n"
            "      --load-output FILE     where the load command's stdout goes (default: stderr)\n"
            "  -- LOAD COMMAND...         run it; the window is its lifetime\n"
            "exit status: 0 measured (a leak verdict is not a failure), 1 runtime failure, 2 usage\n");
}

static struct tracked *find(struct state *s, const struct gbb_proc_sample *p)
{
    for (int i = 0; i < s->nprocs; i++)
        if (s->procs[i].pid == p->st.pid && s->procs[i].start_ticks == p->st.start_ticks)
            return &s->procs[i];
    if (s->nprocs == MAX_PROCS)
        return NULL;
    struct tracked *t = &s->procs[s->nprocs++];
    memset(t, 0, sizeof(*t));
    t->pid = p->st.pid;
    t->ppid = p->st.ppid;
    t->start_ticks = p->st.start_ticks;
    t->root = p->root;
    return t;
}

static void sample(struct state *s, const struct gbb_watch *w, FILE *samples, uint64_t warmup_ns)
{
    struct gbb_proc_sample ps[MAX_PROCS];
    int n = gbb_proc_scan(w->roots, w->nroots, w->children, ps, MAX_PROCS);
    uint64_t now = gbb_now_ns(), total = 0;
    double t_s = (double)(now - w->t0_ns) / 1e9;
    int after_warmup = now - w->t0_ns >= warmup_ns;

    for (int i = 0; i < s->nprocs; i++)
        s->procs[i].alive = 0;
    for (int i = 0; i < n; i++) {
        struct tracked *t = find(s, &ps[i]);
        uint64_t rss = ps[i].mem.rss_kb;
        total += rss;
        if (samples)
            fprintf(samples, "%.0f %d %llu %llu\n", t_s * 1000, (int)ps[i].st.pid, (unsigned long long)rss,
                    (unsigned long long)ps[i].mem.hwm_kb);
        if (t == NULL)
            continue;
        t->alive = 1;
        /* the latest name: a process seen between fork and exec first shows its parent's */
        gbb_proc_comm_token(t->comm, sizeof(t->comm), ps[i].st.comm);
        t->rss_final_kb = rss;
        t->hwm_kb = ps[i].mem.hwm_kb;
        if (rss > t->rss_peak_kb)
            t->rss_peak_kb = rss;
        if (after_warmup && !t->has_baseline) {
            t->rss_baseline_kb = rss;
            t->has_baseline = 1;
        }
    }
    s->samples++;
    s->total_final_kb = total;
    if (total > s->total_peak_kb)
        s->total_peak_kb = total;
    if (after_warmup) {
        if (!s->has_baseline) {
            s->total_baseline_kb = total;
            s->has_baseline = 1;
        }
        s->sx += t_s;
        s->sy += (double)total;
        s->sxx += t_s * t_s;
        s->sxy += t_s * (double)total;
        s->nfit++;
    }
}

/* bench-memory's own options beside the shared watch options */
struct options {
    struct gbb_watch *w;
    uint64_t warmup_ns, threshold_kb;
    const char *samples_path;
};

static int apply(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
    struct options *o = ctx;
    if (opt == 'w') {
        if (gbb_opt_duration_ns(arg, &o->warmup_ns) != 0 && strcmp(arg, "0") != 0) {
            snprintf(err, errlen, "invalid --warmup '%s': expected e.g. 2s or 0", arg);
            return -1;
        }
        if (strcmp(arg, "0") == 0)
            o->warmup_ns = 0;
        return 1;
    }
    if (opt == OPT_THRESHOLD) {
        if (gbb_opt_uint(arg, 0, UINT32_MAX, &o->threshold_kb) != 0) {
            snprintf(err, errlen, "invalid --leak-threshold-kb '%s': expected kilobytes, e.g. 1024", arg);
            return -1;
        }
        return 1;
    }
    if (opt == OPT_SAMPLES) {
        o->samples_path = arg;
        return 1;
    }
    return gbb_watch_option(o->w, opt, arg, err, errlen);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = { GBB_WATCH_LONGOPTS,
                                              { "warmup", required_argument, NULL, 'w' },
                                              { "leak-threshold-kb", required_argument, NULL, OPT_THRESHOLD },
                                              { "samples", required_argument, NULL, OPT_SAMPLES },
                                              { NULL, 0, NULL, 0 } };
    static char keep[4096];
    static struct state s;
    struct gbb_watch w;
    struct options o = { &w, 0, 1024, NULL };
    const struct gbb_opt_cli cli = { TOOL, GBB_WATCH_SHORTOPTS "w:", longopts, usage, apply, &o };
    char err[512];
    uint64_t warmup_ns, threshold_kb;
    const char *samples_path;
    FILE *samples = NULL;
    int rc;

    gbb_watch_init(&w, TOOL, keep, sizeof(keep));
    if ((rc = gbb_opt_parse(&cli, argc, argv)) != GBB_OPT_CONTINUE)
        return rc;
    warmup_ns = o.warmup_ns;
    threshold_kb = o.threshold_kb;
    samples_path = o.samples_path;
    rc = gbb_watch_check(&w, argc, argv, optind, err, sizeof(err));
    if (rc != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        return rc;
    }
    if (w.duration_ns && warmup_ns >= w.duration_ns) {
        fprintf(stderr, TOOL ": --warmup must be shorter than --duration\n");
        return 2;
    }
    if (samples_path && (samples = fopen(samples_path, "w")) == NULL) {
        fprintf(stderr, TOOL ": cannot write %s\n", samples_path);
        return 1;
    }
    if (samples)
        fprintf(samples, "# bench-memory 1 samples: t_ms pid rss_kb hwm_kb\n");
    if (gbb_watch_begin(&w, err, sizeof(err)) != 0) {
        fprintf(stderr, TOOL ": %s\n", err);
        return 1;
    }
    do
        sample(&s, &w, samples, warmup_ns);
    while (gbb_watch_next(&w));
    sample(&s, &w, samples, warmup_ns);
    if (samples)
        fclose(samples);
    if (!s.has_baseline) {
        fprintf(stderr, TOOL ": the window ended before the warm-up did: no baseline\n");
        return 1;
    }

    long long growth = (long long)s.total_final_kb - (long long)s.total_baseline_kb;
    double slope = 0, den = (double)s.nfit * s.sxx - s.sx * s.sx;
    if (s.nfit >= 2 && den > 0)
        slope = ((double)s.nfit * s.sxy - s.sx * s.sy) / den;
    uint64_t hwm_total = 0;
    int live = 0;
    for (int i = 0; i < s.nprocs; i++)
        if (s.procs[i].alive) {
            hwm_total += s.procs[i].hwm_kb;
            live++;
        }

    printf(TOOL " 1\n");
    printf("pids:");
    for (int i = 0; i < w.nroots; i++)
        printf(" %d", (int)w.roots[i]);
    printf("\nchildren: %d\n", w.children);
    printf("interval_ms: %llu\n", (unsigned long long)(w.interval_ns / GBB_NS_PER_MS));
    printf("warmup_s: %.3f\n", (double)warmup_ns / 1e9);
    printf("duration_s: %.3f\n", gbb_watch_elapsed_s(&w));
    printf("samples: %llu\n", (unsigned long long)s.samples);
    printf("processes_seen: %d\n", s.nprocs);
    printf("processes_final: %d\n", live);
    printf("rss_baseline_kb: %llu\n", (unsigned long long)s.total_baseline_kb);
    printf("rss_peak_kb: %llu\n", (unsigned long long)s.total_peak_kb);
    printf("rss_final_kb: %llu\n", (unsigned long long)s.total_final_kb);
    printf("rss_growth_kb: %lld\n", growth);
    printf("rss_slope_kb_per_s: %.1f\n", slope);
    printf("hwm_final_kb: %llu\n", (unsigned long long)hwm_total);
    printf("leak_threshold_kb: %llu\n", (unsigned long long)threshold_kb);
    printf("leak: %s\n", growth > (long long)threshold_kb ? "yes" : "no");
    for (int i = 0; i < s.nprocs; i++) {
        const struct tracked *t = &s.procs[i];
        printf("process: pid=%d ppid=%d role=%s comm=%s rss_baseline_kb=%llu rss_peak_kb=%llu rss_final_kb=%llu "
               "hwm_kb=%llu growth_kb=%lld alive=%d\n",
               (int)t->pid, (int)t->ppid, t->root ? "root" : "child", t->comm,
               (unsigned long long)t->rss_baseline_kb, (unsigned long long)t->rss_peak_kb,
               (unsigned long long)t->rss_final_kb, (unsigned long long)t->hwm_kb,
               (long long)t->rss_final_kb - (long long)t->rss_baseline_kb, t->alive);
    }
    gbb_watch_print_command(&w);
    return 0;
}
