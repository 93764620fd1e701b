/* board_view.h - the board screen (the bottom of the screen stack) and what
 * other screens may ask of it.
 *
 * Promises:
 *  - One column per stage in metadata order; cards show name, amount,
 *    company, close date (overdue ones stand out) and owner; the selected
 *    card is marked; pending and failed writes are flagged.
 *  - The selection is kept by record id across every model change
 *    (board_locate), falling back to the nearest index in its column; it
 *    starts on the first card of the first column.
 *  - Only visible cards are drawn; a key costs the same whatever the size of
 *    the workspace.
 */
#ifndef PB_UI_BOARD_VIEW_H
#define PB_UI_BOARD_VIEW_H

#include <stdint.h>

#include "ui/ui.h"

/* The board screen; ui_run pushes it first. NULL on out-of-memory. */
ui_screen *board_view_new(ui_ctx *ui);

/* Selects the record `id` on the board: at once if it is loaded, else after
 * the model has paged it in (board_jump_to); the selection then follows it.
 * For search results ("n", Enter on a hit) and after a create. */
void ui_board_select(ui_ctx *ui, const pb_id *id);

/* Tells the board about a write started elsewhere (a form's edit or create),
 * so that quitting waits for it and reports it if it was not saved.
 * `what` is a short description: `edit "Acme renewal"`. */
void ui_board_track_write(ui_ctx *ui, uint64_t op, const pb_id *id, const char *what);

#endif
