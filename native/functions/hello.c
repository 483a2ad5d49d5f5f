/* hello: the smallest useful function, GET and POST /api/hello.
 * `slow` (sleep ?ms=N, for worker-timeout tests) and `crash` (abort, for
 * supervision tests) live here too but are not in the default routes. */
#include "gb_function.h"

#include <stdlib.h>
#include <time.h>

static const char ok[] = "{\"status\":\"ok\"}";

int hello(const struct gb_fn_request *req, struct gb_fn_response *resp)
{
    (void)req;
    resp->body = ok;
    resp->body_len = sizeof ok - 1;
    return 0;
}

static long query_num(const struct gb_fn_request *req, const char *key, long dflt)
{
    size_t klen = 0;
    while (key[klen])
        klen++;
    const char *q = req->query, *end = req->query + req->query_len;
    while (q < end) {
        const char *amp = q;
        while (amp < end && *amp != '&')
            amp++;
        if ((size_t)(amp - q) > klen && q[klen] == '=') {
            size_t i = 0;
            while (i < klen && q[i] == key[i])
                i++;
            if (i == klen) {
                long v = 0;
                for (const char *p = q + klen + 1; p < amp; p++) {
                    if (*p < '0' || *p > '9' || v > 100000000)
                        return -1;
                    v = v * 10 + (*p - '0');
                }
                return v;
            }
        }
        q = amp + 1;
    }
    return dflt;
}

int slow(const struct gb_fn_request *req, struct gb_fn_response *resp)
{
    long ms = query_num(req, "ms", 1000);
    if (ms < 0 || ms > 600000)
        return -1;
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0)
        ;
    return hello(req, resp);
}

int crash(const struct gb_fn_request *req, struct gb_fn_response *resp)
{
    (void)req;
    (void)resp;
    abort();
}
