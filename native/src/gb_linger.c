#include "gb_linger.h"

#include <errno.h>
#include <sys/socket.h>
#include <sys/types.h>

int gb_linger_drain(int fd)
{
    char sink[16384];
    for (;;) {
        ssize_t n = recv(fd, sink, sizeof sink, 0);
        if (n > 0 || (n < 0 && errno == EINTR))
            continue;
        return n < 0 && errno == EAGAIN;
    }
}
