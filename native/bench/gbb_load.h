/* gbb_load.h - what bench-throughput and bench-latency share: the load options, the request
 * they send, per-thread outcome tallies and the summary lines common to both.
 *
 * Sharing this keeps the two tools' error kinds and latency definitions identical, so a figure
 * from one can be set beside a figure from the other. */
#ifndef GBB_LOAD_H
#define GBB_LOAD_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "gbb_conn.h"
#include "gbb_hist.h"
#include "gbb_target.h"

struct gbb_load {
    const char *tool;            /* "bench-throughput": prefix of every message */
    const char *url;
    const char *method;
    char *body;                  /* owned: from --body (copied) or --body-file */
    size_t body_len;
    int keepalive;
    unsigned threads;
    unsigned connections;
    uint64_t duration_ns;
    uint64_t timeout_ns;
    const char *latencies_path;  /* NULL: do not write the raw latencies */
    struct gbb_target target;
    char *req;                   /* owned: the request bytes every connection sends */
    size_t req_len;
    int head;
};

struct gbb_tally {
    uint64_t requests;           /* complete responses, any status */
    uint64_t errors[GBB_E_KINDS];
    uint64_t bytes;              /* response bytes, head and body */
    uint64_t dropped_samples;    /* latencies not kept for lack of memory */
    struct gbb_hist hist;
};

/* Option codes handled by gbb_load_option; tools add their own codes above 1000. */
#define GBB_LOAD_LONGOPTS                                                                  \
    { "threads", required_argument, NULL, 't' }, { "connections", required_argument, NULL, 'c' }, \
    { "duration", required_argument, NULL, 'd' }, { "method", required_argument, NULL, 'm' },       \
    { "body", required_argument, NULL, 'b' }, { "body-file", required_argument, NULL, 'B' },        \
    { "close", no_argument, NULL, 'k' }, { "timeout", required_argument, NULL, 'T' },               \
    { "latencies", required_argument, NULL, 'L' }, { "help", no_argument, NULL, 'h' }
#define GBB_LOAD_SHORTOPTS "t:c:d:m:b:T:h"

void gbb_load_init(struct gbb_load *l, const char *tool);
void gbb_load_free(struct gbb_load *l);

/* Applies one common option. Returns 1 when handled, 0 when opt is not a common option,
 * -1 when its value is invalid (err names the option and the expected form). */
int gbb_load_option(struct gbb_load *l, int opt, const char *arg, char *err, size_t errlen);

/* Takes the operands argv[first..argc): at most one, the URL. 0 or -1 with err. */
int gbb_load_operands(struct gbb_load *l, int argc, char **argv, int first, char *err, size_t errlen);

/* Parses the URL, checks the combination of options, builds the request. 0 or -1 with err. */
int gbb_load_prepare(struct gbb_load *l, char *err, size_t errlen);

/* Connections of thread i (0-based) when l->connections are spread over l->threads. */
unsigned gbb_load_share(const struct gbb_load *l, unsigned i);

void gbb_tally_init(struct gbb_tally *t);
void gbb_tally_free(struct gbb_tally *t);
int gbb_tally_merge(struct gbb_tally *dst, const struct gbb_tally *src);

/* Counts a complete response on c whose latency is now - c->start_ns. */
void gbb_tally_response(struct gbb_tally *t, const struct gbb_conn *c, uint64_t now_ns);

uint64_t gbb_tally_errors(const struct gbb_tally *t);

/* Writes the raw latencies file if requested (before sorting: completion order per thread).
 * Returns 0 or -1 with err. */
int gbb_load_write_latencies(const struct gbb_load *l, const struct gbb_tally *t, char *err, size_t errlen);

/* The summary lines both tools print, after their own header line. Sorts t->hist. */
void gbb_load_print(FILE *f, const struct gbb_load *l, struct gbb_tally *t);

#endif
