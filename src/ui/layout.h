/* layout.h - where things go on the board screen: pure arithmetic, no curses,
 * so it is unit-tested without a terminal.
 *
 * Promises:
 *  - layout_compute() places the board for any terminal size: every stage
 *    side by side when they fit at UI_COL_MIN_WIDTH; otherwise as many as fit,
 *    scrolled horizontally just enough to keep the selected column visible;
 *    under UI_NARROW_COLS one column at a time under a lane strip; under the
 *    hard minimum (UI_MIN_COLS x UI_MIN_ROWS) "too small".
 *  - Visible columns fill the width exactly: widths differ by at most one,
 *    with one separator column between neighbours.
 *  - Rows: 0 the top line, then (single mode) the lane strip, two header
 *    rows (title + count, totals), a rule, the cards area, and the status
 *    line at the bottom. In the cards area the first row is the "+N more"
 *    line above, the last row the one below, and cards (UI_CARD_LINES rows
 *    each, one blank row between) fill the rows between.
 *  - Vertical scrolling keeps the selected card visible; when the selection
 *    leaves the window it scrolls by half a window (so the next keys in that
 *    direction repaint nothing but two cards), and never past the last card.
 */
#ifndef PB_UI_LAYOUT_H
#define PB_UI_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#define UI_MIN_COLS 30
#define UI_MIN_ROWS 12
#define UI_NARROW_COLS 60
#define UI_COL_MIN_WIDTH 20
#define UI_CARD_LINES 3
#define UI_CARD_STRIDE (UI_CARD_LINES + 1)

typedef enum ui_layout_mode {
    UI_LAYOUT_TOO_SMALL,
    UI_LAYOUT_SINGLE,    /* one column and a lane strip */
    UI_LAYOUT_COLUMNS
} ui_layout_mode;

typedef struct ui_layout {
    ui_layout_mode mode;
    int rows, cols;
    size_t ncols;        /* columns of the board */
    size_t first;        /* first visible column */
    size_t shown;        /* visible columns (0 when ncols is 0) */
    int base_w, extra;   /* the first `extra` visible columns are base_w + 1 wide */
    int lane_y;          /* lane strip row, -1 when none */
    int header_y;        /* title + count row; totals on header_y + 1 */
    int rule_y;          /* the ─┼─ row */
    int cards_y, cards_h;/* the cards area */
    int status_y;
    size_t fit;          /* cards visible at once in a column */
} ui_layout;

/* prev_first: the first visible column of the previous frame (0 at start). */
void layout_compute(ui_layout *l, int rows, int cols, size_t ncols, size_t sel, size_t prev_first);
/* The cards of a column's first page on a terminal of `rows` rows: two
 * screens of cards and `margin` (the model's prefetch margin) beyond, at
 * least 20 (pb_board_config.first_page). */
int layout_first_page(int rows, int margin);
/* x and width of a column; false when it is not visible. */
bool layout_column_rect(const ui_layout *l, size_t col, int *x, int *w);
/* The column under screen column x; -1 for a separator or nothing. */
long layout_column_at(const ui_layout *l, int x);
/* The first card to show so that sel is visible: top itself when it is,
 * else half a window beyond the edge sel crossed; clamped so the column is
 * never scrolled past its end. */
size_t layout_scroll(size_t top, size_t sel, size_t loaded, size_t fit);
size_t layout_clamp_top(size_t top, size_t loaded, size_t fit);
/* Screen row of card idx in a column scrolled to top; -1 when not visible. */
int layout_card_y(const ui_layout *l, size_t top, size_t idx, size_t loaded);
/* The card at screen row y (any of its lines) of a column scrolled to top;
 * -1 for the "more" rows, gaps, or below the last card. */
long layout_card_at(const ui_layout *l, int y, size_t top, size_t loaded);

/* The lane strip of single-column mode: "Discovery 84 · ▸Proposal 61 · …".
 * item() writes item i's (already sanitised) text into out[outsz]. The strip
 * is at most width columns; it starts late enough ("… · " first) that the
 * selected item shows whole if it can, and ends with " · …" when items are
 * left out. *sel_off / *sel_len give the selected item's bytes in out
 * (marker included). Returns the columns used. */
typedef void (*lane_item_fn)(void *ctx, size_t i, char *out, size_t outsz);
size_t layout_lane_strip(pb_buf *out, size_t n, size_t sel, size_t width, lane_item_fn item,
                         void *ctx, size_t *sel_off, size_t *sel_len);

#endif
