/* gb_request: what a front end decides from the bytes of a request head,
 * before any function runs - the same checks in the gateway and, on the
 * connections it keeps (fdpass-conn), in a worker: parse the head, enforce
 * the head and body limits, find the route.
 *
 *   gb_request_head("GET /api/hello HTTP/1.1\r\n\r\n", 27, routes, 1 << 20, &r, err, n)
 *     -> GB_REQUEST_HEAD, r.head_len 27, r.body_len 0, r.route 0, r.keep_alive 1
 *   gb_request_head("GET /api/hel", 12, ...)            -> GB_REQUEST_INCOMPLETE
 *   gb_request_head("POST /x HTTP/1.1\r\nContent-Length: 9999999\r\n\r\n", ...) -> 413 */
#ifndef GB_REQUEST_H
#define GB_REQUEST_H

#include "gb_routes.h"

#include <stddef.h>
#include <sys/types.h>

#define GB_REQUEST_MAX_HEAD 8192 /* a longer head is answered 431 */
#define GB_REQUEST_MAX_HEADERS 64

enum {
    GB_REQUEST_INCOMPLETE = 0, /* need more bytes */
    GB_REQUEST_HEAD = 1        /* a complete, acceptable head: see struct gb_request */
    /* anything else is the HTTP status (400, 413, 431, 501) to answer before
     * closing the connection */
};

struct gb_request {
    size_t head_len;   /* bytes of the head, up to and including CRLF CRLF */
    size_t body_len;   /* Content-Length (at most max_body) */
    int keep_alive;    /* the client keeps the connection (never after HEAD) */
    int http10;        /* HTTP/1.0: keep-alive must be said in the answer */
    int expect_continue;
    unsigned method_len; /* the request line starts "METHOD SP target" */
    unsigned target_len;
    int route;         /* >= 0: the route to run; -1: answer `status` */
    int status;        /* with route -1: 404 (no such path) or 405 */
    unsigned allowed;  /* with 405: the path's methods, for Allow */
};

/* Decides on the head at buf[0..len). A parse error's reason goes to err. */
int gb_request_head(const char *buf, size_t len, const struct gb_routes *routes, size_t max_body,
                    struct gb_request *r, char *err, size_t errlen);

/* One recv of request bytes from non-blocking client socket fd into
 * buf[0..cap): the byte count (> 0), 0 when there is nothing now (EAGAIN),
 * -1 when the client closed or the socket failed (close it). */
ssize_t gb_request_recv(int fd, char *buf, size_t cap);

#endif
