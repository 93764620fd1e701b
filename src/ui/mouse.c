/* mouse.c - the board under the mouse: a click selects the card (or the
 * column, on its header); the wheel scrolls the column under the pointer. */
#include <curses.h>

#include "ui/board_internal.h"

static void scroll_column(board_view *bv, size_t col, long delta, size_t loaded)
{
    ui_ctx *ui = bv->ui;
    size_t fit = bv->lay.fit ? bv->lay.fit : 1;
    long top = (long)bv->tops[col] + delta;
    if (top < 0)
        top = 0;
    bv->tops[col] = layout_clamp_top((size_t)top, loaded, fit);
    size_t t = bv->tops[col];
    if (col == ui->sel_col && loaded) {
        /* keep the selection on screen, or the next draw would scroll back */
        if (ui->sel_idx < t)
            select_set(bv, col, t);
        else if (ui->sel_idx >= t + fit)
            select_set(bv, col, t + fit - 1);
    }
    board_want_index(ui->board, col, t + fit < loaded ? t + fit : (loaded ? loaded - 1 : 0));
    ui->dirty = true;
}

void board_mouse(board_view *bv)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return;
    ui_ctx *ui = bv->ui;
    pb_board *b = ui->board;
    const ui_layout *l = &bv->lay;
    if (!b || !board_ready(b) || l->mode == UI_LAYOUT_TOO_SMALL || !select_ensure_tops(bv))
        return;
    long col = layout_column_at(l, ev.x);
    if (col < 0 || (size_t)col >= bv->ntops)
        return;
    pb_column_view cv;
    if (!board_column(b, (size_t)col, &cv))
        return;
    size_t c = (size_t)col;
    bv->follow_end = false;
#ifdef BUTTON5_PRESSED
    if (ev.bstate & BUTTON5_PRESSED) {
        scroll_column(bv, c, +1, cv.loaded);
        return;
    }
#endif
    if (ev.bstate & BUTTON4_PRESSED) {
        scroll_column(bv, c, -1, cv.loaded);
        return;
    }
    if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
        return;
    long idx = layout_card_at(l, ev.y, bv->tops[c], cv.loaded);
    if (idx >= 0) {
        select_set(bv, c, (size_t)idx);
    } else if (ev.y == l->cards_y) {
        scroll_column(bv, c, -(long)l->fit, cv.loaded);                 /* "▲ +N more" */
    } else if (ev.y == l->cards_y + l->cards_h - 1) {
        scroll_column(bv, c, (long)l->fit, cv.loaded);                  /* "▼ +N more" */
    } else if (c != ui->sel_col) {
        size_t old_top = ui->sel_col < bv->ntops ? bv->tops[ui->sel_col] : 0;
        size_t slot = ui->sel_idx >= old_top ? ui->sel_idx - old_top : 0;
        select_set(bv, c, bv->tops[c] + slot);
    }
    ui->dirty = true;
}
