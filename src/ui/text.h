/* text.h - the one way text reaches the screen.
 *
 * Promises:
 *  - Every string drawn through ui_text* is sanitised first (util/sanitize.h:
 *    no control character or escape sequence reaches the terminal, whatever
 *    the server sent), measured with the one width rule (util/width.h), cut
 *    to the columns given with "…" at the end when cut, and drawn as wide
 *    characters (never split, never wider than asked).
 *  - Leading zero-width marks are dropped so they cannot attach to the cell
 *    before the field (a border).
 *  - No allocation per call once the scratch buffers have grown (they are
 *    reused; ui_text_free() releases them at exit).
 *  - Line drawing uses the wide-character set (│ ─ ┼ as cchar_t), so screen
 *    dumps and copy-paste read │, not the old alternate-charset letters.
 */
#ifndef PB_UI_TEXT_H
#define PB_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Draws s at (y, x) in at most w columns with attribute attr; returns the
 * columns drawn. NULL s draws nothing. */
int ui_text(int y, int x, int w, const char *s, int attr);
/* The same, then spaces (in attr) up to w columns. */
int ui_text_pad(int y, int x, int w, const char *s, int attr);
/* Right-aligned within [x, x + w): returns the x where the text starts. */
int ui_text_right(int y, int x, int w, const char *s, int attr);
/* Centred within [x, x + w). */
int ui_text_center(int y, int x, int w, const char *s, int attr);
/* Word-wrapped into at most max_lines lines of w columns (the last one cut
 * with "…" if needed); returns the lines drawn. */
int ui_text_wrap(int y, int x, int w, int max_lines, const char *s, int attr);
/* Display width of s once sanitised. */
size_t ui_text_width(const char *s);
/* True when s would draw nothing visible: NULL, empty, or only blanks, line
 * breaks and zero-width or dropped characters once sanitised (a name of
 * "\u200f\u200b  " is blank; one holding a control is not: it shows ␛ …). */
bool ui_text_blank(const char *s);
/* w spaces. */
void ui_fill(int y, int x, int w, int attr);
/* One character cell (a line-drawing or marker character). */
void ui_put_wch(int y, int x, wchar_t c, int attr);
void ui_hline(int y, int x, int w, int attr);     /* ─ */
void ui_vline(int y, int x, int h, int attr);     /* │ */
/* A box with ┌─┐ │ │ └─┘ and spaces inside. */
void ui_box(int y, int x, int h, int w, int attr);
void ui_text_free(void);

#define UI_CH_VLINE 0x2502      /* │ */
#define UI_CH_HLINE 0x2500      /* ─ */
#define UI_CH_CROSS 0x253C      /* ┼ */
#define UI_CH_BAR 0x258C        /* ▌ */
#define UI_CH_ELLIPSIS 0x2026   /* … */

#endif
