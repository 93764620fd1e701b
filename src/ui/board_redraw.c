/* board_redraw.c - incremental redraws of the board: a frame remembers a
 * signature of what each column's header and cards showed, so the next one
 * repaints only what changed (the selection's two cards, a scrolled column,
 * the column a write or a page touched, a spinner), not the whole screen.
 * Every changed cell costs the terminal update (ncurses' doupdate) far more
 * than drawing it, so this is what keeps a key under a few hundred thousand
 * instructions. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/board_internal.h"
#include "ui/status.h"
#include "ui/text.h"

#define SIG_BASIS UINT64_C(0xcbf29ce484222325)

static inline uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + UINT64_C(0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
    return h * UINT64_C(0x100000001b3);
}

static uint64_t mix_ptr(uint64_t h, const void *p)
{
    return mix(h, (uint64_t)(uintptr_t)p);
}

static uint64_t mix_totals(uint64_t h, const pb_totals *t)
{
    if (!t)
        return mix(h, 0);
    h = mix(h, t->n);
    for (size_t i = 0; i < t->n; i++) {
        uint32_t cur;
        memcpy(&cur, t->v[i].currency, sizeof cur);
        h = mix(h, cur);
        h = mix(h, (uint64_t)t->v[i].micros);
        h = mix(h, (uint64_t)t->v[i].count);
    }
    return h;
}

/* What the header rows of a column show. */
static uint64_t header_sig(const pb_column_view *cv, uint64_t spin)
{
    uint64_t h = SIG_BASIS;
    h = mix_ptr(h, cv->stage ? cv->stage->label : NULL);
    h = mix_ptr(h, cv->stage ? cv->stage->color : NULL);
    h = mix(h, cv->loaded);
    h = mix(h, (uint64_t)cv->total);
    h = mix(h, cv->loading ? spin + 1 : 0);
    h = mix(h, cv->complete);
    h = mix_ptr(h, cv->error);
    return mix_totals(h, cv->totals);
}

static uint64_t opp_sig(uint64_t h, const pb_opp *o, unsigned flags)
{
    uint64_t id[2];
    memcpy(id, o->id.b, sizeof id);
    h = mix(h, id[0]);
    h = mix(h, id[1]);
    h = mix_ptr(h, o->name);
    h = mix(h, (uint64_t)o->amount.micros);
    uint32_t cur;
    memcpy(&cur, o->amount.currency, sizeof cur);
    h = mix(h, cur);
    h = mix(h, (uint64_t)o->amount.set | (uint64_t)o->flags << 1 | (uint64_t)o->has_close_date << 9
                   | (uint64_t)flags << 10);
    h = mix(h, (uint64_t)o->close_date_ms);
    h = mix_ptr(h, o->company_name);
    h = mix_ptr(h, o->owner_name);
    return mix_ptr(h, o->stage);
}

/* What a column's cards area shows, the selection aside. */
static uint64_t cards_sig(pb_board *b, size_t c, const pb_column_view *cv, size_t top, size_t fit,
                          uint64_t spin)
{
    uint64_t h = SIG_BASIS;
    h = mix(h, top);
    h = mix(h, cv->loaded);
    h = mix(h, (uint64_t)cv->total);
    h = mix(h, cv->complete);
    h = mix(h, cv->loading ? (cv->loaded == 0 ? spin + 2 : 1) : 0);
    h = mix_ptr(h, cv->error);
    size_t end = top + fit < cv->loaded ? top + fit : cv->loaded;
    for (size_t i = top; i < end; i++) {
        const pb_opp *o = board_card(b, c, i);
        if (o)
            h = opp_sig(h, o, board_card_flags(b, c, i));
    }
    return h;
}

static uint64_t top_sig(ui_ctx *ui)
{
    uint64_t h = SIG_BASIS;
    h = mix(h, (uint64_t)board_pipeline_count(ui->board));
    h = mix(h, board_stages_derived(ui->board));
    return mix_totals(h, board_pipeline_totals(ui->board));
}

static bool memo_reserve(board_view *bv)
{
    if (bv->memo_ntops == bv->ntops && bv->memo_tops)
        return true;
    size_t n = bv->ntops ? bv->ntops : 1;
    size_t *t = realloc(bv->memo_tops, n * sizeof *t);
    if (t)
        bv->memo_tops = t;
    uint64_t *hs = realloc(bv->memo_hsig, n * sizeof *hs);
    if (hs)
        bv->memo_hsig = hs;
    uint64_t *cs = realloc(bv->memo_csig, n * sizeof *cs);
    if (cs)
        bv->memo_csig = cs;
    if (!t || !hs || !cs)
        return false;
    bv->memo_ntops = bv->ntops;
    for (size_t i = 0; i < bv->ntops; i++)
        bv->memo_hsig[i] = bv->memo_csig[i] = 0;
    return true;
}

