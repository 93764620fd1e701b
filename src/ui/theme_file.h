/* theme_file.h - pipeboard's theme file format: text in, a table of styles
 * and diagnostics out. Pure: no curses, no I/O (theme_load.h reads files).
 *
 * The format (one directive a line; `#` starts a comment, at the start of
 * a line or after a blank; blank lines are ignored):
 *
 *   depth N                      N = 0 (attributes only), 8, 16 or 256: the
 *                                colors the theme needs. Must come before
 *                                any palette/color/stage line. Without it
 *                                the depth is the smallest that holds every
 *                                color used (0 when none).
 *   palette NAME COLOR           a named color for later lines (k9s style)
 *   color ELEMENT FG BG [ATTR…]  an element's style (tig/neomutt style);
 *                                ELEMENT is a name of theme.h (card.selected,
 *                                column.title, status.error …)
 *   stage NAME FG [BG] [ATTR…]   the header of stages with Twenty's color
 *                                NAME (red purple sky turquoise yellow green
 *                                blue orange pink gray)
 *
 *   COLOR: default (the terminal's, or the `default` element's when the
 *   theme gives it one) | black red green yellow blue magenta cyan white |
 *   bright-black … bright-white (8-15) | 0-255 | #rrggbb (the nearest of
 *   the 240 fixed xterm colors 16-255) | a palette NAME.
 *   ATTR: bold dim underline reverse italic normal (normal: none of them).
 *
 * Promises:
 *  - Everything in the text is untrusted: lines longer than
 *    THEME_MAX_LINE, too many words, unknown names, numbers out of range,
 *    colors beyond the declared depth and a NUL byte are diagnostics,
 *    never a crash or an overflow.
 *  - A bad line gives "FILE:LINE: reason" (names in the reason are cut to
 *    40 bytes and non-printable bytes shown as '?'), is skipped as a whole,
 *    and the rest of the theme still applies. At most THEME_MAX_DIAG are
 *    kept; the others are counted.
 *  - A later line for the same element or stage replaces the earlier one;
 *    a later palette NAME too. */
#ifndef PB_UI_THEME_FILE_H
#define PB_UI_THEME_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/theme.h"

#define THEME_MAX_DIAG 16
#define THEME_MAX_LINE 512
#define THEME_MAX_PALETTE 64

typedef struct theme_def {
    int depth;                          /* 0, 8, 16 or 256 */
    bool depth_given;                   /* a depth line was there */
    ui_style elem[UI_ELEM_COUNT];       /* fg/bg: -1 default, else 0-255 */
    bool elem_set[UI_ELEM_COUNT];
    ui_style stage[THEME_NSTAGES];
    bool stage_set[THEME_NSTAGES];
    char diag[THEME_MAX_DIAG][400];
    int ndiag;
    int dropped_diag;
} theme_def;

/* Parses len bytes of text (NUL bytes are reported) into *out, which is
 * cleared first; file is the name diagnostics start with. Returns the
 * number of diagnostics (kept + dropped). */
int theme_file_parse(const char *file, const char *text, size_t len, theme_def *out);

/* One color word (no palette) -> -1 (default) or 0-255; false if it is not
 * a color. */
bool theme_color_parse(const char *word, short *out);
/* The xterm-256 color (16-255) nearest to an RGB value. */
short theme_color_nearest(int r, int g, int b);

#endif
