#include "gbb_load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "gbb_opt.h"
#include "gbb_time.h"

/* 64 MiB: far above the gateway's body limit, low enough that a wrong path cannot eat the RAM */
#define BODY_MAX (64u << 20)

void gbb_load_init(struct gbb_load *l, const char *tool)
{
    memset(l, 0, sizeof(*l));
    l->tool = tool;
    l->method = "GET";
    l->keepalive = 1;
    l->threads = 2;
    l->connections = 10;
    l->duration_ns = 10 * GBB_NS_PER_S;
    l->timeout_ns = 2 * GBB_NS_PER_S;
}

void gbb_load_free(struct gbb_load *l)
{
    free(l->body);
    free(l->req);
    l->body = NULL;
    l->req = NULL;
}

int gbb_load_option(struct gbb_load *l, int opt, const char *arg, char *err, size_t errlen)
{
    uint64_t v;

    switch (opt) {
    case 't':
        if (gbb_opt_uint(arg, 1, 1024, &v) != 0) {
            snprintf(err, errlen, "invalid --threads '%s': expected an integer from 1 to 1024", arg);
            return -1;
        }
        l->threads = (unsigned)v;
        return 1;
    case 'c':
        if (gbb_opt_uint(arg, 1, 100000, &v) != 0) {
            snprintf(err, errlen, "invalid --connections '%s': expected an integer from 1 to 100000", arg);
            return -1;
        }
        l->connections = (unsigned)v;
        return 1;
    case 'd':
        if (gbb_opt_duration_ns(arg, &l->duration_ns) != 0) {
            snprintf(err, errlen, "invalid --duration '%s': expected e.g. 10, 10s, 500ms or 2m", arg);
            return -1;
        }
        return 1;
    case 'T':
        if (gbb_opt_duration_ns(arg, &l->timeout_ns) != 0) {
            snprintf(err, errlen, "invalid --timeout '%s': expected e.g. 2s or 500ms", arg);
            return -1;
        }
        return 1;
    case 'm':
        for (const char *c = arg; *c; c++)
            if (*c < 'A' || *c > 'Z') {
                snprintf(err, errlen, "invalid --method '%s': expected an upper-case token such as GET or POST", arg);
                return -1;
            }
        if (*arg == '\0') {
            snprintf(err, errlen, "invalid --method '': expected GET, POST, ...");
            return -1;
        }
        l->method = arg;
        return 1;
    case 'b':
        free(l->body);
        l->body_len = strlen(arg);
        l->body = malloc(l->body_len + 1);
        if (l->body == NULL) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        memcpy(l->body, arg, l->body_len + 1);
        return 1;
    case 'B':
        free(l->body);
        l->body = NULL;
        if (gbb_read_file(arg, BODY_MAX, &l->body, &l->body_len, err, errlen) != 0)
            return -1;
        return 1;
    case 'k':
        l->keepalive = 0;
        return 1;
    case 'L':
        l->latencies_path = arg;
        return 1;
    default:
        return 0;
    }
}

/* One fd per connection plus a few for epoll, the timer and stdio: the default soft limit of 1024
 * would make -c 2000 fail with a counted EMFILE per connect instead of a clear message. */
static int raise_fd_limit(unsigned connections, char *err, size_t errlen)
{
    struct rlimit rl;
    rlim_t need = (rlim_t)connections + 64;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= need)
        return 0;
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
        snprintf(err, errlen, "%u connections need %llu file descriptors, the hard limit is %llu (ulimit -Hn)", connections,
                 (unsigned long long)need, (unsigned long long)rl.rlim_max);
        return -1;
    }
    rl.rlim_cur = need;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
        snprintf(err, errlen, "cannot raise the open file limit to %llu: %s", (unsigned long long)need, strerror(errno));
        return -1;
    }
    return 0;
}

int gbb_load_operands(struct gbb_load *l, int argc, char **argv, int first, char *err, size_t errlen)
{
    if (first + 1 < argc) {
        snprintf(err, errlen, "expected one URL, got '%s' and '%s'", argv[first], argv[first + 1]);
        return -1;
    }
    if (first < argc)
        l->url = argv[first];
    return 0;
}

