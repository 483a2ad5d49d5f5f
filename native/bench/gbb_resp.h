/* gbb_resp.h - incremental HTTP/1.x response parser for the bench clients.
 *
 * Fed whatever bytes a read() returned, in any split, it finds where one response ends:
 * Content-Length, chunked, or close-delimited bodies. The body itself is counted, not kept:
 * a load generator must not spend its time or memory copying payloads. No allocation. */
#ifndef GBB_RESP_H
#define GBB_RESP_H

#include <stddef.h>
#include <stdint.h>

enum { GBB_RESP_MORE = 0, GBB_RESP_DONE = 1, GBB_RESP_BAD = -1 };

#define GBB_RESP_LINE_MAX 8192

struct gbb_resp {
    int state;
    int status;          /* e.g. 200, valid once the status line is parsed */
    int keepalive;       /* 0 when the server will close after this response */
    int head;            /* response to HEAD: never a body */
    int chunked;
    int has_length;
    uint64_t remaining;  /* body or chunk bytes still expected */
    uint64_t body_bytes;
    uint64_t header_bytes;
    size_t line_len;
    char line[GBB_RESP_LINE_MAX]; /* a status, header or chunk-size line split across reads */
    char why[96];        /* reason for GBB_RESP_BAD */
};

void gbb_resp_reset(struct gbb_resp *r, int head_request);

/* Consumes bytes of p; *used tells how many. DONE: the response is complete and any bytes after
 * *used belong to something else. BAD: malformed (r->why says why). MORE: feed more bytes. */
int gbb_resp_feed(struct gbb_resp *r, const char *p, size_t len, size_t *used);

/* The peer closed the connection: DONE when the body was close-delimited, else BAD. */
int gbb_resp_eof(struct gbb_resp *r);

/* 1 when no byte of the response has been seen yet (an idle keep-alive connection was closed). */
int gbb_resp_untouched(const struct gbb_resp *r);

#endif
