/* board_keys.c - what the board's actions do (navigation, writes, screens). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/board_internal.h"
#include "ui/confirm.h"
#include "ui/help.h"
#include "ui/screens.h"
#include "ui/status.h"

#define ELLIPSIS "\xE2\x80\xA6"

static size_t loaded_in(pb_board *b, size_t col)
{
    pb_column_view cv;
    return board_column(b, col, &cv) ? cv.loaded : 0;
}

static void move_column(board_view *bv, int delta, bool wrap)
{
    ui_ctx *ui = bv->ui;
    size_t n = board_column_count(ui->board);
    if (n == 0)
        return;
    long c = (long)ui->sel_col + delta;
    if (c < 0)
        c = wrap ? (long)n - 1 : 0;
    if (c >= (long)n)
        c = wrap ? 0 : (long)n - 1;
    /* keep the same row on screen */
    size_t old_top = ui->sel_col < bv->ntops ? bv->tops[ui->sel_col] : 0;
    size_t slot = ui->sel_idx >= old_top ? ui->sel_idx - old_top : 0;
    size_t top = (size_t)c < bv->ntops ? bv->tops[c] : 0;
    select_set(bv, (size_t)c, top + slot);
}

static void move_index(board_view *bv, long delta)
{
    ui_ctx *ui = bv->ui;
    size_t loaded = loaded_in(ui->board, ui->sel_col);
    if (loaded == 0)
        return;
    long i = (long)ui->sel_idx + delta;
    if (i < 0)
        i = 0;
    if (i >= (long)loaded)
        i = (long)loaded - 1;
    select_set(bv, ui->sel_col, (size_t)i);
}

static void page(board_view *bv, int dir)
{
    ui_ctx *ui = bv->ui;
    size_t fit = bv->lay.fit ? bv->lay.fit : 1;
    size_t col = ui->sel_col;
    size_t loaded = loaded_in(ui->board, col);
    if (col < bv->ntops) {
        size_t top = bv->tops[col];
        if (dir > 0)
            top += fit;
        else
            top = top > fit ? top - fit : 0;
        bv->tops[col] = layout_clamp_top(top, loaded, fit);
    }
    move_index(bv, dir > 0 ? (long)fit : -(long)fit);
}

/* The selected card, or a status message saying there is none. */
static const pb_opp *need_card(board_view *bv)
{
    const pb_opp *o = select_card(bv);
    if (!o)
        ui_status(bv->ui, true, "No card selected");
    return o;
}

static const char *stage_label(pb_board *b, size_t col)
{
    const pb_stage_list *s = board_stages(b);
    if (col >= s->n)
        return "";
    return s->v[col].label && s->v[col].label[0] ? s->v[col].label : s->v[col].value;
}

/* Reports an operation's outcome; OK ones are tracked until saved. */
static void report(board_view *bv, const pb_op_result *r, const pb_id *id, const char *doing,
                   const char *what, const char *edge)
{
    ui_ctx *ui = bv->ui;
    switch (r->status) {
    case PB_OP_OK:
        ui_status(ui, false, "%s" ELLIPSIS, doing);
        quit_track(bv, r->op, id, what);
        return;
    case PB_OP_NO_CARD:
        ui_status(ui, true, "%s", r->reason[0] ? r->reason : "That card is not loaded any more");
        return;
    case PB_OP_AT_EDGE:
        ui_status(ui, false, "%s", r->reason[0] ? r->reason : edge);
        return;
    case PB_OP_BUSY:
        ui_status(ui, true, "%s",
                  r->reason[0] ? r->reason : "This card is still being saved: try again in a moment");
        return;
    case PB_OP_INVALID:
    case PB_OP_NOTHING:
        ui_status(ui, r->status == PB_OP_INVALID, "%s", r->reason[0] ? r->reason : edge);
        return;
    }
}

