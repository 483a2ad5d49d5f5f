#include "gb_options.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int bad(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return GB_OPTIONS_BAD;
}

/* Decimal in [lo, hi] into *out; else GB_OPTIONS_BAD naming the option. */
static int parse_int(const char *s, const char *name, long lo, long hi, int *out, char *err,
                     size_t errlen)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return bad(err, errlen, "invalid %s '%s' (expected %ld..%ld)", name, s, lo, hi);
    *out = (int)v;
    return 0;
}

/* Seconds in (0, 86400] as whole milliseconds into *out_ms. */
static int parse_seconds_ms(const char *s, const char *name, int *out_ms, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v > 0) || v > 86400)
        return bad(err, errlen, "invalid %s '%s' (expected seconds > 0)", name, s);
    *out_ms = (int)(v * 1000);
    return 0;
}

int gb_options_parse(struct gb_options *o, int argc, char **argv, char *err, size_t errlen)
{
    enum {
        O_MODE = 1, O_PORT, O_LISTEN, O_WORKERS, O_ROUTES, O_IDLE, O_WTMO, O_MAXBODY,
        O_READY, O_HELP, O_WORKER, O_MODDIR, O_WTMO_MS, O_RESPAWN
    };
    static const struct option opts[] = {
        { "mode", required_argument, 0, O_MODE },
        { "port", required_argument, 0, O_PORT },
        { "listen", required_argument, 0, O_LISTEN },
        { "workers", required_argument, 0, O_WORKERS },
        { "routes", required_argument, 0, O_ROUTES },
        { "idle-timeout", required_argument, 0, O_IDLE },
        { "worker-timeout", required_argument, 0, O_WTMO },
        { "max-body", required_argument, 0, O_MAXBODY },
        { "ready-file", required_argument, 0, O_READY },
        { "respawn-delay", required_argument, 0, O_RESPAWN },
        { "help", no_argument, 0, O_HELP },
        { "worker", no_argument, 0, O_WORKER },
        { "module-dir", required_argument, 0, O_MODDIR },
        { "worker-timeout-ms", required_argument, 0, O_WTMO_MS },
        { 0, 0, 0, 0 },
    };
    memset(o, 0, sizeof *o);
    o->port = 8080;
    o->listen_addr = "127.0.0.1";
    o->workers = 1;
    o->idle_ms = 60000;
    o->worker_timeout_ms = 10000;
    o->max_body = 1u << 20;

    char names[128];
    int mode = -1, max_body = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case O_MODE:
            mode = gb_mode_parse(optarg);
            if (mode < 0) {
                gb_mode_list(", ", " or ", names, sizeof names);
                return bad(err, errlen, "invalid --mode '%s' (expected %s)", optarg, names);
            }
            break;
        case O_PORT: rc = parse_int(optarg, "--port", 0, 65535, &o->port, err, errlen); break;
        case O_LISTEN: o->listen_addr = optarg; break;
        case O_WORKERS:
            rc = parse_int(optarg, "--workers", 1, GB_OPTIONS_MAX_WORKERS, &o->workers, err, errlen);
            break;
        case O_ROUTES: o->routes = optarg; break;
        case O_IDLE: rc = parse_seconds_ms(optarg, "--idle-timeout", &o->idle_ms, err, errlen); break;
        case O_WTMO:
            rc = parse_seconds_ms(optarg, "--worker-timeout", &o->worker_timeout_ms, err, errlen);
            break;
        case O_MAXBODY:
            rc = parse_int(optarg, "--max-body", 0, 64L << 20, &max_body, err, errlen);
            o->max_body = (size_t)max_body;
            break;
        case O_READY: o->ready_file = optarg; break;
        case O_RESPAWN:
            rc = parse_seconds_ms(optarg, "--respawn-delay", &o->respawn_ms, err, errlen);
            break;
        case 'h':
        case O_HELP: return GB_OPTIONS_HELP;
        case O_WORKER: o->worker = 1; break;
        case O_MODDIR: o->module_dir = optarg; break;
        case O_WTMO_MS:
            rc = parse_int(optarg, "--worker-timeout-ms", 1, 86400000, &o->worker_timeout_ms, err,
                           errlen);
            break;
        case ':': return bad(err, errlen, "option %s needs a value", argv[optind - 1]);
        default: return bad(err, errlen, "unknown option '%s'", argv[optind - 1]);
        }
        if (rc)
            return rc;
    }
    if (optind < argc)
        return bad(err, errlen, "unexpected argument '%s'", argv[optind]);
    if (mode < 0) {
        gb_mode_list("|", "|", names, sizeof names);
        return bad(err, errlen, "--mode %s is required", names);
    }
    o->mode = (enum gb_mode)mode;
    if (o->worker && !o->routes)
        return bad(err, errlen, "--worker needs --routes");
    return GB_OPTIONS_RUN;
}

void gb_options_usage(FILE *out)
{
    char names[128];
    gb_mode_list("|", "|", names, sizeof names);
    fprintf(out, "usage: gateway --mode %s [options]\n\n", names);
    for (int m = 0; m < gb_mode_count(); m++)
        fprintf(out, "  %-21s%s: %s\n", m == 0 ? "--mode M" : "", gb_mode_name((enum gb_mode)m),
                gb_mode_about((enum gb_mode)m));
    fprintf(out,
            "  --port N             TCP port (default 8080)\n"
            "  --listen ADDR        address to bind (default 127.0.0.1)\n"
            "  --workers N          worker processes, 1..%d (default 1)\n"
            "  --routes FILE        routes file (default: routes.conf next to the native/ build)\n"
            "  --idle-timeout S     close idle client connections after S seconds (default 60)\n"
            "  --worker-timeout S   answer 504 and replace a worker that has not answered in S\n"
            "                       seconds (default 10)\n"
            "  --respawn-delay S    first delay before a dead worker is restarted; doubles while\n"
            "                       it keeps dying young, up to max(5, S) (default 0.1)\n"
            "  --max-body BYTES     largest request body accepted, else 413 (default 1048576)\n"
            "  --ready-file F       also write \"ready\" to F once accepting connections\n"
            "  --help               this text\n"
            "\n"
            "Prints \"ready\" on stdout once it accepts connections. SIGTERM/SIGINT: finish\n"
            "in-flight requests, stop the workers, exit 0.\n",
            GB_OPTIONS_MAX_WORKERS);
}
