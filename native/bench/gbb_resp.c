#include "gbb_resp.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum {
    ST_STATUS,
    ST_HEADER,
    ST_BODY_LEN,
    ST_BODY_EOF,
    ST_CHUNK_SIZE,
    ST_CHUNK_DATA,
    ST_CHUNK_CRLF,
    ST_TRAILER,
    ST_DONE,
};

void gbb_resp_reset(struct gbb_resp *r, int head_request)
{
    r->state = ST_STATUS;
    r->status = 0;
    r->keepalive = 1;
    r->head = head_request;
    r->chunked = 0;
    r->has_length = 0;
    r->remaining = 0;
    r->body_bytes = 0;
    r->header_bytes = 0;
    r->line_len = 0;
    r->why[0] = '\0';
}

int gbb_resp_untouched(const struct gbb_resp *r)
{
    return r->state == ST_STATUS && r->line_len == 0 && r->header_bytes == 0;
}

static int bad(struct gbb_resp *r, const char *why)
{
    snprintf(r->why, sizeof(r->why), "%s", why);
    return GBB_RESP_BAD;
}

static int parse_u64(const char *s, size_t n, int base, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;

    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i == n)
        return -1;
    for (; i < n; i++) {
        int d;
        char c = s[i];
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            break;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            return -1;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    /* chunk extensions (";name=value") and trailing spaces are allowed, other garbage is not */
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < n && !(base == 16 && s[i] == ';'))
        return -1;
    *out = v;
    return 0;
}

static int header_is(const char *line, size_t n, const char *name, const char **value, size_t *vlen)
{
    size_t k = strlen(name);

    if (n <= k || line[k] != ':' || strncasecmp(line, name, k) != 0)
        return 0;
    line += k + 1;
    n -= k + 1;
    while (n > 0 && (*line == ' ' || *line == '\t')) {
        line++;
        n--;
    }
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    *value = line;
    *vlen = n;
    return 1;
}

static int contains_token(const char *v, size_t n, const char *token)
{
    size_t k = strlen(token);

    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(v + i, token, k) == 0)
            return 1;
    return 0;
}

/* Body framing is decided once the blank line ends the head (RFC 9112 section 6.3). */
static int end_of_head(struct gbb_resp *r)
{
    if (r->head || (r->status >= 100 && r->status < 200) || r->status == 204 || r->status == 304) {
        r->state = ST_DONE;
        return GBB_RESP_DONE;
    }
    if (r->chunked) {
        r->state = ST_CHUNK_SIZE;
        return GBB_RESP_MORE;
    }
    if (r->has_length) {
        if (r->remaining == 0) {
            r->state = ST_DONE;
            return GBB_RESP_DONE;
        }
        r->state = ST_BODY_LEN;
        return GBB_RESP_MORE;
    }
    r->keepalive = 0;
    r->state = ST_BODY_EOF;
    return GBB_RESP_MORE;
}

