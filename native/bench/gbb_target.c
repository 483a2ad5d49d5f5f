#include "gbb_target.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <unistd.h>

int gbb_target_parse(struct gbb_target *t, const char *url, char *err, size_t errlen)
{
    const char *p, *host_end, *path;
    char host[64];
    size_t host_len;
    unsigned long port = 80;

    memset(t, 0, sizeof(*t));
    if (strncmp(url, "http://", 7) != 0) {
        snprintf(err, errlen, "URL '%s' must start with http:// (https is not supported)", url);
        return -1;
    }
    p = url + 7;
    path = strchr(p, '/');
    if (path == NULL)
        path = p + strlen(p);
    host_end = memchr(p, ':', (size_t)(path - p));
    if (host_end == NULL)
        host_end = path;
    host_len = (size_t)(host_end - p);
    if (host_len == 0 || host_len >= sizeof(host)) {
        snprintf(err, errlen, "URL '%s' has no usable host", url);
        return -1;
    }
    memcpy(host, p, host_len);
    host[host_len] = '\0';
    if (*host_end == ':') {
        char *end;
        const char *ps = host_end + 1;
        if (ps == path || *ps < '0' || *ps > '9') {
            snprintf(err, errlen, "URL '%s' has an invalid port", url);
            return -1;
        }
        port = strtoul(ps, &end, 10);
        if (end != path || port == 0 || port > 65535) {
            snprintf(err, errlen, "URL '%s' has an invalid port", url);
            return -1;
        }
    }
    if (strcmp(host, "localhost") == 0)
        strcpy(host, "127.0.0.1");
    t->addr.sin_family = AF_INET;
    t->addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &t->addr.sin_addr) != 1) {
        snprintf(err, errlen, "URL host '%s' must be an IPv4 address or localhost (no DNS lookups)", host);
        return -1;
    }
    snprintf(t->hostport, sizeof(t->hostport), "%s:%lu", host, port);
    if (*path == '\0')
        path = "/";
    if (strlen(path) >= sizeof(t->path)) {
        snprintf(err, errlen, "URL path is longer than %zu bytes", sizeof(t->path) - 1);
        return -1;
    }
    for (const char *c = path; *c; c++) {
        /* a space or control byte would split the request line and test the wrong thing */
        if ((unsigned char)*c <= ' ' || *c == 0x7f) {
            snprintf(err, errlen, "URL path contains a space or control character");
            return -1;
        }
    }
    strcpy(t->path, path);
    return 0;
}

static int format_head(char *buf, size_t cap, const struct gbb_target *t, const char *method,
                       size_t body_len, int with_body, int keepalive)
{
    char cl[48] = "";

    if (with_body)
        snprintf(cl, sizeof(cl), "Content-Length: %zu\r\n", body_len);
    return snprintf(buf, cap, "%s %s HTTP/1.1\r\nHost: %s\r\n%s%s\r\n", method, t->path, t->hostport, cl,
                    keepalive ? "" : "Connection: close\r\n");
}

static int wants_body(const char *method, size_t body_len)
{
    /* POST/PUT always carry Content-Length (even 0) as a real client does; GET only when given a body */
    return body_len > 0 || strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0;
}

size_t gbb_request_size(const struct gbb_target *t, const char *method, size_t body_len, int keepalive)
{
    int n = format_head(NULL, 0, t, method, body_len, wants_body(method, body_len), keepalive);
    return n < 0 ? 0 : (size_t)n + body_len;
}

size_t gbb_request_format(char *buf, size_t cap, const struct gbb_target *t, const char *method,
                          const char *body, size_t body_len, int keepalive)
{
    size_t need = gbb_request_size(t, method, body_len, keepalive);
    int n;

    if (need == 0 || need + 1 > cap)
        return 0;
    n = format_head(buf, cap, t, method, body_len, wants_body(method, body_len), keepalive);
    if (body_len > 0)
        memcpy(buf + n, body, body_len);
    return (size_t)n + body_len;
}

int gbb_target_probe(const struct gbb_target *t, int timeout_ms, char *err, size_t errlen)
{
    int fd, rc, soerr = 0;
    socklen_t len = sizeof(soerr);
    struct pollfd pfd;

    fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, errlen, "socket: %s", strerror(errno));
        return -1;
    }
    rc = connect(fd, (const struct sockaddr *)&t->addr, sizeof(t->addr));
    if (rc != 0 && errno != EINPROGRESS) {
        soerr = errno;
        goto fail;
    }
    if (rc != 0) {
        pfd.fd = fd;
        pfd.events = POLLOUT;
        do
            rc = poll(&pfd, 1, timeout_ms);
        while (rc < 0 && errno == EINTR);
        if (rc == 0) {
            soerr = ETIMEDOUT;
            goto fail;
        }
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0)
            soerr = errno;
        if (soerr != 0)
            goto fail;
    }
    close(fd);
    return 0;
fail:
    close(fd);
    snprintf(err, errlen, "cannot connect to %s: %s", t->hostport, strerror(soerr));
    return -1;
}

int gbb_read_file(const char *path, size_t max, char **buf, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    size_t n = 0, cap = 0;

    if (f == NULL) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            char *q;
            cap = cap ? cap * 2 : 65536;
            q = realloc(p, cap);
            if (q == NULL) {
                snprintf(err, errlen, "cannot read %s: out of memory", path);
                goto fail;
            }
            p = q;
        }
        got = fread(p + n, 1, cap - n, f);
        n += got;
        if (n > max) {
            snprintf(err, errlen, "%s is larger than %zu bytes", path, max);
            goto fail;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        goto fail;
    }
    fclose(f);
    *buf = p;
    *len = n;
    return 0;
fail:
    free(p);
    fclose(f);
    return -1;
}
