/* echo: answers with the request body. The response points at the
 * request's own bytes, so the function copies nothing. */
#include "gb_function.h"

int echo(const struct gb_fn_request *req, struct gb_fn_response *resp)
{
    resp->content_type = "application/octet-stream";
    resp->body = req->body;
    resp->body_len = req->body_len;
    return 0;
}
