/* Unit tests for gb_http: complete, partial (every prefix), malformed, and a
 * deterministic mutation run that must never crash (ASan/UBSan watch). */
#include "gb_http.h"
#include "gb_test.h"

#include <stdlib.h>
#include <string.h>

static struct gb_http_header hs[16];

static int parse(const char *s, size_t len, struct gb_http_request *r)
{
    char err[128];
    memset(r, 0, sizeof *r);
    r->headers = hs;
    r->headers_cap = 16;
    /* Copy to an exact-size heap buffer so ASan catches any over-read. */
    char *b = malloc(len ? len : 1);
    memcpy(b, s, len);
    int rc = gb_http_parse_request(b, len, r, err, sizeof err);
    /* Pointers into b are re-based onto s for the checks below. */
    if (rc > 0) {
        r->method = s + (r->method - b);
        r->target = s + (r->target - b);
        r->path = s + (r->path - b);
        r->query = s + (r->query - b);
        for (size_t i = 0; i < r->num_headers; i++) {
            hs[i].name = s + (hs[i].name - b);
            hs[i].value = s + (hs[i].value - b);
        }
    }
    free(b);
    return rc;
}

static int parse_str(const char *s, struct gb_http_request *r)
{
    return parse(s, strlen(s), r);
}

static void get_simple(void)
{
    const char *s = "GET /api/hello HTTP/1.1\r\nHost: x\r\n\r\n";
    struct gb_http_request r;
    CHECK(parse_str(s, &r) == (int)strlen(s));
    CHECK(r.method_len == 3 && memcmp(r.method, "GET", 3) == 0);
    CHECK(r.path_len == 10 && memcmp(r.path, "/api/hello", 10) == 0);
    CHECK(r.query_len == 0);
    CHECK(r.minor_version == 1);
    CHECK(r.keep_alive == 1);
    CHECK(r.num_headers == 1);
    CHECK(r.content_length == 0);
    CHECK(hs[0].name_len == 4 && hs[0].value_len == 1 && hs[0].value[0] == 'x');
}

static void post_with_body_and_query(void)
{
    const char *s = "POST /api/echo?a=1&b=2 HTTP/1.1\r\nContent-Length: 5\r\n"
                    "X-Pad:   spaced value  \r\n\r\nhello";
    struct gb_http_request r;
    int rc = parse_str(s, &r);
    CHECK(rc == (int)(strlen(s) - 5));
    CHECK(r.content_length == 5);
    CHECK(r.path_len == 9);
    CHECK(r.query_len == 7 && memcmp(r.query, "a=1&b=2", 7) == 0);
    CHECK(r.num_headers == 2);
    CHECK(hs[1].value_len == 12 && memcmp(hs[1].value, "spaced value", 12) == 0);
}

static void connection_semantics(void)
{
    struct gb_http_request r;
    CHECK(parse_str("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", &r) > 0 && !r.keep_alive);
    CHECK(parse_str("GET / HTTP/1.1\r\nConnection: Upgrade, Close\r\n\r\n", &r) > 0 &&
          !r.keep_alive);
    CHECK(parse_str("GET / HTTP/1.0\r\n\r\n", &r) > 0 && !r.keep_alive && r.minor_version == 0);
    CHECK(parse_str("GET / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n", &r) > 0 && r.keep_alive);
    CHECK(parse_str("GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n", &r) > 0 && r.keep_alive);
}

static void every_prefix_is_incomplete(void)
{
    const char *s = "POST /api/echo?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n";
    size_t n = strlen(s);
    struct gb_http_request r;
    for (size_t i = 0; i < n; i++)
        CHECK(parse(s, i, &r) == GB_HTTP_INCOMPLETE);
    CHECK(parse(s, n, &r) == (int)n);
}

static void pipelined_stops_at_first(void)
{
    const char *s = "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n";
    struct gb_http_request r;
    CHECK(parse_str(s, &r) == 19);
    CHECK(parse_str(s + 19, &r) == 19 && r.path[1] == 'b');
}

