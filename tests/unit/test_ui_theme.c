/* test_ui_theme.c - the built-in theme (ui/theme.c) without a terminal:
 * Twenty's stage colors, color pairs made through the pair function, and
 * elements that still differ with colors off (NO_COLOR). */
#include <check.h>
#include <curses.h>
#include <string.h>

#include "ui/theme.h"
#include "ui/theme_file.h"

typedef struct pairs {
    int n;
    short pair[256], fg[256], bg[256];
} pairs;

static void record(void *ctx, short pair, short fg, short bg)
{
    pairs *p = ctx;
    ck_assert_int_lt(p->n, 256);
    p->pair[p->n] = pair;
    p->fg[p->n] = fg;
    p->bg[p->n] = bg;
    p->n++;
}

START_TEST(stage_color_names)
{
    const char *names[] = {"red", "purple", "sky", "turquoise", "yellow",
                           "green", "blue", "orange", "pink", "gray"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int basic = theme_color_number(names[i], 8);
        int rich = theme_color_number(names[i], 256);
        ck_assert_msg(basic >= 0 && basic < 8, "%s -> %d", names[i], basic);
        ck_assert_msg(rich >= 0 && rich < 256, "%s -> %d", names[i], rich);
    }
    ck_assert_int_eq(theme_color_number("red", 8), 1);      /* COLOR_RED */
    ck_assert_int_eq(theme_color_number("green", 8), 2);
    ck_assert_int_eq(theme_color_number("yellow", 8), 3);
    ck_assert_int_eq(theme_color_number("blue", 8), 4);
    ck_assert_int_eq(theme_color_number("purple", 8), 5);   /* magenta */
    ck_assert_int_eq(theme_color_number("sky", 8), 6);      /* cyan */
    ck_assert_int_eq(theme_color_number("gray", 8), 7);     /* no gray on 8 colors */
    ck_assert_int_eq(theme_color_number("gray", 16), 8);    /* bright black */
    ck_assert_int_ne(theme_color_number("orange", 256), theme_color_number("yellow", 256));
    ck_assert_int_ne(theme_color_number("sky", 256), theme_color_number("turquoise", 256));
    ck_assert_int_eq(theme_color_number("mauve", 256), -1);
    ck_assert_int_eq(theme_color_number("", 8), -1);
    ck_assert_int_eq(theme_color_number(NULL, 8), -1);
}
END_TEST

START_TEST(element_names)
{
    ui_elem e;
    for (int i = 0; i < UI_ELEM_COUNT; i++) {
        const char *n = theme_elem_name((ui_elem)i);
        ck_assert(n[0]);
        ck_assert(theme_elem_find(n, &e));
        ck_assert_int_eq(e, i);
        for (int j = 0; j < i; j++)
            ck_assert_str_ne(n, theme_elem_name((ui_elem)j));
    }
    ck_assert(theme_elem_find("card.selected", &e));
    ck_assert_int_eq(e, UI_ELEM_CARD_SELECTED);
    ck_assert(theme_elem_find("card.overdue", &e));
    ck_assert(theme_elem_find("column.title", &e));
    ck_assert(theme_elem_find("status.error", &e));
    ck_assert(!theme_elem_find("card.nope", &e));
}
END_TEST

START_TEST(monochrome_still_distinguishes)
{
    ui_theme_caps mono = {.color = false};
    pairs p = {0};
    theme_build(&mono, record, &p);
    ck_assert_int_eq(p.n, 0);   /* no color pair at all */
    ck_assert_int_ne(ui_attr(UI_ELEM_CARD_SELECTED), 0);
    ck_assert_int_ne(ui_attr(UI_ELEM_CARD_OVERDUE), 0);
    ck_assert_int_ne(ui_attr(UI_ELEM_CARD_FAILED), 0);
    ck_assert_int_ne(ui_attr(UI_ELEM_CARD_PENDING), 0);
    ck_assert_int_ne(ui_attr(UI_ELEM_STATUS_ERROR), ui_attr(UI_ELEM_STATUS));
    ck_assert_int_ne(ui_attr(UI_ELEM_CARD_SELECTED), ui_attr(UI_ELEM_CARD_META));
    ck_assert_int_ne(ui_stage_attr("red"), 0);
    ck_assert_int_eq(ui_stage_attr("red"), ui_stage_attr("sky"));   /* attributes only */
    ck_assert_int_eq(ui_stage_attr("unknown"), ui_attr(UI_ELEM_COLUMN_TITLE));
    /* a terminal claiming colors but too few of them is treated as mono */
    ui_theme_caps poor = {.color = true, .ncolors = 2, .npairs = 64};
    theme_build(&poor, record, &p);
    ck_assert_int_eq(p.n, 0);
}
END_TEST

