#include "gb_request.h"

#include "gb_http.h"

#include <errno.h>
#include <sys/socket.h>

int gb_request_head(const char *buf, size_t len, const struct gb_routes *routes, size_t max_body,
                    struct gb_request *r, char *err, size_t errlen)
{
    struct gb_http_header hs[GB_REQUEST_MAX_HEADERS];
    struct gb_http_request h;
    h.headers = hs;
    h.headers_cap = GB_REQUEST_MAX_HEADERS;
    int n = gb_http_parse_request(buf, len, &h, err, errlen);
    if (n == GB_HTTP_INCOMPLETE)
        return len > GB_REQUEST_MAX_HEAD ? 431 : GB_REQUEST_INCOMPLETE;
    if (n < 0)
        return n == GB_HTTP_TOO_MANY_HEADERS ? 431 : n == GB_HTTP_UNSUPPORTED ? 501 : 400;
    if ((size_t)n > GB_REQUEST_MAX_HEAD || h.target_len > 0xffff)
        return 431;
    if (h.content_length > max_body)
        return 413;
    r->head_len = (size_t)n;
    r->body_len = h.content_length;
    r->keep_alive = h.keep_alive;
    r->http10 = h.minor_version == 0;
    r->expect_continue = h.expect_continue;
    r->method_len = (unsigned)h.method_len;
    r->target_len = (unsigned)h.target_len;
    r->status = 0;
    r->allowed = 0;
    r->route = gb_routes_match(routes, h.method, h.method_len, h.path, h.path_len, &r->status,
                               &r->allowed);
    /* Our answers always carry a body; after HEAD that would desynchronise
     * a kept-alive connection, so HEAD (never routed) closes it. */
    if (gb_http_token_eq(h.method, h.method_len, "HEAD"))
        r->keep_alive = 0;
    return GB_REQUEST_HEAD;
}

ssize_t gb_request_recv(int fd, char *buf, size_t cap)
{
    for (;;) {
        ssize_t n = recv(fd, buf, cap, 0);
        if (n > 0)
            return n;
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && errno == EAGAIN ? 0 : -1;
    }
}
