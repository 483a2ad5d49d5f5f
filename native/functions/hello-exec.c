/* hello-exec: the exec runtime's example. One process per request: the
 * body arrives on stdin, the answer goes to stdout, exit 0 means 200.
 * argv[1] is the route's HANDLER field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char buf[4096];
    size_t total = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0)
        total += (size_t)n;
    const char *m = getenv("REQUEST_METHOD");
    printf("{\"status\":\"ok\",\"runtime\":\"exec\",\"handler\":\"%s\",\"method\":\"%s\","
           "\"body_bytes\":%zu}",
           argc > 1 ? argv[1] : "", m ? m : "", total);
    return fflush(stdout) == 0 ? 0 : 1;
}
