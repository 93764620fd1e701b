/* confirm.h - a small yes/no question over the current screen:
 * `Delete "Acme renewal"? y/n`.
 *
 * Promises: the question is drawn sanitised in a box in the middle of the
 * screen; y answers yes, n / Esc / q no (keys from the "confirm" keymap);
 * the callback runs once, after the screen has been popped; a screen
 * destroyed unanswered (the program is quitting) calls nothing and only
 * frees ctx. */
#ifndef PB_UI_CONFIRM_H
#define PB_UI_CONFIRM_H

#include <stdbool.h>

#include "ui/ui.h"

typedef void (*ui_confirm_fn)(ui_ctx *ui, void *ctx, bool yes);

/* `ctx` is freed with free() after the callback unless NULL. Returns the
 * screen to push (NULL on out-of-memory: the callback is not called and ctx
 * is freed). */
ui_screen *ui_confirm_new(ui_ctx *ui, const char *question, ui_confirm_fn fn, void *ctx);

#endif
