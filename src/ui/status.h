/* status.h - the status line (last row): the last action's result, errors in
 * plain words, loading progress; and the top line (workspace, pipeline count
 * and totals, help hint).
 *
 * Promises: model notices (board_take_notice) become status messages as they
 * arrive; a message with an undo hint ends in "· u to undo"; every text is
 * drawn through ui_text (sanitised). */
#ifndef PB_UI_STATUS_H
#define PB_UI_STATUS_H

#include <stdint.h>

#include "ui/ui.h"

/* Moves the model's notices to the status line; true if there was one. */
bool status_take_notices(ui_ctx *ui);
void status_draw(ui_ctx *ui, uint64_t now_ms);
void top_draw(ui_ctx *ui, int width);
/* Monotonic milliseconds. */
uint64_t ui_now_ms(void);
/* True while the model or the network has requests out (spinner ticks). */
bool ui_busy(ui_ctx *ui);

#endif
