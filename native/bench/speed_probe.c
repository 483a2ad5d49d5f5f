/* speed-probe - how fast each CPU runs a fixed integer workload, right now.
 *
 * For each CPU of --cpus, in order, the process pins itself to that CPU (sched_setaffinity) and
 * times (CLOCK_MONOTONIC) N iterations of a serial xorshift/multiply mixing loop: registers only,
 * no memory traffic, no syscalls inside. The result of the loop is printed as a checksum, so the
 * compiler cannot drop the work; with a fixed seed it depends only on N. A CPU that is throttled,
 * shared with a noisy neighbour (steal) or clocked down shows as a larger ns for the same work.
 * The N iterations run as ROUNDS rounds of N / ROUNDS, and ns is the fastest round times ROUNDS: a round
 * that the scheduler interrupted (a kernel thread, the collector itself) would otherwise read as a slower
 * machine; a machine that is really slower is slower in every round.
 * Prints a 'speed-probe 1' summary that ingest/parsers/speed-probe.ts reads. */
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gbb_opt.h"
#include "gbb_time.h"

#define TOOL "speed-probe"
/* About 5 ms of loop per CPU: 4.85-4.9 ms on the project machine (2 vCPU AMD EPYC KVM guest, gcc 12.2 -O2,
 * 2026-12-06), about 14 ms for the whole program with --cpus 0,1. See native/bench/README.md. */
#define DEFAULT_ITERATIONS 2750000ULL
#define MAX_ITERATIONS 1000000000000ULL
#define MAX_LIST 1024
#define ROUNDS 5
#define OPT_CPUS 1001
#define OPT_ITERATIONS 1002

struct probe {
    unsigned cpu;
    uint64_t ns;
    uint32_t checksum;
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " TOOL " --cpus LIST [--iterations N]\n"
            "  pins itself to each CPU of LIST in turn and times a fixed integer workload there\n"
            "      --cpus LIST        CPU numbers separated by commas, e.g. 0,1 (run in that order)\n"
            "      --iterations N     loop iterations per CPU (default %llu, about 5 ms here)\n"
            "output: a '" TOOL " 1' line, then 'cpu=C iterations=N ns=T checksum=X' per CPU\n"
            "exit status: 0 measured, 1 runtime failure, 2 usage or a CPU that cannot be used\n",
            (unsigned long long)DEFAULT_ITERATIONS);
}

/* "0,1,3" -> cpus[], in order (repeats allowed). Returns the count, or -1 when malformed. */
static int parse_cpu_list(const char *s, unsigned *cpus, int max)
{
    char item[32];
    int n = 0;

    for (;;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        uint64_t v;

        if (len == 0 || len >= sizeof(item) || n == max)
            return -1;
        memcpy(item, s, len);
        item[len] = '\0';
        if (gbb_opt_uint(item, 0, CPU_SETSIZE - 1, &v) != 0)
            return -1;
        cpus[n++] = (unsigned)v;
        if (comma == NULL)
            return n;
        s = comma + 1;
    }
}

static int pin(unsigned cpu)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof(set), &set);
}

/* The fixed work: xorshift64 feeding a multiply-accumulate, one serial dependency chain that
 * cannot be vectorised or computed in closed form. Folded to 32 bits for printing. */