START_TEST(colors_make_valid_pairs)
{
    int ncolors[] = {8, 16, 256};
    for (size_t k = 0; k < 3; k++) {
        ui_theme_caps caps = {.color = true, .ncolors = ncolors[k], .npairs = 64};
        pairs p = {0};
        theme_build(&caps, record, &p);
        /* elements and the ten stage colors; one pair per distinct fg/bg */
        ck_assert_int_ge(p.n, 8);
        for (int i = 0; i < p.n; i++)
            for (int j = 0; j < i; j++)
                ck_assert(p.fg[i] != p.fg[j] || p.bg[i] != p.bg[j]);
        for (int i = 0; i < p.n; i++) {
            ck_assert_int_ge(p.pair[i], 1);
            ck_assert_int_lt(p.pair[i], caps.npairs);
            ck_assert_int_lt(p.fg[i], ncolors[k]);
            ck_assert_int_lt(p.bg[i], ncolors[k]);
            ck_assert_int_ge(p.fg[i], -1);
            ck_assert_int_ge(p.bg[i], -1);
            for (int j = 0; j < i; j++)
                ck_assert_int_ne(p.pair[i], p.pair[j]);
        }
        ck_assert_int_ne(ui_stage_attr("red"), ui_stage_attr("green"));
        ck_assert_int_ne(ui_stage_attr("sky"), ui_stage_attr("purple"));
        ck_assert_int_ne(ui_attr(UI_ELEM_CARD_OVERDUE), ui_attr(UI_ELEM_CARD_META));
    }
    /* few pairs: never asks for one beyond the limit */
    ui_theme_caps few = {.color = true, .ncolors = 8, .npairs = 6};
    pairs p = {0};
    theme_build(&few, record, &p);
    ck_assert_int_le(p.n, 5);
    for (int i = 0; i < p.n; i++)
        ck_assert_int_lt(p.pair[i], 6);
}
END_TEST

START_TEST(overrides_apply)
{
    ui_style s = theme_default_style(UI_ELEM_CARD_OVERDUE);
    ck_assert_int_ne(s.mono_attrs, 0);
    theme_set(UI_ELEM_CARD_OVERDUE, (ui_style){-1, -1, 0, 0});
    ui_theme_caps mono = {.color = false};
    theme_build(&mono, record, NULL);
    ck_assert_int_eq(ui_attr(UI_ELEM_CARD_OVERDUE), 0);
    theme_set(UI_ELEM_CARD_OVERDUE, s);
    theme_build(&mono, record, NULL);
    ck_assert_int_ne(ui_attr(UI_ELEM_CARD_OVERDUE), 0);
}
END_TEST

static theme_def T;

static void load(const char *text)
{
    ck_assert_int_eq(theme_file_parse("t", text, strlen(text), &T), 0);
    theme_use(&T, "t");
}

static bool made(const pairs *p, short fg, short bg)
{
    for (int i = 0; i < p->n; i++)
        if (p->fg[i] == fg && p->bg[i] == bg)
            return true;
    return false;
}

/* A 256-color theme: used on 256 colors; on 8 or 16 the built-in default
 * theme (basic colors only) with a note; never an out-of-range color. */
