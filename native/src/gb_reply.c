#include "gb_reply.h"

#include "gb_http.h"
#include "gb_routes.h"

#include <stdio.h>

static const char *connection_header(int keep, int http10)
{
    return !keep ? "Connection: close\r\n" : http10 ? "Connection: keep-alive\r\n" : "";
}

static int fitted(int n, size_t cap)
{
    return n < 0 || (size_t)n >= cap ? -1 : n;
}

int gb_reply_head(char *out, size_t cap, int status, const char *content_type, size_t body_len,
                  int keep, int http10)
{
    int n = snprintf(out, cap, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s\r\n",
                     status, gb_http_reason(status), content_type, body_len,
                     connection_header(keep, http10));
    return fitted(n, cap);
}

int gb_reply_error(char *out, size_t cap, int status, unsigned allowed, int keep, int http10)
{
    char allow[96] = "";
    if (status == 405) {
        char list[64];
        gb_routes_allow(allowed, list, sizeof list);
        snprintf(allow, sizeof allow, "Allow: %s\r\n", list);
    }
    char body[96];
    int blen = snprintf(body, sizeof body, "{\"status\":%d,\"error\":\"%s\"}\n", status,
                        gb_http_reason(status));
    int n = snprintf(out, cap,
                     "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                     "%s%s\r\n%s",
                     status, gb_http_reason(status), blen, allow, connection_header(keep, http10),
                     body);
    return fitted(n, cap);
}
