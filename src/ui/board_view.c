/* board_view.c - the board screen: columns, headers, cards, lane strip
 * (see board_view.h). Keys are in board_keys.c, the selection in select.c. */
#include "ui/board_view.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/board_internal.h"
#include "ui/keymap.h"
#include "ui/status.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "util/sanitize.h"
#include "util/width.h"

#define MORE_UP "\xE2\x96\xB2 +%zu more"    /* ▲ */
#define MORE_DOWN "\xE2\x96\xBC +%ld more"  /* ▼ */
#define DASH "\xE2\x80\x94"

static const char *const spinner[] = {
    "\xE2\xA0\x8B", "\xE2\xA0\x99", "\xE2\xA0\xB9", "\xE2\xA0\xB8", "\xE2\xA0\xBC",
    "\xE2\xA0\xB4", "\xE2\xA0\xA6", "\xE2\xA0\xA7", "\xE2\xA0\x87", "\xE2\xA0\x8F",
};

const char *board_spinner(uint64_t now_ms)
{
    return spinner[(now_ms / 100) % 10];
}

board_view *board_view_get(ui_ctx *ui)
{
    if (!ui || ui->depth < 1 || !ui->stack[0] || strcmp(ui->stack[0]->name, "board") != 0)
        return NULL;
    return (board_view *)ui->stack[0];
}

/* ---- headers ------------------------------------------------------------ */

void board_draw_header(board_view *bv, size_t col, const pb_column_view *cv, int x, int w,
                       uint64_t now_ms)
{
    ui_ctx *ui = bv->ui;
    const ui_layout *l = &bv->lay;
    bool is_sel = col == ui->sel_col;
    char count[48];
    int n = 0;
    if (cv->loading)
        n = snprintf(count, sizeof count, "%s ", board_spinner(now_ms));
    if (cv->total >= 0)
        snprintf(count + n, sizeof count - (size_t)n, "%ld", cv->total);
    else
        snprintf(count + n, sizeof count - (size_t)n, "%zu%s", cv->loaded, cv->complete ? "" : "+");
    int cw = (int)ui_text_width(count);
    int title_w = w - 1 - cw - 2;
    int tattr = ui_stage_attr(cv->stage ? cv->stage->color : NULL);
    /* the selected column: a bar before its title (one cell changes when the
     * selection moves, not the whole title) */
    if (is_sel)
        ui_put_wch(l->header_y, x, UI_CH_BAR, ui_attr(UI_ELEM_COLUMN_SELECTED));
    else
        ui_fill(l->header_y, x, 1, 0);
    const char *label = cv->stage && cv->stage->label && cv->stage->label[0]
                            ? cv->stage->label
                            : (cv->stage ? cv->stage->value : "");
    ui_text(l->header_y, x + 1, title_w > 1 ? title_w : 1, label, tattr);
    if (title_w > 1)
        ui_text_right(l->header_y, x, w - 1, count,
                      cv->loading ? ui_attr(UI_ELEM_SPINNER) : ui_attr(UI_ELEM_COLUMN_COUNT));
    if (cv->error) {
        char msg[300];
        snprintf(msg, sizeof msg, "! %s", cv->error);
        ui_text(l->header_y + 1, x + 1, w - 2, msg, ui_attr(UI_ELEM_COLUMN_ERROR));
        return;
    }
    char totals[200];
    pb_totals_format(cv->totals, PB_MONEY_SHORT, totals, sizeof totals);
    ui_text(l->header_y + 1, x + 1, w - 2, totals[0] ? totals : DASH,
            ui_attr(UI_ELEM_COLUMN_TOTALS));
}

/* ---- cards -------------------------------------------------------------- */

