/* gbb_time.h - monotonic clock helpers shared by the bench clients.
 *
 * Everything is in nanoseconds of CLOCK_MONOTONIC so that wall-clock steps (NTP) cannot
 * shorten or stretch a measurement window. */
#ifndef GBB_TIME_H
#define GBB_TIME_H

#include <stdint.h>
#include <time.h>

#define GBB_NS_PER_US 1000ULL
#define GBB_NS_PER_MS 1000000ULL
#define GBB_NS_PER_S 1000000000ULL

static inline uint64_t gbb_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * GBB_NS_PER_S + (uint64_t)ts.tv_nsec;
}

static inline void gbb_sleep_ns(uint64_t ns)
{
    struct timespec ts = { (time_t)(ns / GBB_NS_PER_S), (long)(ns % GBB_NS_PER_S) };
    while (nanosleep(&ts, &ts) != 0) {
    }
}

#endif
