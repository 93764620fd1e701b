/* select.c - the board's selection: kept by record id across model changes,
 * falling back to the nearest index (see board_view.h). */
#include <stdlib.h>
#include <string.h>

#include "ui/board_internal.h"
#include "ui/board_view.h"

bool select_ensure_tops(board_view *bv)
{
    size_t n = board_column_count(bv->ui->board);
    if (n == bv->ntops)
        return true;
    size_t *t = realloc(bv->tops, (n ? n : 1) * sizeof *t);
    if (!t)
        return false;
    for (size_t i = bv->ntops; i < n; i++)
        t[i] = 0;
    bv->tops = t;
    bv->ntops = n;
    return true;
}

const pb_opp *select_card(board_view *bv)
{
    ui_ctx *ui = bv->ui;
    if (!ui->has_sel_id)
        return NULL;
    const pb_opp *o = board_card(ui->board, ui->sel_col, ui->sel_idx);
    return o && pb_id_equal(&o->id, &ui->sel_id) ? o : NULL;
}

void select_set(board_view *bv, size_t col, size_t idx)
{
    ui_ctx *ui = bv->ui;
    size_t ncols = board_column_count(ui->board);
    bv->jumping = false;
    if (ncols == 0) {
        ui->sel_col = ui->sel_idx = 0;
        ui->has_sel_id = false;
        return;
    }
    if (col >= ncols)
        col = ncols - 1;
    pb_column_view cv;
    board_column(ui->board, col, &cv);
    ui->sel_col = col;
    if (cv.loaded == 0) {
        ui->sel_idx = 0;
        ui->has_sel_id = false;
    } else {
        ui->sel_idx = idx < cv.loaded ? idx : cv.loaded - 1;
        ui->sel_id = board_card(ui->board, col, ui->sel_idx)->id;
        ui->has_sel_id = true;
        board_want_index(ui->board, col, ui->sel_idx);
    }
    ui->dirty = true;
}

/* The column a known record belongs to, or the column count. */
static size_t stage_column(pb_board *b, const pb_opp *o)
{
    return pb_stage_index(board_stages(b), o->stage);
}

void select_sync(board_view *bv)
{
    ui_ctx *ui = bv->ui;
    pb_board *b = ui->board;
    size_t ncols = board_column_count(b);
    select_ensure_tops(bv);
    if (ncols == 0) {
        ui->sel_col = ui->sel_idx = 0;
        return;
    }
    if (ui->has_sel_id) {
        size_t c, i;
        if (board_locate(b, &ui->sel_id, &c, &i)) {
            ui->sel_col = c;
            ui->sel_idx = i;
            bv->jumping = false;
            if (bv->follow_end) {
                pb_column_view cv;
                board_column(b, c, &cv);
                if (cv.loaded && i + 1 < cv.loaded)
                    select_set(bv, c, cv.loaded - 1);
                if (cv.complete) {
                    bv->follow_end = false;
                    ui_status(ui, false, "All %zu deals of %s loaded", cv.loaded,
                              cv.stage->label && cv.stage->label[0] ? cv.stage->label
                                                                    : cv.stage->value);
                } else if (cv.error) {
                    bv->follow_end = false;
                }
            }
            return;
        }
        if (bv->jumping) {
            /* Still being paged in: keep the id, show its column meanwhile. */
            const pb_opp *o = board_find(b, &ui->sel_id);
            if (o) {
                size_t c2 = stage_column(b, o);
                if (c2 < ncols)
                    ui->sel_col = c2;
            }
            if (board_requests_in_flight(b) > 0)
                return;
            bv->jumping = false;
        }
    }
    /* Fall back to the nearest index in the column (the first card at start). */
    if (ui->sel_col >= ncols)
        ui->sel_col = ncols - 1;
    bool follow = bv->follow_end;
    select_set(bv, ui->sel_col, ui->sel_idx);
    bv->follow_end = follow;
}

void ui_board_select(ui_ctx *ui, const pb_id *id)
{
    board_view *bv = board_view_get(ui);
    ui->sel_id = *id;
    ui->has_sel_id = true;
    ui->dirty = true;
    if (!bv)
        return;
    bv->follow_end = false;
    bv->jumping = !board_jump_to(ui->board, id);
    select_sync(bv);
}
