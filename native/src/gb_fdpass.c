#include "gb_fdpass.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

ssize_t gb_fdpass_send(int sock, const struct iovec *iov, int iovcnt,
                       const int *fds, size_t nfds, int flags)
{
    union {
        char buf[CMSG_SPACE(sizeof(int) * GB_FDPASS_MAX_FDS)];
        struct cmsghdr align;
    } ctl;
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = (size_t)iovcnt;
    if (nfds > GB_FDPASS_MAX_FDS) {
        errno = EINVAL;
        return -1;
    }
    if (nfds) {
        memset(ctl.buf, 0, CMSG_SPACE(sizeof(int) * nfds));
        msg.msg_control = ctl.buf;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
        memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
    }
    for (;;) {
        ssize_t n = sendmsg(sock, &msg, flags);
        if (n < 0 && errno == EINTR)
            continue;
        return n;
    }
}

ssize_t gb_fdpass_recv(int sock, void *buf, size_t len, int *fds, size_t *nfds,
                       size_t maxfds, int *truncated)
{
    union {
        char buf[CMSG_SPACE(sizeof(int) * GB_FDPASS_MAX_FDS)];
        struct cmsghdr align;
    } ctl;
    struct iovec iov = { buf, len };
    struct msghdr msg;
    ssize_t n;
    *truncated = 0;
    for (;;) {
        memset(&msg, 0, sizeof msg);
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = ctl.buf;
        msg.msg_controllen = sizeof ctl.buf;
        /* CLOEXEC so an exec-runtime child never inherits a client socket. */
        n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR)
            continue;
        break;
    }
    if (n < 0)
        return -1;
    if (msg.msg_flags & MSG_CTRUNC)
        *truncated = 1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        int *in = (int *)CMSG_DATA(c);
        for (size_t i = 0; i < k; i++) {
            int fd;
            memcpy(&fd, in + i, sizeof fd);
            if (*nfds < maxfds) {
                fds[(*nfds)++] = fd;
            } else {
                /* No room: drop it rather than leak it, and say so. */
                close(fd);
                *truncated = 1;
            }
        }
    }
    return n;
}
