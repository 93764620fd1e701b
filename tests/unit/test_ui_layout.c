/* test_ui_layout.c - the board's geometry (ui/layout.c), without a terminal:
 * modes by terminal size, column widths and horizontal scrolling, the card
 * rows, vertical scrolling, mouse hit tests and the lane strip. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ui/layout.h"
#include "util/width.h"

/* Checks that the visible columns tile the width exactly. */
static void assert_tiles(const ui_layout *l)
{
    int expect_x = 0, minw = 1 << 30, maxw = 0;
    for (size_t c = l->first; c < l->first + l->shown; c++) {
        int x, w;
        ck_assert(layout_column_rect(l, c, &x, &w));
        ck_assert_int_eq(x, expect_x);
        if (w < minw)
            minw = w;
        if (w > maxw)
            maxw = w;
        expect_x = x + w + 1;
    }
    if (l->shown) {
        ck_assert_int_eq(expect_x - 1, l->cols);
        ck_assert_int_le(maxw - minw, 1);
    }
}

START_TEST(modes_by_size)
{
    ui_layout l;
    layout_compute(&l, 30, 120, 5, 0, 0);
    ck_assert_int_eq(l.mode, UI_LAYOUT_COLUMNS);
    ck_assert_uint_eq(l.shown, 5);
    ck_assert_uint_eq(l.first, 0);
    ck_assert_int_eq(l.lane_y, -1);
    ck_assert_int_eq(l.header_y, 1);
    ck_assert_int_eq(l.rule_y, 3);
    ck_assert_int_eq(l.cards_y, 4);
    ck_assert_int_eq(l.status_y, 29);
    ck_assert_int_eq(l.cards_h, 25);
    ck_assert_uint_eq(l.fit, 6);   /* 6 cards of 3 lines + 5 gaps = 23 = 25 - 2 "more" rows */
    assert_tiles(&l);

    layout_compute(&l, 30, 59, 5, 2, 0);
    ck_assert_int_eq(l.mode, UI_LAYOUT_SINGLE);
    ck_assert_uint_eq(l.shown, 1);
    ck_assert_uint_eq(l.first, 2);
    ck_assert_int_eq(l.lane_y, 1);
    ck_assert_int_eq(l.header_y, 2);
    assert_tiles(&l);

    layout_compute(&l, 30, 60, 5, 2, 0);
    ck_assert_int_eq(l.mode, UI_LAYOUT_COLUMNS);

    layout_compute(&l, 30, UI_MIN_COLS - 1, 5, 0, 0);
    ck_assert_int_eq(l.mode, UI_LAYOUT_TOO_SMALL);
    layout_compute(&l, UI_MIN_ROWS - 1, 200, 5, 0, 0);
    ck_assert_int_eq(l.mode, UI_LAYOUT_TOO_SMALL);
    layout_compute(&l, UI_MIN_ROWS, UI_MIN_COLS, 5, 0, 0);
    ck_assert_int_ne(l.mode, UI_LAYOUT_TOO_SMALL);
    ck_assert_uint_ge(l.fit, 1);
    ck_assert_int_ge(l.cards_h, UI_CARD_LINES + 2);
    int x, w;
    layout_compute(&l, 20, 20, 5, 0, 0);
    ck_assert(!layout_column_rect(&l, 0, &x, &w));
}
END_TEST

START_TEST(widths_tile_every_size)
{
    ui_layout l;
    for (int cols = UI_MIN_COLS; cols <= 300; cols++)
        for (size_t n = 1; n <= 12; n++)
            for (size_t sel = 0; sel < n; sel++) {
                layout_compute(&l, 40, cols, n, sel, 0);
                ck_assert_int_ne(l.mode, UI_LAYOUT_TOO_SMALL);
                ck_assert_uint_ge(l.shown, 1);
                ck_assert(sel >= l.first && sel < l.first + l.shown);
                ck_assert_uint_le(l.first + l.shown, n);
                assert_tiles(&l);
                if (l.mode == UI_LAYOUT_COLUMNS)
                    ck_assert_int_ge(l.base_w, UI_COL_MIN_WIDTH);
            }
}
END_TEST

