/* text.c - sanitised, measured, truncated text drawing (see text.h). */
#include "ui/text.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/width.h"

static pb_buf san = PB_BUF_INIT;
static pb_buf cut = PB_BUF_INIT;
static wchar_t *wbuf;
static size_t wcap;

/* Sanitised s in `san`; NULL on out-of-memory. */
static const char *clean(const char *s)
{
    pb_buf_reset(&san);
    if (!pb_sanitize_append(&san, s, strlen(s)) || san.oom)
        return NULL;
    const char *p = pb_buf_cstr(&san);
    /* drop leading zero-width code points */
    size_t n = san.len, off = 0;
    while (off < n) {
        uint32_t cp;
        size_t used = pb_utf8_decode(p + off, n - off, &cp);
        if (cp == PB_UTF8_INVALID || pb_width_cp(cp) != 0)
            break;
        off += used;
    }
    return p + off;
}

/* Draws UTF-8 text already cut to fit. */
static void put_utf8(int y, int x, const char *s, size_t n, int attr)
{
    if (n + 1 > wcap) {
        size_t nc = wcap ? wcap : 64;
        while (nc < n + 1)
            nc *= 2;
        wchar_t *nw = realloc(wbuf, nc * sizeof *nw);
        if (!nw)
            return;
        wbuf = nw;
        wcap = nc;
    }
    size_t k = 0, off = 0;
    while (off < n) {
        uint32_t cp;
        off += pb_utf8_decode(s + off, n - off, &cp);
        wbuf[k++] = cp == PB_UTF8_INVALID ? 0xFFFD : (wchar_t)cp;
    }
    wbuf[k] = 0;
    attrset(attr);
    mvaddnwstr(y, x, wbuf, (int)k);
}

int ui_text(int y, int x, int w, const char *s, int attr)
{
    if (!s || w <= 0)
        return 0;
    const char *c = clean(s);
    if (!c)
        return 0;
    pb_buf_reset(&cut);
    size_t cols = pb_width_truncate_append(&cut, c, (size_t)w);
    if (cut.oom)
        return 0;
    put_utf8(y, x, pb_buf_cstr(&cut), cut.len, attr);
    return (int)cols;
}

int ui_text_pad(int y, int x, int w, const char *s, int attr)
{
    int used = ui_text(y, x, w, s, attr);
    if (used < w)
        ui_fill(y, x + used, w - used, attr);
    return w;
}

size_t ui_text_width(const char *s)
{
    if (!s)
        return 0;
    const char *c = clean(s);
    return c ? pb_width(c) : 0;
}

int ui_text_right(int y, int x, int w, const char *s, int attr)
{
    int tw = (int)ui_text_width(s);
    int start = tw >= w ? x : x + w - tw;
    ui_text(y, start, w - (start - x), s, attr);
    return start;
}

int ui_text_center(int y, int x, int w, const char *s, int attr)
{
    int tw = (int)ui_text_width(s);
    int start = tw >= w ? x : x + (w - tw) / 2;
    ui_text(y, start, w - (start - x), s, attr);
    return start;
}

void ui_fill(int y, int x, int w, int attr)
{
    if (w <= 0)
        return;
    attrset(attr);
    mvhline(y, x, ' ', w);
}

void ui_put_wch(int y, int x, wchar_t c, int attr)
{
    cchar_t cc;
    wchar_t wc[2] = {c, 0};
    short pair = (short)PAIR_NUMBER(attr);
    setcchar(&cc, wc, (attr_t)attr & ~A_COLOR, pair, NULL);
    mvadd_wch(y, x, &cc);
}

void ui_hline(int y, int x, int w, int attr)
{
    if (w <= 0)
        return;
    cchar_t cc;
    wchar_t wc[2] = {UI_CH_HLINE, 0};
    setcchar(&cc, wc, (attr_t)attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
    mvhline_set(y, x, &cc, w);
}

void ui_vline(int y, int x, int h, int attr)
{
    if (h <= 0)
        return;
    cchar_t cc;
    wchar_t wc[2] = {UI_CH_VLINE, 0};
    setcchar(&cc, wc, (attr_t)attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
    mvvline_set(y, x, &cc, h);
}

void ui_box(int y, int x, int h, int w, int attr)
{
    if (h < 2 || w < 2)
        return;
    for (int r = y + 1; r < y + h - 1; r++)
        ui_fill(r, x + 1, w - 2, attr);
    ui_hline(y, x + 1, w - 2, attr);
    ui_hline(y + h - 1, x + 1, w - 2, attr);
    ui_vline(y + 1, x, h - 2, attr);
    ui_vline(y + 1, x + w - 1, h - 2, attr);
    ui_put_wch(y, x, 0x250C, attr);
    ui_put_wch(y, x + w - 1, 0x2510, attr);
    ui_put_wch(y + h - 1, x, 0x2514, attr);
    ui_put_wch(y + h - 1, x + w - 1, 0x2518, attr);
}

void ui_text_free(void)
{
    pb_buf_free(&san);
    pb_buf_free(&cut);
    free(wbuf);
    wbuf = NULL;
    wcap = 0;
}
