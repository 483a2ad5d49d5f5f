#include "gbb_hist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void gbb_hist_init(struct gbb_hist *h)
{
    h->us = NULL;
    h->n = 0;
    h->cap = 0;
}

void gbb_hist_free(struct gbb_hist *h)
{
    free(h->us);
    gbb_hist_init(h);
}

static int reserve(struct gbb_hist *h, size_t want)
{
    size_t cap = h->cap ? h->cap : 4096;
    uint32_t *p;

    if (want <= h->cap)
        return 0;
    while (cap < want)
        cap *= 2;
    p = realloc(h->us, cap * sizeof(*p));
    if (p == NULL)
        return -1;
    h->us = p;
    h->cap = cap;
    return 0;
}

int gbb_hist_add(struct gbb_hist *h, uint64_t latency_ns)
{
    uint64_t us = (latency_ns + 500) / 1000;

    if (h->n == h->cap && reserve(h, h->n + 1) != 0)
        return -1;
    h->us[h->n++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
    return 0;
}

int gbb_hist_merge(struct gbb_hist *dst, const struct gbb_hist *src)
{
    if (src->n == 0)
        return 0;
    if (reserve(dst, dst->n + src->n) != 0)
        return -1;
    memcpy(dst->us + dst->n, src->us, src->n * sizeof(*src->us));
    dst->n += src->n;
    return 0;
}

int gbb_hist_write(const struct gbb_hist *h, FILE *f)
{
    if (fputs("# bench-latency 1 latencies_us\n", f) < 0)
        return -1;
    for (size_t i = 0; i < h->n; i++)
        if (fprintf(f, "%u\n", h->us[i]) < 0)
            return -1;
    return fflush(f);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

void gbb_hist_sort(struct gbb_hist *h)
{
    if (h->n > 1)
        qsort(h->us, h->n, sizeof(*h->us), cmp_u32);
}

uint32_t gbb_hist_percentile(const struct gbb_hist *h, double p)
{
    double rank;
    size_t idx;

    if (h->n == 0)
        return 0;
    /* the 1e-9 keeps 99.9% of 1000 samples at rank 999, not 1000 through floating-point error */
    rank = ceil(p / 100.0 * (double)h->n - 1e-9);
    idx = rank < 1 ? 0 : (size_t)rank - 1;
    if (idx >= h->n)
        idx = h->n - 1;
    return h->us[idx];
}

double gbb_hist_mean(const struct gbb_hist *h)
{
    double sum = 0;

    if (h->n == 0)
        return 0;
    for (size_t i = 0; i < h->n; i++)
        sum += h->us[i];
    return sum / (double)h->n;
}
