/* gb_reply: the bytes of an HTTP answer's head, and of the gateway's own
 * error answers, written the same way by the gateway and by the workers
 * (which answer errors themselves on connections they keep, fdpass-conn).
 *
 * Both write into a caller-owned buffer and return the length, or -1 when it
 * does not fit (nothing useful is left in out then).
 *
 *   gb_reply_head(out, 256, 200, "application/json", 15, 1, 0)
 *     -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
 *   gb_reply_error(out, 320, 404, 0, 0, 0)
 *     -> "HTTP/1.1 404 Not Found\r\n...Connection: close\r\n\r\n{\"status\":404,\"error\":\"Not Found\"}\n" */
#ifndef GB_REPLY_H
#define GB_REPLY_H

#include <stddef.h>

/* Room that always suffices for gb_reply_error. */
#define GB_REPLY_ERROR_MAX 320

/* Status line, Content-Type, Content-Length and the Connection header the
 * client needs: "close" when !keep, "keep-alive" for an HTTP/1.0 client that
 * keeps the connection, none otherwise. */
int gb_reply_head(char *out, size_t cap, int status, const char *content_type, size_t body_len,
                  int keep, int http10);

/* A complete JSON error answer ({"status":N,"error":"Reason"}), with an
 * Allow header listing the methods in `allowed` for 405 (see gb_routes_allow). */
int gb_reply_error(char *out, size_t cap, int status, unsigned allowed, int keep, int http10);

#endif
