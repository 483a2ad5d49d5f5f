#include "gb_loop.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int gb_loop_create(char *err, size_t errlen)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0)
        snprintf(err, errlen, "epoll_create1: %s", strerror(errno));
    return ep;
}

static int ctl(int ep, int op, int fd, uint32_t events, void *ptr)
{
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = events;
    ev.data.ptr = ptr;
    return epoll_ctl(ep, op, fd, &ev);
}

int gb_loop_add(int ep, int fd, uint32_t events, void *ptr)
{
    return ctl(ep, EPOLL_CTL_ADD, fd, events, ptr);
}

int gb_loop_mod(int ep, int fd, uint32_t events, void *ptr)
{
    return ctl(ep, EPOLL_CTL_MOD, fd, events, ptr);
}

int gb_loop_del(int ep, int fd)
{
    return ctl(ep, EPOLL_CTL_DEL, fd, 0, NULL);
}

int gb_loop_wait(int ep, struct epoll_event *evs, int max, int timeout_ms)
{
    int n = epoll_wait(ep, evs, max, timeout_ms);
    if (n < 0 && errno == EINTR)
        return 0;
    return n;
}

int64_t gb_now_ms(void)
{
    struct timespec ts;
    /* COARSE is a vDSO read with no syscall; ms resolution is all timers need. */
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
