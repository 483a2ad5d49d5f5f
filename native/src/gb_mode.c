#include "gb_mode.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    const char *about;
} modes[] = {
    [GB_MODE_PROXY] = { "proxy", "the gateway relays request and response frames" },
    [GB_MODE_FDPASS] = { "fdpass", "the client socket is passed to the worker (SCM_RIGHTS)" },
    [GB_MODE_FDPASS_CONN] = { "fdpass-conn",
                              "the client socket goes to one worker for the connection's life" },
};

#define NMODES (sizeof modes / sizeof *modes)

int gb_mode_parse(const char *name)
{
    for (size_t i = 0; i < NMODES; i++)
        if (strcmp(name, modes[i].name) == 0)
            return (int)i;
    return -1;
}

int gb_mode_count(void)
{
    return (int)NMODES;
}

const char *gb_mode_name(enum gb_mode m)
{
    return modes[m].name;
}

const char *gb_mode_about(enum gb_mode m)
{
    return modes[m].about;
}

void gb_mode_list(const char *sep, const char *last, char *out, size_t outlen)
{
    size_t len = 0;
    if (outlen == 0)
        return;
    out[0] = 0;
    for (size_t i = 0; i < NMODES && len < outlen; i++) {
        const char *join = i == 0 ? "" : i + 1 == NMODES ? last : sep;
        int n = snprintf(out + len, outlen - len, "%s%s", join, modes[i].name);
        if (n < 0)
            return;
        len += (size_t)n;
    }
}
