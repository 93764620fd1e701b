/* theme_file.c - the theme file parser (see theme_file.h). No curses here. */
#include "ui/theme_file.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_WORDS 12
#define MAX_WORD 64

static const char *const basic_names[8] = {"black", "red",     "green", "yellow",
                                           "blue",  "magenta", "cyan",  "white"};
static const char *const attr_names[] = {"normal", "bold", "reverse", "underline", "dim", "italic"};
static const unsigned attr_bits[] = {0, UI_A_BOLD, UI_A_REVERSE, UI_A_UNDERLINE, UI_A_DIM,
                                     UI_A_ITALIC};
#define NATTRS (sizeof attr_names / sizeof attr_names[0])

typedef struct palette_entry {
    char name[32];
    short color;
} palette_entry;

typedef struct parser {
    const char *file;
    int line;
    theme_def *t;
    palette_entry pal[THEME_MAX_PALETTE];
    int npal;
    bool styled;      /* a palette/color/stage line was read (depth must precede) */
    int max_color;    /* the highest color number used (-1: none) */
} parser;

static void diag(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void diag(parser *p, const char *fmt, ...)
{
    theme_def *t = p->t;
    if (t->ndiag >= THEME_MAX_DIAG) {
        t->dropped_diag++;
        return;
    }
    char reason[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    /* a long path keeps its end (the file name) */
    size_t flen = strlen(p->file);
    const char *f = flen > 150 ? p->file + flen - 150 : p->file;
    snprintf(t->diag[t->ndiag++], sizeof t->diag[0], "%s%.150s:%d: %s", f == p->file ? "" : "...",
             f, p->line, reason);
}

/* A word as shown in a diagnostic: at most 40 bytes, printable ASCII only. */
static const char *shown(const char *w, char *out, size_t outlen)
{
    size_t n = 0;
    for (; *w && n + 1 < outlen && n < 40; w++)
        out[n++] = (*w >= 0x20 && *w < 0x7f) ? *w : '?';
    out[n] = '\0';
    return out;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int cube_level(int i)
{
    return i ? 55 + 40 * i : 0;
}

short theme_color_nearest(int r, int g, int b)
{
    short best = 16;
    long bestd = -1;
    for (int c = 16; c < 256; c++) {
        int cr, cg, cb;
        if (c < 232) {
            int i = c - 16;
            cr = cube_level(i / 36);
            cg = cube_level(i / 6 % 6);
            cb = cube_level(i % 6);
        } else {
            cr = cg = cb = 8 + 10 * (c - 232);
        }
        long d = (long)(r - cr) * (r - cr) + (long)(g - cg) * (g - cg) + (long)(b - cb) * (b - cb);
        if (bestd < 0 || d < bestd) {
            bestd = d;
            best = (short)c;
        }
    }
    return best;
}

bool theme_color_parse(const char *w, short *out)
{
    if (!w || !*w)
        return false;
    if (!strcmp(w, "default")) {
        *out = -1;
        return true;
    }
    bool bright = !strncmp(w, "bright-", 7);
    const char *base = bright ? w + 7 : w;
    for (int i = 0; i < 8; i++)
        if (!strcmp(base, basic_names[i])) {
            *out = (short)(bright ? i + 8 : i);
            return true;
        }
    if (bright)
        return false;
    if (w[0] >= '0' && w[0] <= '9') {
        int v = 0;
        size_t n = 0;
        for (; w[n]; n++) {
            if (w[n] < '0' || w[n] > '9' || n >= 3)
                return false;
            v = v * 10 + (w[n] - '0');
        }
        if (v > 255)
            return false;
        *out = (short)v;
        return true;
    }
    if (w[0] == '#' && strlen(w) == 7) {
        int rgb[3];
        for (int i = 0; i < 3; i++) {
            int hi = hexval(w[1 + 2 * i]), lo = hexval(w[2 + 2 * i]);
            if (hi < 0 || lo < 0)
                return false;
            rgb[i] = hi * 16 + lo;
        }
        *out = theme_color_nearest(rgb[0], rgb[1], rgb[2]);
        return true;
    }
    return false;
}

static bool attr_find(const char *w, unsigned *bit)
{
    for (size_t i = 0; i < NATTRS; i++)
        if (!strcmp(w, attr_names[i])) {
            *bit = attr_bits[i];
            return true;
        }
    return false;
}

static const palette_entry *palette_find(const parser *p, const char *w)
{
    for (int i = 0; i < p->npal; i++)
        if (!strcmp(p->pal[i].name, w))
            return &p->pal[i];
    return NULL;
}

/* A color word or a palette name, within the declared depth. On error a
 * diagnostic names the problem and false is returned. */
static bool color_word(parser *p, const char *w, short *out)
{
    char s[48];
    short c;
    const palette_entry *pe = palette_find(p, w);
    if (pe)
        c = pe->color;
    else if (!theme_color_parse(w, &c)) {
        diag(p, "'%s' is not a color (default, a color name, 0-255, #rrggbb or a palette name)",
             shown(w, s, sizeof s));
        return false;
    }
    if (c >= 0 && p->t->depth_given && c >= p->t->depth) {
        if (p->t->depth == 0)
            diag(p, "a depth 0 theme has attributes only: '%s' is a color (use default)",
                 shown(w, s, sizeof s));
        else
            diag(p, "color %d needs depth %d (the theme says depth %d)", c,
                 c < 8 ? 8 : c < 16 ? 16 : 256, p->t->depth);
        return false;
    }
    *out = c;
    return true;
}

static void note_color(parser *p, short c)
{
    if (c > p->max_color)
        p->max_color = c;
}

static bool attrs_words(parser *p, char **w, int n, unsigned *out)
{
    unsigned a = 0;
    for (int i = 0; i < n; i++) {
        unsigned bit;
        if (!attr_find(w[i], &bit)) {
            char s[48];
            diag(p, "unknown attribute '%s' (bold dim underline reverse italic normal)",
                 shown(w[i], s, sizeof s));
            return false;
        }
        a = bit ? a | bit : 0;
    }
    *out = a;
    return true;
}

static void do_depth(parser *p, char **w, int n)
{
    if (n != 2) {
        diag(p, "depth takes one number: 0, 8, 16 or 256");
        return;
    }
    if (p->t->depth_given) {
        diag(p, "depth is given twice");
        return;
    }
    if (p->styled) {
        diag(p, "depth must come before the palette, color and stage lines");
        return;
    }
    static const char *const ok[] = {"0", "8", "16", "256"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(w[1], ok[i])) {
            p->t->depth = i == 0 ? 0 : i == 1 ? 8 : i == 2 ? 16 : 256;
            p->t->depth_given = true;
            return;
        }
    char s[48];
    diag(p, "depth must be 0, 8, 16 or 256, not '%s'", shown(w[1], s, sizeof s));
}

static bool palette_name_ok(const char *w)
{
    short c;
    unsigned a;
    if (!((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z')))
        return false;
    if (strlen(w) >= sizeof ((palette_entry *)0)->name)
        return false;
    for (const char *q = w; *q; q++)
        if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
              *q == '-' || *q == '_'))
            return false;
    return !theme_color_parse(w, &c) && !attr_find(w, &a);
}

static void do_palette(parser *p, char **w, int n)
{
    char s[48];
    p->styled = true;
    if (n != 3) {
        diag(p, "palette takes a name and a color");
        return;
    }
    if (!palette_name_ok(w[1])) {
        diag(p, "bad palette name '%s' (a letter, then letters, digits, - or _; at most 31; "
                "not a color or attribute word)",
             shown(w[1], s, sizeof s));
        return;
    }
    short c;
    if (!color_word(p, w[2], &c))
        return;
    note_color(p, c);
    palette_entry *pe = (palette_entry *)palette_find(p, w[1]);
    if (!pe) {
        if (p->npal >= THEME_MAX_PALETTE) {
            diag(p, "too many palette names (at most %d)", THEME_MAX_PALETTE);
            return;
        }
        pe = &p->pal[p->npal++];
        snprintf(pe->name, sizeof pe->name, "%s", w[1]);
    }
    pe->color = c;
}

static void do_color(parser *p, char **w, int n)
{
    char s[48];
    p->styled = true;
    if (n < 4) {
        diag(p, "color takes an element, a foreground and a background color, then attributes");
        return;
    }
    ui_elem e;
    if (!theme_elem_find(w[1], &e)) {
        diag(p, "unknown element '%s'", shown(w[1], s, sizeof s));
        return;
    }
    ui_style st = {-1, -1, 0, 0};
    if (!color_word(p, w[2], &st.fg) || !color_word(p, w[3], &st.bg) ||
        !attrs_words(p, w + 4, n - 4, &st.attrs))
        return;
    note_color(p, st.fg);
    note_color(p, st.bg);
    st.mono_attrs = st.attrs;
    p->t->elem[e] = st;
    p->t->elem_set[e] = true;
}

static void do_stage(parser *p, char **w, int n)
{
    char s[48];
    p->styled = true;
    if (n < 3) {
        diag(p, "stage takes a stage color name, a foreground color, then a background color "
                "and attributes");
        return;
    }
    int k = theme_stage_find(w[1]);
    if (k < 0) {
        diag(p, "unknown stage color '%s' (red purple sky turquoise yellow green blue orange "
                "pink gray)",
             shown(w[1], s, sizeof s));
        return;
    }
    ui_style st = {-1, -1, 0, 0};
    if (!color_word(p, w[2], &st.fg))
        return;
    int first_attr = 3;
    unsigned bit;
    if (n > 3 && !attr_find(w[3], &bit)) {
        if (!color_word(p, w[3], &st.bg))
            return;
        first_attr = 4;
    }
    if (!attrs_words(p, w + first_attr, n - first_attr, &st.attrs))
        return;
    note_color(p, st.fg);
    note_color(p, st.bg);
    st.mono_attrs = st.attrs;
    p->t->stage[k] = st;
    p->t->stage_set[k] = true;
}

/* One line (no newline, NUL-terminated copy). */
static void parse_line(parser *p, char *line)
{
    char *w[MAX_WORDS];
    int n = 0;
    char *q = line;
    for (;;) {
        while (*q == ' ' || *q == '\t')
            q++;
        if (!*q)
            break;
        if (*q == '#' && (n == 0 || q[1] == '\0' || q[1] == ' ' || q[1] == '\t'))
            break;   /* comment */
        if (n == MAX_WORDS) {
            diag(p, "too many words (at most %d)", MAX_WORDS);
            return;
        }
        w[n++] = q;
        while (*q && *q != ' ' && *q != '\t')
            q++;
        if (q - w[n - 1] >= MAX_WORD) {
            diag(p, "a word is too long (at most %d bytes)", MAX_WORD - 1);
            return;
        }
        if (*q)
            *q++ = '\0';
    }
    if (n == 0)
        return;
    if (!strcmp(w[0], "depth"))
        do_depth(p, w, n);
    else if (!strcmp(w[0], "palette"))
        do_palette(p, w, n);
    else if (!strcmp(w[0], "color"))
        do_color(p, w, n);
    else if (!strcmp(w[0], "stage"))
        do_stage(p, w, n);
    else {
        char s[48];
        diag(p, "unknown directive '%s' (depth, palette, color or stage)",
             shown(w[0], s, sizeof s));
    }
}

int theme_file_parse(const char *file, const char *text, size_t len, theme_def *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < UI_ELEM_COUNT; i++)
        out->elem[i] = (ui_style){-1, -1, 0, 0};
    for (int i = 0; i < THEME_NSTAGES; i++)
        out->stage[i] = (ui_style){-1, -1, 0, 0};
    parser p = {.file = file ? file : "theme", .t = out, .max_color = -1};
    size_t pos = 0;
    while (pos < len) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        p.line++;
        if (n > 0 && start[n - 1] == '\r')
            n--;
        if (n > THEME_MAX_LINE) {
            diag(&p, "the line is too long (more than %d bytes)", THEME_MAX_LINE);
            continue;
        }
        if (memchr(start, '\0', n)) {
            diag(&p, "a NUL byte in the line");
            continue;
        }
        char buf[THEME_MAX_LINE + 1];
        memcpy(buf, start, n);
        buf[n] = '\0';
        parse_line(&p, buf);
    }
    if (!out->depth_given)
        out->depth = p.max_color < 0 ? 0 : p.max_color < 8 ? 8 : p.max_color < 16 ? 16 : 256;
    return out->ndiag + out->dropped_diag;
}
