/* gbb_watch.h - the measurement window shared by bench-memory and bench-cpu: which processes
 * (--pid, children), for how long (--duration, or the lifetime of a load command after --),
 * sampled how often (--interval). */
#ifndef GBB_WATCH_H
#define GBB_WATCH_H

#include <getopt.h>
#include <stdint.h>
#include <sys/types.h>

#include "gbb_cmd.h"

#define GBB_WATCH_MAX_ROOTS 64

struct gbb_watch {
    const char *tool;
    pid_t roots[GBB_WATCH_MAX_ROOTS];
    int nroots;
    int children;             /* include descendants (workers); on unless --no-children */
    uint64_t duration_ns;     /* 0 when a command defines the window */
    uint64_t interval_ns;
    const char *load_output;  /* where the command's stdout goes; NULL: our stderr */
    char **argv;              /* the load command, or NULL */
    struct gbb_cmd cmd;
    char *keep;               /* caller-owned copy of the command's output */
    size_t keep_cap;
    uint64_t t0_ns, end_ns, next_ns;
};

#define GBB_WATCH_LONGOPTS                                                                      \
    { "pid", required_argument, NULL, 'p' }, { "no-children", no_argument, NULL, 'N' },             \
    { "duration", required_argument, NULL, 'd' }, { "interval", required_argument, NULL, 'i' },      \
    { "load-output", required_argument, NULL, 'O' }, { "help", no_argument, NULL, 'h' }
/* '+' stops at the first non-option, so "-- wrk -t2 ..." keeps wrk's options for wrk */
#define GBB_WATCH_SHORTOPTS "+p:d:i:h"

void gbb_watch_init(struct gbb_watch *w, const char *tool, char *keep, size_t keep_cap);

/* 1 handled, 0 not a watch option, -1 invalid value (err says which and why). */
int gbb_watch_option(struct gbb_watch *w, int opt, const char *arg, char *err, size_t errlen);

/* Checks the options; argv[first..] (if any) is the load command. Returns 0, or 2 (usage
 * error) / 1 (runtime error, e.g. no such pid) with err. */
int gbb_watch_check(struct gbb_watch *w, int argc, char **argv, int first, char *err, size_t errlen);

/* Starts the window (and the command). Returns 0, or 1 with err. */
int gbb_watch_begin(struct gbb_watch *w, char *err, size_t errlen);

/* Waits for the next sampling instant. Returns 1 at a regular sample, 0 when the window is
 * over (take the final sample then). */
int gbb_watch_next(struct gbb_watch *w);

/* Elapsed window so far, in seconds. */
double gbb_watch_elapsed_s(const struct gbb_watch *w);

/* "command: ..." and "command_exit: N" lines when a command ran. */
void gbb_watch_print_command(const struct gbb_watch *w);

#endif
