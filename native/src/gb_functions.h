/* gb_functions: a worker's functions - loaded once at start (dlopen'd
 * native modules, or programs run per request by the exec runtime) and
 * called per request.
 *
 *   struct gb_functions fns;          (caller-owned, e.g. static)
 *   gb_functions_load(&fns, "/proc/self/fd/4", dir, err, sizeof err)  -> 0
 *   gb_functions_call(&fns, route, method, 3, target, 10, body, 0, scratch, cap, &resp)
 *     -> resp.status 200, resp.body "{\"status\":\"ok\"}" (or the 500 answer when
 *        the function failed) */
#ifndef GB_FUNCTIONS_H
#define GB_FUNCTIONS_H

#include "gb_function.h"
#include "gb_routes.h"

#include <stddef.h>

struct gb_functions {
    struct gb_routes routes;
    gb_fn_handler handlers[GB_ROUTES_MAX];
    /* the exec runtime's output, reused across requests (grown as needed) */
    char *exec_out;
    size_t exec_cap;
};

/* Reads the routes file and loads every native route's symbol (RTLD_NOW, so
 * a missing one fails here, not mid-request). Returns 0 or -1 with err. */
int gb_functions_load(struct gb_functions *fns, const char *routes_file, const char *module_dir,
                      char *err, size_t errlen);

/* Runs route's function for "METHOD target" and body. resp is filled in
 * (status, content type, body); a failing function, a status out of range or
 * an unknown route give the 500 answer. The body stays valid until the next
 * call (it may point into scratch, the request body or exec_out). */
void gb_functions_call(struct gb_functions *fns, unsigned route, const char *method,
                       size_t method_len, const char *target, size_t target_len, const char *body,
                       size_t body_len, char *scratch, size_t scratch_cap,
                       struct gb_fn_response *resp);

#endif
