/* theme.c - the built-in theme and the element -> attribute table. */
#include "ui/theme.h"

#include <curses.h>
#include <string.h>

#define D (-1)   /* the terminal's default color */

typedef struct spec {
    ui_style s;
    short fg256, bg256;   /* used instead of fg/bg with 256 colors (D: same as basic) */
} spec;

static const spec defaults[UI_ELEM_COUNT] = {
    [UI_ELEM_DEFAULT] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_TOP_BAR] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_TOP_TITLE] = {{D, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_TOP_TOTALS] = {{D, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_COLUMN_TITLE] = {{D, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_COLUMN_COUNT] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_COLUMN_TOTALS] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_COLUMN_SELECTED] = {{COLOR_BLUE, D, UI_A_BOLD, UI_A_BOLD}, 33, D},
    [UI_ELEM_COLUMN_BORDER] = {{D, D, UI_A_DIM, 0}, D, D},
    [UI_ELEM_COLUMN_MORE] = {{D, D, UI_A_DIM, UI_A_DIM}, D, D},
    [UI_ELEM_COLUMN_ERROR] = {{COLOR_RED, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_COLUMN_EMPTY] = {{D, D, UI_A_DIM, UI_A_DIM}, D, D},
    [UI_ELEM_LANE] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_LANE_SELECTED] = {{D, D, UI_A_BOLD | UI_A_UNDERLINE, UI_A_BOLD | UI_A_UNDERLINE}, D, D},
    [UI_ELEM_CARD_NAME] = {{D, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_CARD_AMOUNT] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_CARD_META] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_CARD_SELECTED] = {{COLOR_WHITE, COLOR_BLUE, UI_A_BOLD, UI_A_REVERSE}, 255, 24},
    [UI_ELEM_CARD_BAR] = {{COLOR_WHITE, COLOR_BLUE, UI_A_BOLD, UI_A_REVERSE}, 255, 24},
    [UI_ELEM_CARD_OVERDUE] = {{COLOR_RED, D, UI_A_BOLD, UI_A_BOLD | UI_A_UNDERLINE}, 203, D},
    [UI_ELEM_CARD_PENDING] = {{COLOR_YELLOW, D, 0, UI_A_DIM}, 221, D},
    [UI_ELEM_CARD_FAILED] = {{COLOR_RED, D, UI_A_BOLD, UI_A_BOLD}, 203, D},
    [UI_ELEM_SPINNER] = {{COLOR_CYAN, D, 0, 0}, D, D},
    [UI_ELEM_STATUS] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_STATUS_ERROR] = {{COLOR_RED, D, UI_A_BOLD, UI_A_BOLD | UI_A_REVERSE}, 203, D},
    [UI_ELEM_STATUS_PROGRESS] = {{COLOR_CYAN, D, 0, 0}, D, D},
    [UI_ELEM_DIALOG] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_DIALOG_BORDER] = {{COLOR_CYAN, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_DIALOG_TITLE] = {{D, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_HELP_SECTION] = {{D, D, UI_A_BOLD | UI_A_UNDERLINE, UI_A_BOLD | UI_A_UNDERLINE}, D, D},
    [UI_ELEM_HELP_KEY] = {{COLOR_CYAN, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_HELP_TEXT] = {{D, D, 0, 0}, D, D},
    [UI_ELEM_FORM_LABEL] = {{D, D, UI_A_BOLD, UI_A_BOLD}, D, D},
    [UI_ELEM_FORM_FIELD] = {{D, D, UI_A_UNDERLINE, UI_A_UNDERLINE}, D, D},
    [UI_ELEM_FORM_FIELD_ACTIVE] = {{COLOR_WHITE, COLOR_BLUE, UI_A_BOLD, UI_A_REVERSE}, 255, 24},
    [UI_ELEM_FORM_ERROR] = {{COLOR_RED, D, UI_A_BOLD, UI_A_BOLD}, 203, D},
    [UI_ELEM_LIST_SELECTED] = {{COLOR_WHITE, COLOR_BLUE, UI_A_BOLD, UI_A_REVERSE}, 255, 24},
    [UI_ELEM_MESSAGE_ERROR] = {{COLOR_RED, D, UI_A_BOLD, UI_A_BOLD}, 203, D},
};

static const char *const elem_names[UI_ELEM_COUNT] = {
#define UI_X_ELEM(id, name) name,
    UI_ELEMENTS(UI_X_ELEM)
#undef UI_X_ELEM
};

/* Twenty's stage colors: basic color, 256-color shade. */
typedef struct stage_color {
    const char *name;
    short basic, c256;
} stage_color;
static const stage_color stage_colors[] = {
    {"red", COLOR_RED, 203},      {"purple", COLOR_MAGENTA, 141},
    {"sky", COLOR_CYAN, 117},     {"turquoise", COLOR_CYAN, 43},
    {"yellow", COLOR_YELLOW, 221}, {"green", COLOR_GREEN, 77},
    {"blue", COLOR_BLUE, 69},     {"orange", COLOR_YELLOW, 208},
    {"pink", COLOR_MAGENTA, 211}, {"gray", COLOR_WHITE, 246},
};
#define NSTAGE_COLORS (sizeof stage_colors / sizeof stage_colors[0])

static ui_style overrides[UI_ELEM_COUNT];
static bool overridden[UI_ELEM_COUNT];
static int elem_attr[UI_ELEM_COUNT];
static int stage_attr[NSTAGE_COLORS];
static bool built;

static int curses_attrs(unsigned a)
{
    int r = 0;
    if (a & UI_A_BOLD)
        r |= (int)A_BOLD;
    if (a & UI_A_REVERSE)
        r |= (int)A_REVERSE;
    if (a & UI_A_UNDERLINE)
        r |= (int)A_UNDERLINE;
    if (a & UI_A_DIM)
        r |= (int)A_DIM;
    if (a & UI_A_ITALIC)
        r |= (int)A_ITALIC;
    return r;
}

int theme_color_number(const char *name, int ncolors)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < NSTAGE_COLORS; i++) {
        if (strcmp(stage_colors[i].name, name) != 0)
            continue;
        if (ncolors >= 256)
            return stage_colors[i].c256;
        if (strcmp(name, "gray") == 0 && ncolors > 8)
            return 8;   /* bright black */
        return stage_colors[i].basic;
    }
    return -1;
}