static uint32_t workload(uint64_t iterations)
{
    uint64_t x = 0x9e3779b97f4a7c15ULL, acc = 0;

    for (uint64_t i = 0; i < iterations; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        acc = acc * 0xbf58476d1ce4e5b9ULL + x;
    }
    return (uint32_t)(acc ^ (acc >> 32));
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = { { "cpus", required_argument, NULL, OPT_CPUS },
                                              { "iterations", required_argument, NULL, OPT_ITERATIONS },
                                              { "help", no_argument, NULL, 'h' },
                                              { NULL, 0, NULL, 0 } };
    static unsigned cpus[MAX_LIST];
    static struct probe probes[MAX_LIST];
    const char *cpus_arg = NULL;
    uint64_t iterations = DEFAULT_ITERATIONS;
    long configured = sysconf(_SC_NPROCESSORS_CONF);
    int ncpus = 0, opt;

    opterr = 0; /* one line of our own per usage error, not getopt's message plus a usage page */
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            usage(stdout);
            return 0;
        case OPT_CPUS:
            cpus_arg = optarg;
            ncpus = parse_cpu_list(optarg, cpus, MAX_LIST);
            if (ncpus < 0) {
                fprintf(stderr, TOOL ": invalid --cpus '%s': expected CPU numbers (0-%d) separated by commas, e.g. 0,1\n", optarg,
                        CPU_SETSIZE - 1);
                return 2;
            }
            break;
        case OPT_ITERATIONS:
            if (gbb_opt_uint(optarg, 1, MAX_ITERATIONS, &iterations) != 0) {
                fprintf(stderr, TOOL ": invalid --iterations '%s': expected an integer from 1 to %llu\n", optarg,
                        (unsigned long long)MAX_ITERATIONS);
                return 2;
            }
            break;
        case ':':
            fprintf(stderr, TOOL ": option '%s' needs a value (see --help)\n", argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, TOOL ": unknown option '%s' (see --help)\n", argv[optind - 1]);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, TOOL ": unexpected argument '%s' (see --help)\n", argv[optind]);
        return 2;
    }
    if (cpus_arg == NULL) {
        fprintf(stderr, TOOL ": --cpus LIST is required, e.g. --cpus 0,1 (see --help)\n");
        return 2;
    }

    /* Every CPU is checked before any is measured: an error leaves no partial summary on stdout. */
    for (int i = 0; i < ncpus; i++) {
        if (configured > 0 && cpus[i] >= (unsigned long)configured) {
            fprintf(stderr, TOOL ": --cpus %s: no cpu %u on this machine (cpus 0-%ld)\n", cpus_arg, cpus[i], configured - 1);
            return 2;
        }
        if (pin(cpus[i]) != 0) {
            fprintf(stderr, TOOL ": --cpus %s: cannot pin to cpu %u: %s\n", cpus_arg, cpus[i], strerror(errno));
            return 2;
        }
    }

    for (int i = 0; i < ncpus; i++) {
        uint64_t t0, t1, n;
        uint32_t sum;
        int on;

        if (pin(cpus[i]) != 0) {
            fprintf(stderr, TOOL ": --cpus %s: cannot pin to cpu %u: %s\n", cpus_arg, cpus[i], strerror(errno));
            return 2;
        }
        /* sched_setaffinity migrates before it returns: anything else means the probe would lie */
        on = sched_getcpu();
        if (on >= 0 && (unsigned)on != cpus[i]) {
            fprintf(stderr, TOOL ": pinned to cpu %u but running on cpu %d\n", cpus[i], on);
            return 1;
        }
        uint64_t best = UINT64_MAX;
        uint64_t per_round = iterations / ROUNDS > 0 ? iterations / ROUNDS : 1;
        sum = 0;
        for (int r = 0; r < ROUNDS; r++) {
            t0 = gbb_now_ns();
            /* the empty asm statements keep the loop between the two clock reads: its input comes out of
             * the first (after t0), its result goes into the second (before t1) */
            n = per_round;
            __asm__ volatile("" : "+r"(n) : : "memory");
            uint32_t round_sum = workload(n);
            __asm__ volatile("" : : "r"(round_sum) : "memory");
            t1 = gbb_now_ns();
            if (t1 - t0 < best) best = t1 > t0 ? t1 - t0 : 1;
            sum ^= round_sum;
        }
        probes[i].checksum = sum;
        probes[i].cpu = cpus[i];
        /* the fastest round, scaled to all N iterations; the format promises ns > 0 */
        probes[i].ns = best * iterations / per_round > 0 ? best * iterations / per_round : 1;
    }

    printf(TOOL " 1\n");
    for (int i = 0; i < ncpus; i++)
        printf("cpu=%u iterations=%llu ns=%llu checksum=%08x\n", probes[i].cpu, (unsigned long long)iterations,
               (unsigned long long)probes[i].ns, probes[i].checksum);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, TOOL ": cannot write the summary to stdout: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
