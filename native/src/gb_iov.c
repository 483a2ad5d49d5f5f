#include "gb_iov.h"

#include <string.h>

size_t gb_iov_len(const struct iovec *iov, int cnt)
{
    size_t total = 0;
    for (int i = 0; i < cnt; i++)
        total += iov[i].iov_len;
    return total;
}

size_t gb_iov_copy(const struct iovec *iov, int cnt, size_t skip, char *out)
{
    size_t o = 0;
    for (int i = 0; i < cnt; i++) {
        size_t l = iov[i].iov_len;
        if (skip >= l) {
            skip -= l;
            continue;
        }
        memcpy(out + o, (const char *)iov[i].iov_base + skip, l - skip);
        o += l - skip;
        skip = 0;
    }
    return o;
}

int gb_iov_slice(const struct iovec *iov, int cnt, size_t off, size_t len, struct iovec *out,
                 int outcap)
{
    int n = 0;
    for (int i = 0; i < cnt && len && n < outcap; i++) {
        size_t l = iov[i].iov_len;
        if (off >= l) {
            off -= l;
            continue;
        }
        size_t take = l - off < len ? l - off : len;
        out[n].iov_base = (char *)iov[i].iov_base + off;
        out[n].iov_len = take;
        n++;
        len -= take;
        off = 0;
    }
    return n;
}
