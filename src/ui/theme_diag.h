/* theme_diag.h - the problems found before the screen starts (config file
 * and theme file diagnostics, a theme that was not found or needs more
 * colors), kept so the screen can show them: before this, they went to
 * stderr only, which the user sees after quitting.
 *
 * Promises: pure (no curses); keeps the first THEME_DIAG_MAX messages (the
 * others are counted); $HOME/ at the start of a word is kept as ~/;
 * theme_diag_summary gives one line for the status bar, e.g.
 * "config: 2 problems (first: ~/.config/pipeboard/config:3: unknown setting 'foo')". */
#ifndef PB_UI_THEME_DIAG_H
#define PB_UI_THEME_DIAG_H

#include <stddef.h>

#define THEME_DIAG_MAX 32

/* source: a short word naming where the problem is ("config", "theme"). */
void theme_diag_add(const char *source, const char *text);
int theme_diag_count(void);            /* all, dropped ones included */
const char *theme_diag_get(int i);     /* NULL beyond the kept ones */
void theme_diag_summary(char *out, size_t outlen);   /* "" when none */
void theme_diag_clear(void);

#endif
