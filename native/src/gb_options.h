/* gb_options: the gateway's command line.
 *
 * gb_options_parse fills a struct the caller owns; its strings point into
 * argv. It neither prints nor exits: a usage error comes back as
 * GB_OPTIONS_BAD with a one-line reason in err.
 *
 *   gateway --mode fdpass --port 8080 --workers 2
 *     -> GB_OPTIONS_RUN, mode GB_MODE_FDPASS, port 8080, workers 2
 *   gateway --mode fast
 *     -> GB_OPTIONS_BAD, err "invalid --mode 'fast' (expected proxy, fdpass or fdpass-conn)" */
#ifndef GB_OPTIONS_H
#define GB_OPTIONS_H

#include "gb_mode.h"

#include <stddef.h>
#include <stdio.h>

#define GB_OPTIONS_MAX_WORKERS 64

struct gb_options {
    enum gb_mode mode;
    int port;
    const char *listen_addr;
    int workers;
    const char *routes;      /* as given; NULL: the routes.conf next to the build */
    int idle_ms;
    int worker_timeout_ms;
    int respawn_ms;
    size_t max_body;
    const char *ready_file;  /* NULL: none */
    /* Set by gb_pool when it starts a worker, not by users. */
    int worker;              /* --worker: run as a worker process */
    const char *module_dir;  /* --module-dir: the worker's fallback directory */
};

enum {
    GB_OPTIONS_RUN = 0,  /* go on with the options */
    GB_OPTIONS_HELP = 1, /* --help: print gb_options_usage and exit 0 */
    GB_OPTIONS_BAD = -1  /* usage error, err says what and where */
};

int gb_options_parse(struct gb_options *o, int argc, char **argv, char *err, size_t errlen);

/* The --help text. */
void gb_options_usage(FILE *out);

#endif
