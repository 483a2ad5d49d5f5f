/* gb_fdpass: sending and receiving file descriptors over a Unix stream
 * socket (SCM_RIGHTS), alongside ordinary bytes. */
#ifndef GB_FDPASS_H
#define GB_FDPASS_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

/* The kernel refuses more than SCM_MAX_FD (253) descriptors per message. */
#define GB_FDPASS_MAX_FDS 253

/* sendmsg of iov with nfds descriptors attached to the first byte sent.
 * Returns bytes sent (possibly short on a non-blocking socket; the fds went
 * with the first byte) or -1 with errno (EINTR is retried here). */
ssize_t gb_fdpass_send(int sock, const struct iovec *iov, int iovcnt,
                       const int *fds, size_t nfds, int flags);

/* recvmsg into buf; received descriptors (close-on-exec) are appended to
 * fds, *nfds updated, at most maxfds. *truncated is set when the kernel
 * dropped descriptors (MSG_CTRUNC: our receiver hit EMFILE or the control
 * buffer was short); the caller cannot know which frames lost theirs.
 * Returns bytes (0 = EOF) or -1 with errno. */
ssize_t gb_fdpass_recv(int sock, void *buf, size_t len, int *fds, size_t *nfds,
                       size_t maxfds, int *truncated);

#endif
