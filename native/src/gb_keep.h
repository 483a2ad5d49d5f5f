/* gb_keep: the client connections a worker keeps (fdpass-conn).
 *
 * In fdpass-conn mode the gateway hands a connection to one worker with its
 * first request, and that worker serves every later request on it itself:
 * it reads and checks the request heads (gb_request, the gateway's own
 * rules: 400/404/405/413/431/501, Expect: 100-continue, HEAD closes),
 * runs the function, writes the answer and keeps reading, until the client
 * closes, asks to close, errs or goes idle. Timers are the gateway's:
 * idle_ms without a byte (or without write progress to a client that does
 * not read), idle_ms for a request head counted from its first byte
 * (slowloris), 2 s of lingering after an error answer.
 *
 * Sockets are level-triggered in the caller's epoll set, with data.ptr the
 * connection (hand it back to gb_keep_event). One request at a time per
 * connection: while an answer is still going out, nothing more is read
 * from it (pipelined requests stay in order; a client that does not read
 * holds its own answer only, in a buffer of the answer's size).
 *
 *   struct gb_keep k = { .cfg = { .ep = ep, .fns = &fns, ... } };
 *   gb_keep_adopt(&k, fd, bytes, n, 1, now)   -> 1 (the first request answered, still open)
 *   ... epoll_wait ... gb_keep_event(&k, ptr, events, now); gb_keep_tick(&k, now); */
#ifndef GB_KEEP_H
#define GB_KEEP_H

#include "gb_functions.h"

#include <stddef.h>
#include <stdint.h>

struct gb_kconn; /* one kept connection (gb_keep's own) */

struct gb_keep_cfg {
    int ep;                    /* the caller's epoll set */
    struct gb_functions *fns;
    char *scratch;             /* for the functions' answers */
    size_t scratch_cap;
    size_t max_body;           /* larger bodies get 413 */
    int idle_ms;
    /* When not NULL: set to the start time (gb_now_ms) while a function
     * runs, 0 otherwise - the gateway's watchdog reads it. */
    volatile int64_t *busy_ms;
    /* Called once for each connection closed after gb_keep_adopt said it
     * was kept (1). */
    void (*closed)(void *ctx);
    void *ctx;
};

struct gb_keep {
    struct gb_keep_cfg cfg;
    struct gb_kconn *all; /* open connections */
    unsigned count;
};

/* Takes over client socket fd, with the bytes the gateway already read from
 * it (a complete request first), and serves what those bytes hold.
 * keep = 0 answers the first request with Connection: close. Returns 1 when
 * the connection is kept, 0 when it is already closed (the client asked to,
 * or went away), -1 when it could not be taken (out of memory or epoll; fd
 * is left to the caller). */
int gb_keep_adopt(struct gb_keep *k, int fd, const void *bytes, size_t len, int keep, int64_t now);

/* An epoll event for connection ptr. */
void gb_keep_event(struct gb_keep *k, void *ptr, uint32_t events, int64_t now);

/* Closes connections whose time is up; call every 100 ms or so. */
void gb_keep_tick(struct gb_keep *k, int64_t now);

#endif
