#include "gb_routes.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    const char *name;
    unsigned bit;
} methods[] = {
    { "GET", GB_M_GET }, { "POST", GB_M_POST }, { "PUT", GB_M_PUT },
    { "DELETE", GB_M_DELETE }, { "PATCH", GB_M_PATCH },
};

unsigned gb_routes_method_bit(const char *m, size_t len)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strlen(methods[i].name) == len && memcmp(methods[i].name, m, len) == 0)
            return methods[i].bit;
    return 0;
}

void gb_routes_allow(unsigned mask, char *out, size_t outlen)
{
    size_t off = 0;
    out[0] = 0;
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (!(mask & methods[i].bit))
            continue;
        int n = snprintf(out + off, outlen - off, "%s%s", off ? ", " : "", methods[i].name);
        if (n < 0 || (size_t)n >= outlen - off)
            return;
        off += (size_t)n;
    }
}

static int resolve(const char *module, const char *dir1, const char *dir2, char *out,
                   size_t outlen)
{
    if (module[0] == '/') {
        snprintf(out, outlen, "%s", module);
        return access(out, R_OK) == 0 ? 0 : -1;
    }
    const char *dirs[2] = { dir1, dir2 };
    for (int i = 0; i < 2; i++) {
        if (!dirs[i] || !dirs[i][0])
            continue;
        int n = snprintf(out, outlen, "%s/%s", dirs[i], module);
        if (n > 0 && (size_t)n < outlen && access(out, R_OK) == 0)
            return 0;
    }
    return -1;
}

int gb_routes_load(struct gb_routes *rt, const char *file, const char *fallback_dir,
                   char *err, size_t errlen)
{
    char dir[PATH_MAX];
    char line[1024];
    int lineno = 0;

    rt->n = 0;
    FILE *f = fopen(file, "re");
    if (!f) {
        snprintf(err, errlen, "cannot open routes file %s: %s", file, strerror(errno));
        return -1;
    }
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");

    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *save = NULL;
        char *tok[6];
        int nt = 0;
        for (char *t = strtok_r(line, " \t\r\n", &save); t && nt < 6;
             t = strtok_r(NULL, " \t\r\n", &save))
            tok[nt++] = t;
        if (nt == 0)
            continue;
        if (nt != 5) {
            snprintf(err, errlen, "%s:%d: expected METHOD PATH RUNTIME MODULE HANDLER", file,
                     lineno);
            goto fail;
        }
        if (rt->n == GB_ROUTES_MAX) {
            snprintf(err, errlen, "%s:%d: more than %d routes", file, lineno, GB_ROUTES_MAX);
            goto fail;
        }
        struct gb_route *r = &rt->r[rt->n];
        memset(r, 0, sizeof *r);
        char *msave = NULL;
        for (char *m = strtok_r(tok[0], ",+|", &msave); m; m = strtok_r(NULL, ",+|", &msave)) {
            unsigned bit = gb_routes_method_bit(m, strlen(m));
            if (!bit) {
                snprintf(err, errlen, "%s:%d: unknown method %s", file, lineno, m);
                goto fail;
            }
            r->methods |= bit;
        }
        if (tok[1][0] != '/' || strlen(tok[1]) >= sizeof r->path || strchr(tok[1], '?')) {
            snprintf(err, errlen, "%s:%d: bad path %s", file, lineno, tok[1]);
            goto fail;
        }
        snprintf(r->path, sizeof r->path, "%s", tok[1]);
        r->path_len = strlen(r->path);
        if (strcmp(tok[2], "native") == 0)
            r->runtime = GB_RT_NATIVE;
        else if (strcmp(tok[2], "exec") == 0)
            r->runtime = GB_RT_EXEC;
        else {
            snprintf(err, errlen, "%s:%d: unknown runtime %s (native|exec)", file, lineno,
                     tok[2]);
            goto fail;
        }
        if (resolve(tok[3], dir, fallback_dir, r->module, sizeof r->module) < 0) {
            snprintf(err, errlen, "%s:%d: module %s not found in %s or %s", file, lineno, tok[3],
                     dir, fallback_dir ? fallback_dir : "-");
            goto fail;
        }
        if (strlen(tok[4]) >= sizeof r->handler) {
            snprintf(err, errlen, "%s:%d: handler name too long", file, lineno);
            goto fail;
        }
        snprintf(r->handler, sizeof r->handler, "%s", tok[4]);
        for (size_t i = 0; i < rt->n; i++) {
            if (strcmp(rt->r[i].path, r->path) == 0 && (rt->r[i].methods & r->methods)) {
                snprintf(err, errlen, "%s:%d: duplicate route %s", file, lineno, r->path);
                goto fail;
            }
        }
        rt->n++;
    }
    fclose(f);
    if (rt->n == 0) {
        snprintf(err, errlen, "%s: no routes", file);
        return -1;
    }
    return 0;
fail:
    fclose(f);
    return -1;
}

int gb_routes_match(const struct gb_routes *rt, const char *method, size_t mlen,
                    const char *path, size_t plen, int *status, unsigned *allowed)
{
    unsigned bit = gb_routes_method_bit(method, mlen);
    unsigned seen = 0;
    for (size_t i = 0; i < rt->n; i++) {
        const struct gb_route *r = &rt->r[i];
        if (r->path_len != plen || memcmp(r->path, path, plen) != 0)
            continue;
        if (r->methods & bit)
            return (int)i;
        seen |= r->methods;
    }
    *status = seen ? 405 : 404;
    if (allowed)
        *allowed = seen;
    return -1;
}

int gb_routes_format(const struct gb_routes *rt, char *out, size_t outlen)
{
    size_t off = 0;
    for (size_t i = 0; i < rt->n; i++) {
        const struct gb_route *r = &rt->r[i];
        char m[64] = "";
        size_t mo = 0;
        for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++) {
            if (r->methods & methods[k].bit) {
                int w = snprintf(m + mo, sizeof m - mo, "%s%s", mo ? "," : "", methods[k].name);
                if (w > 0)
                    mo += (size_t)w;
            }
        }
        int n = snprintf(out + off, outlen - off, "%s %s %s %s %s\n", m, r->path,
                         r->runtime == GB_RT_NATIVE ? "native" : "exec", r->module, r->handler);
        if (n < 0 || (size_t)n >= outlen - off)
            return -1;
        off += (size_t)n;
    }
    return (int)off;
}