void board_draw_cards(board_view *bv, size_t col, const pb_column_view *cv, int x, int w,
                      int64_t wall_ms, uint64_t now_ms)
{
    ui_ctx *ui = bv->ui;
    const ui_layout *l = &bv->lay;
    size_t top = bv->tops[col];
    if (col == ui->sel_col)
        top = layout_scroll(top, ui->sel_idx, cv->loaded, l->fit);
    else
        top = layout_clamp_top(top, cv->loaded, l->fit);
    bv->tops[col] = top;
    int more = ui_attr(UI_ELEM_COLUMN_MORE);
    char text[64];
    if (top > 0) {
        snprintf(text, sizeof text, MORE_UP, top);
        ui_text_center(l->cards_y, x, w, text, more);
    }
    if (cv->loaded == 0) {
        if (cv->loading) {
            snprintf(text, sizeof text, "%s loading\xE2\x80\xA6", board_spinner(now_ms));
            ui_text(l->cards_y + 1, x + 1, w - 1, text, ui_attr(UI_ELEM_SPINNER));
        } else if (!cv->error) {
            ui_text(l->cards_y + 1, x + 1, w - 1, "No deals", ui_attr(UI_ELEM_COLUMN_EMPTY));
        }
        return;
    }
    const pb_opp *selected = select_card(bv);
    size_t end = top + l->fit < cv->loaded ? top + l->fit : cv->loaded;
    /* a column showing its last loaded cards wants the next page (the first
     * page is only as big as the first screen, and the terminal may grow) */
    if (!cv->complete && end == cv->loaded)
        board_want_index(ui->board, col, end - 1);
    for (size_t i = top; i < end; i++) {
        int y = layout_card_y(l, top, i, cv->loaded);
        bool sel = selected && col == ui->sel_col && i == ui->sel_idx;
        card_draw(bv, col, i, y, x, w, sel, wall_ms);
    }
    long total = cv->total >= 0 && (size_t)cv->total > cv->loaded ? cv->total : (long)cv->loaded;
    long below = total - (long)end;
    int by = l->cards_y + l->cards_h - 1;
    if (below > 0) {
        snprintf(text, sizeof text, MORE_DOWN, below);
        ui_text_center(by, x, w, text, more);
    } else if (!cv->complete) {
        snprintf(text, sizeof text, "\xE2\x96\xBC more%s", cv->loading ? " (loading)" : "");
        ui_text_center(by, x, w, text, more);
    }
}

/* ---- lane strip (single-column mode) ----------------------------------- */

typedef struct lane_ctx {
    pb_board *board;
    pb_buf *scratch;
} lane_ctx;

static void lane_item(void *vctx, size_t i, char *out, size_t outsz)
{
    lane_ctx *lc = vctx;
    pb_column_view cv;
    if (!board_column(lc->board, i, &cv)) {
        out[0] = '\0';
        return;
    }
    pb_buf_reset(lc->scratch);
    const char *label = cv.stage->label && cv.stage->label[0] ? cv.stage->label : cv.stage->value;
    pb_sanitize_append(lc->scratch, label, strlen(label));
    if (cv.total >= 0)
        pb_buf_printf(lc->scratch, " %ld", cv.total);
    snprintf(out, outsz, "%s", pb_buf_cstr(lc->scratch));
}

static void draw_lanes(board_view *bv, size_t ncols)
{
    static pb_buf strip = PB_BUF_INIT, scratch = PB_BUF_INIT;
    ui_ctx *ui = bv->ui;
    if (!ui) {
        pb_buf_free(&strip);
        pb_buf_free(&scratch);
        return;
    }
    lane_ctx lc = {ui->board, &scratch};
    size_t off, len;
    int width = ui->cols - 2;
    layout_lane_strip(&strip, ncols, ui->sel_col, (size_t)width, lane_item, &lc, &off, &len);
    int y = bv->lay.lane_y;
    ui_text(y, 1, width, pb_buf_cstr(&strip), ui_attr(UI_ELEM_LANE));
    if (len) {
        int sx = 1 + (int)pb_width_n(pb_buf_cstr(&strip), off);
        char sel[200];
        size_t n = len < sizeof sel - 1 ? len : sizeof sel - 1;
        memcpy(sel, pb_buf_cstr(&strip) + off, n);
        sel[n] = '\0';
        ui_text(y, sx, width - (sx - 1), sel, ui_attr(UI_ELEM_LANE_SELECTED));
    }
}

/* ---- the whole board ------------------------------------------------------ */

static void draw_message(ui_ctx *ui, const char *msg, int attr, const char *hint)
{
    int w = ui->cols - 8;
    if (w < 10)
        w = ui->cols;
    int y = ui->rows / 2 - 2;
    int lines = ui_text_wrap(y, (ui->cols - w) / 2, w, 4, msg, attr);
    if (hint)
        ui_text_center(y + lines + 1, 0, ui->cols, hint, ui_attr(UI_ELEM_STATUS));
}

static void draw_column(board_view *bv, size_t c, const pb_column_view *cv, int64_t wall_ms,
                        uint64_t now_ms)
{
    const ui_layout *l = &bv->lay;
    int x, w;
    if (!layout_column_rect(l, c, &x, &w))
        return;
    int border = ui_attr(UI_ELEM_COLUMN_BORDER);
    board_draw_header(bv, c, cv, x, w, now_ms);
    ui_hline(l->rule_y, x, w, border);
    board_draw_cards(bv, c, cv, x, w, wall_ms, now_ms);
    if (c + 1 < l->first + l->shown) {
        ui_vline(l->header_y, x + w, l->status_y - l->header_y, border);
        ui_put_wch(l->rule_y, x + w, UI_CH_CROSS, border);
    }
}

