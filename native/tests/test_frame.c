/* Unit tests for gb_frame (round trip, partial, malformed) and gb_fdpass
 * (a descriptor survives the trip, arrives close-on-exec). */
#include "gb_fdpass.h"
#include "gb_frame.h"
#include "gb_test.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static size_t make_req(unsigned char *out, const char *line_method, const char *target,
                       const char *body)
{
    size_t ml = strlen(line_method), tl = strlen(target), bl = strlen(body);
    struct gb_frame f = { .type = GB_FRAME_REQ, .flags = GB_FRAME_F_KEEPALIVE,
                          .method_len = (uint8_t)ml, .id = 77,
                          .len = (uint32_t)(ml + 1 + tl + bl), .route = 3, .arg = (uint16_t)tl };
    gb_frame_encode(&f, out);
    size_t o = GB_FRAME_HDR_LEN;
    memcpy(out + o, line_method, ml), o += ml;
    out[o++] = ' ';
    memcpy(out + o, target, tl), o += tl;
    memcpy(out + o, body, bl), o += bl;
    return o;
}

static void round_trip(void)
{
    unsigned char buf[256];
    size_t n = make_req(buf, "POST", "/api/echo?x=1", "hello");
    struct gb_frame f;
    char err[64];
    CHECK(gb_frame_decode(buf, n, 1024, &f, err, sizeof err) == (long)n);
    CHECK(f.type == GB_FRAME_REQ && f.id == 77 && f.route == 3 &&
          f.flags == GB_FRAME_F_KEEPALIVE);
    struct gb_frame_req r;
    gb_frame_req_split(&f, buf + GB_FRAME_HDR_LEN, &r);
    CHECK(r.method_len == 4 && memcmp(r.method, "POST", 4) == 0);
    CHECK(r.target_len == 13 && memcmp(r.target, "/api/echo?x=1", 13) == 0);
    CHECK(r.body_len == 5 && memcmp(r.body, "hello", 5) == 0);
}

static void partial(void)
{
    unsigned char buf[256];
    size_t n = make_req(buf, "GET", "/a", "");
    struct gb_frame f;
    char err[64];
    for (size_t i = 0; i < n; i++) {
        unsigned char *copy = malloc(i ? i : 1);
        memcpy(copy, buf, i);
        long rc = gb_frame_decode(copy, i, 1024, &f, err, sizeof err);
        CHECK(rc == 0);
        if (i >= GB_FRAME_HDR_LEN)
            CHECK(f.len == n - GB_FRAME_HDR_LEN);
        free(copy);
    }
}

static void two_frames_back_to_back(void)
{
    unsigned char buf[512];
    size_t a = make_req(buf, "GET", "/a", "");
    size_t b = make_req(buf + a, "POST", "/b", "xyz");
    struct gb_frame f;
    char err[64];
    CHECK(gb_frame_decode(buf, a + b, 1024, &f, err, sizeof err) == (long)a);
    CHECK(gb_frame_decode(buf + a, b, 1024, &f, err, sizeof err) == (long)b);
    CHECK(f.len == 1 + 1 + 2 + 3 + 3);
}

static void malformed(void)
{
    unsigned char buf[256], m[256];
    size_t n = make_req(buf, "GET", "/a", "");
    struct gb_frame f;
    char err[64];

    memcpy(m, buf, n), m[0] = 0;
    CHECK(gb_frame_decode(m, n, 1024, &f, err, sizeof err) == -1);
    memcpy(m, buf, n), m[1] = 99;
    CHECK(gb_frame_decode(m, n, 1024, &f, err, sizeof err) == -1);
    memcpy(m, buf, n), m[2] = 0x80;
    CHECK(gb_frame_decode(m, n, 1024, &f, err, sizeof err) == -1);
    CHECK(gb_frame_decode(buf, n, 2, &f, err, sizeof err) == -1); /* over max payload */
    memcpy(m, buf, n), m[3] = 200; /* method longer than payload */
    CHECK(gb_frame_decode(m, n, 1024, &f, err, sizeof err) == -1);
    memcpy(m, buf, n), m[3] = 0;
    CHECK(gb_frame_decode(m, n, 1024, &f, err, sizeof err) == -1);
    memcpy(m, buf, n), m[14] = 0, m[15] = 0; /* empty target */
    CHECK(gb_frame_decode(m, n, 1024, &f, err, sizeof err) == -1);
    struct gb_frame rd = { .type = GB_FRAME_READY, .len = 1 };
    gb_frame_encode(&rd, m);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN + 1, 1024, &f, err, sizeof err) == -1);
    CHECK(strstr(err, "bad frame") != NULL);
}

static void other_types(void)
{
    unsigned char m[64];
    struct gb_frame f, d = { .type = GB_FRAME_DONE, .flags = GB_FRAME_F_KEEPALIVE, .id = 9,
                             .arg = 200 };
    char err[64];
    gb_frame_encode(&d, m);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN, 0, &f, err, sizeof err) == GB_FRAME_HDR_LEN);
    CHECK(f.type == GB_FRAME_DONE && f.id == 9 && f.arg == 200);
    struct gb_frame r = { .type = GB_FRAME_RESP, .id = 1, .len = 3 };
    gb_frame_encode(&r, m);
    memcpy(m + GB_FRAME_HDR_LEN, "abc", 3);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN + 2, 64, &f, err, sizeof err) == 0);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN + 3, 64, &f, err, sizeof err) ==
          GB_FRAME_HDR_LEN + 3);
}

