/* gb_frame: the gateway <-> worker wire format.
 *
 * Every message is a fixed 16-byte header followed by `len` payload bytes.
 * Both ends run on the same host from the same binary, so fields are in host
 * byte order; the magic byte catches a desynchronised stream early.
 *
 *   0 magic (0xB7)  1 type  2 flags  3 method_len
 *   4 id (u32)      8 len (u32)      12 route (u16)  14 arg (u16)
 *
 * REQ   gateway->worker  payload = "METHOD SP target" then the body;
 *                        method_len, arg = target length, route = index.
 *                        FD flag: an SCM_RIGHTS fd (the client) belongs to it.
 * RESP  worker->gateway  (proxy) payload = the HTTP response bytes, or their
 *                        first part when MORE is set: the rest follows in
 *                        BODY frames with the same id.
 * DONE  worker->gateway  (fdpass) the worker wrote the response itself;
 *                        KEEPALIVE says the connection is reusable, FAIL that
 *                        the worker could not serve it (gateway answers),
 *                        payload = client bytes the worker read past the request.
 *                        (fdpass-conn) the worker took the connection over and
 *                        answered its first request; KEEPALIVE: it still holds
 *                        it (a CLOSED frame follows when it lets go).
 * READY worker->gateway  functions loaded, accepting requests.
 * BODY  worker->gateway  (proxy) the next part of response id; MORE unless it
 *                        is the last. Interleaves with other responses' frames.
 *                        FAIL: the rest is lost (the worker ran out of memory).
 * CREDIT gateway->worker (proxy) arg = how many more parts of response id the
 *                        gateway can take; FAIL: its client is gone, drop the
 *                        rest. No payload.
 * CONN  gateway->worker  (fdpass-conn) a client connection handed over for
 *                        good, its fd attached (FD flag required); payload =
 *                        the client bytes read so far (a complete request
 *                        first); KEEPALIVE unset: close after that request.
 * CLOSED worker->gateway (fdpass-conn) the worker closed a connection it had
 *                        kept. No payload. */
#ifndef GB_FRAME_H
#define GB_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define GB_FRAME_HDR_LEN 16
#define GB_FRAME_MAGIC 0xB7

/* proxy streaming: a response longer than one part goes in RESP + BODY
 * frames of at most GB_FRAME_PART payload bytes, and at most
 * GB_FRAME_WINDOW of one response's parts may be on their way to the
 * gateway or held there: it grants one more (CREDIT) for each part it has
 * written to the client. That bounds the response bytes the gateway holds
 * per connection to GB_FRAME_PART * GB_FRAME_WINDOW (128 KiB). Parts of
 * 64 KiB, not 16: each part costs the gateway a read and a send, so large
 * answers cost it a quarter of the syscalls (native/README.md, "proxy
 * (v1.0): a streaming relay"). */
#define GB_FRAME_PART (64 * 1024)
#define GB_FRAME_WINDOW 2

enum gb_frame_type {
    GB_FRAME_REQ = 1,
    GB_FRAME_RESP = 2,
    GB_FRAME_DONE = 3,
    GB_FRAME_READY = 4,
    GB_FRAME_BODY = 5,
    GB_FRAME_CREDIT = 6,
    GB_FRAME_CONN = 7,
    GB_FRAME_CLOSED = 8
};
#define GB_FRAME_TYPE_LAST GB_FRAME_CLOSED

enum {
    GB_FRAME_F_KEEPALIVE = 1,
    GB_FRAME_F_FD = 2,
    GB_FRAME_F_FAIL = 4,
    GB_FRAME_F_HTTP10 = 8, /* client spoke HTTP/1.0: keep-alive must be explicit */
    GB_FRAME_F_MORE = 16   /* RESP/BODY: more of this response follows */
};
#define GB_FRAME_F_ALL 31

struct gb_frame {
    uint8_t type;
    uint8_t flags;
    uint8_t method_len;
    uint32_t id;
    uint32_t len;
    uint16_t route;
    uint16_t arg;
};

/* A decoded REQ payload; pointers into the caller's buffer. */
struct gb_frame_req {
    const char *method;
    size_t method_len;
    const char *target;
    size_t target_len;
    const char *body;
    size_t body_len;
};

void gb_frame_encode(const struct gb_frame *f, unsigned char out[GB_FRAME_HDR_LEN]);

/* Decodes the frame at buf[0..len). Returns the total frame size
 * (header + payload) when the whole frame is present, 0 when more bytes are
 * needed, -1 when the header is invalid (message in err). When 0 is returned
 * and len >= GB_FRAME_HDR_LEN, *f is filled so the caller can size its
 * buffer for f->len. */
long gb_frame_decode(const unsigned char *buf, size_t len, uint32_t max_payload,
                     struct gb_frame *f, char *err, size_t errlen);

/* Splits a REQ payload (already validated by gb_frame_decode). */
void gb_frame_req_split(const struct gb_frame *f, const unsigned char *payload,
                        struct gb_frame_req *out);

#endif
