/* gbb_cmd.h - running the load command whose window bench-cpu and bench-memory measure.
 *
 * `bench-cpu --pid P -- wrk ...` makes the measurement window exactly the load's lifetime, and
 * the load's request count can be read from its own output: no second clock to line up. */
#ifndef GBB_CMD_H
#define GBB_CMD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct gbb_cmd {
    pid_t pid;
    int out_fd;      /* read end of the command's stdout; -1 once drained */
    int fwd_fd;      /* where its output is copied (stderr, or --load-output) */
    char *keep;      /* caller-owned: the first keep_cap-1 bytes of output, NUL-terminated */
    size_t keep_cap;
    size_t keep_len;
    int exited;
    int status;      /* waitpid status once exited */
};

/* Starts argv (PATH lookup) with stdout on a pipe. Returns 0, or -1 with err (e.g. not found). */
int gbb_cmd_start(struct gbb_cmd *c, char *const argv[], int fwd_fd, char *keep, size_t keep_cap, char *err,
                  size_t errlen);

/* Copies pending output, waiting at most timeout_ms. Returns 1 once the command has exited
 * (and its output is copied), 0 while it runs, -1 on a system error. */
int gbb_cmd_wait(struct gbb_cmd *c, int timeout_ms);

/* Exit code, or 128+signal, as a shell reports it. */
int gbb_cmd_exit_code(const struct gbb_cmd *c);

/* Finds a request count in load output: a bench-throughput summary line "requests: N" or wrk's
 * "N requests in 10.00s". Returns 0 and sets *out, or -1 when there is none. */
int gbb_find_requests(const char *text, uint64_t *out);

#endif