START_TEST(horizontal_scroll_moves_least)
{
    ui_layout l;
    /* 120 columns fit 5 stages of at least 20; 8 stages */
    layout_compute(&l, 30, 120, 8, 0, 0);
    ck_assert_uint_eq(l.shown, 5);
    ck_assert_uint_eq(l.first, 0);
    layout_compute(&l, 30, 120, 8, 4, 0);
    ck_assert_uint_eq(l.first, 0);       /* still visible: no scroll */
    layout_compute(&l, 30, 120, 8, 5, 0);
    ck_assert_uint_eq(l.first, 1);       /* one step right */
    layout_compute(&l, 30, 120, 8, 7, 1);
    ck_assert_uint_eq(l.first, 3);
    layout_compute(&l, 30, 120, 8, 4, 3);
    ck_assert_uint_eq(l.first, 3);       /* back left but still visible */
    layout_compute(&l, 30, 120, 8, 1, 3);
    ck_assert_uint_eq(l.first, 1);
    /* a wider terminal after a resize: everything shows again */
    layout_compute(&l, 30, 200, 8, 7, 3);
    ck_assert_uint_eq(l.first, 0);
    ck_assert_uint_eq(l.shown, 8);
    /* a stale first beyond the end is pulled back */
    layout_compute(&l, 30, 120, 3, 2, 7);
    ck_assert_uint_eq(l.first, 0);
    /* no columns yet */
    layout_compute(&l, 30, 120, 0, 0, 4);
    ck_assert_uint_eq(l.shown, 0);
    ck_assert_uint_eq(l.first, 0);
}
END_TEST

START_TEST(column_hit_test)
{
    ui_layout l;
    layout_compute(&l, 30, 120, 5, 0, 0);
    for (size_t c = 0; c < 5; c++) {
        int x, w;
        ck_assert(layout_column_rect(&l, c, &x, &w));
        ck_assert_int_eq(layout_column_at(&l, x), (long)c);
        ck_assert_int_eq(layout_column_at(&l, x + w - 1), (long)c);
        if (c < 4)
            ck_assert_int_eq(layout_column_at(&l, x + w), -1);   /* the separator */
    }
    ck_assert_int_eq(layout_column_at(&l, 120), -1);
    ck_assert_int_eq(layout_column_at(&l, -1), -1);
    /* scrolled: columns left of first are not hit */
    layout_compute(&l, 30, 120, 8, 7, 0);
    ck_assert_int_eq(layout_column_at(&l, 0), (long)l.first);
}
END_TEST

