/* fuzz-frame: libFuzzer target for gb_frame_decode and gb_frame_req_split,
 * which the gateway runs on bytes from its workers and every worker runs on
 * bytes from the gateway. A bug here is a crash or an out-of-bounds read
 * on a corrupted or desynchronised stream.
 *
 * The input is treated as a byte stream (after a 4-byte payload limit) and
 * decoded frame after frame, as gateway.c and gb_worker.c do. Checks:
 *   - a decoded frame lies inside the buffer, its payload within the limit;
 *   - re-encoding a decoded header gives back the input's 16 bytes;
 *   - a REQ payload split lies inside the frame (every byte is read so ASan
 *     sees an overrun);
 *   - "need more bytes" for a prefix, never a different verdict. */
#include "gb_frame.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz-frame: invariant failed: %s (line %d)\n", #cond,    \
                    __LINE__);                                                        \
            abort();                                                                  \
        }                                                                             \
    } while (0)

static volatile unsigned sink;

static void touch(const char *p, size_t n)
{
    unsigned s = 0;
    for (size_t i = 0; i < n; i++)
        s += (unsigned char)p[i];
    sink += s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t max_payload = 64u << 20;
    if (size >= 4) {
        uint32_t v;
        memcpy(&v, data, 4);
        /* Small limits most of the time so "payload too large" is reached;
         * the real 64 MiB limit otherwise. */
        max_payload = (v & 1) ? (v >> 1) % 4096 : (64u << 20);
        data += 4;
        size -= 4;
    }
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);

    size_t off = 0;
    for (int frames = 0; frames < 1000; frames++) {
        struct gb_frame f;
        char err[96];
        memset(&f, 0, sizeof f);
        err[0] = 0;
        size_t left = size - off;
        long m = gb_frame_decode(buf + off, left, max_payload, &f, err, sizeof err);
        CHECK(m >= -1);
        if (m < 0) {
            CHECK(err[0] != 0 && strncmp(err, "bad frame: ", 11) == 0);
            break;
        }
        if (m == 0) {
            if (left >= GB_FRAME_HDR_LEN)
                CHECK((size_t)GB_FRAME_HDR_LEN + f.len > left && f.len <= max_payload);
            break;
        }
        CHECK((size_t)m == GB_FRAME_HDR_LEN + (size_t)f.len && (size_t)m <= left);
        CHECK(f.len <= max_payload);
        CHECK(f.type >= GB_FRAME_REQ && f.type <= GB_FRAME_TYPE_LAST);
        CHECK((f.flags & ~GB_FRAME_F_ALL) == 0);

        unsigned char again[GB_FRAME_HDR_LEN];
        gb_frame_encode(&f, again);
        CHECK(memcmp(again, buf + off, GB_FRAME_HDR_LEN) == 0);

        /* A frame cut short is "incomplete", never an error. */
        struct gb_frame g;
        size_t cut = (size_t)m - 1;
        long pm = gb_frame_decode(buf + off, cut, max_payload, &g, NULL, 0);
        CHECK(pm == 0);

        if (f.type == GB_FRAME_REQ) {
            struct gb_frame_req q;
            const unsigned char *payload = buf + off + GB_FRAME_HDR_LEN;
            gb_frame_req_split(&f, payload, &q);
            const char *end = (const char *)payload + f.len;
            CHECK(q.method == (const char *)payload && q.method_len == f.method_len);
            CHECK(q.target >= q.method && q.target + q.target_len <= end);
            CHECK(q.body >= q.target && q.body + q.body_len == end);
            CHECK(q.method_len + 1 + q.target_len + q.body_len == f.len);
            touch(q.method, q.method_len);
            touch(q.target, q.target_len);
            touch(q.body, q.body_len);
        }
        off += (size_t)m;
    }
    free(buf);
    return 0;
}
