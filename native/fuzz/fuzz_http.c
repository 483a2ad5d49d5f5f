/* fuzz-http: libFuzzer target for gb_http_parse_request, the parser that
 * sees every byte a client sends.
 *
 * The input is copied into a heap block of exactly its size so ASan flags a
 * read one past the end, which is the bug a CRLF-scanning parser tends to
 * have. Beyond "no crash", it checks what the gateway relies on:
 *   - a complete head lies inside the buffer and every pointer the parser
 *     returns (method, target, path, query, headers) lies inside the head;
 *   - the parse is prefix-consistent: the gateway re-parses from the start
 *     each time bytes arrive, so a prefix of the input must give "need more
 *     bytes" or the very same answer, never a different verdict;
 *   - bytes after a complete head (a pipelined request, a body) do not change
 *     the result;
 *   - the header cap is honoured with any capacity. */
#include "gb_http.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz-http: invariant failed: %s (line %d)\n", #cond,     \
                    __LINE__);                                                        \
            abort();                                                                  \
        }                                                                             \
    } while (0)

#define MAX_CAP 64

static int inside(const char *base, size_t len, const char *p, size_t n)
{
    return p >= base && n <= len && (size_t)(p - base) <= len - n;
}

static int parse(const char *buf, size_t len, size_t cap, struct gb_http_request *r,
                 struct gb_http_header *hs, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->headers = hs;
    r->headers_cap = cap;
    return gb_http_parse_request(buf, len, r, err, errlen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The first byte picks the header capacity (0..MAX_CAP) so the
     * "too many headers" path is reached with small inputs too. */
    size_t cap = MAX_CAP;
    if (size > 0) {
        cap = data[0] % (MAX_CAP + 1);
        data++;
        size--;
    }
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);

    struct gb_http_header hs[MAX_CAP], hs2[MAX_CAP];
    struct gb_http_request r, r2;
    char err[128], err2[8];
    err[0] = 0;
    int rc = parse(buf, size, cap, &r, hs, err, sizeof err);

    CHECK(rc > 0 || rc == GB_HTTP_BAD || rc == GB_HTTP_INCOMPLETE ||
          rc == GB_HTTP_TOO_MANY_HEADERS || rc == GB_HTTP_UNSUPPORTED);
    if (rc < 0 && rc != GB_HTTP_INCOMPLETE)
        CHECK(err[0] != 0 && memchr(err, 0, sizeof err) != NULL);

    if (rc > 0) {
        size_t h = (size_t)rc;
        CHECK(h <= size && r.header_len == h);
        CHECK(h >= 4 && memcmp(buf + h - 4, "\r\n\r\n", 4) == 0);
        CHECK(r.num_headers <= cap);
        CHECK(r.method == buf && r.method_len >= 1 && r.method_len <= GB_HTTP_MAX_METHOD);
        CHECK(inside(buf, h, r.target, r.target_len) && r.target_len >= 1 && r.target[0] == '/');
        CHECK(r.path == r.target && r.path_len <= r.target_len);
        CHECK(inside(buf, h, r.query, r.query_len));
        CHECK(r.path_len + (r.query_len || r.path_len < r.target_len ? r.query_len + 1 : 0) ==
              r.target_len);
        CHECK(memchr(r.path, '?', r.path_len) == NULL);
        CHECK(r.minor_version == 0 || r.minor_version == 1);
        CHECK(r.keep_alive == 0 || r.keep_alive == 1);
        CHECK(r.content_length < 1000000000000000000ull);
        for (size_t i = 0; i < r.num_headers; i++) {
            CHECK(inside(buf, h, hs[i].name, hs[i].name_len) && hs[i].name_len > 0);
            CHECK(inside(buf, h, hs[i].value, hs[i].value_len));
            CHECK(memchr(hs[i].name, ':', hs[i].name_len) == NULL);
        }
        /* Exactly the head: same answer. */
        CHECK(parse(buf, h, cap, &r2, hs2, err2, sizeof err2) == rc);
        CHECK(r2.content_length == r.content_length && r2.keep_alive == r.keep_alive &&
              r2.num_headers == r.num_headers);
    }

    /* Prefix consistency at a few cut points (every cut would be quadratic). */
    size_t cuts[4] = { size / 2, size / 3, size ? size - 1 : 0, size > 7 ? 7 : 0 };
    for (int k = 0; k < 4; k++) {
        size_t n = cuts[k];
        if (n >= size)
            continue;
        char *pre = malloc(n ? n : 1);
        if (!pre)
            break;
        memcpy(pre, buf, n);
        int pr = parse(pre, n, cap, &r2, hs2, err2, sizeof err2);
        free(pre);
        if (rc > 0 && n >= (size_t)rc)
            CHECK(pr == rc);
        else if (rc > 0)
            CHECK(pr == GB_HTTP_INCOMPLETE);
        else
            CHECK(pr == GB_HTTP_INCOMPLETE || pr == rc);
    }

    /* A NULL or zero-length error buffer must be tolerated. */
    parse(buf, size, cap, &r2, hs2, NULL, 0);
    (void)gb_http_reason(rc > 0 ? 200 : 400 + (int)(size % 200));
    if (size)
        (void)gb_http_token_eq(buf, size, "content-length");

    free(buf);
    return 0;
}
