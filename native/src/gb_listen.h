/* gb_listen: the gateway's listening TCP socket (in the manner of redis's
 * anet.c: one call, an error buffer, the caller owns the descriptor).
 *
 *   gb_listen_tcp("127.0.0.1", 8080, 4096, err, sizeof err) -> fd >= 0
 *   gb_listen_tcp("localhost", 8080, 4096, err, sizeof err) -> GB_LISTEN_BAD_ADDRESS
 *   port taken -> -1, err "cannot listen on 127.0.0.1:8080: Address already in use" */
#ifndef GB_LISTEN_H
#define GB_LISTEN_H

#include <stddef.h>

#define GB_LISTEN_BAD_ADDRESS (-2) /* addr is not an IPv4 or IPv6 literal */

/* Binds addr:port with SO_REUSEADDR and listens with the given backlog; the
 * socket is non-blocking and close-on-exec. Returns the descriptor,
 * GB_LISTEN_BAD_ADDRESS, or -1 with err. */
int gb_listen_tcp(const char *addr, int port, int backlog, char *err, size_t errlen);

#endif