START_TEST(fallback_rule)
{
    load("depth 256\ncolor card.selected 231 24 bold\ncolor card.name 250 default\n"
         "stage sky 117 bold\n");
    char note[200];
    ui_theme_caps rich = {.color = true, .ncolors = 256, .npairs = 256};
    pairs p = {0};
    theme_build(&rich, record, &p);
    ck_assert(!theme_fell_back(note, sizeof note));
    ck_assert_str_eq(note, "");
    ck_assert(made(&p, 231, 24));
    ck_assert(made(&p, 250, -1));
    ck_assert(made(&p, 117, -1));
    ck_assert_int_eq(ui_attr(UI_ELEM_CARD_SELECTED) & A_BOLD, A_BOLD);
    ck_assert_int_ne(ui_stage_attr("sky") & A_COLOR, 0);
    ck_assert_int_ne(ui_stage_attr("sky") & A_COLOR, ui_stage_attr("red") & A_COLOR);
    /* elements the theme does not name keep their built-in 256-color style */
    ck_assert(made(&p, 203, -1));   /* card.overdue */
    int ncolors[] = {8, 16};
    for (int k = 0; k < 2; k++) {
        ui_theme_caps poor = {.color = true, .ncolors = ncolors[k], .npairs = 64};
        pairs q = {0};
        theme_build(&poor, record, &q);
        ck_assert(theme_fell_back(note, sizeof note));
        ck_assert_msg(strstr(note, "theme t needs 256 colors") && strstr(note, "default theme"),
                      "%s", note);
        ck_assert(made(&q, COLOR_WHITE, COLOR_BLUE));   /* the built-in selection */
        ck_assert(!made(&q, 250, -1));
        for (int i = 0; i < q.n; i++)
            ck_assert(q.fg[i] < ncolors[k] && q.bg[i] < ncolors[k]);
    }
    /* the same theme twice gives the same pairs (deterministic) */
    ui_theme_caps eight = {.color = true, .ncolors = 8, .npairs = 64};
    pairs a = {0}, b = {0};
    theme_build(&eight, record, &a);
    int attr1 = ui_attr(UI_ELEM_CARD_OVERDUE);
    theme_build(&eight, record, &b);
    ck_assert_int_eq(a.n, b.n);
    ck_assert_mem_eq(a.fg, b.fg, sizeof a.fg);
    ck_assert_int_eq(attr1, ui_attr(UI_ELEM_CARD_OVERDUE));
    /* a 16-color theme on 16 colors is used as is */
    load("depth 16\ncolor card.name bright-green default\n");
    ui_theme_caps sixteen = {.color = true, .ncolors = 16, .npairs = 64};
    pairs c = {0};
    theme_build(&sixteen, record, &c);
    ck_assert(!theme_fell_back(NULL, 0));
    ck_assert(made(&c, 10, -1));
    theme_use(NULL, NULL);
}
END_TEST

START_TEST(mono_and_no_color)
{
    /* a depth-0 theme: its own attributes, no pair even on a color terminal */
    load("depth 0\ncolor card.selected default default underline\nstage red default italic\n");
    ui_theme_caps rich = {.color = true, .ncolors = 256, .npairs = 256};
    pairs p = {0};
    theme_build(&rich, record, &p);
    ck_assert_int_eq(p.n, 0);
    ck_assert_int_eq(ui_attr(UI_ELEM_CARD_SELECTED), A_UNDERLINE);
    ck_assert_int_eq(ui_stage_attr("red"), (int)A_ITALIC);
    ck_assert_int_eq(ui_stage_attr("sky"), A_BOLD);
    ck_assert_int_eq(ui_attr(UI_ELEM_STATUS_ERROR), A_BOLD | A_REVERSE);   /* built-in mono */
    /* a color theme with colors off: the built-in monochrome attributes */
    load("depth 8\ncolor card.selected red blue underline\n");
    ui_theme_caps off = {.color = false};
    theme_build(&off, record, &p);
    ck_assert_int_eq(p.n, 0);
    ck_assert_int_eq(ui_attr(UI_ELEM_CARD_SELECTED), A_REVERSE);
    ck_assert(!theme_fell_back(NULL, 0));
    theme_use(NULL, NULL);
}
END_TEST

/* "default" in a theme whose default element has colors means those colors. */
START_TEST(default_element_colors_inherit)
{
    load("depth 256\ncolor default 244 234\ncolor card.name 250 default bold\n"
         "color card.meta default 52\nstage red 203\n");
    ui_theme_caps rich = {.color = true, .ncolors = 256, .npairs = 256};
    pairs p = {0};
    theme_build(&rich, record, &p);
    ck_assert(made(&p, 244, 234));
    ck_assert(made(&p, 250, 234));
    ck_assert(made(&p, 244, 52));
    ck_assert(made(&p, 203, 234));
    ck_assert(!made(&p, 250, -1));
    for (int i = 0; i < p.n; i++)
        ck_assert_int_ne(p.bg[i], -1);   /* nothing falls through to the terminal's background */
    /* shared pairs: card.name and card.amount with the same colors */
    ck_assert_int_eq(ui_attr(UI_ELEM_CARD_AMOUNT) & A_COLOR, ui_attr(UI_ELEM_LANE) & A_COLOR);
    theme_use(NULL, NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ui_theme");
    TCase *tc = tcase_create("theme");
    tcase_add_test(tc, stage_color_names);
    tcase_add_test(tc, element_names);
    tcase_add_test(tc, monochrome_still_distinguishes);
    tcase_add_test(tc, colors_make_valid_pairs);
    tcase_add_test(tc, overrides_apply);
    tcase_add_test(tc, fallback_rule);
    tcase_add_test(tc, mono_and_no_color);
    tcase_add_test(tc, default_element_colors_inherit);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
