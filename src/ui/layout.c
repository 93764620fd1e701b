/* layout.c - board geometry (see layout.h). */
#include "ui/layout.h"

#include <string.h>

#include "util/width.h"

void layout_compute(ui_layout *l, int rows, int cols, size_t ncols, size_t sel, size_t prev_first)
{
    memset(l, 0, sizeof *l);
    l->rows = rows;
    l->cols = cols;
    l->ncols = ncols;
    l->lane_y = -1;
    l->status_y = rows - 1;
    if (cols < UI_MIN_COLS || rows < UI_MIN_ROWS) {
        l->mode = UI_LAYOUT_TOO_SMALL;
        return;
    }
    if (ncols > 0 && sel >= ncols)
        sel = ncols - 1;
    int y = 1;
    if (cols < UI_NARROW_COLS) {
        l->mode = UI_LAYOUT_SINGLE;
        l->lane_y = y++;
        l->shown = ncols ? 1 : 0;
        l->first = sel;
    } else {
        l->mode = UI_LAYOUT_COLUMNS;
        size_t fits = (size_t)(cols + 1) / (UI_COL_MIN_WIDTH + 1);
        if (fits < 1)
            fits = 1;
        l->shown = ncols < fits ? ncols : fits;
        size_t first = prev_first;
        if (l->shown) {
            if (sel < first)
                first = sel;
            else if (sel >= first + l->shown)
                first = sel - l->shown + 1;
            if (first + l->shown > ncols)
                first = ncols - l->shown;
        } else {
            first = 0;
        }
        l->first = first;
    }
    if (l->shown) {
        int avail = cols - (int)(l->shown - 1);
        l->base_w = avail / (int)l->shown;
        l->extra = avail % (int)l->shown;
    } else {
        l->base_w = cols;
    }
    l->header_y = y;
    l->rule_y = y + 2;
    l->cards_y = y + 3;
    l->cards_h = l->status_y - l->cards_y;
    int inner = l->cards_h - 2 + 1;   /* the last card needs no gap after it */
    l->fit = inner >= UI_CARD_STRIDE ? (size_t)(inner / UI_CARD_STRIDE) : 1;
}

bool layout_column_rect(const ui_layout *l, size_t col, int *x, int *w)
{
    if (l->mode == UI_LAYOUT_TOO_SMALL || col < l->first || col >= l->first + l->shown)
        return false;
    int j = (int)(col - l->first);
    *x = j * (l->base_w + 1) + (j < l->extra ? j : l->extra);
    *w = l->base_w + (j < l->extra ? 1 : 0);
    return true;
}

long layout_column_at(const ui_layout *l, int x)
{
    for (size_t c = l->first; c < l->first + l->shown; c++) {
        int cx, cw;
        if (layout_column_rect(l, c, &cx, &cw) && x >= cx && x < cx + cw)
            return (long)c;
    }
    return -1;
}

size_t layout_clamp_top(size_t top, size_t loaded, size_t fit)
{
    if (fit == 0)
        fit = 1;
    size_t max_top = loaded > fit ? loaded - fit : 0;
    return top > max_top ? max_top : top;
}

size_t layout_scroll(size_t top, size_t sel, size_t loaded, size_t fit)
{
    if (fit == 0)
        fit = 1;
    if (loaded == 0)
        return 0;
    if (sel >= loaded)
        sel = loaded - 1;
    /* Leaving the window scrolls by half a window (vim's 'scrolljump'): the
     * next keys in the same direction then cost no repaint of the column. */
    size_t jump = fit / 2;
    if (sel < top)
        top = sel >= jump ? sel - jump : 0;
    else if (sel >= top + fit)
        top = sel - fit + 1 + jump;
    return layout_clamp_top(top, loaded, fit);
}

int layout_card_y(const ui_layout *l, size_t top, size_t idx, size_t loaded)
{
    if (idx < top || idx >= loaded || idx >= top + l->fit)
        return -1;
    return l->cards_y + 1 + (int)(idx - top) * UI_CARD_STRIDE;
}