static int on_line(struct gbb_resp *r, const char *line, size_t n)
{
    const char *v;
    size_t vlen;
    uint64_t num;

    if (n > 0 && line[n - 1] == '\r')
        n--;
    switch (r->state) {
    case ST_STATUS:
        /* "HTTP/1.1 200 OK": the version decides the default keep-alive */
        if (n < 12 || strncmp(line, "HTTP/1.", 7) != 0 || line[8] != ' ' || line[9] < '1' || line[9] > '5' ||
            line[10] < '0' || line[10] > '9' || line[11] < '0' || line[11] > '9' || (n > 12 && line[12] != ' '))
            return bad(r, "malformed status line");
        r->status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        r->keepalive = line[7] == '1';
        r->state = ST_HEADER;
        return GBB_RESP_MORE;
    case ST_HEADER:
        if (n == 0)
            return end_of_head(r);
        if (header_is(line, n, "Content-Length", &v, &vlen)) {
            if (parse_u64(v, vlen, 10, &num) != 0)
                return bad(r, "invalid Content-Length");
            r->has_length = 1;
            r->remaining = num;
        } else if (header_is(line, n, "Transfer-Encoding", &v, &vlen)) {
            r->chunked = contains_token(v, vlen, "chunked");
        } else if (header_is(line, n, "Connection", &v, &vlen)) {
            if (contains_token(v, vlen, "close"))
                r->keepalive = 0;
            else if (contains_token(v, vlen, "keep-alive"))
                r->keepalive = 1;
        }
        return GBB_RESP_MORE;
    case ST_CHUNK_SIZE:
        if (parse_u64(line, n, 16, &num) != 0)
            return bad(r, "invalid chunk size");
        if (num == 0) {
            r->state = ST_TRAILER;
        } else {
            r->remaining = num;
            r->state = ST_CHUNK_DATA;
        }
        return GBB_RESP_MORE;
    case ST_CHUNK_CRLF:
        if (n != 0)
            return bad(r, "chunk data not followed by CRLF");
        r->state = ST_CHUNK_SIZE;
        return GBB_RESP_MORE;
    case ST_TRAILER:
        if (n == 0) {
            r->state = ST_DONE;
            return GBB_RESP_DONE;
        }
        return GBB_RESP_MORE;
    default:
        return bad(r, "internal parser state");
    }
}

int gbb_resp_feed(struct gbb_resp *r, const char *p, size_t len, size_t *used)
{
    size_t i = 0;
    int rc;

    while (i < len) {
        if (r->state == ST_DONE)
            break;
        if (r->state == ST_BODY_LEN || r->state == ST_CHUNK_DATA || r->state == ST_BODY_EOF) {
            size_t take = len - i;
            if (r->state != ST_BODY_EOF && take > r->remaining)
                take = (size_t)r->remaining;
            r->body_bytes += take;
            i += take;
            if (r->state == ST_BODY_EOF)
                continue;
            r->remaining -= take;
            if (r->remaining == 0) {
                if (r->state == ST_BODY_LEN) {
                    r->state = ST_DONE;
                    *used = i;
                    return GBB_RESP_DONE;
                }
                r->state = ST_CHUNK_CRLF;
            }
            continue;
        }
        /* line-oriented states: find the end of the line, copying only when it spans reads */
        const char *nl = memchr(p + i, '\n', len - i);
        size_t seg = nl ? (size_t)(nl - (p + i)) : len - i;
        if (r->state == ST_STATUS || r->state == ST_HEADER)
            r->header_bytes += seg + (nl ? 1 : 0);
        if (!nl) {
            if (r->line_len + seg > sizeof(r->line)) {
                *used = i;
                return bad(r, "response line longer than 8 KiB");
            }
            memcpy(r->line + r->line_len, p + i, seg);
            r->line_len += seg;
            i += seg;
            break;
        }
        if (r->line_len > 0) {
            if (r->line_len + seg > sizeof(r->line)) {
                *used = i;
                return bad(r, "response line longer than 8 KiB");
            }
            memcpy(r->line + r->line_len, p + i, seg);
            rc = on_line(r, r->line, r->line_len + seg);
            r->line_len = 0;
        } else {
            rc = on_line(r, p + i, seg);
        }
        i += seg + 1;
        if (rc != GBB_RESP_MORE) {
            *used = i;
            return rc;
        }
    }
    *used = i;
    return r->state == ST_DONE ? GBB_RESP_DONE : GBB_RESP_MORE;
}

int gbb_resp_eof(struct gbb_resp *r)
{
    if (r->state == ST_BODY_EOF) {
        r->state = ST_DONE;
        return GBB_RESP_DONE;
    }
    if (r->state == ST_DONE)
        return GBB_RESP_DONE;
    return bad(r, gbb_resp_untouched(r) ? "connection closed before a response" : "connection closed mid-response");
}
