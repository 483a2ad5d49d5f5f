/* Unit tests for gb_request (the head decision shared by the gateway and
 * fdpass-conn workers), gb_reply (answer heads, error answers) and gb_iov
 * (ranges of an iovec array). */
#include "gb_iov.h"
#include "gb_reply.h"
#include "gb_request.h"
#include "gb_test.h"

#include <string.h>

static struct gb_routes rt; /* big: keep it off the stack */

static void routes(void)
{
    rt.n = 2;
    rt.r[0].methods = GB_M_GET | GB_M_POST;
    strcpy(rt.r[0].path, "/api/hello");
    rt.r[0].path_len = 10;
    rt.r[1].methods = GB_M_POST;
    strcpy(rt.r[1].path, "/api/echo");
    rt.r[1].path_len = 9;
}

static int head(const char *s, struct gb_request *r)
{
    char err[128];
    return gb_request_head(s, strlen(s), &rt, 100, r, err, sizeof err);
}

static void routed_heads(void)
{
    struct gb_request r;
    const char *get = "GET /api/hello?x=1 HTTP/1.1\r\nHost: a\r\n\r\nGET";
    CHECK(head(get, &r) == GB_REQUEST_HEAD);
    CHECK(r.head_len == strlen(get) - 3 && r.body_len == 0 && r.route == 0);
    CHECK(r.keep_alive == 1 && r.http10 == 0 && r.method_len == 3 && r.target_len == 14);
    CHECK(head("POST /api/echo HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n", &r) ==
          GB_REQUEST_HEAD);
    CHECK(r.route == 1 && r.body_len == 5 && r.http10 == 1 && r.keep_alive == 0 &&
          r.expect_continue == 1);
}

static void unrouted_heads(void)
{
    struct gb_request r;
    CHECK(head("GET /nowhere HTTP/1.1\r\n\r\n", &r) == GB_REQUEST_HEAD);
    CHECK(r.route == -1 && r.status == 404 && r.keep_alive == 1);
    CHECK(head("DELETE /api/hello HTTP/1.1\r\n\r\n", &r) == GB_REQUEST_HEAD);
    CHECK(r.route == -1 && r.status == 405 && r.allowed == (GB_M_GET | GB_M_POST));
    /* HEAD is never routed and always closes (our answers carry a body). */
    CHECK(head("HEAD /api/hello HTTP/1.1\r\n\r\n", &r) == GB_REQUEST_HEAD);
    CHECK(r.route == -1 && r.status == 405 && r.keep_alive == 0);
}

static void refused_heads(void)
{
    struct gb_request r;
    CHECK(head("GET /api/hel", &r) == GB_REQUEST_INCOMPLETE);
    CHECK(head("BLAH\x01 / HTTP/1.1\r\n\r\n", &r) == 400);
    CHECK(head("POST /api/echo HTTP/1.1\r\nContent-Length: 101\r\n\r\n", &r) == 413);
    CHECK(head("POST /api/echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", &r) == 501);
    static char big[GB_REQUEST_MAX_HEAD + 64];
    memset(big, 'a', sizeof big - 1);
    memcpy(big, "GET / HTTP/1.1\r\nX: ", 19);
    CHECK(head(big, &r) == 431); /* incomplete, and already over the limit */
    char many[GB_REQUEST_MAX_HEADERS * 8 + 64] = "GET / HTTP/1.1\r\n";
    for (int i = 0; i <= GB_REQUEST_MAX_HEADERS; i++)
        strcat(many, "H: v\r\n");
    strcat(many, "\r\n");
    CHECK(head(many, &r) == 431);
}

static void replies(void)
{
    char out[GB_REPLY_ERROR_MAX];
    int n = gb_reply_head(out, sizeof out, 200, "application/json", 15, 1, 0);
    CHECK(n > 0 && strcmp(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               "Content-Length: 15\r\n\r\n") == 0);
    n = gb_reply_head(out, sizeof out, 200, "text/plain", 0, 1, 1);
    CHECK(n > 0 && strstr(out, "Connection: keep-alive\r\n\r\n") != NULL);
    n = gb_reply_head(out, sizeof out, 500, "text/plain", 0, 0, 1);
    CHECK(n > 0 && strstr(out, "Connection: close\r\n\r\n") != NULL);
    CHECK(gb_reply_head(out, 20, 200, "text/plain", 0, 1, 0) == -1);
    n = gb_reply_error(out, sizeof out, 405, GB_M_GET | GB_M_POST, 1, 0);
    CHECK(n == (int)strlen(out));
    CHECK(strcmp(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\n"
                      "Content-Length: 44\r\nAllow: GET, POST\r\n\r\n"
                      "{\"status\":405,\"error\":\"Method Not Allowed\"}\n") == 0);
    n = gb_reply_error(out, sizeof out, 404, 0, 0, 0);
    CHECK(n > 0 && strstr(out, "Connection: close\r\n\r\n{\"status\":404,\"error\":\"Not Found\"}\n"));
}

static void iov_ranges(void)
{
    char a[] = "head:", b[] = "0123456789";
    struct iovec iov[2] = { { a, 5 }, { b, 10 } };
    CHECK(gb_iov_len(iov, 2) == 15);
    char out[16] = "";
    CHECK(gb_iov_copy(iov, 2, 3, out) == 12 && memcmp(out, "d:0123456789", 12) == 0);
    CHECK(gb_iov_copy(iov, 2, 15, out) == 0);
    struct iovec s[2];
    CHECK(gb_iov_slice(iov, 2, 3, 4, s, 2) == 2);
    CHECK(s[0].iov_base == a + 3 && s[0].iov_len == 2 && s[1].iov_base == b && s[1].iov_len == 2);
    CHECK(gb_iov_slice(iov, 2, 7, 100, s, 2) == 1 && s[0].iov_base == b + 2 && s[0].iov_len == 8);
    CHECK(gb_iov_slice(iov, 2, 0, 15, s, 1) == 1 && s[0].iov_len == 5); /* out of room */
}

int main(void)
{
    routes();
    RUN(routed_heads);
    RUN(unrouted_heads);
    RUN(refused_heads);
    RUN(replies);
    RUN(iov_ranges);
    return gb_test_report();
}
