/* gbb_hist.h - latency samples and their percentiles.
 *
 * Exact, not bucketed: bench-latency must write every latency to its raw file anyway, and the
 * analysis recomputes percentiles from that file, so both must agree to the microsecond.
 * 4 bytes per sample (10 s at 100k req/s = 4 MB). */
#ifndef GBB_HIST_H
#define GBB_HIST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct gbb_hist {
    uint32_t *us;   /* latencies in microseconds, in completion order until sorted */
    size_t n;
    size_t cap;
};

void gbb_hist_init(struct gbb_hist *h);
void gbb_hist_free(struct gbb_hist *h);

/* Returns 0, or -1 when out of memory (the sample is dropped; the caller counts it). */
int gbb_hist_add(struct gbb_hist *h, uint64_t latency_ns);

/* Appends src's samples to dst. Returns 0 or -1 (out of memory). */
int gbb_hist_merge(struct gbb_hist *dst, const struct gbb_hist *src);

/* One decimal integer per line after a "# bench-latency 1 latencies_us" header. Returns 0 or -1 (errno). */
int gbb_hist_write(const struct gbb_hist *h, FILE *f);

/* Sorts in place; percentiles below need it. */
void gbb_hist_sort(struct gbb_hist *h);

/* Nearest-rank percentile of a sorted set: the smallest sample such that at least p% of samples
 * are <= it (p in (0,100]). 0 when empty. */
uint32_t gbb_hist_percentile(const struct gbb_hist *h, double p);

double gbb_hist_mean(const struct gbb_hist *h);

#endif
