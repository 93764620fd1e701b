/* lineedit.h - a small single-line UTF-8 text editor (the fields of the
 * edit form, the search prompt, the picker's query).
 *
 * Promises:
 *  - The text is always valid UTF-8 without controls (C0, DEL, C1), line or
 *    paragraph separators, bidi embeddings/overrides/isolates or surrogates:
 *    ui_le_insert refuses them and ui_le_set drops them (ill-formed bytes
 *    become U+FFFD), so what is typed can be drawn as is.
 *  - The cursor is a byte offset that always sits on a character boundary,
 *    where a character is a code point with its following zero-width code
 *    points (combining marks, ZWJ …): Left/Right/Backspace/Delete move over
 *    or remove "é" written as e + U+0301 as one.
 *  - Widths come from util/width.h (wide CJK and emoji count 2).
 *  - Pure logic: no curses call. ui_le_key understands curses key codes
 *    (KEY_LEFT …) as numbers only; drawing is the caller's (ui_le_fit tells
 *    which part of the text fits and where the cursor goes).
 *  - Edits beyond UI_LE_MAX_BYTES are refused (the text is left unchanged).
 *
 * Keys (ui_le_key): printable characters insert; Backspace (and ^H, DEL)
 * deletes before the cursor, Delete at it; Left/Right, Home/End, ^A/^E move;
 * ^U deletes to the start, ^K to the end, ^W the word before the cursor. */
#ifndef PB_UI_LINEEDIT_H
#define PB_UI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/ui.h"

#define UI_LE_MAX_BYTES 2048

typedef struct ui_lineedit {
    char *buf;       /* NUL-terminated UTF-8; NULL until the first edit */
    size_t len;      /* bytes */
    size_t cap;
    size_t cur;      /* cursor, a byte offset on a character boundary */
    size_t scroll;   /* first byte shown (kept by ui_le_fit) */
} ui_lineedit;

typedef enum ui_le_result {
    UI_LE_IGNORED = 0, /* not an editing key (or refused: the text is unchanged) */
    UI_LE_MOVED,       /* the cursor moved, the text did not change */
    UI_LE_CHANGED      /* the text changed */
} ui_le_result;

void ui_le_init(ui_lineedit *le);
void ui_le_free(ui_lineedit *le);
/* Replaces the text (cleaned as said above) and puts the cursor at the end.
 * False if it was cut at UI_LE_MAX_BYTES (what fits is kept) or memory ran
 * out. */
bool ui_le_set(ui_lineedit *le, const char *text);
const char *ui_le_text(const ui_lineedit *le);    /* never NULL */
bool ui_le_empty(const ui_lineedit *le);

/* One code point at the cursor; false (unchanged) if it is refused. */
bool ui_le_insert(ui_lineedit *le, uint32_t cp);
bool ui_le_backspace(ui_lineedit *le);
bool ui_le_delete(ui_lineedit *le);
bool ui_le_left(ui_lineedit *le);
bool ui_le_right(ui_lineedit *le);
bool ui_le_home(ui_lineedit *le);
bool ui_le_end(ui_lineedit *le);
bool ui_le_kill_to_start(ui_lineedit *le);
bool ui_le_kill_to_end(ui_lineedit *le);
bool ui_le_kill_word(ui_lineedit *le);
void ui_le_clear(ui_lineedit *le);

/* Applies an editing key (see the top comment). */
ui_le_result ui_le_key(ui_lineedit *le, ui_key k);
/* True if the code point may be typed into a line. */
bool ui_le_allowed(uint32_t cp);

/* Fits the text in `cols` columns (cols >= 2): scrolls horizontally so the
 * cursor stays visible (with one column left free for it at the end), and
 * returns through *start / *nbytes the bytes to draw and through *cursor_col
 * the cursor's column from the left of the field. */
void ui_le_fit(ui_lineedit *le, size_t cols, size_t *start, size_t *nbytes, size_t *cursor_col);

/* Drawing (lineedit_draw.c, the only part that calls curses): the visible
 * part of the text at (y, x) in w columns with attribute attr, padded with
 * spaces; with `cursor`, the cursor's cell is shown in reverse video (the
 * terminal's own cursor stays hidden). */
void ui_le_draw(ui_lineedit *le, int y, int x, int w, int attr, bool cursor);

#endif
