/* gb_iov: byte ranges of an iovec array - what is left of an answer after a
 * short write, and the slices it is cut into for the worker's frames.
 *
 *   iov = { "HTTP/1.1 200 OK\r\n...", 60 }, { body, 1000 }
 *   gb_iov_len(iov, 2)                      -> 1060
 *   gb_iov_copy(iov, 2, 50, out)            -> 1010 (the last 10 head bytes, then the body)
 *   gb_iov_slice(iov, 2, 50, 20, out, 2)    -> 2: { head + 50, 10 }, { body, 10 } */
#ifndef GB_IOV_H
#define GB_IOV_H

#include <stddef.h>
#include <sys/uio.h>

/* Total bytes of iov[0..cnt). */
size_t gb_iov_len(const struct iovec *iov, int cnt);

/* Copies the bytes from offset skip to the end into out (room for
 * gb_iov_len - skip bytes); returns how many. */
size_t gb_iov_copy(const struct iovec *iov, int cnt, size_t skip, char *out);

/* Points out[] at bytes [off, off + len) of iov, with at most outcap
 * entries; returns how many entries it used (the range is cut short when
 * they run out or iov does). */
int gb_iov_slice(const struct iovec *iov, int cnt, size_t off, size_t len, struct iovec *out,
                 int outcap);

#endif
