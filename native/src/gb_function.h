/* gb_function: the ABI between a worker and a native function (.so).
 *
 * A route names a shared object and a handler symbol with this signature.
 * Everything is caller-owned: the request points into the worker's buffer,
 * and the handler answers by pointing resp->body at memory that stays valid
 * until it returns to the worker (static data, the request body, or
 * resp->scratch which the worker provides). */
#ifndef GB_FUNCTION_H
#define GB_FUNCTION_H

#include <stddef.h>

struct gb_fn_request {
    const char *method;
    size_t method_len;
    const char *path;
    size_t path_len;
    const char *query; /* without '?', may be empty */
    size_t query_len;
    const char *body;
    size_t body_len;
};

struct gb_fn_response {
    int status;               /* preset to 200 */
    const char *content_type; /* preset to "application/json" */
    const char *body;
    size_t body_len;
    char *scratch;            /* worker-owned buffer the handler may fill */
    size_t scratch_cap;
};

/* Returns 0 on success; anything else makes the worker answer 500. */
typedef int (*gb_fn_handler)(const struct gb_fn_request *req, struct gb_fn_response *resp);

#endif
