/* Does splice(2) make proxy's relay cheaper? A one-off experiment, not product code.
 *
 * Three processes, as in proxy mode at large answers: a "worker" writes answers of SIZE bytes into a Unix
 * stream socket in 64 KiB parts; a "relay" (the gateway's role) moves every byte from that socket to a
 * loopback TCP connection, either with read()+write() through a 64 KiB buffer (what the gateway does) or with
 * splice() Unix socket -> pipe -> TCP socket (`splice`: a 64 KiB pipe, the default size, and 64 KiB per call;
 * `splice1m`: a 1 MiB pipe and up to 1 MiB per call); a "client" reads the TCP side and discards it.
 * Prints the CPU time (user + system, getrusage of each child) per answer of each process.
 *
 *   cc -O2 -o relay relay.c && taskset -c 0 ./relay copy|splice|splice1m SIZE COUNT CLIENT_CPU
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define PART (64 * 1024)

static void die(const char *what) { perror(what); exit(1); }

static double cpu_us(const struct rusage *r)
{
    return (r->ru_utime.tv_sec + r->ru_stime.tv_sec) * 1e6 + r->ru_utime.tv_usec + r->ru_stime.tv_usec;
}

static void pin(int cpu)
{
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(cpu, &s);
    if (sched_setaffinity(0, sizeof s, &s) != 0) die("sched_setaffinity");
}

static void worker(int fd, long size, long count)
{
    char *buf = malloc(PART);
    memset(buf, 'x', PART);
    for (long i = 0; i < count; i++)
        for (long left = size; left > 0;) {
            ssize_t n = write(fd, buf, left < PART ? left : PART);
            if (n <= 0) die("worker write");
            left -= n;
        }
    close(fd);
    exit(0);
}

static void relay(int from, int to, int use_splice, long chunk, long total)
{
    char *buf = malloc(PART);
    int p[2];
    if (use_splice && pipe2(p, 0) != 0) die("pipe");
    if (use_splice && fcntl(p[1], F_SETPIPE_SZ, (int)chunk) < chunk) die("F_SETPIPE_SZ");
    for (long moved = 0; moved < total;) {
        if (!use_splice) {
            ssize_t n = read(from, buf, PART);
            if (n <= 0) die("relay read");
            for (ssize_t off = 0; off < n;) {
                ssize_t w = write(to, buf + off, n - off);
                if (w <= 0) die("relay write");
                off += w;
            }
            moved += n;
        } else {
            ssize_t n = splice(from, NULL, p[1], NULL, chunk, SPLICE_F_MOVE | SPLICE_F_MORE);
            if (n <= 0) die("splice in");
            for (ssize_t off = 0; off < n;) {
                ssize_t w = splice(p[0], NULL, to, NULL, n - off, SPLICE_F_MOVE | SPLICE_F_MORE);
                if (w <= 0) die("splice out");
                off += w;
            }
            moved += n;
        }
    }
    close(to);
    exit(0);
}

static void client(int fd, long total)
{
    char *buf = malloc(PART);
    for (long got = 0; got < total;) {
        ssize_t n = read(fd, buf, PART);
        if (n <= 0) die("client read");
        got += n;
    }
    exit(0);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: relay copy|splice|splice1m SIZE COUNT CLIENT_CPU\n");
        return 2;
    }
    int use_splice = strncmp(argv[1], "splice", 6) == 0;
    long chunk = strcmp(argv[1], "splice1m") == 0 ? 1024 * 1024 : PART;
    long size = atol(argv[2]), count = atol(argv[3]);
    int client_cpu = atoi(argv[4]);
    long total = size * count;

    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) die("socketpair");
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK), .sin_port = 0 };
    socklen_t al = sizeof a;
    if (bind(lfd, (void *)&a, sizeof a) != 0 || listen(lfd, 1) != 0 || getsockname(lfd, (void *)&a, &al) != 0) die("listen");
    int cfd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(cfd, (void *)&a, sizeof a) != 0) die("connect");
    int sfd = accept(lfd, NULL, NULL);
    if (sfd < 0) die("accept");

    pid_t pw = fork();
    if (pw == 0) { close(sv[0]); close(sfd); close(cfd); worker(sv[1], size, count); }
    pid_t pr = fork();
    if (pr == 0) { close(sv[1]); close(cfd); relay(sv[0], sfd, use_splice, chunk, total); }
    pid_t pc = fork();
    if (pc == 0) { pin(client_cpu); close(sv[0]); close(sv[1]); close(sfd); client(cfd, total); }
    close(sv[0]); close(sv[1]); close(sfd); close(cfd); close(lfd);

    const char *names[3] = { "worker", "relay", "client" };
    pid_t pids[3] = { pw, pr, pc };
    double us[3] = { 0 };
    for (int i = 0; i < 3; i++) {
        int st;
        struct rusage r;
        if (wait4(pids[i], &st, 0, &r) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "%s failed\n", names[i]);
            return 1;
        }
        us[i] = cpu_us(&r);
    }
    printf("%s size=%ld count=%ld", argv[1], size, count);
    for (int i = 0; i < 3; i++) printf(" %s_us_per_answer=%.1f", names[i], us[i] / count);
    printf("\n");
    return 0;
}
