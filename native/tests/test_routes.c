/* Unit tests for gb_routes: parsing, module resolution, lookup (404/405),
 * Allow lists, and the snapshot format workers load. */
#include "gb_routes.h"
#include "gb_test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
}

static int load(const char *text, struct gb_routes *rt, char *err, size_t errlen)
{
    put("routes.conf", text);
    char p[128];
    snprintf(p, sizeof p, "%s/routes.conf", dir);
    char fb[128];
    snprintf(fb, sizeof fb, "%s/fallback", dir);
    return gb_routes_load(rt, p, fb, err, errlen);
}

static struct gb_routes rt; /* big: keep it off the stack */

static void parses_and_resolves(void)
{
    char err[256] = "";
    int rc = load("# comment\n\n"
                  "GET,POST /api/hello native hello.so hello   # trailing\n"
                  "POST /api/echo native fb.so echo\n"
                  "GET /x exec /bin/true t\n",
                  &rt, err, sizeof err);
    CHECK(rc == 0);
    if (rc != 0)
        fprintf(stderr, "  %s\n", err);
    CHECK(rt.n == 3);
    CHECK(rt.r[0].methods == (GB_M_GET | GB_M_POST));
    CHECK(rt.r[0].runtime == GB_RT_NATIVE);
    CHECK(strstr(rt.r[0].module, "/hello.so") && strncmp(rt.r[0].module, dir, strlen(dir)) == 0);
    CHECK(strstr(rt.r[1].module, "/fallback/fb.so") != NULL); /* found in the fallback dir */
    CHECK(rt.r[2].runtime == GB_RT_EXEC && strcmp(rt.r[2].module, "/bin/true") == 0);
    CHECK(strcmp(rt.r[2].handler, "t") == 0);
}

static void lookup(void)
{
    int status = 0;
    unsigned allowed = 0;
    CHECK(gb_routes_match(&rt, "GET", 3, "/api/hello", 10, &status, &allowed) == 0);
    CHECK(gb_routes_match(&rt, "POST", 4, "/api/echo", 9, &status, &allowed) == 1);
    CHECK(gb_routes_match(&rt, "GET", 3, "/api/echo", 9, &status, &allowed) == -1 && status == 405 &&
          allowed == GB_M_POST);
    CHECK(gb_routes_match(&rt, "HEAD", 4, "/api/hello", 10, &status, &allowed) == -1 &&
          status == 405);
    CHECK(gb_routes_match(&rt, "GET", 3, "/api/hell", 9, &status, &allowed) == -1 && status == 404);
    CHECK(gb_routes_match(&rt, "GET", 3, "/api/hello/", 11, &status, &allowed) == -1 &&
          status == 404);
    char allow[64];
    gb_routes_allow(GB_M_GET | GB_M_POST | GB_M_DELETE, allow, sizeof allow);
    CHECK(strcmp(allow, "GET, POST, DELETE") == 0);
}

static void snapshot_round_trip(void)
{
    char text[8192];
    int n = gb_routes_format(&rt, text, sizeof text);
    CHECK(n > 0);
    struct gb_routes *again = malloc(sizeof *again);
    char err[256];
    CHECK(load(text, again, err, sizeof err) == 0);
    CHECK(again->n == rt.n);
    for (size_t i = 0; i < rt.n && i < again->n; i++) {
        CHECK(again->r[i].methods == rt.r[i].methods);
        CHECK(strcmp(again->r[i].path, rt.r[i].path) == 0);
        CHECK(strcmp(again->r[i].module, rt.r[i].module) == 0);
        CHECK(strcmp(again->r[i].handler, rt.r[i].handler) == 0);
        CHECK(again->r[i].runtime == rt.r[i].runtime);
    }
    free(again);
    CHECK(gb_routes_format(&rt, text, 10) == -1);
}

static void errors(void)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        { "GET /a native hello.so\n", ":1: expected METHOD PATH RUNTIME MODULE HANDLER" },
        { "GET /a native hello.so h extra\n", ":1: expected" },
        { "FETCH /a native hello.so h\n", ":1: unknown method FETCH" },
        { "\nGET a native hello.so h\n", ":2: bad path a" },
        { "GET /a?b native hello.so h\n", "bad path" },
        { "GET /a wasm hello.so h\n", "unknown runtime wasm" },
        { "GET /a native nothere.so h\n", "module nothere.so not found" },
        { "GET /a native hello.so h\nGET,POST /a native hello.so h\n", ":2: duplicate route /a" },
        { "# only a comment\n", "no routes" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        struct gb_routes *r = malloc(sizeof *r);
        int rc = load(cases[i].text, r, err, sizeof err);
        CHECK(rc == -1);
        if (!strstr(err, cases[i].want)) {
            fprintf(stderr, "  case %zu: got \"%s\"\n", i, err);
            CHECK(strstr(err, cases[i].want) != NULL);
        }
        free(r);
    }
    char err[256];
    CHECK(gb_routes_load(&rt, "/nonexistent/routes.conf", NULL, err, sizeof err) == -1 &&
          strstr(err, "cannot open") != NULL);
}

static void same_path_different_methods(void)
{
    char err[256];
    struct gb_routes *r = malloc(sizeof *r);
    CHECK(load("GET /a native hello.so h\nPOST /a native fb.so e\n", r, err, sizeof err) == 0);
    int status;
    unsigned allowed;
    CHECK(gb_routes_match(r, "POST", 4, "/a", 2, &status, &allowed) == 1);
    CHECK(gb_routes_match(r, "PUT", 3, "/a", 2, &status, &allowed) == -1 && status == 405 &&
          allowed == (GB_M_GET | GB_M_POST));
    free(r);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/gb-test-routes-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char fb[128];
    snprintf(fb, sizeof fb, "%s/fallback", dir);
    mkdir(fb, 0700);
    put("hello.so", "");
    put("fallback/fb.so", "");

    RUN(parses_and_resolves);
    RUN(lookup);
    RUN(snapshot_round_trip);
    RUN(errors);
    RUN(same_path_different_methods);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return gb_test_report();
}
