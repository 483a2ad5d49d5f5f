#include "gbb_opt.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int gbb_opt_parse(const struct gbb_opt_cli *cli, int argc, char **argv)
{
    char err[512];
    int opt;

    while ((opt = getopt_long(argc, argv, cli->shortopts, cli->longopts, NULL)) != -1) {
        int rc;
        if (opt == 'h') {
            cli->usage(stdout);
            return 0;
        }
        rc = cli->apply(cli->ctx, opt, optarg, err, sizeof(err));
        if (rc < 0) {
            fprintf(stderr, "%s: %s\n", cli->tool, err);
            return 2;
        }
        if (rc == 0) {
            cli->usage(stderr);
            return 2;
        }
    }
    return GBB_OPT_CONTINUE;
}

int gbb_opt_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
    char *end;
    unsigned long long v;

    /* strtoull accepts "-1" and leading spaces; a usage typo must not become a huge number. */
    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int gbb_opt_positive(const char *s, double *out)
{
    char *end;
    double v;

    if (s == NULL || *s == '\0' || *s == '-' || *s == '+' || *s == ' ')
        return -1;
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v) || v <= 0)
        return -1;
    *out = v;
    return 0;
}

int gbb_opt_duration_ns(const char *s, uint64_t *out_ns)
{
    char *end;
    double v, scale;

    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || !isfinite(v) || v <= 0)
        return -1;
    if (*end == '\0' || strcmp(end, "s") == 0)
        scale = 1e9;
    else if (strcmp(end, "ms") == 0)
        scale = 1e6;
    else if (strcmp(end, "us") == 0)
        scale = 1e3;
    else if (strcmp(end, "m") == 0)
        scale = 60e9;
    else
        return -1;
    v *= scale;
    /* one day is far beyond any benchmark and keeps arithmetic on deadlines far from overflow */
    if (v < 1 || v > 86400e9)
        return -1;
    *out_ns = (uint64_t)v;
    return 0;
}