START_TEST(vertical_scroll)
{
    /* fit 6: visible selections do not scroll */
    ck_assert_uint_eq(layout_scroll(0, 0, 100, 6), 0);
    ck_assert_uint_eq(layout_scroll(0, 5, 100, 6), 0);
    ck_assert_uint_eq(layout_scroll(10, 12, 100, 6), 10);
    ck_assert_uint_eq(layout_scroll(10, 15, 100, 6), 10);
    /* crossing the bottom edge scrolls half a window beyond it */
    ck_assert_uint_eq(layout_scroll(0, 6, 100, 6), 4);       /* sel shows in slot 2 */
    ck_assert_uint_eq(layout_scroll(10, 16, 100, 6), 14);
    /* crossing the top edge likewise */
    ck_assert_uint_eq(layout_scroll(10, 9, 100, 6), 6);      /* sel shows in slot 3 */
    ck_assert_uint_eq(layout_scroll(2, 1, 100, 6), 0);       /* not above the first card */
    /* jumps far away (G, g, search) land in the window too */
    ck_assert_uint_eq(layout_scroll(10, 99, 100, 6), 94);    /* clamped at the end */
    ck_assert_uint_eq(layout_scroll(90, 0, 100, 6), 0);
    ck_assert_uint_eq(layout_scroll(90, 95, 100, 6), 90);
    /* the column shrank (deletes, refresh): never past the end */
    ck_assert_uint_eq(layout_scroll(90, 3, 4, 6), 0);
    ck_assert_uint_eq(layout_scroll(50, 99, 20, 6), 14);
    ck_assert_uint_eq(layout_scroll(5, 0, 0, 6), 0);
    ck_assert_uint_eq(layout_clamp_top(97, 100, 6), 94);
    ck_assert_uint_eq(layout_clamp_top(3, 100, 6), 3);
    ck_assert_uint_eq(layout_clamp_top(3, 2, 6), 0);
    ck_assert_uint_eq(layout_scroll(0, 3, 10, 0), 3);   /* fit 0 acts as 1 */
    /* whatever the start, the selection ends up visible */
    for (size_t fit = 1; fit <= 8; fit++)
        for (size_t top = 0; top < 40; top++)
            for (size_t sel = 0; sel < 30; sel++) {
                size_t t = layout_scroll(top, sel, 30, fit);
                ck_assert(sel >= t && sel < t + fit);
                ck_assert_uint_le(t + fit, fit > 30 ? fit : 30);
            }
}
END_TEST

/* The first page: two screens of cards and the margin, at least 20. */
START_TEST(first_page_follows_the_rows)
{
    ui_layout l;
    layout_compute(&l, 30, 200, 5, 0, 0);
    ck_assert_int_eq(layout_first_page(30, 10), 2 * (int)l.fit + 10);
    layout_compute(&l, 100, 200, 5, 0, 0);
    ck_assert_int_eq(layout_first_page(100, 10), 2 * (int)l.fit + 10);
    ck_assert_int_gt(layout_first_page(100, 10), layout_first_page(30, 10));
    ck_assert_int_eq(layout_first_page(12, 10), 20);   /* small terminals: 20 */
    ck_assert_int_eq(layout_first_page(3, 0), 20);     /* too small to draw */
    ck_assert_int_eq(layout_first_page(2000, 10), 200); /* never past Twenty's limit */
}
END_TEST

START_TEST(card_rows_and_hits_agree)
{
    ui_layout l;
    layout_compute(&l, 30, 120, 5, 0, 0);
    size_t top = 7, loaded = 100;
    ck_assert_int_eq(layout_card_y(&l, top, 6, loaded), -1);
    ck_assert_int_eq(layout_card_y(&l, top, top + l.fit, loaded), -1);
    for (size_t i = top; i < top + l.fit; i++) {
        int y = layout_card_y(&l, top, i, loaded);
        ck_assert_int_eq(y, l.cards_y + 1 + (int)(i - top) * UI_CARD_STRIDE);
        for (int r = 0; r < UI_CARD_LINES; r++)
            ck_assert_int_eq(layout_card_at(&l, y + r, top, loaded), (long)i);
        ck_assert_int_eq(layout_card_at(&l, y + UI_CARD_LINES, top, loaded), -1);   /* gap */
        ck_assert_int_lt(y + UI_CARD_LINES - 1, l.cards_y + l.cards_h - 1);   /* above "more" */
    }
    ck_assert_int_eq(layout_card_at(&l, l.cards_y, top, loaded), -1);               /* ▲ row */
    ck_assert_int_eq(layout_card_at(&l, l.cards_y + l.cards_h - 1, top, loaded), -1); /* ▼ row */
    ck_assert_int_eq(layout_card_at(&l, l.header_y, top, loaded), -1);
    /* short column: rows below the last card hit nothing */
    ck_assert_int_eq(layout_card_at(&l, layout_card_y(&l, 0, 0, 2) + UI_CARD_STRIDE * 2, 0, 2), -1);
}
END_TEST