static void draw(ui_screen *s, ui_ctx *ui)
{
    board_view *bv = (board_view *)s;
    pb_board *b = ui->board;
    uint64_t now_ms = ui_now_ms();
    size_t ncols = b && board_ready(b) ? board_column_count(b) : 0;
    bv->memo_valid = false;
    layout_compute(&bv->lay, ui->rows, ui->cols, ncols, ui->sel_col, bv->first);
    const ui_layout *l = &bv->lay;
    bv->first = l->first;
    if (l->mode == UI_LAYOUT_TOO_SMALL) {
        char msg[120];
        snprintf(msg, sizeof msg, "Terminal too small (%d\xC3\x97%d): pipeboard needs %d\xC3\x97%d",
                 ui->cols, ui->rows, UI_MIN_COLS, UI_MIN_ROWS);
        ui_text_wrap(ui->rows / 2 - 1 > 0 ? ui->rows / 2 - 1 : 0, 0, ui->cols, 3, msg,
                     ui_attr(UI_ELEM_MESSAGE_ERROR));
        return;
    }
    top_draw(ui, ui->cols);
    if (ui->opt.startup_error) {
        draw_message(ui, ui->opt.startup_error, ui_attr(UI_ELEM_MESSAGE_ERROR), "q to quit");
        return;
    }
    if (!b || !board_ready(b)) {
        const char *err = b ? board_load_error(b) : NULL;
        if (err) {
            char msg[600];
            snprintf(msg, sizeof msg, "Could not open the board: %s", err);
            draw_message(ui, msg, ui_attr(UI_ELEM_MESSAGE_ERROR), "r to try again \xC2\xB7 q to quit");
        } else {
            char msg[80];
            snprintf(msg, sizeof msg, "%s Loading the board\xE2\x80\xA6", board_spinner(now_ms));
            draw_message(ui, msg, ui_attr(UI_ELEM_SPINNER), NULL);
        }
        return;
    }
    if (ncols == 0) {
        draw_message(ui, "This workspace has no opportunity stages.", ui_attr(UI_ELEM_MESSAGE_ERROR),
                     NULL);
        return;
    }
    if (!select_ensure_tops(bv))
        return;
    if (l->mode == UI_LAYOUT_SINGLE)
        draw_lanes(bv, ncols);
    int64_t wall_ms = (int64_t)time(NULL) * 1000;
    for (size_t c = l->first; c < l->first + l->shown; c++) {
        pb_column_view cv;
        if (board_column(b, c, &cv))
            draw_column(bv, c, &cv, wall_ms, now_ms);
    }
    if (l->mode == UI_LAYOUT_COLUMNS) {
        if (l->first > 0)
            ui_put_wch(l->rule_y, 0, 0x25C2, ui_attr(UI_ELEM_COLUMN_MORE));   /* ◂ */
        if (l->first + l->shown < ncols)
            ui_put_wch(l->rule_y, ui->cols - 1, 0x25B8, ui_attr(UI_ELEM_COLUMN_MORE));   /* ▸ */
    }
    board_memo_save(bv);
}

static bool key(ui_screen *s, ui_ctx *ui, ui_key k)
{
    board_view *bv = (board_view *)s;
    if (k.is_code && k.ch == KEY_MOUSE) {
        board_mouse(bv);
        return true;
    }
    ui_action a = keymap_lookup(UI_CTX_BOARD, k);
    if (a == UI_ACT_NONE) {
        (void)ui;
        return false;
    }
    return board_keys_run(bv, a);
}

static void tick(ui_screen *s, ui_ctx *ui)
{
    board_view *bv = (board_view *)s;
    uint64_t gen = ui->board ? board_generation(ui->board) : 0;
    if (gen != bv->seen_gen) {
        bv->seen_gen = gen;
        select_sync(bv);
        ui->dirty = true;
    }
    quit_tick(bv);
}

static void destroy(ui_screen *s)
{
    board_view *bv = (board_view *)s;
    quit_free(bv);
    free(bv->tops);
    free(bv->memo_tops);
    free(bv->memo_hsig);
    free(bv->memo_csig);
    board_view tmp = {0};
    draw_lanes(&tmp, 0);   /* frees the strip buffers */
    free(bv);
}

ui_screen *board_view_new(ui_ctx *ui)
{
    board_view *bv = calloc(1, sizeof *bv);
    if (!bv)
        return NULL;
    bv->base.name = "board";
    bv->base.draw = draw;
    bv->base.key = key;
    bv->base.tick = tick;
    bv->base.destroy = destroy;
    bv->base.opaque = true;
    bv->ui = ui;
    bv->seen_gen = (uint64_t)-1;
    return &bv->base;
}

void ui_board_track_write(ui_ctx *ui, uint64_t op, const pb_id *id, const char *what)
{
    board_view *bv = board_view_get(ui);
    if (bv)
        quit_track(bv, op, id, what);
}
