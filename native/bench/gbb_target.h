/* gbb_target.h - the server under test: URL parsing and the request bytes sent to it.
 *
 * Only "http://IPv4:PORT/path" (or localhost) is accepted: the clients measure a server on this
 * machine, and resolving names would put DNS latency into the first connection. */
#ifndef GBB_TARGET_H
#define GBB_TARGET_H

#include <netinet/in.h>
#include <stddef.h>

struct gbb_target {
    struct sockaddr_in addr;
    char hostport[32];  /* "127.0.0.1:8080": Host header and error messages */
    char path[2048];    /* request-target including any query, e.g. "/api/payload?size=16" */
};

/* Fills t from url. Returns 0, or -1 with a one-line reason in err. */
int gbb_target_parse(struct gbb_target *t, const char *url, char *err, size_t errlen);

/* Length of the request gbb_request_format writes for these arguments. */
size_t gbb_request_size(const struct gbb_target *t, const char *method, size_t body_len, int keepalive);

/* Writes one complete HTTP/1.1 request into buf (caller-owned, cap bytes). The body, if any, is sent
 * with Content-Length, never chunked, since that is what the gateway is specified to accept.
 * cap must be at least gbb_request_size() + 1: the head is formatted with snprintf, which ends
 * it with a NUL (not part of the request, and overwritten by the body if there is one).
 * Returns the request length, or 0 when cap is too small. */
size_t gbb_request_format(char *buf, size_t cap, const struct gbb_target *t, const char *method,
                          const char *body, size_t body_len, int keepalive);

/* Blocking connect with a timeout, used once before a run so that "nothing listens there" is one
 * clear error instead of millions of counted connect errors. Returns 0, or -1 with err filled. */
int gbb_target_probe(const struct gbb_target *t, int timeout_ms, char *err, size_t errlen);



/* Reads a whole file into *buf (malloc'ed; the caller frees it). Returns 0, or -1 with err. Used
 * for --body-file so that binary and multi-megabyte bodies need no shell quoting. */
int gbb_read_file(const char *path, size_t max, char **buf, size_t *len, char *err, size_t errlen);
#endif
