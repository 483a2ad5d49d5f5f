#include "gbb_proc.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int read_small(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t n = 0;

    if (fd < 0)
        return -1;
    while (n + 1 < cap) {
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    return (int)n;
}

int gbb_proc_read_stat(pid_t pid, struct gbb_proc_stat *st, char *err, size_t errlen)
{
    char path[64], buf[1024];
    const char *open_paren, *close_paren;
    unsigned long long f[20];
    size_t clen;
    char state;
    int ppid;

    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    if (read_small(path, buf, sizeof(buf)) < 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    /* comm may hold spaces and ')' itself: the last ')' is the one that closes it */
    open_paren = strchr(buf, '(');
    close_paren = strrchr(buf, ')');
    if (open_paren == NULL || close_paren == NULL || close_paren < open_paren) {
        snprintf(err, errlen, "%s: unexpected format", path);
        errno = EINVAL;
        return -1;
    }
    /* fields 3.. of proc(5): state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
     * cmajflt utime stime cutime cstime priority nice num_threads itrealvalue starttime */
    if (sscanf(close_paren + 1,
               " %c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu %*d %*d %*d %*d %llu", &state,
               &ppid, &f[0], &f[1], &f[2], &f[3], &f[4]) != 7) {
        snprintf(err, errlen, "%s: unexpected format", path);
        errno = EINVAL;
        return -1;
    }
    memset(st, 0, sizeof(*st));
    st->pid = pid;
    st->ppid = (pid_t)ppid;
    st->state = state;
    clen = (size_t)(close_paren - open_paren - 1);
    if (clen >= sizeof(st->comm))
        clen = sizeof(st->comm) - 1;
    memcpy(st->comm, open_paren + 1, clen);
    st->comm[clen] = '\0';
    st->utime_ticks = f[0];
    st->stime_ticks = f[1];
    st->cutime_ticks = f[2];
    st->cstime_ticks = f[3];
    st->start_ticks = f[4];
    return 0;
}

static uint64_t status_kb(const char *buf, const char *key)
{
    const char *p = strstr(buf, key);

    if (p == NULL)
        return 0;
    p += strlen(key);
    while (*p == ' ' || *p == '\t')
        p++;
    return strtoull(p, NULL, 10);
}

int gbb_proc_read_mem(pid_t pid, struct gbb_proc_mem *m, char *err, size_t errlen)
{
    char path[64], buf[4096];

    snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
    if (read_small(path, buf, sizeof(buf)) < 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    m->rss_kb = status_kb(buf, "\nVmRSS:");
    m->hwm_kb = status_kb(buf, "\nVmHWM:");
    return 0;
}

struct pp {
    pid_t pid, ppid;
};

int gbb_proc_tree(pid_t root, pid_t *pids, int cap, char *err, size_t errlen)
{
    struct gbb_proc_stat st;
    struct pp *all = NULL;
    size_t nall = 0, capall = 0;
    struct dirent *de;
    DIR *d;
    int n = 0;

    if (cap < 1 || gbb_proc_read_stat(root, &st, err, errlen) != 0)
        return -1;
    /* /proc has no parent->children index that is always enabled (task/N/children needs
     * CONFIG_PROC_CHILDREN), so one pass over /proc collects every (pid, ppid) pair */
    d = opendir("/proc");
    if (d == NULL) {
        snprintf(err, errlen, "cannot list /proc: %s", strerror(errno));
        return -1;
    }
    while ((de = readdir(d)) != NULL) {
        char tmp[8];
        if (!isdigit((unsigned char)de->d_name[0]))
            continue;
        if (gbb_proc_read_stat((pid_t)atoi(de->d_name), &st, tmp, sizeof(tmp)) != 0)
            continue; /* exited while we listed: not part of the tree any more */
        if (nall == capall) {
            struct pp *q;
            capall = capall ? capall * 2 : 256;
            q = realloc(all, capall * sizeof(*q));
            if (q == NULL) {
                free(all);
                closedir(d);
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            all = q;
        }
        all[nall].pid = st.pid;
        all[nall].ppid = st.ppid;
        nall++;
    }
    closedir(d);
    pids[n++] = root;
    for (int head = 0; head < n && n < cap; head++)
        for (size_t i = 0; i < nall && n < cap; i++)
            if (all[i].ppid == pids[head])
                pids[n++] = all[i].pid;
    free(all);
    return n;
}

uint64_t gbb_proc_us_per_tick(void)
{
    long hz = sysconf(_SC_CLK_TCK);
    return hz > 0 ? 1000000ULL / (uint64_t)hz : 10000ULL;
}

int gbb_proc_scan(const pid_t *roots, int nroots, int children, struct gbb_proc_sample *out, int cap)
{
    pid_t pids[1024];
    int n = 0;

    for (int r = 0; r < nroots; r++) {
        char tmp[128];
        int k;
        if (children) {
            k = gbb_proc_tree(roots[r], pids, (int)(sizeof(pids) / sizeof(pids[0])), tmp, sizeof(tmp));
            if (k < 0)
                continue;
        } else {
            pids[0] = roots[r];
            k = 1;
        }
        for (int i = 0; i < k && n < cap; i++) {
            int dup = 0;
            for (int j = 0; j < n; j++)
                dup |= out[j].st.pid == pids[i];
            if (dup)
                continue; /* one root inside another's tree: count its CPU once */
            if (gbb_proc_read_stat(pids[i], &out[n].st, tmp, sizeof(tmp)) != 0)
                continue;
            if (gbb_proc_read_mem(pids[i], &out[n].mem, tmp, sizeof(tmp)) != 0)
                continue;
            out[n].root = i == 0;
            n++;
        }
    }
    return n;
}

uint64_t gbb_proc_now_ticks(void)
{
    struct timespec ts;
    uint64_t hz = 1000000ULL / gbb_proc_us_per_tick();

    clock_gettime(CLOCK_BOOTTIME, &ts);
    return (uint64_t)ts.tv_sec * hz + (uint64_t)ts.tv_nsec * hz / 1000000000ULL;
}

void gbb_proc_comm_token(char *dst, size_t cap, const char *comm)
{
    size_t i = 0;

    for (; comm[i] && i + 1 < cap; i++)
        dst[i] = comm[i] == ' ' || comm[i] == '=' ? '_' : comm[i];
    dst[i] = '\0';
}
