/* lineedit.c - the single-line UTF-8 editor of lineedit.h. Only curses' key
 * code constants are used here, never a curses function. */
#include "ui/lineedit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/width.h"

#define CTRL(c) ((c) & 0x1f)

void ui_le_init(ui_lineedit *le)
{
    memset(le, 0, sizeof *le);
}

void ui_le_free(ui_lineedit *le)
{
    free(le->buf);
    memset(le, 0, sizeof *le);
}

const char *ui_le_text(const ui_lineedit *le)
{
    return le->buf ? le->buf : "";
}

bool ui_le_empty(const ui_lineedit *le)
{
    return le->len == 0;
}

bool ui_le_allowed(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return false;                       /* C0, DEL, C1 */
    if (cp == 0x2028 || cp == 0x2029)
        return false;                       /* line / paragraph separators */
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
        return false;                       /* bidi embeddings, overrides, isolates */
    if (cp == 0x200E || cp == 0x200F || cp == 0x061C)
        return false;                       /* bidi marks */
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return false;
    return true;
}

static bool reserve(ui_lineedit *le, size_t need)
{
    if (need + 1 <= le->cap)
        return true;
    size_t cap = le->cap ? le->cap : 32;
    while (cap < need + 1)
        cap *= 2;
    char *p = realloc(le->buf, cap);
    if (!p)
        return false;
    p[le->len] = '\0';   /* a fresh buffer is terminated too */
    le->buf = p;
    le->cap = cap;
    return true;
}

static void clamp_scroll(ui_lineedit *le)
{
    if (le->scroll > le->cur)
        le->scroll = le->cur;
}

static uint32_t cp_at(const ui_lineedit *le, size_t pos, size_t *n)
{
    uint32_t cp;
    *n = pb_utf8_decode(le->buf + pos, le->len - pos, &cp);
    return cp;
}

/* The start of the code point that ends at pos (pos > 0). */
static size_t cp_before(const ui_lineedit *le, size_t pos)
{
    do
        pos--;
    while (pos > 0 && ((unsigned char)le->buf[pos] & 0xC0) == 0x80);
    return pos;
}

static bool zero_width(uint32_t cp)
{
    return cp != PB_UTF8_INVALID && pb_width_cp(cp) == 0;
}

/* The end of the character starting at pos (pos < len): the code point and
 * every zero-width code point after it. */
static size_t char_end(const ui_lineedit *le, size_t pos)
{
    size_t n;
    cp_at(le, pos, &n);
    pos += n;
    while (pos < le->len) {
        uint32_t cp = cp_at(le, pos, &n);
        if (!zero_width(cp))
            break;
        pos += n;
    }
    return pos;
}

/* The start of the character that ends at pos (pos > 0). */
static size_t char_start(const ui_lineedit *le, size_t pos)
{
    size_t n;
    pos = cp_before(le, pos);
    while (pos > 0 && zero_width(cp_at(le, pos, &n)))
        pos = cp_before(le, pos);
    return pos;
}

/* Removes buf[from..to) and puts the cursor at from. */
static void cut(ui_lineedit *le, size_t from, size_t to)
{
    memmove(le->buf + from, le->buf + to, le->len - to + 1);
    le->len -= to - from;
    le->cur = from;
    clamp_scroll(le);
}

void ui_le_clear(ui_lineedit *le)
{
    if (le->buf)
        le->buf[0] = '\0';
    le->len = le->cur = le->scroll = 0;
}

bool ui_le_set(ui_lineedit *le, const char *text)
{
    ui_le_clear(le);
    if (!text)
        return true;
    size_t n = strlen(text);
    if (!reserve(le, n < UI_LE_MAX_BYTES ? n : UI_LE_MAX_BYTES))
        return false;
    bool complete = true;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += pb_utf8_decode(text + i, n - i, &cp);
        if (cp == PB_UTF8_INVALID)
            cp = 0xFFFD;
        if (!ui_le_allowed(cp))
            continue;
        if (!ui_le_insert(le, cp)) {
            complete = false;   /* too long: keep what fits */
            break;
        }
    }
    le->scroll = 0;
    return complete;
}