static const char *const lanes[] = {"Discovery 84", "Proposal 61", "Negotiation 47",
                                    "Closed won 70", "Closed lost 50", "東京 3"};

static void lane_item(void *ctx, size_t i, char *out, size_t outsz)
{
    (void)ctx;
    snprintf(out, outsz, "%s", lanes[i]);
}

START_TEST(lane_strip_whole)
{
    pb_buf b = PB_BUF_INIT;
    size_t off, len;
    size_t w = layout_lane_strip(&b, 3, 1, 200, lane_item, NULL, &off, &len);
    ck_assert_str_eq(pb_buf_cstr(&b), "Discovery 84 \xC2\xB7 \xE2\x96\xB8Proposal 61 \xC2\xB7 Negotiation 47");
    ck_assert_uint_eq(w, pb_width(pb_buf_cstr(&b)));
    ck_assert_uint_eq(len, strlen("\xE2\x96\xB8Proposal 61"));
    ck_assert(memcmp(pb_buf_cstr(&b) + off, "\xE2\x96\xB8Proposal", strlen("\xE2\x96\xB8Proposal")) == 0);
    pb_buf_free(&b);
}
END_TEST

START_TEST(lane_strip_keeps_selection_visible)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    pb_buf b = PB_BUF_INIT;
    size_t n = sizeof lanes / sizeof lanes[0];
    for (size_t width = 1; width <= 90; width++)
        for (size_t sel = 0; sel < n; sel++) {
            size_t off, len;
            size_t used = layout_lane_strip(&b, n, sel, width, lane_item, NULL, &off, &len);
            const char *s = pb_buf_cstr(&b);
            ck_assert_uint_le(pb_width(s), width);
            ck_assert_uint_eq(used, pb_width(s));
            ck_assert_uint_gt(len, 0);
            ck_assert(memcmp(s + off, "\xE2\x96\xB8", 3) == 0);   /* ▸ */
            /* whenever the whole item fits after "… · ", it shows whole */
            if (width >= 4 + 1 + pb_width(lanes[sel]) + (sel + 1 < n ? 4 : 0))
                ck_assert_msg(strstr(s, lanes[sel]) != NULL, "width %zu sel %zu: '%s'", width,
                              sel, s);
        }
    /* the start is elided when the selection is far right */
    size_t off, len;
    layout_lane_strip(&b, n, 4, 40, lane_item, NULL, &off, &len);
    ck_assert_msg(strncmp(pb_buf_cstr(&b), "\xE2\x80\xA6 \xC2\xB7 ", 6) == 0, "'%s'", pb_buf_cstr(&b));
    ck_assert(strstr(pb_buf_cstr(&b), "\xE2\x96\xB8" "Closed lost 50"));
    /* the end is elided when items are left out */
    layout_lane_strip(&b, n, 0, 40, lane_item, NULL, &off, &len);
    const char *s = pb_buf_cstr(&b);
    ck_assert_msg(strcmp(s + strlen(s) - 3, "\xE2\x80\xA6") == 0, "'%s'", s);
    ck_assert_uint_eq(off, 0);
    layout_lane_strip(&b, 0, 0, 40, lane_item, NULL, &off, &len);
    ck_assert_str_eq(pb_buf_cstr(&b), "");
    pb_buf_free(&b);
}
END_TEST

int main(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    Suite *s = suite_create("ui_layout");
    TCase *tc = tcase_create("layout");
    tcase_add_test(tc, modes_by_size);
    tcase_add_test(tc, widths_tile_every_size);
    tcase_add_test(tc, horizontal_scroll_moves_least);
    tcase_add_test(tc, column_hit_test);
    tcase_add_test(tc, vertical_scroll);
    tcase_add_test(tc, card_rows_and_hits_agree);
    tcase_add_test(tc, first_page_follows_the_rows);
    tcase_add_test(tc, lane_strip_whole);
    tcase_add_test(tc, lane_strip_keeps_selection_visible);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
