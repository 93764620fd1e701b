/* theme_load.h - finding and reading theme files (the parsing is
 * theme_file.h's). No curses.
 *
 * Promises:
 *  - Theme names are plain names: letters, digits, '.', '-', '_', not
 *    starting with '.', at most 63 bytes; anything else (a path) is refused.
 *  - Lookup order, the first regular file named NAME wins:
 *      1. $XDG_CONFIG_HOME/pipeboard/themes (default ~/.config/pipeboard/themes):
 *         the user's own themes override the installed ones;
 *      2. <dir of the executable>/../themes (a build tree: build/pipeboard
 *         finds the repository's themes/);
 *      3. <dir of the executable>/../share/pipeboard/themes (a moved install);
 *      4. PIPEBOARD_PREFIX/share/pipeboard/themes (make install).
 *  - A file larger than THEME_MAX_FILE or not a regular file is refused.
 *  - theme_load_named never fails: a bad name, a missing or unreadable file
 *    gives one problem sentence and the `default` theme file instead (or the
 *    built-in theme when no `default` file is found either; that is not a
 *    problem, the built-in theme is the default theme). */
#ifndef PB_UI_THEME_LOAD_H
#define PB_UI_THEME_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/theme_file.h"

#define THEME_MAX_DIRS 4
#define THEME_MAX_FILE (64 * 1024)

typedef struct theme_dirs {
    char dir[THEME_MAX_DIRS][1024];
    int n;
} theme_dirs;

/* The four directories above (those that cannot be computed are left out). */
void theme_dirs_default(theme_dirs *d);
bool theme_name_valid(const char *name);
/* The first dir holding a regular file NAME: its path. */
bool theme_find(const theme_dirs *d, const char *name, char *path, size_t pathlen);
/* Reads and parses path (diagnostics start with it). False, with err, when
 * it cannot be read; parse problems are in out->diag. */
bool theme_load_file(const char *path, theme_def *out, char *err, size_t errlen);

typedef struct theme_choice {
    theme_def def;        /* valid when have_def */
    bool have_def;        /* false: use the built-in theme */
    char name[64];        /* the theme actually used ("default" after a fallback) */
    char path[1024];      /* its file ("" for the built-in one) */
    char problem[400];    /* why the asked-for theme is not used ("" if it is) */
} theme_choice;

/* Looks NAME up (NULL or "": default) and loads it, falling back as above. */
void theme_load_named(const theme_dirs *d, const char *name, theme_choice *out);

#endif