static void malformed(void)
{
    static const char *bad[] = {
        " GET / HTTP/1.1\r\n\r\n",
        "GET  / HTTP/1.1\r\n\r\n",
        "GET /\x01 HTTP/1.1\r\n\r\n",
        "GET http://x/ HTTP/1.1\r\n\r\n",
        "GET / HTTP/2.0\r\n\r\n",
        "GET / HTTP/1.2\r\n\r\n",
        "GET / HTTP/1.1\n\r\n",
        "GET / HTTP/1.1\r\nHost x\r\n\r\n",
        "GET / HTTP/1.1\r\n: empty\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
        "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n",
        "GET / HTTP/1.1\r\nA: b\x01\r\n\r\n",
        "GET / HTTP/1.1\r\nA: b\nB: c\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: \r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "GETTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT / HTTP/1.1\r\n\r\n",
        "\r\nGET / HTTP/1.1\r\n\r\n",
        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    };
    struct gb_http_request r;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = parse_str(bad[i], &r);
        if (rc != GB_HTTP_BAD)
            fprintf(stderr, "  case %zu: rc=%d\n", i, rc);
        CHECK(rc == GB_HTTP_BAD);
    }
}

static void same_duplicate_length_ok(void)
{
    struct gb_http_request r;
    CHECK(parse_str("POST / HTTP/1.1\r\nContent-Length: 4\r\ncontent-length: 4\r\n\r\n", &r) >
              0 &&
          r.content_length == 4);
}

static void expect_continue(void)
{
    struct gb_http_request r;
    CHECK(parse_str("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 9\r\n\r\n", &r) > 0 &&
          r.expect_continue);
    CHECK(parse_str("POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n", &r) > 0 && !r.expect_continue);
}

static void transfer_encoding_unsupported(void)
{
    struct gb_http_request r;
    CHECK(parse_str("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", &r) ==
          GB_HTTP_UNSUPPORTED);
}

static void too_many_headers(void)
{
    char buf[2048];
    size_t off = (size_t)snprintf(buf, sizeof buf, "GET / HTTP/1.1\r\n");
    for (int i = 0; i < 17; i++)
        off += (size_t)snprintf(buf + off, sizeof buf - off, "H%d: v\r\n", i);
    snprintf(buf + off, sizeof buf - off, "\r\n");
    struct gb_http_request r;
    CHECK(parse_str(buf, &r) == GB_HTTP_TOO_MANY_HEADERS);
}

static void mutation_never_crashes(void)
{
    const char *seed = "POST /api/echo?size=10 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Length: 4\r\nConnection: keep-alive\r\n\r\nbody";
    size_t n = strlen(seed);
    char buf[256];
    unsigned x = 12345;
    struct gb_http_request r;
    int ok = 1;
    for (int it = 0; it < 200000; it++) {
        memcpy(buf, seed, n);
        size_t len = n;
        for (int k = 0; k < 1 + it % 4; k++) {
            x = x * 1103515245u + 12345u;
            size_t pos = (x >> 8) % len;
            x = x * 1103515245u + 12345u;
            buf[pos] = (char)(x >> 16);
        }
        x = x * 1103515245u + 12345u;
        len = (x >> 4) % (len + 1);
        int rc = parse(buf, len, &r);
        if (rc > (int)len || rc == 0 || rc < GB_HTTP_UNSUPPORTED)
            ok = 0;
        if (rc > 0 && (r.header_len != (size_t)rc || r.path_len > r.target_len))
            ok = 0;
    }
    CHECK(ok);
}

static void reasons(void)
{
    CHECK(strcmp(gb_http_reason(404), "Not Found") == 0);
    CHECK(strcmp(gb_http_reason(431), "Request Header Fields Too Large") == 0);
    CHECK(strcmp(gb_http_reason(999), "Unknown") == 0);
}

int main(void)
{
    RUN(get_simple);
    RUN(post_with_body_and_query);
    RUN(connection_semantics);
    RUN(every_prefix_is_incomplete);
    RUN(pipelined_stops_at_first);
    RUN(malformed);
    RUN(same_duplicate_length_ok);
    RUN(expect_continue);
    RUN(transfer_encoding_unsupported);
    RUN(too_many_headers);
    RUN(mutation_never_crashes);
    RUN(reasons);
    return gb_test_report();
}
