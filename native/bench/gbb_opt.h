/* gbb_opt.h - parsing of command-line values (numbers, durations, sizes).
 *
 * Each function returns 0 on success and -1 when the text is not a valid value; the caller
 * names the option in its usage error, since only it knows which flag was wrong. */
#ifndef GBB_OPT_H
#define GBB_OPT_H

#include <stdint.h>

/* Decimal integer in [min, max], no sign, no trailing garbage. */
int gbb_opt_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/* Positive finite decimal number, e.g. "2500" or "0.5". */
int gbb_opt_positive(const char *s, double *out);

/* Duration with an optional unit: "10" (seconds), "10s", "500ms", "250us", "2m". Must be > 0. */
int gbb_opt_duration_ns(const char *s, uint64_t *out_ns);

#endif
