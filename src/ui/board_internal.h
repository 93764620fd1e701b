/* board_internal.h - state shared by the board screen's files (board_view.c
 * draws, card.c draws one card, board_keys.c runs actions, select.c keeps
 * the selection, mouse.c, quit.c). Not for other screens: they use
 * board_view.h. */
#ifndef PB_UI_BOARD_INTERNAL_H
#define PB_UI_BOARD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ui/actions.h"
#include "ui/layout.h"
#include "ui/ui.h"

typedef struct tracked_write {
    uint64_t op;
    pb_id id;
    char what[120];     /* `move "Acme renewal" to Negotiation` (raw name) */
} tracked_write;

typedef struct board_view {
    ui_screen base;
    ui_ctx *ui;
    ui_layout lay;          /* of the last frame (mouse hit tests) */
    size_t first;           /* first visible column */
    size_t *tops;           /* first visible card of each column */
    size_t ntops;
    bool follow_end;        /* after G: stay on the last card while the column loads */
    bool jumping;           /* sel_id is being paged into its column */
    uint64_t seen_gen;
    bool quit_asked;        /* "q again to quit anyway" */
    tracked_write *writes;
    size_t nwrites, capwrites;
    /* what the last frame showed, for incremental redraws */
    bool memo_valid;
    int memo_rows, memo_cols;
    ui_layout_mode memo_mode;
    size_t memo_first, memo_shown;
    uint64_t memo_gen;
    size_t memo_sel_col, memo_sel_idx;
    bool memo_sel;          /* a selected card was drawn at (memo_sel_col, memo_sel_idx) */
    size_t memo_ncols;
    size_t *memo_tops;
    uint64_t *memo_hsig;    /* per column: what its header showed */
    uint64_t *memo_csig;    /* per column: what its cards showed (selection aside) */
    uint64_t memo_topsig;   /* the top line */
    size_t memo_ntops;
} board_view;

/* The board view at the bottom of the stack, or NULL. */
board_view *board_view_get(ui_ctx *ui);
/* board_redraw.c: redraws only what changed since the last frame (the
 * selection, a column's scroll, the headers and columns whose content
 * changed, the top line); the board must be the only screen and drawn last
 * frame too. False when a full redraw is needed (then nothing was drawn). */
bool board_view_draw_incremental(board_view *bv);
/* Spinner frame for now (braille dots). */
const char *board_spinner(uint64_t now_ms);

/* board_view.c: a column's two header rows, and its cards area. */
void board_draw_header(board_view *bv, size_t col, const pb_column_view *cv, int x, int w,
                       uint64_t now_ms);
void board_draw_cards(board_view *bv, size_t col, const pb_column_view *cv, int x, int w,
                      int64_t wall_ms, uint64_t now_ms);

/* board_redraw.c: remembers what a full frame showed (called at its end). */
void board_memo_save(board_view *bv);

/* select.c */
void select_sync(board_view *bv);
/* Moves the selection to (col, idx) (clamped), remembers the record id and
 * asks the model for the next page when near the end. */
void select_set(board_view *bv, size_t col, size_t idx);
/* The selected record, or NULL. */
const pb_opp *select_card(board_view *bv);
/* Keeps tops[] as long as the board's column count. */
bool select_ensure_tops(board_view *bv);

/* card.c: draws card (col, idx) at (y, x) in w columns; wall_ms is the
 * wall-clock time (for "overdue"). */
void card_draw(board_view *bv, size_t col, size_t idx, int y, int x, int w, bool selected,
               int64_t wall_ms);
/* Whether the stage counts as closed (won/lost): no "overdue" there. */
bool card_stage_closed(const char *stage_value);

/* board_keys.c */
bool board_keys_run(board_view *bv, ui_action a);

/* mouse.c */
void board_mouse(board_view *bv);

/* quit.c */
void quit_track(board_view *bv, uint64_t op, const pb_id *id, const char *what);
/* Writes still in flight (tracked ones and pending cards). */
size_t quit_writes_in_flight(board_view *bv);
/* q: quits at once when nothing is in flight, else asks; q again forces. */
void quit_request(board_view *bv);
/* Called every loop turn: quits by itself once everything was saved. */
void quit_tick(board_view *bv);
/* After endwin: what was not saved, one line each (sanitised). */
void quit_report(board_view *bv, FILE *out);
void quit_free(board_view *bv);

#endif