const char *theme_elem_name(ui_elem e)
{
    return (unsigned)e < UI_ELEM_COUNT ? elem_names[e] : "";
}

bool theme_elem_find(const char *name, ui_elem *out)
{
    for (unsigned i = 0; name && i < UI_ELEM_COUNT; i++)
        if (strcmp(elem_names[i], name) == 0) {
            *out = (ui_elem)i;
            return true;
        }
    return false;
}

ui_style theme_default_style(ui_elem e)
{
    if ((unsigned)e >= UI_ELEM_COUNT)
        return (ui_style){D, D, 0, 0};
    return defaults[e].s;
}

void theme_set(ui_elem e, ui_style s)
{
    if ((unsigned)e >= UI_ELEM_COUNT)
        return;
    overrides[e] = s;
    overridden[e] = true;
}

static short fit_color(short c, int ncolors)
{
    return c >= ncolors ? (short)(c % 8) : c;
}

void theme_build(const ui_theme_caps *caps, ui_pair_fn make_pair, void *ctx)
{
    bool color = caps->color && caps->ncolors >= 8 && caps->npairs > 1;
    short pair = 1;
    for (unsigned i = 0; i < UI_ELEM_COUNT; i++) {
        ui_style s = overridden[i] ? overrides[i] : defaults[i].s;
        if (!color) {
            elem_attr[i] = curses_attrs(s.mono_attrs);
            continue;
        }
        short fg = s.fg, bg = s.bg;
        if (!overridden[i] && caps->ncolors >= 256) {
            if (defaults[i].fg256 != D)
                fg = defaults[i].fg256;
            if (defaults[i].bg256 != D)
                bg = defaults[i].bg256;
        }
        int a = curses_attrs(s.attrs);
        if ((fg != D || bg != D) && pair < caps->npairs) {
            make_pair(ctx, pair, fit_color(fg, caps->ncolors), fit_color(bg, caps->ncolors));
            a |= (int)COLOR_PAIR(pair);
            pair++;
        }
        elem_attr[i] = a;
    }
    for (size_t i = 0; i < NSTAGE_COLORS; i++) {
        int a = (int)A_BOLD;
        if (color && pair < caps->npairs) {
            short c = (short)theme_color_number(stage_colors[i].name, caps->ncolors);
            make_pair(ctx, pair, c, D);
            a |= (int)COLOR_PAIR(pair);
            pair++;
            if (strcmp(stage_colors[i].name, "gray") == 0 && caps->ncolors <= 8)
                a = (a & ~(int)A_BOLD) | (int)A_DIM;
        }
        stage_attr[i] = a;
    }
    built = true;
}

static void curses_pair(void *ctx, short pair, short fg, short bg)
{
    bool defaults_ok = *(bool *)ctx;
    if (!defaults_ok) {
        if (fg < 0)
            fg = COLOR_WHITE;
        if (bg < 0)
            bg = COLOR_BLACK;
    }
    init_pair(pair, fg, bg);
}

void theme_init(bool use_color)
{
    ui_theme_caps caps = {.color = false, .ncolors = 0, .npairs = 0};
    bool defaults_ok = false;
    if (use_color && has_colors() && start_color() == OK) {
        defaults_ok = use_default_colors() == OK;
        caps.color = true;
        caps.ncolors = COLORS;
        caps.npairs = COLOR_PAIRS;
    }
    theme_build(&caps, curses_pair, &defaults_ok);
}

int ui_attr(ui_elem e)
{
    if (!built) {
        ui_theme_caps mono = {0};
        theme_build(&mono, NULL, NULL);
    }
    return (unsigned)e < UI_ELEM_COUNT ? elem_attr[e] : 0;
}

int ui_stage_attr(const char *color_name)
{
    if (!built)
        (void)ui_attr(UI_ELEM_DEFAULT);
    for (size_t i = 0; color_name && i < NSTAGE_COLORS; i++)
        if (strcmp(stage_colors[i].name, color_name) == 0)
            return stage_attr[i];
    return elem_attr[UI_ELEM_COLUMN_TITLE];
}
