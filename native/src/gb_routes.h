/* gb_routes: the routes file.
 *
 *   # comment
 *   METHOD[,METHOD...] PATH RUNTIME MODULE HANDLER
 *   GET,POST /api/hello native hello.so hello
 *
 * RUNTIME is `native` (MODULE is a shared object, HANDLER a symbol) or
 * `exec` (MODULE is a program run per request, HANDLER its argv[1]).
 * A relative MODULE is looked up next to the routes file, then in the
 * fallback directory (the gateway's own build directory). */
#ifndef GB_ROUTES_H
#define GB_ROUTES_H

#include <stddef.h>

#define GB_ROUTES_MAX 64

enum gb_runtime { GB_RT_NATIVE = 1, GB_RT_EXEC = 2 };

enum {
    GB_M_GET = 1,
    GB_M_POST = 2,
    GB_M_PUT = 4,
    GB_M_DELETE = 8,
    GB_M_PATCH = 16
};

struct gb_route {
    unsigned methods;
    enum gb_runtime runtime;
    char path[128];
    size_t path_len;
    char module[512]; /* resolved */
    char handler[64];
};

struct gb_routes {
    size_t n;
    struct gb_route r[GB_ROUTES_MAX];
};

int gb_routes_load(struct gb_routes *rt, const char *file, const char *fallback_dir,
                   char *err, size_t errlen);

/* Method token -> GB_M_* bit, 0 if not one we route. */
unsigned gb_routes_method_bit(const char *m, size_t len);

/* Returns the route index, or -1 with *status set to 404 (no such path) or
 * 405 (path exists, method not allowed; *allowed gets the method mask). */
int gb_routes_match(const struct gb_routes *rt, const char *method, size_t mlen,
                    const char *path, size_t plen, int *status, unsigned *allowed);

/* Writes rt back as a routes file with resolved (absolute) module paths.
 * Returns the length, or -1 if out is too small. The gateway hands this
 * snapshot to its workers so a worker respawned after someone edited the
 * file still agrees with the gateway on what each route index means. */
int gb_routes_format(const struct gb_routes *rt, char *out, size_t outlen);

/* "GET, POST" style list for an Allow header. */
void gb_routes_allow(unsigned methods, char *out, size_t outlen);

#endif
