/* gb_http: an HTTP/1.1 request-head parser that never allocates.
 *
 * The caller owns every byte: the input buffer and the header array. The
 * parser only records pointers into the input, so it can be re-run from the
 * start each time more bytes arrive (heads are capped at a few KB, so the
 * rescan is cheaper than keeping resumable state). */
#ifndef GB_HTTP_H
#define GB_HTTP_H

#include <stddef.h>

enum {
    GB_HTTP_BAD = -1,              /* malformed: answer 400 and close */
    GB_HTTP_INCOMPLETE = -2,       /* need more bytes */
    GB_HTTP_TOO_MANY_HEADERS = -3, /* answer 431 */
    GB_HTTP_UNSUPPORTED = -4       /* Transfer-Encoding: answer 501 */
};

#define GB_HTTP_MAX_METHOD 16

struct gb_http_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
};

struct gb_http_request {
    const char *method;
    size_t method_len;
    const char *target; /* path plus optional ?query */
    size_t target_len;
    const char *path;
    size_t path_len;
    const char *query; /* after '?', may be empty */
    size_t query_len;
    int minor_version; /* 0 or 1 */
    struct gb_http_header *headers; /* caller-owned, headers_cap entries */
    size_t headers_cap;
    size_t num_headers;
    size_t content_length; /* 0 when absent */
    int keep_alive;
    int expect_continue; /* Expect: 100-continue */
    size_t header_len; /* bytes of the head, including the final CRLF CRLF */
};

/* Parses the request head at buf[0..len). Before the call set
 * req->headers and req->headers_cap. Returns the head length (> 0) when
 * complete, or one of the negative GB_HTTP_* codes; on GB_HTTP_BAD and
 * friends a reason is written to err. */
int gb_http_parse_request(const char *buf, size_t len, struct gb_http_request *req,
                          char *err, size_t errlen);

/* Reason phrase for the statuses this project emits ("Unknown" otherwise). */
const char *gb_http_reason(int status);

/* Case-insensitive compare of a (pointer, length) token with a C string. */
int gb_http_token_eq(const char *s, size_t len, const char *lit);

#endif
