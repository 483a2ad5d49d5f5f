/* gbb_proc.h - reading a process tree's CPU time and memory from /proc.
 *
 * A process is identified by pid AND start time: the gateway respawns dead workers, and a
 * recycled pid must not be mistaken for the process it replaced. */
#ifndef GBB_PROC_H
#define GBB_PROC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct gbb_proc_stat {
    pid_t pid;
    pid_t ppid;
    char state;             /* R, S, Z, ... */
    char comm[32];
    uint64_t utime_ticks;   /* user CPU, in clock ticks (sysconf(_SC_CLK_TCK)) */
    uint64_t stime_ticks;   /* system CPU */
    uint64_t cutime_ticks;  /* user CPU of children it waited for (exec-runtime functions) */
    uint64_t cstime_ticks;
    uint64_t start_ticks;   /* start time after boot: with pid, the identity of the process */
};

struct gbb_proc_mem {
    uint64_t rss_kb;        /* VmRSS */
    uint64_t hwm_kb;        /* VmHWM: peak RSS over the process's life, seen by the kernel */
};

/* Returns 0, or -1 with err (ENOENT in errno when the process is gone, which callers expect). */
int gbb_proc_read_stat(pid_t pid, struct gbb_proc_stat *st, char *err, size_t errlen);

/* Returns 0, or -1 with err. A zombie has no VmRSS line: that reads as 0 kB, not an error. */
int gbb_proc_read_mem(pid_t pid, struct gbb_proc_mem *m, char *err, size_t errlen);

/* Writes root then all its live descendants (any depth, breadth first) into pids (caller-owned,
 * cap entries). Returns the count (at most cap), or -1 with err when root does not exist. */
int gbb_proc_tree(pid_t root, pid_t *pids, int cap, char *err, size_t errlen);

struct gbb_proc_sample {
    int root;               /* 1 for a pid given on the command line, 0 for a descendant */
    struct gbb_proc_stat st;
    struct gbb_proc_mem mem;
};

/* Reads stat and memory of every process in the trees of roots (or only the roots when
 * children is 0) into out (caller-owned, cap entries). A root that has exited is skipped, not
 * an error, since workers come and go. Returns the count (0 when every root is gone). */
int gbb_proc_scan(const pid_t *roots, int nroots, int children, struct gbb_proc_sample *out, int cap);

/* Clock ticks since boot now, on the clock /proc/PID/stat's starttime uses: a process whose
 * start is after the window's start began inside the window and all its CPU time counts. */
uint64_t gbb_proc_now_ticks(void);

/* comm as one token for "key=value" output: spaces and '=' become '_' (comm is free text). */
void gbb_proc_comm_token(char *dst, size_t cap, const char *comm);

/* Microseconds per clock tick (10000 at the usual USER_HZ of 100). */
uint64_t gbb_proc_us_per_tick(void);

#endif
