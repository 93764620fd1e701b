/* lineedit_draw.c - draws a ui_lineedit (see lineedit.h). */
#include "ui/lineedit.h"

#include <curses.h>
#include <string.h>

#include "ui/text.h"
#include "util/utf8.h"
#include "util/width.h"

void ui_le_draw(ui_lineedit *le, int y, int x, int w, int attr, bool cursor)
{
    if (w <= 0)
        return;
    if (w < 2) {
        ui_fill(y, x, w, attr);
        return;
    }
    size_t start, nbytes, col;
    ui_le_fit(le, (size_t)w, &start, &nbytes, &col);
    char shown[UI_LE_MAX_BYTES + 1];
    memcpy(shown, ui_le_text(le) + start, nbytes);
    shown[nbytes] = '\0';
    ui_text_pad(y, x, w, shown, attr);
    if (!cursor || col >= (size_t)w)
        return;
    /* the character under the cursor (with its zero-width marks), or a space */
    const char *t = ui_le_text(le);
    char cell[32] = " ";
    size_t at = le->cur, end = at;
    if (at < le->len) {
        uint32_t cp;
        end += pb_utf8_decode(t + end, le->len - end, &cp);
        while (end < le->len) {
            size_t n = pb_utf8_decode(t + end, le->len - end, &cp);
            if (cp == PB_UTF8_INVALID || pb_width_cp(cp) != 0 || end + n - at >= sizeof cell)
                break;
            end += n;
        }
        memcpy(cell, t + at, end - at);
        cell[end - at] = '\0';
    }
    size_t cw = pb_width(cell);
    if (cw == 0 || col + cw > (size_t)w)
        return;
    ui_text(y, x + (int)col, (int)cw, cell, attr ^ A_REVERSE);
}
