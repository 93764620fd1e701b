/* paths.c - XDG directories, created 0700. */
#include "app/paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool paths_mkdirs(const char *dir, char *err, size_t errlen)
{
    char tmp[1024];
    if (snprintf(tmp, sizeof tmp, "%s", dir) >= (int)sizeof tmp) {
        snprintf(err, errlen, "path too long");
        return false;
    }
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
            return false;
        }
        *p = '/';
    }
    if (mkdir(tmp, 0700) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
        return false;
    }
    return true;
}

static bool xdg_dir(const char *env, const char *fallback, char *out, size_t outlen, bool create,
                    char *err, size_t errlen)
{
    const char *base = getenv(env);
    int n;
    if (base && base[0] == '/') {
        n = snprintf(out, outlen, "%s/pipeboard", base);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home) {
            snprintf(err, errlen, "neither %s nor HOME is set", env);
            return false;
        }
        n = snprintf(out, outlen, "%s/%s/pipeboard", home, fallback);
    }
    if (n < 0 || (size_t)n >= outlen) {
        snprintf(err, errlen, "path too long");
        return false;
    }
    return !create || paths_mkdirs(out, err, errlen);
}

bool paths_data_dir(char *out, size_t outlen, char *err, size_t errlen)
{
    return xdg_dir("XDG_DATA_HOME", ".local/share", out, outlen, true, err, errlen);
}

bool paths_config_dir(char *out, size_t outlen, bool create, char *err, size_t errlen)
{
    return xdg_dir("XDG_CONFIG_HOME", ".config", out, outlen, create, err, errlen);
}

bool paths_cache_dir(char *out, size_t outlen, char *err, size_t errlen)
{
    return xdg_dir("XDG_CACHE_HOME", ".cache", out, outlen, true, err, errlen);
}
