#include "gbb_conn.h"

#include <errno.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

const char *gbb_err_name(int kind)
{
    static const char *const names[GBB_E_KINDS] = { "none", "connect", "read", "write", "timeout", "status", "parse" };
    return kind > 0 && kind < GBB_E_KINDS ? names[kind] : "unknown";
}

void gbb_conn_init(struct gbb_conn *c)
{
    memset(c, 0, sizeof(*c));
    c->fd = -1;
}

int gbb_conn_open(struct gbb_conn *c, const struct sockaddr_in *addr, int epfd)
{
    struct epoll_event ev;
    int one = 1;

    c->connected = 0;
    c->busy = 0;
    c->served = 0;
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        c->err_no = errno;
        return -GBB_E_CONNECT;
    }
    /* requests are small and sent whole; Nagle would only delay them behind the previous ACK */
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (connect(c->fd, (const struct sockaddr *)addr, sizeof(*addr)) == 0) {
        c->connected = 1;
    } else if (errno != EINPROGRESS) {
        c->err_no = errno;
        gbb_conn_close(c);
        return -GBB_E_CONNECT;
    }
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.ptr = c;
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
        c->err_no = errno;
        gbb_conn_close(c);
        return -GBB_E_CONNECT;
    }
    return 0;
}

void gbb_conn_close(struct gbb_conn *c)
{
    /* close() also drops the fd from epoll: it is never dup'ed, so no stale registration remains */
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    c->connected = 0;
    c->busy = 0;
}

void gbb_conn_begin(struct gbb_conn *c, const char *req, size_t len, int head, uint64_t origin_ns,
                    uint64_t deadline_ns)
{
    c->req = req;
    c->req_len = len;
    c->sent = 0;
    c->busy = 1;
    c->start_ns = origin_ns;
    c->deadline_ns = deadline_ns;
    gbb_resp_reset(&c->resp, head);
}

static int finish_connect(struct gbb_conn *c, uint32_t events)
{
    int soerr = 0;
    socklen_t len = sizeof(soerr);

    if (events == 0)
        return GBB_CONN_AGAIN;
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0)
        soerr = errno;
    if (soerr != 0) {
        c->err_no = soerr;
        return -GBB_E_CONNECT;
    }
    if (!(events & EPOLLOUT))
        return GBB_CONN_AGAIN;
    c->connected = 1;
    return GBB_CONN_DONE;
}

int gbb_conn_step(struct gbb_conn *c, uint32_t events, char *scratch, size_t cap)
{
    if (!c->connected) {
        int rc = finish_connect(c, events);
        if (rc != GBB_CONN_DONE)
            return rc;
    }
    if (!c->busy)
        return GBB_CONN_AGAIN;
    while (c->sent < c->req_len) {
        ssize_t n = send(c->fd, c->req + c->sent, c->req_len - c->sent, MSG_NOSIGNAL);
        if (n > 0) {
            c->sent += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return GBB_CONN_AGAIN;
        c->err_no = n < 0 ? errno : EPIPE;
        return -GBB_E_WRITE;
    }
    for (;;) {
        size_t used = 0;
        int rc;
        ssize_t n = read(c->fd, scratch, cap);
        if (n > 0) {
            rc = gbb_resp_feed(&c->resp, scratch, (size_t)n, &used);
            if (rc == GBB_RESP_BAD)
                return -GBB_E_PARSE;
            if (rc == GBB_RESP_DONE) {
                /* bytes nobody asked for: the stream is out of step, so never reuse this fd */
                if (used < (size_t)n)
                    c->resp.keepalive = 0;
                c->busy = 0;
                c->served++;
                return GBB_CONN_DONE;
            }
            continue;
        }
        if (n == 0) {
            if (gbb_resp_eof(&c->resp) == GBB_RESP_DONE) {
                c->busy = 0;
                c->served++;
                return GBB_CONN_DONE;
            }
            c->err_no = ECONNRESET;
            return -GBB_E_READ;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN)
            return GBB_CONN_AGAIN;
        c->err_no = errno;
        return -GBB_E_READ;
    }
}
