/* gbb_opt.h - the bench clients' command lines: the option loop they share, and parsing of
 * command-line values (numbers, durations).
 *
 * The value parsers return 0 on success and -1 when the text is not a valid value; the caller
 * names the option in its usage error, since only it knows which flag was wrong. */
#ifndef GBB_OPT_H
#define GBB_OPT_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A tool's command line, for gbb_opt_parse. */
struct gbb_opt_cli {
    const char *tool;              /* "bench-cpu": prefix of the error line */
    const char *shortopts;         /* for getopt_long; 'h' is --help */
    const struct option *longopts;
    void (*usage)(FILE *f);
    /* Applies one option to ctx: 1 applied, 0 not an option of this tool, -1 invalid value
     * (err says which option and what was expected). */
    int (*apply)(void *ctx, int opt, const char *arg, char *err, size_t errlen);
    void *ctx;
};

#define GBB_OPT_CONTINUE (-1)

/* The option loop of every bench client: getopt_long over argv, each option through
 * cli->apply. Returns GBB_OPT_CONTINUE when the tool goes on (its operands start at optind),
 * else the exit status, its message written:
 *   -h, --help           usage on stdout, 0
 *   --threads many       "bench-throughput: invalid --threads 'many': ..." on stderr, 2
 *   --frobnicate         getopt's line, then usage, on stderr, 2 */
int gbb_opt_parse(const struct gbb_opt_cli *cli, int argc, char **argv);

/* Decimal integer in [min, max], no sign, no trailing garbage. */
int gbb_opt_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/* Positive finite decimal number, e.g. "2500" or "0.5". */
int gbb_opt_positive(const char *s, double *out);

/* Duration with an optional unit: "10" (seconds), "10s", "500ms", "250us", "2m". Must be > 0. */
int gbb_opt_duration_ns(const char *s, uint64_t *out_ns);

#endif
