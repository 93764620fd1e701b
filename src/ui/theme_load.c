/* theme_load.c - the theme search path and reading theme files (see
 * theme_load.h). */
#include "ui/theme_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PIPEBOARD_PREFIX
#define PIPEBOARD_PREFIX "/usr/local"
#endif

static void add_dir(theme_dirs *d, const char *a, const char *b)
{
    if (d->n >= THEME_MAX_DIRS)
        return;
    int n = snprintf(d->dir[d->n], sizeof d->dir[0], "%s%s", a, b);
    if (n > 0 && (size_t)n < sizeof d->dir[0])
        d->n++;
}

void theme_dirs_default(theme_dirs *d)
{
    d->n = 0;
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        add_dir(d, xdg, "/pipeboard/themes");
    else if (home && *home)
        add_dir(d, home, "/.config/pipeboard/themes");
    char self[1024];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0';
            add_dir(d, self, "/../themes");
            add_dir(d, self, "/../share/pipeboard/themes");
        }
    }
    add_dir(d, PIPEBOARD_PREFIX, "/share/pipeboard/themes");
}

bool theme_name_valid(const char *name)
{
    if (!name || !*name || name[0] == '.' || strlen(name) > 63)
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-' || *p == '_'))
            return false;
    return true;
}

bool theme_find(const theme_dirs *d, const char *name, char *path, size_t pathlen)
{
    if (!theme_name_valid(name))
        return false;
    for (int i = 0; i < d->n; i++) {
        int n = snprintf(path, pathlen, "%s/%s", d->dir[i], name);
        struct stat st;
        if (n > 0 && (size_t)n < pathlen && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            return true;
    }
    if (pathlen)
        path[0] = '\0';
    return false;
}

bool theme_load_file(const char *path, theme_def *out, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s is not a regular file", path);
        fclose(f);
        return false;
    }
    if (st.st_size > THEME_MAX_FILE) {
        snprintf(err, errlen, "%s is too large for a theme (more than %d bytes)", path,
                 THEME_MAX_FILE);
        fclose(f);
        return false;
    }
    char *text = malloc(THEME_MAX_FILE + 1);
    if (!text) {
        snprintf(err, errlen, "out of memory reading %s", path);
        fclose(f);
        return false;
    }
    size_t len = fread(text, 1, THEME_MAX_FILE + 1, f);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad || len > THEME_MAX_FILE) {
        snprintf(err, errlen, bad ? "cannot read %s" : "%s grew too large while read", path);
        free(text);
        return false;
    }
    theme_file_parse(path, text, len, out);
    free(text);
    return true;
}

static void try_default(const theme_dirs *d, theme_choice *out)
{
    char err[300];
    snprintf(out->name, sizeof out->name, "default");
    if (theme_find(d, "default", out->path, sizeof out->path) &&
        theme_load_file(out->path, &out->def, err, sizeof err)) {
        out->have_def = true;
        return;
    }
    out->path[0] = '\0';
    out->have_def = false;
}

void theme_load_named(const theme_dirs *d, const char *name, theme_choice *out)
{
    memset(out, 0, sizeof *out);
    if (!name || !*name)
        name = "default";
    char shown[48];
    size_t k = 0;
    for (const char *p = name; *p && k < 40; p++)
        shown[k++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
    shown[k] = '\0';
    if (!theme_name_valid(name)) {
        snprintf(out->problem, sizeof out->problem,
                 "theme '%s' is not a theme name (letters, digits, '.', '-', '_'): using default",
                 shown);
        try_default(d, out);
        return;
    }
    if (!theme_find(d, name, out->path, sizeof out->path)) {
        if (strcmp(name, "default") != 0) {
            int n = snprintf(out->problem, sizeof out->problem,
                             "theme '%s' not found: using default (looked in", shown);
            for (int i = 0; i < d->n && n > 0 && (size_t)n < sizeof out->problem; i++)
                n += snprintf(out->problem + n, sizeof out->problem - (size_t)n, "%s %s",
                              i ? "," : "", d->dir[i]);
            if (n > 0 && (size_t)n < sizeof out->problem)
                snprintf(out->problem + n, sizeof out->problem - (size_t)n, ")");
        }
        try_default(d, out);
        return;
    }
    char err[300];
    if (!theme_load_file(out->path, &out->def, err, sizeof err)) {
        snprintf(out->problem, sizeof out->problem, "theme %s: %s: using default", shown, err);
        try_default(d, out);
        return;
    }
    snprintf(out->name, sizeof out->name, "%s", name);
    out->have_def = true;
}
