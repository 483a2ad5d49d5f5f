#include "gbb_cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int gbb_cmd_start(struct gbb_cmd *c, char *const argv[], int fwd_fd, char *keep, size_t keep_cap, char *err,
                  size_t errlen)
{
    posix_spawn_file_actions_t fa;
    int p[2], rc;

    memset(c, 0, sizeof(*c));
    c->out_fd = -1;
    c->fwd_fd = fwd_fd;
    c->keep = keep;
    c->keep_cap = keep_cap;
    if (keep_cap > 0)
        keep[0] = '\0';
    if (pipe2(p, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    /* posix_spawnp reports a failed exec (ENOENT, EACCES) to us, so "no such command" is one
     * clear error instead of a child that silently exits 127 */
    rc = posix_spawnp(&c->pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    if (rc != 0) {
        close(p[0]);
        snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(rc));
        return -1;
    }
    c->out_fd = p[0];
    return 0;
}

static void copy_out(struct gbb_cmd *c, const char *buf, size_t n)
{
    size_t room = c->keep_cap > 0 ? c->keep_cap - 1 - c->keep_len : 0;
    size_t k = n < room ? n : room;

    if (k > 0) {
        memcpy(c->keep + c->keep_len, buf, k);
        c->keep_len += k;
        c->keep[c->keep_len] = '\0';
    }
    while (n > 0) {
        ssize_t w = write(c->fwd_fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* a full disk must not stop the measurement; the summary still goes out */
        buf += w;
        n -= (size_t)w;
    }
}

/* Reads what is available now; closes out_fd at EOF. */
static void drain(struct gbb_cmd *c, int block_ms)
{
    char buf[8192];
    struct pollfd pfd = { c->out_fd, POLLIN, 0 };

    while (c->out_fd >= 0) {
        ssize_t n;
        int r = poll(&pfd, 1, block_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return;
        n = read(c->out_fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            close(c->out_fd);
            c->out_fd = -1;
            return;
        }
        copy_out(c, buf, (size_t)n);
        block_ms = 0;
    }
}

int gbb_cmd_wait(struct gbb_cmd *c, int timeout_ms)
{
    pid_t r;

    if (c->exited)
        return 1;
    if (c->out_fd >= 0)
        drain(c, timeout_ms);
    else
        usleep((useconds_t)timeout_ms * 1000);
    do
        r = waitpid(c->pid, &c->status, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return -1;
    if (r == 0)
        return 0;
    c->exited = 1;
    /* output written just before exit is still in the pipe; a grandchild holding the pipe open
     * must not hold us, so only what is already there is read */
    drain(c, 0);
    if (c->out_fd >= 0) {
        close(c->out_fd);
        c->out_fd = -1;
    }
    return 1;
}

int gbb_cmd_exit_code(const struct gbb_cmd *c)
{
    if (WIFEXITED(c->status))
        return WEXITSTATUS(c->status);
    if (WIFSIGNALED(c->status))
        return 128 + WTERMSIG(c->status);
    return -1;
}

int gbb_find_requests(const char *text, uint64_t *out)
{
    const char *line = text;

    while (line && *line) {
        const char *nl = strchr(line, '\n');
        unsigned long long v;
        char tail[16];
        if (sscanf(line, "requests: %llu", &v) == 1 ||
            (sscanf(line, " %llu requests %15s", &v, tail) == 2 && strcmp(tail, "in") == 0)) {
            *out = (uint64_t)v;
            return 0;
        }
        line = nl ? nl + 1 : NULL;
    }
    return -1;
}