/* The streaming (BODY, CREDIT) and hand-over (CONN, CLOSED) frames. */
static void stream_and_conn_types(void)
{
    unsigned char m[64];
    struct gb_frame f;
    char err[64];
    struct gb_frame b = { .type = GB_FRAME_BODY, .flags = GB_FRAME_F_MORE, .id = 5, .len = 2 };
    gb_frame_encode(&b, m);
    memcpy(m + GB_FRAME_HDR_LEN, "xy", 2);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN + 2, 64, &f, err, sizeof err) == GB_FRAME_HDR_LEN + 2);
    CHECK(f.type == GB_FRAME_BODY && f.flags == GB_FRAME_F_MORE && f.id == 5);
    struct gb_frame c = { .type = GB_FRAME_CREDIT, .flags = GB_FRAME_F_FAIL, .id = 6, .arg = 3 };
    gb_frame_encode(&c, m);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN, 0, &f, err, sizeof err) == GB_FRAME_HDR_LEN);
    CHECK(f.type == GB_FRAME_CREDIT && f.arg == 3 && f.flags == GB_FRAME_F_FAIL);
    c.len = 1; /* header-only frames carry nothing */
    gb_frame_encode(&c, m);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN + 1, 64, &f, err, sizeof err) == -1);
    CHECK(strcmp(err, "bad frame: payload on a header-only frame") == 0);
    struct gb_frame k = { .type = GB_FRAME_CONN, .flags = GB_FRAME_F_FD | GB_FRAME_F_KEEPALIVE,
                          .id = 7, .len = 3 };
    gb_frame_encode(&k, m);
    memcpy(m + GB_FRAME_HDR_LEN, "GET", 3);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN + 3, 64, &f, err, sizeof err) == GB_FRAME_HDR_LEN + 3);
    CHECK(f.type == GB_FRAME_CONN && f.id == 7);
    k.flags = GB_FRAME_F_KEEPALIVE; /* a connection without its descriptor */
    gb_frame_encode(&k, m);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN + 3, 64, &f, err, sizeof err) == -1);
    CHECK(strcmp(err, "bad frame: CONN without its descriptor or bytes") == 0);
    struct gb_frame z = { .type = GB_FRAME_CLOSED };
    gb_frame_encode(&z, m);
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN, 0, &f, err, sizeof err) == GB_FRAME_HDR_LEN);
    CHECK(f.type == GB_FRAME_CLOSED);
    m[1] = GB_FRAME_TYPE_LAST + 1;
    CHECK(gb_frame_decode(m, GB_FRAME_HDR_LEN, 0, &f, err, sizeof err) == -1);
}

static void mutation_never_crashes(void)
{
    unsigned char seed[128], buf[128];
    size_t n = make_req(seed, "POST", "/api/echo", "0123456789");
    unsigned x = 99;
    int ok = 1;
    struct gb_frame f;
    char err[64];
    for (int it = 0; it < 100000; it++) {
        memcpy(buf, seed, n);
        x = x * 1103515245u + 12345u;
        buf[(x >> 8) % n] = (unsigned char)(x >> 16);
        x = x * 1103515245u + 12345u;
        size_t len = (x >> 4) % (n + 1);
        unsigned char *copy = malloc(len ? len : 1);
        memcpy(copy, buf, len);
        long rc = gb_frame_decode(copy, len, 4096, &f, err, sizeof err);
        if (rc > (long)len)
            ok = 0;
        if (rc > 0 && f.type == GB_FRAME_REQ) {
            struct gb_frame_req r;
            gb_frame_req_split(&f, copy + GB_FRAME_HDR_LEN, &r);
            if (r.body + r.body_len != (const char *)copy + rc)
                ok = 0;
        }
        free(copy);
    }
    CHECK(ok);
}

static void fd_passing(void)
{
    int sv[2], p[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    CHECK(pipe(p) == 0);
    struct iovec iov = { "abc", 3 };
    int fds[2] = { p[0], p[1] };
    CHECK(gb_fdpass_send(sv[0], &iov, 1, fds, 2, 0) == 3);
    char buf[8];
    int got[4];
    size_t ngot = 0;
    int trunc = -1;
    CHECK(gb_fdpass_recv(sv[1], buf, sizeof buf, got, &ngot, 4, &trunc) == 3);
    CHECK(ngot == 2 && trunc == 0);
    if (ngot == 2) {
        CHECK(fcntl(got[0], F_GETFD) & FD_CLOEXEC);
        CHECK(write(got[1], "z", 1) == 1);
        char c = 0;
        CHECK(read(p[0], &c, 1) == 1 && c == 'z');
        close(got[0]);
        close(got[1]);
    }
    /* Too little room for the descriptors: dropped, closed and reported. */
    CHECK(gb_fdpass_send(sv[0], &iov, 1, fds, 2, 0) == 3);
    ngot = 0;
    CHECK(gb_fdpass_recv(sv[1], buf, sizeof buf, got, &ngot, 1, &trunc) == 3);
    CHECK(ngot == 1 && trunc == 1);
    if (ngot == 1)
        close(got[0]);
    /* No descriptors at all. */
    CHECK(gb_fdpass_send(sv[0], &iov, 1, NULL, 0, 0) == 3);
    ngot = 0;
    CHECK(gb_fdpass_recv(sv[1], buf, sizeof buf, got, &ngot, 4, &trunc) == 3);
    CHECK(ngot == 0 && trunc == 0);
    close(sv[0]);
    CHECK(gb_fdpass_recv(sv[1], buf, sizeof buf, got, &ngot, 4, &trunc) == 0);
    close(sv[1]);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    RUN(round_trip);
    RUN(partial);
    RUN(two_frames_back_to_back);
    RUN(malformed);
    RUN(other_types);
    RUN(stream_and_conn_types);
    RUN(mutation_never_crashes);
    RUN(fd_passing);
    return gb_test_report();
}