static void do_move_stage(board_view *bv, int delta)
{
    ui_ctx *ui = bv->ui;
    const pb_opp *o = need_card(bv);
    if (!o)
        return;
    pb_id id = o->id;
    char doing[300], what[200];
    long target = (long)ui->sel_col + (delta > 0 ? 1 : -1);
    const char *to = target >= 0 ? stage_label(ui->board, (size_t)target) : "";
    snprintf(doing, sizeof doing, "Moving \"%s\" to %s", o->name, to);
    snprintf(what, sizeof what, "move \"%s\" to %s", o->name, to);
    bv->follow_end = false;
    pb_op_result r = board_move_stage(ui->board, &id, delta);
    report(bv, &r, &id, doing, what,
           delta > 0 ? "Already in the last stage" : "Already in the first stage");
}

static void do_reorder(board_view *bv, int delta)
{
    ui_ctx *ui = bv->ui;
    const pb_opp *o = need_card(bv);
    if (!o)
        return;
    pb_id id = o->id;
    char doing[300], what[200];
    snprintf(doing, sizeof doing, "Moving \"%s\" %s", o->name, delta > 0 ? "down" : "up");
    snprintf(what, sizeof what, "reorder \"%s\"", o->name);
    bv->follow_end = false;
    pb_op_result r = board_reorder(ui->board, &id, delta);
    report(bv, &r, &id, doing, what,
           delta > 0 ? "Already at the bottom of the column" : "Already at the top of the column");
}

typedef struct delete_ctx {
    pb_id id;
    char name[200];
} delete_ctx;

static void on_delete_answer(ui_ctx *ui, void *vctx, bool yes)
{
    delete_ctx *d = vctx;
    board_view *bv = board_view_get(ui);
    if (!yes) {
        ui_status(ui, false, "Not deleted");
        return;
    }
    if (!bv)
        return;
    char doing[300], what[240];
    snprintf(doing, sizeof doing, "Deleting \"%s\"", d->name);
    snprintf(what, sizeof what, "delete \"%s\"", d->name);
    pb_op_result r = board_delete(ui->board, &d->id);
    report(bv, &r, &d->id, doing, what, "Nothing to delete");
}

static void do_delete(board_view *bv)
{
    ui_ctx *ui = bv->ui;
    const pb_opp *o = need_card(bv);
    if (!o)
        return;
    delete_ctx *d = calloc(1, sizeof *d);
    if (!d) {
        ui_status(ui, true, "Out of memory");
        return;
    }
    d->id = o->id;
    snprintf(d->name, sizeof d->name, "%s", o->name[0] ? o->name : "(no name)");
    char q[300];
    snprintf(q, sizeof q, "Delete \"%s\"? y/n", d->name);
    ui_screen *s = ui_confirm_new(ui, q, on_delete_answer, d);
    if (s)
        ui_push(ui, s);
}

static void do_undo(board_view *bv, bool redo)
{
    ui_ctx *ui = bv->ui;
    pb_op_result r = redo ? board_redo(ui->board) : board_undo(ui->board);
    pb_id nil = pb_id_nil();
    report(bv, &r, &nil, redo ? "Redoing" : "Undoing", redo ? "redo" : "undo",
           redo ? "Nothing to redo" : "Nothing to undo");
}

static void push_or_nothing(ui_ctx *ui, ui_screen *s)
{
    if (s)
        ui_push(ui, s);
}