long layout_card_at(const ui_layout *l, int y, size_t top, size_t loaded)
{
    int rel = y - (l->cards_y + 1);
    if (rel < 0 || y >= l->cards_y + l->cards_h - 1)
        return -1;
    size_t slot = (size_t)(rel / UI_CARD_STRIDE);
    if (rel % UI_CARD_STRIDE >= UI_CARD_LINES || slot >= l->fit)
        return -1;
    size_t idx = top + slot;
    return idx < loaded ? (long)idx : -1;
}

#define LANE_SEP " \xc2\xb7 "           /* " · " */
#define LANE_MORE "\xe2\x80\xa6"         /* "…" */
#define LANE_MARK "\xe2\x96\xb8"         /* "▸" */
#define LANE_ITEM_MAX 160

static size_t item_width(lane_item_fn item, void *ctx, size_t i, size_t sel)
{
    char t[LANE_ITEM_MAX];
    t[0] = '\0';
    item(ctx, i, t, sizeof t);
    return pb_width(t) + (i == sel ? 1 : 0);
}

static void put_item(pb_buf *out, lane_item_fn item, void *ctx, size_t i, size_t sel,
                     size_t max_cols, size_t *sel_off, size_t *sel_len)
{
    char t[LANE_ITEM_MAX];
    t[0] = '\0';
    item(ctx, i, t, sizeof t);
    size_t start = out->len;
    if (i == sel && max_cols > 0) {
        pb_buf_puts(out, LANE_MARK);
        max_cols--;
    }
    pb_width_truncate_append(out, t, max_cols);
    if (i == sel) {
        *sel_off = start;
        *sel_len = out->len - start;
    }
}

size_t layout_lane_strip(pb_buf *out, size_t n, size_t sel, size_t width, lane_item_fn item,
                         void *ctx, size_t *sel_off, size_t *sel_len)
{
    *sel_off = *sel_len = 0;
    pb_buf_reset(out);
    if (n == 0 || width == 0)
        return 0;
    if (sel >= n)
        sel = n - 1;
    /* Find the first item such that [first .. sel] fits (with the leading
     * "… · " when first > 0 and room for a trailing " · …"). */
    size_t first = 0;
    for (;;) {
        size_t need = first > 0 ? 4 : 0;
        for (size_t i = first; i <= sel; i++)
            need += item_width(item, ctx, i, sel) + (i > first ? 3 : 0);
        if (sel + 1 < n)
            need += 4;
        if (need <= width || first == sel)
            break;
        first++;
    }
    size_t used = 0;
    if (first > 0) {
        if (width < 6) {   /* no room for "… · " and a glimpse of the item */
            put_item(out, item, ctx, sel, sel, width, sel_off, sel_len);
            return pb_width(pb_buf_cstr(out));
        }
        pb_buf_puts(out, LANE_MORE LANE_SEP);
        used = 4;
    }
    for (size_t i = first; i <= sel; i++) {
        if (i > first) {
            pb_buf_puts(out, LANE_SEP);
            used += 3;
        }
        size_t room = width > used ? width - used : 0;
        put_item(out, item, ctx, i, sel, room, sel_off, sel_len);
        used = pb_width(pb_buf_cstr(out));
    }
    for (size_t i = sel + 1; i < n; i++) {
        size_t w = item_width(item, ctx, i, sel);
        size_t need = 3 + w + (i + 1 < n ? 4 : 0);
        if (used + need <= width) {
            pb_buf_puts(out, LANE_SEP);
            put_item(out, item, ctx, i, sel, w, sel_off, sel_len);
            used += 3 + w;
            continue;
        }
        if (used + 4 <= width) {
            pb_buf_puts(out, LANE_SEP LANE_MORE);
            used += 4;
        } else if (used + 1 <= width) {
            pb_buf_puts(out, LANE_MORE);
            used += 1;
        }
        break;
    }
    return used;
}

int layout_first_page(int rows, int margin)
{
    ui_layout l;
    layout_compute(&l, rows, 200, 5, 0, 0);
    size_t fit = l.mode == UI_LAYOUT_TOO_SMALL ? 1 : l.fit;
    long n = 2 * (long)fit + (margin > 0 ? margin : 0);
    return n < 20 ? 20 : n > 200 ? 200 : (int)n;
}
