#include "gb_functions.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXEC_OUT_MAX (16u << 20)

int gb_functions_load(struct gb_functions *fns, const char *routes_file, const char *module_dir,
                      char *err, size_t errlen)
{
    if (gb_routes_load(&fns->routes, routes_file, module_dir, err, errlen) < 0)
        return -1;
    for (size_t i = 0; i < fns->routes.n; i++) {
        const struct gb_route *r = &fns->routes.r[i];
        fns->handlers[i] = NULL;
        if (r->runtime != GB_RT_NATIVE)
            continue;
        /* RTLD_NOW: a missing symbol fails here, at start, not mid-request. */
        void *h = dlopen(r->module, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            snprintf(err, errlen, "cannot load %s: %s", r->module, dlerror());
            return -1;
        }
        void *sym = dlsym(h, r->handler);
        if (!sym) {
            snprintf(err, errlen, "no handler %s in %s", r->handler, r->module);
            return -1;
        }
        memcpy(&fns->handlers[i], &sym, sizeof sym);
    }
    return 0;
}

static const char *guess_type(const char *b, size_t n)
{
    return n && (b[0] == '{' || b[0] == '[') ? "application/json" : "text/plain";
}

/* exec runtime: one fork+exec per request, body on stdin, answer on stdout,
 * exit status 0 means 200. This is the cost the original gateway paid on
 * every request; it is kept to be measured, not recommended. */
static int run_exec(struct gb_functions *fns, const struct gb_route *r,
                    const struct gb_fn_request *req, struct gb_fn_response *resp)
{
    char env_m[32], env_p[256], env_q[2048], env_cl[48];
    snprintf(env_m, sizeof env_m, "REQUEST_METHOD=%.*s", (int)req->method_len, req->method);
    snprintf(env_p, sizeof env_p, "PATH_INFO=%.*s", (int)req->path_len, req->path);
    snprintf(env_q, sizeof env_q, "QUERY_STRING=%.*s", (int)req->query_len, req->query);
    snprintf(env_cl, sizeof env_cl, "CONTENT_LENGTH=%zu", req->body_len);
    char *envp[] = { env_m, env_p, env_q, env_cl, "PATH=/usr/local/bin:/usr/bin:/bin", NULL };
    char *argv[] = { (char *)r->module, (char *)r->handler, NULL };
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) < 0)
        return -1;
    if (pipe2(out, O_CLOEXEC) < 0) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        return -1;
    }
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0)
            _exit(127);
        execve(r->module, argv, envp);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    size_t woff = 0, got = 0;
    int wfd = in[1], rfd = out[0], failed = 0;
    if (req->body_len == 0) {
        close(wfd);
        wfd = -1;
    }
    /* Feed stdin and drain stdout together: doing one then the other
     * deadlocks once either pipe fills. */
    while (rfd >= 0) {
        struct pollfd p[2] = { { rfd, POLLIN, 0 }, { wfd, POLLOUT, 0 } };
        if (poll(p, wfd >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            failed = 1;
            break;
        }
        if (wfd >= 0 && p[1].revents) {
            ssize_t n = write(wfd, req->body + woff, req->body_len - woff);
            if (n > 0)
                woff += (size_t)n;
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || woff == req->body_len) {
                close(wfd);
                wfd = -1;
            }
        }
        if (p[0].revents) {
            if (got == fns->exec_cap) {
                size_t nc = fns->exec_cap ? fns->exec_cap * 2 : 65536;
                char *nb = nc <= EXEC_OUT_MAX ? realloc(fns->exec_out, nc) : NULL;
                if (!nb) {
                    failed = 1;
                    break;
                }
                fns->exec_out = nb;
                fns->exec_cap = nc;
            }
            ssize_t n = read(rfd, fns->exec_out + got, fns->exec_cap - got);
            if (n > 0)
                got += (size_t)n;
            else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                close(rfd);
                rfd = -1;
            }
        }
    }
    if (wfd >= 0)
        close(wfd);
    if (rfd >= 0) {
        close(rfd);
        kill(pid, SIGKILL);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (failed || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return -1;
    resp->body = fns->exec_out;
    resp->body_len = got;
    resp->content_type = guess_type(fns->exec_out, got);
    return 0;
}

void gb_functions_call(struct gb_functions *fns, unsigned route, const char *method,
                       size_t method_len, const char *target, size_t target_len, const char *body,
                       size_t body_len, char *scratch, size_t scratch_cap,
                       struct gb_fn_response *resp)
{
    struct gb_fn_request req;
    req.method = method;
    req.method_len = method_len;
    req.path = target;
    const char *q = memchr(target, '?', target_len);
    req.path_len = q ? (size_t)(q - target) : target_len;
    req.query = q ? q + 1 : target + target_len;
    req.query_len = q ? target_len - req.path_len - 1 : 0;
    req.body = body;
    req.body_len = body_len;

    memset(resp, 0, sizeof *resp);
    resp->status = 200;
    resp->content_type = "application/json";
    resp->scratch = scratch;
    resp->scratch_cap = scratch_cap;
    int rc = -1;
    if (route < fns->routes.n) {
        const struct gb_route *r = &fns->routes.r[route];
        rc = r->runtime == GB_RT_NATIVE ? fns->handlers[route](&req, resp)
                                        : run_exec(fns, r, &req, resp);
    }
    if (rc != 0 || resp->status < 200 || resp->status > 599) {
        static const char fail[] = "{\"error\":\"function failed\"}\n";
        resp->status = 500;
        resp->content_type = "application/json";
        resp->body = fail;
        resp->body_len = sizeof fail - 1;
    }
}
