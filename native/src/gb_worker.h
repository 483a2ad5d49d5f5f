/* gb_worker: the worker process. It owns the functions (dlopen'd once at
 * start, or exec'd per request), reads request frames from its socket to the
 * gateway, and answers either with a response frame (proxy) or by writing
 * the HTTP response straight to the passed client fd (fdpass). */
#ifndef GB_WORKER_H
#define GB_WORKER_H

#include "gb_mode.h"

/* Never returns: exits 0 when the gateway closes the socket, non-zero on a
 * start-up or protocol error (the message goes to stderr). */
void gb_worker_main(int sock, enum gb_mode mode, const char *routes_file, const char *module_dir,
                    int timeout_ms);

#endif