bool board_keys_run(board_view *bv, ui_action a)
{
    ui_ctx *ui = bv->ui;
    pb_board *b = ui->board;
    switch (a) {
    case UI_ACT_QUIT:
        quit_request(bv);
        return true;
    case UI_ACT_CANCEL:
        if (bv->quit_asked) {
            bv->quit_asked = false;
            ui_status(ui, false, "Waiting for the changes to be saved; q quits once they are");
        } else {
            ui->status[0] = '\0';
            ui->status_error = false;
        }
        ui->dirty = true;
        return true;
    case UI_ACT_HELP:
        push_or_nothing(ui, ui_help_new(ui));
        return true;
    case UI_ACT_REFRESH:
        if (ui->opt.startup_error) {
            ui_status(ui, true, "%s", ui->opt.startup_error);
            return true;
        }
        board_refresh(b);
        ui_status(ui, false, "Refreshing" ELLIPSIS);
        return true;
    default:
        break;
    }
    if (!b || !board_ready(b) || board_column_count(b) == 0) {
        if (a == UI_ACT_REDRAW)
            return false;
        ui_status(ui, false, "The board is not loaded yet");
        return true;
    }
    if (a != UI_ACT_SELECT_LAST)
        bv->follow_end = false;
    switch (a) {
    case UI_ACT_SELECT_LEFT:
        move_column(bv, -1, false);
        return true;
    case UI_ACT_SELECT_RIGHT:
        move_column(bv, +1, false);
        return true;
    case UI_ACT_NEXT_COLUMN:
        move_column(bv, +1, true);
        return true;
    case UI_ACT_PREV_COLUMN:
        move_column(bv, -1, true);
        return true;
    case UI_ACT_SELECT_DOWN:
        move_index(bv, +1);
        return true;
    case UI_ACT_SELECT_UP:
        move_index(bv, -1);
        return true;
    case UI_ACT_SELECT_FIRST:
        select_set(bv, ui->sel_col, 0);
        return true;
    case UI_ACT_SELECT_LAST: {
        pb_column_view cv;
        board_column(b, ui->sel_col, &cv);
        board_load_all(b, ui->sel_col);
        if (cv.loaded)
            select_set(bv, ui->sel_col, cv.loaded - 1);
        bv->follow_end = !cv.complete;
        if (!cv.complete)
            ui_status(ui, false, "Loading all of %s" ELLIPSIS, stage_label(b, ui->sel_col));
        return true;
    }
    case UI_ACT_PAGE_DOWN:
        page(bv, +1);
        return true;
    case UI_ACT_PAGE_UP:
        page(bv, -1);
        return true;
    case UI_ACT_MOVE_NEXT_STAGE:
        do_move_stage(bv, +1);
        return true;
    case UI_ACT_MOVE_PREV_STAGE:
        do_move_stage(bv, -1);
        return true;
    case UI_ACT_MOVE_DOWN:
        do_reorder(bv, +1);
        return true;
    case UI_ACT_MOVE_UP:
        do_reorder(bv, -1);
        return true;
    case UI_ACT_OPEN_DETAIL: {
        const pb_opp *o = need_card(bv);
        if (o) {
            pb_id id = o->id;
            push_or_nothing(ui, ui_detail_open(ui, &id));
        }
        return true;
    }
    case UI_ACT_EDIT_CARD: {
        const pb_opp *o = need_card(bv);
        if (o) {
            pb_id id = o->id;
            push_or_nothing(ui, ui_form_edit(ui, &id));
        }
        return true;
    }
    case UI_ACT_ADD_CARD:
        push_or_nothing(ui, ui_form_create(ui, ui->sel_col));
        return true;
    case UI_ACT_DELETE_CARD:
        do_delete(bv);
        return true;
    case UI_ACT_UNDO:
        do_undo(bv, false);
        return true;
    case UI_ACT_REDO:
        do_undo(bv, true);
        return true;
    case UI_ACT_DISMISS_FAILURE: {
        const pb_opp *o = select_card(bv);
        if (o && (board_card_flags(b, ui->sel_col, ui->sel_idx) & PB_CARD_FAILED)) {
            pb_id id = o->id;
            board_dismiss_failure(b, &id);
            ui_status(ui, false, "Dismissed");
        } else {
            ui_status(ui, false, "Nothing to dismiss: the selected card has no failed change");
        }
        return true;
    }
    case UI_ACT_SEARCH:
        push_or_nothing(ui, ui_search_open(ui));
        return true;
    case UI_ACT_SEARCH_NEXT:
        ui_search_next(ui, +1);
        return true;
    case UI_ACT_SEARCH_PREV:
        ui_search_next(ui, -1);
        return true;
    default:
        return false;
    }
}
