/* gb_mode: the gateway's architectures and their names on the command line.
 *
 * A new mode is a value here and a row in gb_mode.c's table (its name and
 * its line of --help); the compiler then points at every switch on the mode
 * that must decide what it means (gateway.c's apply_mode, the worker).
 *
 *   gb_mode_parse("fdpass")              -> GB_MODE_FDPASS
 *   gb_mode_list("|", "|", out, len)     -> "proxy|fdpass|fdpass-conn"
 *   gb_mode_list(", ", " or ", out, len) -> "proxy, fdpass or fdpass-conn" */
#ifndef GB_MODE_H
#define GB_MODE_H

#include <stddef.h>

enum gb_mode {
    GB_MODE_PROXY,  /* v1.0: the gateway relays request and response frames */
    GB_MODE_FDPASS, /* v2.0: the client socket travels with each request frame */
    GB_MODE_FDPASS_CONN, /* v2.1: the client socket goes to one worker for the connection's life */
};

/* The mode called name, or -1 when there is none. */
int gb_mode_parse(const char *name);

/* How many modes there are: they are 0 .. gb_mode_count() - 1. */
int gb_mode_count(void);

/* The mode's command-line name ("proxy"). */
const char *gb_mode_name(enum gb_mode m);

/* One line for --help: what the mode does. */
const char *gb_mode_about(enum gb_mode m);

/* Every mode's name, in order, joined by sep and by last before the final
 * one, into out (truncated to outlen). */
void gb_mode_list(const char *sep, const char *last, char *out, size_t outlen);

#endif
