#include "gbb_watch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gbb_opt.h"
#include "gbb_proc.h"
#include "gbb_time.h"

void gbb_watch_init(struct gbb_watch *w, const char *tool, char *keep, size_t keep_cap)
{
    memset(w, 0, sizeof(*w));
    w->tool = tool;
    w->children = 1;
    w->interval_ns = 100 * GBB_NS_PER_MS;
    w->keep = keep;
    w->keep_cap = keep_cap;
}

int gbb_watch_option(struct gbb_watch *w, int opt, const char *arg, char *err, size_t errlen)
{
    uint64_t v;

    switch (opt) {
    case 'p':
        if (gbb_opt_uint(arg, 1, 0x7fffffff, &v) != 0) {
            snprintf(err, errlen, "invalid --pid '%s': expected a process id", arg);
            return -1;
        }
        if (w->nroots == GBB_WATCH_MAX_ROOTS) {
            snprintf(err, errlen, "at most %d --pid options", GBB_WATCH_MAX_ROOTS);
            return -1;
        }
        w->roots[w->nroots++] = (pid_t)v;
        return 1;
    case 'N':
        w->children = 0;
        return 1;
    case 'd':
        if (gbb_opt_duration_ns(arg, &w->duration_ns) != 0) {
            snprintf(err, errlen, "invalid --duration '%s': expected e.g. 10, 10s, 500ms or 2m", arg);
            return -1;
        }
        return 1;
    case 'i':
        if (gbb_opt_duration_ns(arg, &w->interval_ns) != 0 || w->interval_ns < GBB_NS_PER_MS) {
            snprintf(err, errlen, "invalid --interval '%s': expected e.g. 100ms (at least 1ms)", arg);
            return -1;
        }
        return 1;
    case 'O':
        w->load_output = arg;
        return 1;
    default:
        return 0;
    }
}

int gbb_watch_check(struct gbb_watch *w, int argc, char **argv, int first, char *err, size_t errlen)
{
    if (first < argc)
        w->argv = argv + first;
    if (w->nroots == 0) {
        snprintf(err, errlen, "missing --pid PID (the gateway's pid; its workers are found in /proc)");
        return 2;
    }
    if (w->argv && w->duration_ns) {
        snprintf(err, errlen, "give either --duration or a load command after --, not both: the command's lifetime is the window");
        return 2;
    }
    if (!w->argv && !w->duration_ns) {
        snprintf(err, errlen, "missing --duration D or a load command after -- (e.g. -- wrk -d10s URL)");
        return 2;
    }
    if (w->load_output && !w->argv) {
        snprintf(err, errlen, "--load-output needs a load command after --");
        return 2;
    }
    for (int i = 0; i < w->nroots; i++) {
        struct gbb_proc_stat st;
        char why[256];
        if (gbb_proc_read_stat(w->roots[i], &st, why, sizeof(why)) != 0) {
            snprintf(err, errlen, "no process %d (%s)", (int)w->roots[i], why);
            return 1;
        }
    }
    return 0;
}

int gbb_watch_begin(struct gbb_watch *w, char *err, size_t errlen)
{
    int fwd = 2;

    if (w->load_output) {
        fwd = open(w->load_output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fwd < 0) {
            snprintf(err, errlen, "cannot write %s: %s", w->load_output, strerror(errno));
            return 1;
        }
    }
    w->t0_ns = gbb_now_ns();
    w->next_ns = w->t0_ns + w->interval_ns;
    w->end_ns = w->duration_ns ? w->t0_ns + w->duration_ns : UINT64_MAX;
    if (w->argv && gbb_cmd_start(&w->cmd, w->argv, fwd, w->keep, w->keep_cap, err, errlen) != 0)
        return 1;
    return 0;
}

int gbb_watch_next(struct gbb_watch *w)
{
    for (;;) {
        uint64_t now = gbb_now_ns();
        if (now >= w->end_ns)
            return 0;
        if (now >= w->next_ns) {
            /* a late wake-up skips ticks instead of sampling in a burst to catch up */
            while (w->next_ns <= now)
                w->next_ns += w->interval_ns;
            return 1;
        }
        uint64_t until = w->next_ns < w->end_ns ? w->next_ns : w->end_ns;
        if (w->argv) {
            int ms = (int)((until - now + GBB_NS_PER_MS - 1) / GBB_NS_PER_MS);
            if (gbb_cmd_wait(&w->cmd, ms) != 0) {
                w->end_ns = gbb_now_ns();
                return 0;
            }
        } else {
            gbb_sleep_ns(until - now);
        }
    }
}

double gbb_watch_elapsed_s(const struct gbb_watch *w)
{
    uint64_t end = w->end_ns == UINT64_MAX ? gbb_now_ns() : w->end_ns;
    return (double)(end - w->t0_ns) / 1e9;
}

void gbb_watch_print_command(const struct gbb_watch *w)
{
    if (!w->argv)
        return;
    printf("command:");
    for (char **a = w->argv; *a; a++)
        printf(" %s", *a);
    printf("\ncommand_exit: %d\n", gbb_cmd_exit_code(&w->cmd));
}
