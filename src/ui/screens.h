/* screens.h - constructors of the modal screens (edit/create form, detail,
 * search) that the board's actions open. Written by the ui-forms module
 * (src/ui/form*.c, picker.c, detail.c, search.c).
 *
 * Promises: each constructor returns a new screen for the caller to push with
 * ui_push (NULL when there is nothing to open; it may then have set a status
 * message). */
#ifndef PB_UI_SCREENS_H
#define PB_UI_SCREENS_H

#include <stddef.h>

#include "ui/ui.h"

ui_screen *ui_form_edit(ui_ctx *ui, const pb_id *id);
ui_screen *ui_form_create(ui_ctx *ui, size_t col);
ui_screen *ui_detail_open(ui_ctx *ui, const pb_id *id);
ui_screen *ui_search_open(ui_ctx *ui);
/* n / N: select the next (dir +1) or previous (dir -1) search result. */
void ui_search_next(ui_ctx *ui, int dir);

#endif
