#include "gb_pool.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 5000
#define HEALTHY_MS 5000

/* A fresh watch word for the next incarnation, mapped in p->watch; returns
 * the memfd to hand to it (or -1 with err). */
static int new_watch(struct gb_proc *p, char *err, size_t errlen)
{
    if (p->watch) {
        munmap((void *)p->watch, sizeof *p->watch);
        p->watch = NULL;
    }
    int fd = memfd_create("gateway-watch", MFD_CLOEXEC);
    void *m = MAP_FAILED;
    if (fd >= 0 && ftruncate(fd, sizeof *p->watch) == 0)
        m = mmap(NULL, sizeof *p->watch, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) {
        snprintf(err, errlen, "watch word: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    p->watch = m;
    return fd;
}

int gb_pool_spawn(const struct gb_pool_cfg *cfg, struct gb_proc *p, int *sock,
                  int64_t now, char *err, size_t errlen)
{
    int sv[2];
    int watch_fd = cfg->watch ? new_watch(p, err, errlen) : -1;
    if (cfg->watch && watch_fd < 0)
        return -1;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        snprintf(err, errlen, "socketpair: %s", strerror(errno));
        if (watch_fd >= 0)
            close(watch_fd);
        return -1;
    }
    /* Bigger buffers let a burst of request frames go out in one sendmsg. */
    int sz = 1 << 20;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
    setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
    setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
    setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);

    char tmo[32], idle[32], max_body[32];
    snprintf(tmo, sizeof tmo, "%d", cfg->worker_timeout_ms);
    snprintf(idle, sizeof idle, "%d.%03d", cfg->idle_ms / 1000, cfg->idle_ms % 1000);
    snprintf(max_body, sizeof max_body, "%zu", cfg->max_body);
    char routes[32];
    snprintf(routes, sizeof routes, "/proc/self/fd/%d", GB_POOL_ROUTES_FD);
    char *argv[] = { (char *)cfg->exe, "--worker", "--mode", (char *)gb_mode_name(cfg->mode),
                     "--routes", routes, "--module-dir",
                     (char *)cfg->fallback_dir, "--worker-timeout-ms", tmo,
                     "--idle-timeout", idle, "--max-body", max_body, NULL };
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        close(sv[0]);
        close(sv[1]);
        if (watch_fd >= 0)
            close(watch_fd);
        return -1;
    }
    if (pid == 0) {
        /* The gateway blocks its signals (it reads them from a signalfd)
         * and ignores SIGPIPE; both survive exec, so undo them. */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGPIPE, SIG_DFL);
        /* A worker must not outlive a gateway that was SIGKILLed. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(1);
        /* Out of the way of the dup2s onto fds 3 and 4 below. */
        if (watch_fd >= 0 && watch_fd <= GB_POOL_WATCH_FD &&
            (watch_fd = fcntl(watch_fd, F_DUPFD, GB_POOL_WATCH_FD + 1)) < 0)
            _exit(1);
        if (sv[1] == GB_POOL_WORKER_FD) {
            /* dup2 onto itself keeps FD_CLOEXEC, which exec would honour. */
            if (fcntl(sv[1], F_SETFD, 0) < 0)
                _exit(1);
        } else if (dup2(sv[1], GB_POOL_WORKER_FD) < 0) {
            _exit(1);
        }
        /* Same dance for the routes snapshot (its fd is never 3: sv[1] is). */
        if (cfg->routes_fd == GB_POOL_ROUTES_FD) {
            if (fcntl(cfg->routes_fd, F_SETFD, 0) < 0)
                _exit(1);
        } else if (dup2(cfg->routes_fd, GB_POOL_ROUTES_FD) < 0) {
            _exit(1);
        }
        if (watch_fd >= 0 && dup2(watch_fd, GB_POOL_WATCH_FD) < 0)
            _exit(1);
        /* Whatever the gateway's parent leaked to it (non-CLOEXEC fds) stops
         * here: a worker starts with stdio and its socket only. */
        close_range((watch_fd >= 0 ? GB_POOL_WATCH_FD : GB_POOL_ROUTES_FD) + 1, ~0U, 0);
        execv(cfg->exe, argv);
        _exit(127);
    }
    close(sv[1]);
    if (watch_fd >= 0)
        close(watch_fd); /* the mapping stays */
    fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    *sock = sv[0];
    p->pid = pid;
    p->started_ms = now;
    return 0;
}

void gb_pool_exited(struct gb_proc *p, int64_t now, int min_ms)
{
    int lo = min_ms > 0 ? min_ms : BACKOFF_MIN_MS;
    int hi = lo > BACKOFF_MAX_MS ? lo : BACKOFF_MAX_MS;
    if (now - p->started_ms >= HEALTHY_MS || p->backoff_ms < lo)
        p->backoff_ms = lo;
    else if (p->backoff_ms < hi)
        p->backoff_ms = p->backoff_ms * 2 > hi ? hi : p->backoff_ms * 2;
    p->pid = 0;
    p->restart_at = now + p->backoff_ms;
    p->restarts++;
}

static int alive(struct gb_proc *procs, int n)
{
    int left = 0;
    for (int i = 0; i < n; i++) {
        if (procs[i].pid <= 0)
            continue;
        pid_t r = waitpid(procs[i].pid, NULL, WNOHANG);
        if (r == procs[i].pid || (r < 0 && errno == ECHILD))
            procs[i].pid = 0;
        else
            left++;
    }
    return left;
}

void gb_pool_stop_all(struct gb_proc *procs, int n, int grace_ms)
{
    for (int i = 0; i < n; i++)
        if (procs[i].pid > 0)
            kill(procs[i].pid, SIGTERM);
    struct timespec ts = { 0, 5 * 1000 * 1000 };
    for (int waited = 0; waited < grace_ms && alive(procs, n); waited += 5)
        nanosleep(&ts, NULL);
    for (int i = 0; i < n; i++) {
        if (procs[i].pid > 0) {
            kill(procs[i].pid, SIGKILL);
            while (waitpid(procs[i].pid, NULL, 0) < 0 && errno == EINTR)
                ;
            procs[i].pid = 0;
        }
    }
}
