/* gb_worker: the worker process. It owns the functions (gb_functions:
 * dlopen'd once at start, or exec'd per request) and reads frames from its
 * socket to the gateway. It answers
 *   proxy:       with the response in RESP (and BODY) frames: large answers
 *                go in parts of GB_FRAME_PART bytes, at most GB_FRAME_WINDOW
 *                of them ahead of the gateway's CREDITs; the rest waits here;
 *   fdpass:      by writing the HTTP response straight to the passed client
 *                fd, then DONE;
 *   fdpass-conn: by keeping the passed connection and serving all its
 *                requests itself (gb_keep), DONE after the first one and
 *                CLOSED when it lets the connection go. */
#ifndef GB_WORKER_H
#define GB_WORKER_H

#include "gb_mode.h"

#include <stddef.h>

struct gb_worker_cfg {
    enum gb_mode mode;
    const char *routes_file;
    const char *module_dir; /* where relative modules are also looked for */
    int timeout_ms;         /* the gateway's --worker-timeout */
    int idle_ms;            /* its --idle-timeout (fdpass-conn connections) */
    size_t max_body;        /* its --max-body (fdpass-conn connections) */
};

/* Never returns: exits 0 when the gateway closes the socket, non-zero on a
 * start-up or protocol error (the message goes to stderr). */
void gb_worker_main(int sock, const struct gb_worker_cfg *cfg);

#endif
