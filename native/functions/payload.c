/* payload: answers with N bytes (?size=N, default 1024, at most 16 MiB),
 * for response-size sweeps. The bytes come from one static buffer filled
 * on first use up to the largest size asked for, so a sweep measures
 * transport, not memset. */
#include "gb_function.h"

#include <string.h>

#define PAYLOAD_MAX (16u << 20)

static char buf[PAYLOAD_MAX];
static size_t filled;

static long size_param(const struct gb_fn_request *req)
{
    const char *q = req->query, *end = req->query + req->query_len;
    while (q < end) {
        const char *amp = memchr(q, '&', (size_t)(end - q));
        if (!amp)
            amp = end;
        if (amp - q > 5 && memcmp(q, "size=", 5) == 0) {
            long v = 0;
            for (const char *p = q + 5; p < amp; p++) {
                if (*p < '0' || *p > '9' || v > (long)PAYLOAD_MAX)
                    return -1;
                v = v * 10 + (*p - '0');
            }
            return v;
        }
        q = amp + 1;
    }
    return 1024;
}

int payload(const struct gb_fn_request *req, struct gb_fn_response *resp)
{
    long n = size_param(req);
    if (n < 0 || n > (long)PAYLOAD_MAX) {
        static const char bad[] = "{\"error\":\"size must be 0..16777216\"}";
        resp->status = 400;
        resp->body = bad;
        resp->body_len = sizeof bad - 1;
        return 0;
    }
    if ((size_t)n > filled) {
        memset(buf + filled, 'x', (size_t)n - filled);
        filled = (size_t)n;
    }
    resp->content_type = "application/octet-stream";
    resp->body = buf;
    resp->body_len = (size_t)n;
    return 0;
}