bool ui_le_insert(ui_lineedit *le, uint32_t cp)
{
    if (!ui_le_allowed(cp))
        return false;
    char enc[4];
    size_t n;
    if (cp < 0x80) {
        enc[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        enc[0] = (char)(0xC0 | (cp >> 6));
        enc[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        enc[0] = (char)(0xE0 | (cp >> 12));
        enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        enc[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        enc[0] = (char)(0xF0 | (cp >> 18));
        enc[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        enc[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        enc[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    if (le->len + n > UI_LE_MAX_BYTES || !reserve(le, le->len + n))
        return false;
    memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
    memcpy(le->buf + le->cur, enc, n);
    le->len += n;
    le->cur += n;
    return true;
}

bool ui_le_backspace(ui_lineedit *le)
{
    if (le->cur == 0)
        return false;
    cut(le, char_start(le, le->cur), le->cur);
    return true;
}

bool ui_le_delete(ui_lineedit *le)
{
    if (le->cur >= le->len)
        return false;
    size_t at = le->cur;
    cut(le, at, char_end(le, at));
    return true;
}

bool ui_le_left(ui_lineedit *le)
{
    if (le->cur == 0)
        return false;
    le->cur = char_start(le, le->cur);
    clamp_scroll(le);
    return true;
}

bool ui_le_right(ui_lineedit *le)
{
    if (le->cur >= le->len)
        return false;
    le->cur = char_end(le, le->cur);
    return true;
}

bool ui_le_home(ui_lineedit *le)
{
    if (le->cur == 0)
        return false;
    le->cur = 0;
    clamp_scroll(le);
    return true;
}

bool ui_le_end(ui_lineedit *le)
{
    if (le->cur == le->len)
        return false;
    le->cur = le->len;
    return true;
}

bool ui_le_kill_to_start(ui_lineedit *le)
{
    if (le->cur == 0)
        return false;
    cut(le, 0, le->cur);
    return true;
}

bool ui_le_kill_to_end(ui_lineedit *le)
{
    if (le->cur >= le->len)
        return false;
    le->buf[le->cur] = '\0';
    le->len = le->cur;
    return true;
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == 0x3000 || cp == 0xA0;
}

bool ui_le_kill_word(ui_lineedit *le)
{
    if (le->cur == 0)
        return false;
    size_t pos = le->cur, n;
    while (pos > 0) {   /* the spaces before the cursor */
        size_t p = cp_before(le, pos);
        if (!is_space(cp_at(le, p, &n)))
            break;
        pos = p;
    }
    while (pos > 0) {   /* then the word */
        size_t p = cp_before(le, pos);
        if (is_space(cp_at(le, p, &n)))
            break;
        pos = p;
    }
    cut(le, pos, le->cur);
    return true;
}

ui_le_result ui_le_key(ui_lineedit *le, ui_key k)
{
    size_t before_len = le->len, before_cur = le->cur;
    bool done;
    if (k.is_code) {
        switch (k.ch) {
        case KEY_LEFT: done = ui_le_left(le); break;
        case KEY_RIGHT: done = ui_le_right(le); break;
        case KEY_HOME: done = ui_le_home(le); break;
        case KEY_END: done = ui_le_end(le); break;
        case KEY_BACKSPACE: done = ui_le_backspace(le); break;
        case KEY_DC: done = ui_le_delete(le); break;
        default: return UI_LE_IGNORED;
        }
    } else {
        switch (k.ch) {
        case CTRL('a'): done = ui_le_home(le); break;
        case CTRL('e'): done = ui_le_end(le); break;
        case CTRL('b'): done = ui_le_left(le); break;
        case CTRL('f'): done = ui_le_right(le); break;
        case CTRL('d'): done = ui_le_delete(le); break;
        case CTRL('h'):
        case 0x7F: done = ui_le_backspace(le); break;
        case CTRL('u'): done = ui_le_kill_to_start(le); break;
        case CTRL('k'): done = ui_le_kill_to_end(le); break;
        case CTRL('w'): done = ui_le_kill_word(le); break;
        default:
            if (!ui_le_allowed((uint32_t)k.ch))
                return UI_LE_IGNORED;
            done = ui_le_insert(le, (uint32_t)k.ch);
            break;
        }
    }
    if (!done)
        return UI_LE_IGNORED;
    return le->len != before_len ? UI_LE_CHANGED
           : le->cur != before_cur ? UI_LE_MOVED
                                   : UI_LE_IGNORED;
}

void ui_le_fit(ui_lineedit *le, size_t cols, size_t *start, size_t *nbytes, size_t *cursor_col)
{
    if (cols < 2)
        cols = 2;
    if (le->scroll > le->len)
        le->scroll = 0;
    clamp_scroll(le);
    const char *s = ui_le_text(le);
    /* the cursor must fit, with its own column */
    size_t w = pb_width_n(s + le->scroll, le->cur - le->scroll);
    while (w + 1 > cols && le->scroll < le->cur) {
        size_t next = char_end(le, le->scroll);
        w -= pb_width_n(s + le->scroll, next - le->scroll);
        le->scroll = next;
    }
    /* scroll back while everything from there to the end still fits */
    while (le->scroll > 0) {
        size_t prev = char_start(le, le->scroll);
        if (pb_width_n(s + prev, le->len - prev) + 1 > cols)
            break;
        le->scroll = prev;
    }
    size_t c;
    *start = le->scroll;
    *nbytes = pb_width_prefix(s + le->scroll, le->len - le->scroll, cols, &c);
    *cursor_col = pb_width_n(s + le->scroll, le->cur - le->scroll);
}
