#include "gb_http.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* RFC 9110 tchar, as a table so the hot loop is one load per byte. */
static const unsigned char tchar[256] = {
    ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['*'] = 1,
    ['+'] = 1, ['-'] = 1, ['.'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['|'] = 1,
    ['~'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
    ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
    ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static int fail(char *err, size_t errlen, const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", why);
    return GB_HTTP_BAD;
}

int gb_http_token_eq(const char *s, size_t len, const char *lit)
{
    return strlen(lit) == len && strncasecmp(s, lit, len) == 0;
}

/* Connection is a comma list; only "close" and "keep-alive" matter. */
static void scan_connection(const char *v, size_t n, int *close, int *keep)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
            i++;
        size_t s = i;
        while (i < n && v[i] != ',' && v[i] != ' ' && v[i] != '\t')
            i++;
        if (gb_http_token_eq(v + s, i - s, "close"))
            *close = 1;
        else if (gb_http_token_eq(v + s, i - s, "keep-alive"))
            *keep = 1;
    }
}

static int parse_length(const char *v, size_t n, size_t *out)
{
    size_t x = 0;
    if (n == 0 || n > 18) /* 18 digits cannot overflow size_t on 64-bit */
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return -1;
        x = x * 10 + (size_t)(v[i] - '0');
    }
    *out = x;
    return 0;
}

int gb_http_parse_request(const char *buf, size_t len, struct gb_http_request *req,
                          char *err, size_t errlen)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0;
    int conn_close = 0, conn_keep = 0, have_cl = 0;

    req->num_headers = 0;
    req->content_length = 0;
    req->expect_continue = 0;

    /* method: validated byte by byte so garbage is rejected before the
     * caller waits for a CRLF that may never come. */
    while (i < len && tchar[p[i]]) {
        if (++i > GB_HTTP_MAX_METHOD)
            return fail(err, errlen, "method too long");
    }
    if (i == len)
        return GB_HTTP_INCOMPLETE;
    if (i == 0 || p[i] != ' ')
        return fail(err, errlen, "bad method");
    req->method = buf;
    req->method_len = i;
    i++;

    size_t ts = i;
    while (i < len && p[i] > 0x20 && p[i] != 0x7f)
        i++;
    if (i == len)
        return GB_HTTP_INCOMPLETE;
    if (p[i] != ' ' || i == ts)
        return fail(err, errlen, "bad request target");
    if (p[ts] != '/')
        return fail(err, errlen, "request target must be origin-form");
    req->target = buf + ts;
    req->target_len = i - ts;
    i++;

    static const char ver[] = "HTTP/1.";
    for (size_t k = 0; k < 7; k++, i++) {
        if (i == len)
            return GB_HTTP_INCOMPLETE;
        if (p[i] != (unsigned char)ver[k])
            return fail(err, errlen, "bad HTTP version");
    }
    if (i == len)
        return GB_HTTP_INCOMPLETE;
    if (p[i] != '0' && p[i] != '1')
        return fail(err, errlen, "unsupported HTTP version");
    req->minor_version = p[i] - '0';
    i++;
    if (i == len)
        return GB_HTTP_INCOMPLETE;
    if (p[i] != '\r')
        return fail(err, errlen, "bad request line ending");
    if (++i == len)
        return GB_HTTP_INCOMPLETE;
    if (p[i] != '\n')
        return fail(err, errlen, "bad request line ending");
    i++;

    for (;;) {
        if (i == len)
            return GB_HTTP_INCOMPLETE;
        if (p[i] == '\r') {
            if (++i == len)
                return GB_HTTP_INCOMPLETE;
            if (p[i] != '\n')
                return fail(err, errlen, "bad end of head");
            i++;
            break;
        }
        if (p[i] == ' ' || p[i] == '\t')
            return fail(err, errlen, "obsolete line folding");
        size_t ns = i;
        while (i < len && tchar[p[i]])
            i++;
        if (i == len)
            return GB_HTTP_INCOMPLETE;
        if (p[i] != ':' || i == ns)
            return fail(err, errlen, "bad header name");
        size_t ne = i++;
        while (i < len && (p[i] == ' ' || p[i] == '\t'))
            i++;
        size_t vs = i;
        while (i < len && (p[i] >= 0x20 || p[i] == '\t') && p[i] != 0x7f)
            i++;
        if (i == len)
            return GB_HTTP_INCOMPLETE;
        if (p[i] != '\r')
            return fail(err, errlen, "bad character in header value");
        size_t ve = i;
        if (++i == len)
            return GB_HTTP_INCOMPLETE;
        if (p[i] != '\n')
            return fail(err, errlen, "bad header line ending");
        i++;
        while (ve > vs && (p[ve - 1] == ' ' || p[ve - 1] == '\t'))
            ve--;

        if (req->num_headers == req->headers_cap) {
            if (err && errlen)
                snprintf(err, errlen, "more than %zu headers", req->headers_cap);
            return GB_HTTP_TOO_MANY_HEADERS;
        }
        struct gb_http_header *h = &req->headers[req->num_headers++];
        h->name = buf + ns;
        h->name_len = ne - ns;
        h->value = buf + vs;
        h->value_len = ve - vs;

        if (gb_http_token_eq(h->name, h->name_len, "content-length")) {
            size_t cl;
            if (parse_length(h->value, h->value_len, &cl) < 0)
                return fail(err, errlen, "bad Content-Length");
            /* Differing duplicates are a request-smuggling vector. */
            if (have_cl && cl != req->content_length)
                return fail(err, errlen, "conflicting Content-Length");
            have_cl = 1;
            req->content_length = cl;
        } else if (gb_http_token_eq(h->name, h->name_len, "transfer-encoding")) {
            if (err && errlen)
                snprintf(err, errlen, "Transfer-Encoding not supported");
            return GB_HTTP_UNSUPPORTED;
        } else if (gb_http_token_eq(h->name, h->name_len, "expect")) {
            req->expect_continue = gb_http_token_eq(h->value, h->value_len, "100-continue");
        } else if (gb_http_token_eq(h->name, h->name_len, "connection")) {
            scan_connection(h->value, h->value_len, &conn_close, &conn_keep);
        }
    }

    req->header_len = i;
    req->keep_alive = req->minor_version == 1 ? !conn_close : (conn_keep && !conn_close);
    const char *q = memchr(req->target, '?', req->target_len);
    req->path = req->target;
    if (q) {
        req->path_len = (size_t)(q - req->target);
        req->query = q + 1;
        req->query_len = req->target_len - req->path_len - 1;
    } else {
        req->path_len = req->target_len;
        req->query = req->target + req->target_len;
        req->query_len = 0;
    }
    return (int)i;
}

const char *gb_http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
    }
}