int gbb_load_prepare(struct gbb_load *l, char *err, size_t errlen)
{
    size_t need;

    if (l->url == NULL) {
        snprintf(err, errlen, "missing URL (e.g. http://127.0.0.1:8080/api/hello)");
        return -1;
    }
    if (l->connections < l->threads) {
        snprintf(err, errlen, "--connections (%u) must be at least --threads (%u)", l->connections, l->threads);
        return -1;
    }
    if (gbb_target_parse(&l->target, l->url, err, errlen) != 0)
        return -1;
    if (raise_fd_limit(l->connections, err, errlen) != 0)
        return -1;
    l->head = strcmp(l->method, "HEAD") == 0;
    need = gbb_request_size(&l->target, l->method, l->body_len, l->keepalive);
    l->req = malloc(need + 1);
    if (l->req == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    l->req_len = gbb_request_format(l->req, need + 1, &l->target, l->method, l->body, l->body_len, l->keepalive);
    if (l->req_len == 0) {
        snprintf(err, errlen, "cannot build the request");
        return -1;
    }
    return 0;
}

unsigned gbb_load_share(const struct gbb_load *l, unsigned i)
{
    return l->connections / l->threads + (i < l->connections % l->threads ? 1 : 0);
}

void gbb_tally_init(struct gbb_tally *t)
{
    memset(t, 0, sizeof(*t));
    gbb_hist_init(&t->hist);
}

void gbb_tally_free(struct gbb_tally *t)
{
    gbb_hist_free(&t->hist);
}

int gbb_tally_merge(struct gbb_tally *dst, const struct gbb_tally *src)
{
    dst->requests += src->requests;
    for (int k = 0; k < GBB_E_KINDS; k++)
        dst->errors[k] += src->errors[k];
    dst->bytes += src->bytes;
    dst->dropped_samples += src->dropped_samples;
    if (gbb_hist_merge(&dst->hist, &src->hist) != 0) {
        dst->dropped_samples += src->hist.n;
        return -1;
    }
    return 0;
}

void gbb_tally_response(struct gbb_tally *t, const struct gbb_conn *c, uint64_t now_ns)
{
    t->requests++;
    t->bytes += c->resp.header_bytes + c->resp.body_bytes;
    if (c->resp.status < 200 || c->resp.status > 299)
        t->errors[GBB_E_STATUS]++;
    if (gbb_hist_add(&t->hist, now_ns - c->start_ns) != 0)
        t->dropped_samples++;
}

uint64_t gbb_tally_errors(const struct gbb_tally *t)
{
    uint64_t sum = 0;

    for (int k = 1; k < GBB_E_KINDS; k++)
        sum += t->errors[k];
    return sum;
}

int gbb_load_write_latencies(const struct gbb_load *l, const struct gbb_tally *t, char *err, size_t errlen)
{
    FILE *f;

    if (l->latencies_path == NULL)
        return 0;
    f = fopen(l->latencies_path, "w");
    if (f == NULL || gbb_hist_write(&t->hist, f) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", l->latencies_path, strerror(errno));
        if (f)
            fclose(f);
        return -1;
    }
    if (fclose(f) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", l->latencies_path, strerror(errno));
        return -1;
    }
    return 0;
}

void gbb_load_print(FILE *f, const struct gbb_load *l, struct gbb_tally *t)
{
    struct gbb_hist *h = &t->hist;

    fprintf(f, "url: %s\n", l->url);
    fprintf(f, "method: %s\n", l->method);
    fprintf(f, "body_bytes: %zu\n", l->body_len);
    fprintf(f, "keepalive: %d\n", l->keepalive);
    fprintf(f, "threads: %u\n", l->threads);
    fprintf(f, "connections: %u\n", l->connections);
    fprintf(f, "timeout_ms: %llu\n", (unsigned long long)(l->timeout_ns / GBB_NS_PER_MS));
    fprintf(f, "requests: %llu\n", (unsigned long long)t->requests);
    for (int k = 1; k < GBB_E_KINDS; k++)
        fprintf(f, "errors_%s: %llu\n", gbb_err_name(k), (unsigned long long)t->errors[k]);
    fprintf(f, "errors_total: %llu\n", (unsigned long long)gbb_tally_errors(t));
    fprintf(f, "response_bytes: %llu\n", (unsigned long long)t->bytes);
    /* the client's own CPU (user + system, every thread, its whole life):
     * whether the load generator itself was the limit */
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        fprintf(f, "cpu_s: %.3f\n",
                (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
    gbb_hist_sort(h);
    fprintf(f, "latency_samples: %zu\n", h->n);
    fprintf(f, "latency_mean_us: %.1f\n", gbb_hist_mean(h));
    fprintf(f, "latency_p50_us: %u\n", gbb_hist_percentile(h, 50));
    fprintf(f, "latency_p90_us: %u\n", gbb_hist_percentile(h, 90));
    fprintf(f, "latency_p95_us: %u\n", gbb_hist_percentile(h, 95));
    fprintf(f, "latency_p99_us: %u\n", gbb_hist_percentile(h, 99));
    fprintf(f, "latency_p99_9_us: %u\n", gbb_hist_percentile(h, 99.9));
    fprintf(f, "latency_max_us: %u\n", h->n ? h->us[h->n - 1] : 0);
    if (l->latencies_path)
        fprintf(f, "latencies_file: %s\n", l->latencies_path);
}
