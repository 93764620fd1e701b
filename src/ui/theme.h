/* theme.h - what every element of the screen looks like (color pair and
 * attributes), looked up by semantic element, never by color.
 *
 * Promises:
 *  - Screens ask ui_attr(UI_ELEM_CARD_SELECTED) … and ui_stage_attr("sky")
 *    for a stage header; nothing else in the UI names a color.
 *  - A minimal built-in theme; with color off (NO_COLOR, --no-color, or a
 *    terminal without colors) every element still differs by attributes
 *    alone (bold, reverse, underline, dim).
 *  - Twenty's stage color names (red, purple, sky, turquoise, yellow, green,
 *    blue, orange, pink, gray) map to curses colors: the 8 basic ones, or
 *    closer 256-color shades when the terminal has them; gray only when the
 *    terminal has more than 8 colors (like htop), else white dimmed.
 *  - Color pairs are created through a function pointer (theme_build), so
 *    the mapping is unit-tested without a terminal; theme_init does the real
 *    curses calls.
 *  - A theme file (parsed by theme_file.c, chosen with theme_use) replaces
 *    the built-in styles of the elements and stage colors it names; the
 *    others keep their built-in style. A color left "default" in a theme
 *    that gives the `default` element a color inherits that color, and the
 *    screen's background is painted with the `default` element.
 *  - The fallback rule (fixed, so a screen never depends on luck):
 *      colors off (NO_COLOR, --no-color; main then chooses the `mono` theme)
 *        or a terminal with fewer than 8 colors -> attributes only: the
 *        theme's own attributes when it is a depth-0 theme, else the
 *        built-in monochrome attributes;
 *      a theme needing more colors than the terminal has (depth 256 on an
 *        8- or 16-color terminal, depth 16 on 8) -> the built-in default
 *        theme (8 colors, made for dark and light terminals), and
 *        theme_fell_back() says so. Not a nearest-color mapping: two close
 *        256-color shades chosen as foreground and background can collapse
 *        to the same basic color and make text invisible; the default
 *        theme was made for 8 colors and is always readable.
 *  - Color pairs are shared: elements with the same colors use one pair.
 */
#ifndef PB_UI_THEME_H
#define PB_UI_THEME_H

#include <stdbool.h>

/* X(enum suffix, theme-file name) */
#define UI_ELEMENTS(X)                            \
    X(DEFAULT, "default")                         \
    X(TOP_BAR, "top.bar")                         \
    X(TOP_TITLE, "top.title")                     \
    X(TOP_TOTALS, "top.totals")                   \
    X(COLUMN_TITLE, "column.title")               \
    X(COLUMN_COUNT, "column.count")               \
    X(COLUMN_TOTALS, "column.totals")             \
    X(COLUMN_SELECTED, "column.selected")         \
    X(COLUMN_BORDER, "column.border")             \
    X(COLUMN_MORE, "column.more")                 \
    X(COLUMN_ERROR, "column.error")               \
    X(COLUMN_EMPTY, "column.empty")               \
    X(LANE, "lane")                               \
    X(LANE_SELECTED, "lane.selected")             \
    X(CARD_NAME, "card.name")                     \
    X(CARD_AMOUNT, "card.amount")                 \
    X(CARD_META, "card.meta")                     \
    X(CARD_SELECTED, "card.selected")             \
    X(CARD_BAR, "card.bar")                       \
    X(CARD_OVERDUE, "card.overdue")               \
    X(CARD_PENDING, "card.pending")               \
    X(CARD_FAILED, "card.failed")                 \
    X(SPINNER, "spinner")                         \
    X(STATUS, "status")                           \
    X(STATUS_ERROR, "status.error")               \
    X(STATUS_PROGRESS, "status.progress")         \
    X(DIALOG, "dialog")                           \
    X(DIALOG_BORDER, "dialog.border")             \
    X(DIALOG_TITLE, "dialog.title")               \
    X(HELP_SECTION, "help.section")               \
    X(HELP_KEY, "help.key")                       \
    X(HELP_TEXT, "help.text")                     \
    X(FORM_LABEL, "form.label")                   \
    X(FORM_FIELD, "form.field")                   \
    X(FORM_FIELD_ACTIVE, "form.field.active")     \
    X(FORM_ERROR, "form.error")                   \
    X(LIST_SELECTED, "list.selected")             \
    X(MESSAGE_ERROR, "message.error")

typedef enum ui_elem {
#define UI_X_ELEM(id, name) UI_ELEM_##id,
    UI_ELEMENTS(UI_X_ELEM)
#undef UI_X_ELEM
    UI_ELEM_COUNT
} ui_elem;

/* Colors: -1 is the terminal's default; 0-7 the basic curses colors;
 * 8-255 the 256-color palette. Attributes are UI_A_* bits. */
enum {
    UI_A_BOLD = 1u << 0,
    UI_A_REVERSE = 1u << 1,
    UI_A_UNDERLINE = 1u << 2,
    UI_A_DIM = 1u << 3,
    UI_A_ITALIC = 1u << 4
};

typedef struct ui_style {
    short fg, bg;
    unsigned attrs;       /* with colors */
    unsigned mono_attrs;  /* without colors */
} ui_style;

/* The terminal's abilities, and how to make a color pair. */
typedef struct ui_theme_caps {
    bool color;           /* use colors at all */
    int ncolors;          /* COLORS */
    int npairs;           /* COLOR_PAIRS */
} ui_theme_caps;
typedef void (*ui_pair_fn)(void *ctx, short pair, short fg, short bg);

/* Sets everything up for these abilities, calling make_pair for each pair
 * it needs (pairs are numbered from 1). */
void theme_build(const ui_theme_caps *caps, ui_pair_fn make_pair, void *ctx);
/* The real thing: reads the terminal (start_color, use_default_colors …);
 * use_color false gives attributes only. Call after initscr. */
void theme_init(bool use_color);

/* The curses attribute (attr_t bits incl. COLOR_PAIR) of an element. */
int ui_attr(ui_elem e);
/* The header attribute of a stage with Twenty's color name (bold, colored);
 * an unknown or empty name gives column.title. */
int ui_stage_attr(const char *color_name);

/* Twenty's stage colors, in a fixed order (red, purple, sky, turquoise,
 * yellow, green, blue, orange, pink, gray). */
#define THEME_NSTAGES 10
const char *theme_stage_name(int i);        /* "" when out of range */
int theme_stage_find(const char *name);     /* index, or -1 */

struct theme_def;
/* From the next theme_build on, use this parsed theme file (copied; NULL:
 * the built-in theme again). name is kept for theme_fallback_note. */
void theme_use(const struct theme_def *t, const char *name);
/* After theme_build: true when the theme in use needed more colors than the
 * terminal has, so the built-in default theme was used (see above); note
 * gets a sentence saying so (empty when false). */
bool theme_fell_back(char *note, unsigned notelen);

/* Twenty color name -> curses color (0-255) for a terminal with ncolors
 * colors; -1 when the name is unknown. */
int theme_color_number(const char *name, int ncolors);
const char *theme_elem_name(ui_elem e);
bool theme_elem_find(const char *name, ui_elem *out);
/* The built-in style of an element, and a way to override it (theme files). */
ui_style theme_default_style(ui_elem e);
void theme_set(ui_elem e, ui_style s);

#endif
