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

/* ---- the fast path: one pass from UTF-8 to screen cells ------------------- */

/* What pb_sanitize would change (util/sanitize.h): such text takes the slow
 * path through pb_sanitize first. */
static bool unsafe_cp(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == PB_UTF8_INVALID || cp == 0x2028
           || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
           || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

static cchar_t *ccs;            /* the cells of the text being drawn */
static unsigned char *widths;   /* their widths */
static size_t cells_cap;

static bool cells_reserve(size_t n)
{
    if (n <= cells_cap)
        return true;
    size_t nc = cells_cap ? cells_cap : 128;
    while (nc < n)
        nc *= 2;
    cchar_t *cc = realloc(ccs, nc * sizeof *cc);
    if (!cc)
        return false;
    ccs = cc;
    unsigned char *w = realloc(widths, nc);
    if (!w)
        return false;
    widths = w;
    cells_cap = nc;
    return true;
}

/* One cell holding the character c in attributes a / color pair pair. With
 * ncurses the struct is filled directly (setcchar() validates and measures
 * again what we already know: it was a third of the cost of a frame). */
static inline void cell_set(cchar_t *cc, wchar_t c, attr_t a, short pair)
{
#if defined(NCURSES_VERSION) && defined(NCURSES_EXT_COLORS)
    memset(cc, 0, sizeof *cc);
    cc->attr = (a & ~A_COLOR) | (attr_t)COLOR_PAIR(pair);
    cc->chars[0] = c;
    cc->ext_color = pair;
#else
    wchar_t wc[2] = {c, 0};
    setcchar(cc, wc, a, pair, NULL);
#endif
}

/* Adds a zero-width mark to a cell (dropped when the cell is full). */
static inline void cell_mark(cchar_t *cc, wchar_t m, attr_t a, short pair)
{
#if defined(NCURSES_VERSION) && defined(NCURSES_EXT_COLORS)
    (void)a;
    (void)pair;
    for (int i = 1; i < CCHARW_MAX; i++)
        if (cc->chars[i] == 0) {
            cc->chars[i] = m;
            return;
        }
#else
    wchar_t wc[CCHARW_MAX + 1];
    attr_t oa;
    short op;
    if (getcchar(cc, wc, &oa, &op, NULL) == ERR)
        return;
    size_t n = wcslen(wc);
    if (n + 1 < CCHARW_MAX) {
        wc[n] = m;
        wc[n + 1] = 0;
        setcchar(cc, wc, a, pair, NULL);
    }
#endif
}

/* Lays s[0..n) out as cells in at most w columns (cut with "…"); *ncells
 * cells. Returns the columns used, or -1 when s holds something unsafe (or
 * memory ran out: then *ncells is 0). */
static int layout_cells(const char *s, size_t n, int w, attr_t a, short pair, size_t *ncells)
{
    *ncells = 0;
    if (!cells_reserve((size_t)w + 2))
        return -1;
    size_t k = 0, off = 0;
    int cols = 0;
    while (off < n) {
        uint32_t cp;
        int cw;
        unsigned char b = (unsigned char)s[off];
        if (b >= 0x20 && b < 0x7F) {   /* printable ASCII: the common case */
            cp = b;
            cw = 1;
            off++;
        } else {
            off += pb_utf8_decode(s + off, n - off, &cp);
            if (unsafe_cp(cp))
                return -1;
            cw = pb_width_cp(cp);
            if (cw == 0) {
                if (k > 0)
                    cell_mark(&ccs[k - 1], (wchar_t)cp, a, pair);
                continue;   /* leading marks are dropped (they would join the cell before) */
            }
        }
        if (cols + cw > w) {
            /* cut: keep what fits in w - 1 columns, then "…" */
            while (k > 0 && cols > w - 1)
                cols -= widths[--k];
            cell_set(&ccs[k], UI_CH_ELLIPSIS, a, pair);
            widths[k++] = 1;
            cols++;
            /* scan the rest only for safety: unsafe text anywhere takes the slow path */
            while (off < n) {
                off += pb_utf8_decode(s + off, n - off, &cp);
                if (unsafe_cp(cp))
                    return -1;
            }
            break;
        }
        cell_set(&ccs[k], (wchar_t)cp, a, pair);
        widths[k++] = (unsigned char)cw;
        cols += cw;
    }
    *ncells = k;
    return cols;
}

static int draw_cells(int y, int x, const char *s, int w, int attr)
{
    size_t n = strlen(s), k;
    attr_t a = (attr_t)attr & ~A_COLOR;
    short pair = (short)PAIR_NUMBER(attr);
    int cols = layout_cells(s, n, w, a, pair, &k);
    if (cols < 0) {
        pb_buf_reset(&san);
        if (!pb_sanitize_append(&san, s, n) || san.oom)
            return 0;
        cols = layout_cells(pb_buf_cstr(&san), san.len, w, a, pair, &k);
        if (cols < 0)
            return 0;
    }
    if (k == 0)
        return 0;
    mvadd_wchnstr(y, x, ccs, (int)k);
    return cols;
}

int ui_text(int y, int x, int w, const char *s, int attr)
{
    if (!s || w <= 0)
        return 0;
    return draw_cells(y, x, s, w, attr);
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
    size_t n = strlen(s), w = 0, off = 0;
    bool leading = true;
    while (off < n) {
        uint32_t cp;
        off += pb_utf8_decode(s + off, n - off, &cp);
        if (unsafe_cp(cp)) {
            const char *c = clean(s);
            return c ? pb_width(c) : 0;
        }
        int cw = pb_width_cp(cp);
        if (cw)
            leading = false;
        else if (leading)
            continue;
        w += (size_t)cw;
    }
    return w;
}

bool ui_text_blank(const char *s)
{
    if (!s)
        return true;
    size_t i = 0;
    while (s[i] == ' ')
        i++;
    if (s[i] == '\0')
        return true;
    if ((unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7F)
        return false;   /* the common case: a visible ASCII character */
    pb_buf_reset(&san);
    if (!pb_sanitize_append(&san, s, strlen(s)) || san.oom)
        return false;
    const char *p = pb_buf_cstr(&san);
    size_t n = san.len, off = 0;
    while (off < n) {
        uint32_t cp;
        off += pb_utf8_decode(p + off, n - off, &cp);
        if (cp != ' ' && (cp == PB_UTF8_INVALID || pb_width_cp(cp) != 0))
            return false;
    }
    return true;
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

int ui_text_wrap(int y, int x, int w, int max_lines, const char *s, int attr)
{
    if (!s || w <= 0 || max_lines <= 0)
        return 0;
    const char *c = clean(s);
    if (!c)
        return 0;
    pb_buf_reset(&cut);
    pb_buf_puts(&cut, c);
    if (cut.oom)
        return 0;
    const char *p = pb_buf_cstr(&cut);
    size_t n = cut.len, off = 0;
    int lines = 0;
    while (off < n && lines < max_lines) {
        while (off < n && p[off] == ' ')
            off++;
        if (off >= n)
            break;
        size_t cols;
        size_t fit = pb_width_prefix(p + off, n - off, (size_t)w, &cols);
        size_t take = fit;
        if (off + fit < n) {
            if (lines == max_lines - 1) {
                /* last line: cut with an ellipsis */
                pb_buf tmp = PB_BUF_INIT;
                pb_buf_append(&tmp, p + off, n - off);
                pb_buf line = PB_BUF_INIT;
                pb_width_truncate_append(&line, pb_buf_cstr(&tmp), (size_t)w);
                put_utf8(y + lines, x, pb_buf_cstr(&line), line.len, attr);
                pb_buf_free(&tmp);
                pb_buf_free(&line);
                return lines + 1;
            }
            size_t sp = fit;
            while (sp > 0 && p[off + sp] != ' ')
                sp--;
            if (sp > 0)
                take = sp;
        }
        if (take == 0)
            take = fit ? fit : 1;
        put_utf8(y + lines, x, p + off, take, attr);
        off += take;
        lines++;
    }
    return lines;
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
    free(widths);
    free(ccs);
    widths = NULL;
    ccs = NULL;
    cells_cap = 0;
}
