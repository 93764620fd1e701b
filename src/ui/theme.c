/* theme.c - the built-in theme and the element -> attribute table. */
#include "ui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/theme_diag.h"
#include "ui/theme_file.h"

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
static theme_def loaded;          /* the theme file in use */
static bool use_loaded;
static char loaded_name[64];
static bool fell_back;
static int fell_back_ncolors;

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

const char *theme_stage_name(int i)
{
    return i >= 0 && (size_t)i < NSTAGE_COLORS ? stage_colors[i].name : "";
}

int theme_stage_find(const char *name)
{
    for (size_t i = 0; name && i < NSTAGE_COLORS; i++)
        if (strcmp(stage_colors[i].name, name) == 0)
            return (int)i;
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

void theme_use(const theme_def *t, const char *name)
{
    use_loaded = t != NULL;
    if (t)
        loaded = *t;
    snprintf(loaded_name, sizeof loaded_name, "%s", name ? name : "");
    built = false;
}

bool theme_fell_back(char *note, unsigned notelen)
{
    if (note && notelen)
        note[0] = '\0';
    if (!fell_back)
        return false;
    if (note && notelen)
        snprintf(note, notelen,
                 "theme %s needs %d colors, this terminal has %d: using the default theme",
                 loaded_name[0] ? loaded_name : "(unnamed)", loaded.depth, fell_back_ncolors);
    return true;
}

static short fit_color(short c, int ncolors)
{
    return c >= ncolors ? (short)(c % 8) : c;
}

/* Pairs made in this build, shared by elements with the same colors. */
typedef struct pair_set {
    const ui_theme_caps *caps;
    ui_pair_fn make;
    void *ctx;
    short next;
    short fg[256], bg[256];
} pair_set;

/* The COLOR_PAIR bits for fg/bg (0 for the terminal's default colors or
 * when the terminal has no pair left). */
static int pair_for(pair_set *ps, short fg, short bg)
{
    if (fg == D && bg == D)
        return 0;
    fg = fit_color(fg, ps->caps->ncolors);
    bg = fit_color(bg, ps->caps->ncolors);
    for (short p = 1; p < ps->next; p++)
        if (ps->fg[p] == fg && ps->bg[p] == bg)
            return (int)COLOR_PAIR(p);
    if (ps->next >= ps->caps->npairs || ps->next >= 256)
        return 0;
    short p = ps->next++;
    ps->fg[p] = fg;
    ps->bg[p] = bg;
    ps->make(ps->ctx, p, fg, bg);
    return (int)COLOR_PAIR(p);
}

/* The built-in style of element i for a terminal with ncolors colors. */
static ui_style builtin_style(unsigned i, int ncolors)
{
    ui_style s = defaults[i].s;
    if (ncolors >= 256) {
        if (defaults[i].fg256 != D)
            s.fg = defaults[i].fg256;
        if (defaults[i].bg256 != D)
            s.bg = defaults[i].bg256;
    }
    return s;
}

/* Attributes only: a depth-0 theme's own, else the built-in monochrome. */
static void build_mono(const theme_def *t)
{
    for (unsigned i = 0; i < UI_ELEM_COUNT; i++) {
        unsigned a = overridden[i] ? overrides[i].mono_attrs
                     : t && t->elem_set[i] ? t->elem[i].attrs
                                           : defaults[i].s.mono_attrs;
        elem_attr[i] = curses_attrs(a);
    }
    for (size_t i = 0; i < NSTAGE_COLORS; i++)
        stage_attr[i] = t && t->stage_set[i] ? curses_attrs(t->stage[i].attrs) : (int)A_BOLD;
}

void theme_build(const ui_theme_caps *caps, ui_pair_fn make_pair, void *ctx)
{
    bool color = caps->color && caps->ncolors >= 8 && caps->npairs > 1;
    const theme_def *t = use_loaded ? &loaded : NULL;
    fell_back = false;
    built = true;
    if (t && t->depth == 0) {
        build_mono(t);
        return;
    }
    if (!color) {
        build_mono(NULL);
        return;
    }
    if (t && caps->ncolors < t->depth) {
        fell_back = true;
        fell_back_ncolors = caps->ncolors;
        t = NULL;
    }
    pair_set ps = {.caps = caps, .make = make_pair, .ctx = ctx, .next = 1};
    /* the `default` element's colors stand in for "default" in the others */
    ui_style base = t && t->elem_set[UI_ELEM_DEFAULT] ? t->elem[UI_ELEM_DEFAULT]
                                                       : builtin_style(UI_ELEM_DEFAULT, caps->ncolors);
    if (overridden[UI_ELEM_DEFAULT])
        base = overrides[UI_ELEM_DEFAULT];
    for (unsigned i = 0; i < UI_ELEM_COUNT; i++) {
        ui_style s = overridden[i] ? overrides[i]
                     : t && t->elem_set[i] ? t->elem[i]
                                           : builtin_style(i, caps->ncolors);
        if (s.fg == D)
            s.fg = base.fg;
        if (s.bg == D)
            s.bg = base.bg;
        elem_attr[i] = curses_attrs(s.attrs) | pair_for(&ps, s.fg, s.bg);
    }
    for (size_t i = 0; i < NSTAGE_COLORS; i++) {
        if (t && t->stage_set[i]) {
            ui_style s = t->stage[i];
            stage_attr[i] = curses_attrs(s.attrs) |
                            pair_for(&ps, s.fg == D ? base.fg : s.fg, s.bg == D ? base.bg : s.bg);
            continue;
        }
        int a = (int)A_BOLD;
        short c = (short)theme_color_number(stage_colors[i].name, caps->ncolors);
        int pr = pair_for(&ps, c, base.bg);
        a |= pr;
        if (pr && strcmp(stage_colors[i].name, "gray") == 0 && caps->ncolors <= 8)
            a = (a & ~(int)A_BOLD) | (int)A_DIM;
        stage_attr[i] = a;
    }
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
    /* erase() paints with the `default` element (its background color) */
    bkgdset((chtype)' ' | (chtype)ui_attr(UI_ELEM_DEFAULT));
    char note[200];
    if (theme_fell_back(note, sizeof note))
        theme_diag_add("theme", note);
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
