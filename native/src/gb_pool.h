/* gb_pool: worker process lifecycle (spawn, restart backoff, stop).
 *
 * A worker is this same executable re-exec'd with --worker and one end of a
 * socketpair on fd 3. Exec (rather than a bare fork) gives each worker a
 * clean image: no inherited client sockets, and its RSS is its own. */
#ifndef GB_POOL_H
#define GB_POOL_H

#include "gb_mode.h"

#include <stdint.h>
#include <sys/types.h>

#define GB_POOL_WORKER_FD 3
#define GB_POOL_ROUTES_FD 4 /* the gateway's routes snapshot, see gb_routes_format */
#define GB_POOL_WATCH_FD 5  /* with cfg->watch: the worker's watch word (struct gb_proc) */

struct gb_pool_cfg {
    const char *exe;    /* path of this executable */
    enum gb_mode mode;  /* passed on as the worker's --mode */
    int routes_fd;      /* memfd holding the routes snapshot */
    const char *fallback_dir;
    int worker_timeout_ms;
    int idle_ms;        /* passed on as --idle-timeout (for connections a worker keeps) */
    size_t max_body;    /* passed on as --max-body */
    int watch;          /* give each worker a watch word */
};

struct gb_proc {
    pid_t pid;          /* 0 when not running */
    int64_t started_ms;
    int64_t restart_at; /* when pid == 0: earliest respawn time */
    int backoff_ms;
    unsigned restarts;
    /* With cfg->watch: one word of memory shared with this incarnation (a
     * memfd on the worker's fd 5). The worker stores there the time
     * (gb_now_ms) at which the function it is running started, 0 while it
     * runs none, so the gateway can see a worker stuck in a function even
     * when it never sees that function's request (fdpass-conn). */
    volatile int64_t *watch;
};

/* Starts one worker; *sock receives the gateway end (non-blocking,
 * close-on-exec). Returns 0 or -1 with err. */
int gb_pool_spawn(const struct gb_pool_cfg *cfg, struct gb_proc *p, int *sock,
                  int64_t now, char *err, size_t errlen);

/* Records that the process exited and schedules its restart: the delay
 * doubles for workers that die young and resets for ones that ran a while. */
void gb_pool_exited(struct gb_proc *p, int64_t now, int min_ms);

/* SIGTERM everyone in procs[0..n), wait up to grace_ms, then SIGKILL and
 * reap so that no worker outlives the gateway. */
void gb_pool_stop_all(struct gb_proc *procs, int n, int grace_ms);

#endif