static void memo_common(board_view *bv)
{
    ui_ctx *ui = bv->ui;
    if (bv->ntops)
        memcpy(bv->memo_tops, bv->tops, bv->ntops * sizeof *bv->tops);
    bv->memo_rows = ui->rows;
    bv->memo_cols = ui->cols;
    bv->memo_mode = bv->lay.mode;
    bv->memo_first = bv->lay.first;
    bv->memo_shown = bv->lay.shown;
    bv->memo_ncols = bv->lay.ncols;
    bv->memo_gen = board_generation(ui->board);
    bv->memo_sel_col = ui->sel_col;
    bv->memo_sel_idx = ui->sel_idx;
    bv->memo_sel = select_card(bv) != NULL;
    bv->memo_topsig = top_sig(ui);
}

void board_memo_save(board_view *bv)
{
    ui_ctx *ui = bv->ui;
    bv->memo_valid = false;
    if (!memo_reserve(bv))
        return;
    uint64_t spin = ui_now_ms() / 100;
    const ui_layout *l = &bv->lay;
    for (size_t c = l->first; c < l->first + l->shown && c < bv->ntops; c++) {
        pb_column_view cv;
        if (!board_column(ui->board, c, &cv))
            return;
        bv->memo_hsig[c] = header_sig(&cv, spin);
        bv->memo_csig[c] = cards_sig(ui->board, c, &cv, bv->tops[c], l->fit, spin);
    }
    memo_common(bv);
    bv->memo_valid = true;
}

/* Blanks rows [y0, y1) of a column. */
static void clear_rows(int y0, int y1, int x, int w)
{
    for (int y = y0; y < y1; y++)
        ui_fill(y, x, w, 0);
}

static void redraw_card(board_view *bv, size_t c, size_t idx, size_t loaded, bool selected,
                        int64_t wall_ms)
{
    int x, w;
    int y = layout_card_y(&bv->lay, bv->tops[c], idx, loaded);
    if (y >= 0 && layout_column_rect(&bv->lay, c, &x, &w))
        card_draw(bv, c, idx, y, x, w, selected, wall_ms);
}

bool board_view_draw_incremental(board_view *bv)
{
    ui_ctx *ui = bv->ui;
    pb_board *b = ui->board;
    if (!bv->memo_valid || ui->rows != bv->memo_rows || ui->cols != bv->memo_cols || !b
        || !board_ready(b) || ui->opt.startup_error || bv->ntops != bv->memo_ntops
        || !select_ensure_tops(bv) || bv->ntops != bv->memo_ntops)
        return false;
    size_t ncols = board_column_count(b);
    ui_layout l;
    layout_compute(&l, ui->rows, ui->cols, ncols, ui->sel_col, bv->first);
    if (ncols != bv->memo_ncols || l.mode != bv->memo_mode || l.first != bv->memo_first
        || l.shown != bv->memo_shown || l.mode == UI_LAYOUT_TOO_SMALL
        || l.first + l.shown > bv->ntops || ncols == 0)
        return false;
    if (l.mode == UI_LAYOUT_SINGLE
        && (ui->sel_col != bv->memo_sel_col || board_generation(b) != bv->memo_gen))
        return false;   /* the lane strip (labels and counts) may change */
    bv->lay = l;
    uint64_t now_ms = ui_now_ms(), spin = now_ms / 100;
    int64_t wall_ms = (int64_t)time(NULL) * 1000;
    uint64_t ts = top_sig(ui);
    if (ts != bv->memo_topsig)
        top_draw(ui, ui->cols);
    bool sel_now = select_card(bv) != NULL;
    bool same_sel = bv->memo_sel && sel_now && bv->memo_sel_col == ui->sel_col
                    && bv->memo_sel_idx == ui->sel_idx;
    for (size_t c = l.first; c < l.first + l.shown; c++) {
        pb_column_view cv;
        if (!board_column(b, c, &cv))
            return false;   /* cannot happen with the checks above; nothing drawn yet for c */
        size_t top = c == ui->sel_col ? layout_scroll(bv->tops[c], ui->sel_idx, cv.loaded, l.fit)
                                      : layout_clamp_top(bv->tops[c], cv.loaded, l.fit);
        int x, w;
        layout_column_rect(&l, c, &x, &w);
        uint64_t hs = header_sig(&cv, spin);
        bool sel_moved_here = ui->sel_col != bv->memo_sel_col
                              && (c == ui->sel_col || c == bv->memo_sel_col);
        if (hs != bv->memo_hsig[c] || sel_moved_here) {
            clear_rows(l.header_y, l.header_y + 2, x, w);
            board_draw_header(bv, c, &cv, x, w, now_ms);
            bv->memo_hsig[c] = hs;
        }
        uint64_t cs = cards_sig(b, c, &cv, top, l.fit, spin);
        bv->tops[c] = top;
        if (cs != bv->memo_csig[c]) {
            clear_rows(l.cards_y, l.status_y, x, w);
            board_draw_cards(bv, c, &cv, x, w, wall_ms, now_ms);
            bv->memo_csig[c] = cs;
            continue;
        }
        if (same_sel)
            continue;
        if (bv->memo_sel && c == bv->memo_sel_col && bv->memo_sel_idx < cv.loaded)
            redraw_card(bv, c, bv->memo_sel_idx, cv.loaded, false, wall_ms);
        if (sel_now && c == ui->sel_col)
            redraw_card(bv, c, ui->sel_idx, cv.loaded, true, wall_ms);
    }
    memo_common(bv);
    return true;
}
