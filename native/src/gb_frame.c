#include "gb_frame.h"

#include <stdio.h>
#include <string.h>

void gb_frame_encode(const struct gb_frame *f, unsigned char out[GB_FRAME_HDR_LEN])
{
    out[0] = GB_FRAME_MAGIC;
    out[1] = f->type;
    out[2] = f->flags;
    out[3] = f->method_len;
    memcpy(out + 4, &f->id, 4);
    memcpy(out + 8, &f->len, 4);
    memcpy(out + 12, &f->route, 2);
    memcpy(out + 14, &f->arg, 2);
}

static long bad(char *err, size_t errlen, const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, "bad frame: %s", why);
    return -1;
}

long gb_frame_decode(const unsigned char *buf, size_t len, uint32_t max_payload,
                     struct gb_frame *f, char *err, size_t errlen)
{
    if (len < GB_FRAME_HDR_LEN)
        return 0;
    if (buf[0] != GB_FRAME_MAGIC)
        return bad(err, errlen, "magic");
    f->type = buf[1];
    f->flags = buf[2];
    f->method_len = buf[3];
    memcpy(&f->id, buf + 4, 4);
    memcpy(&f->len, buf + 8, 4);
    memcpy(&f->route, buf + 12, 2);
    memcpy(&f->arg, buf + 14, 2);
    if (f->flags & ~GB_FRAME_F_ALL)
        return bad(err, errlen, "unknown flags");
    if (f->len > max_payload)
        return bad(err, errlen, "payload too large");
    switch (f->type) {
    case GB_FRAME_REQ:
        if (f->method_len == 0 || f->arg == 0 ||
            (size_t)f->method_len + 1 + f->arg > f->len)
            return bad(err, errlen, "request line does not fit");
        break;
    case GB_FRAME_RESP:
    case GB_FRAME_DONE:
        break;
    case GB_FRAME_BODY:
        break;
    case GB_FRAME_READY:
    case GB_FRAME_CREDIT:
    case GB_FRAME_CLOSED:
        if (f->len != 0)
            return bad(err, errlen, "payload on a header-only frame");
        break;
    case GB_FRAME_CONN:
        if (!(f->flags & GB_FRAME_F_FD) || f->len == 0)
            return bad(err, errlen, "CONN without its descriptor or bytes");
        break;
    default:
        return bad(err, errlen, "unknown type");
    }
    if (len - GB_FRAME_HDR_LEN < f->len)
        return 0;
    return (long)GB_FRAME_HDR_LEN + (long)f->len;
}

void gb_frame_req_split(const struct gb_frame *f, const unsigned char *payload,
                        struct gb_frame_req *out)
{
    size_t line = (size_t)f->method_len + 1 + f->arg;
    out->method = (const char *)payload;
    out->method_len = f->method_len;
    out->target = (const char *)payload + f->method_len + 1;
    out->target_len = f->arg;
    out->body = (const char *)payload + line;
    out->body_len = f->len - line;
}
