/* help.h - the help screen, generated from the action table (actions.h) and
 * the live keymap: every action of every context with the keys bound to it.
 * Scrolls with j/k, PgUp/PgDn; q, Esc or ? closes it. */
#ifndef PB_UI_HELP_H
#define PB_UI_HELP_H

#include <stddef.h>

#include "ui/ui.h"

ui_screen *ui_help_new(ui_ctx *ui);

/* The help text as lines (for tests and --help-keys): calls line() once per
 * line with the section title (key NULL) or the keys and the help text. */
typedef void (*help_line_fn)(void *ctx, const char *keys, const char *text);
void help_generate(help_line_fn line, void *ctx);

#endif
