/* fuzz_theme_file.c - the theme file parser (ui/theme_file.h) on any bytes:
 * it never crashes, keeps at most THEME_MAX_DIAG diagnostics, each a
 * terminated "FILE:LINE: reason" line without control bytes (they reach
 * the status line), and every style it sets is a color the terminal can be
 * asked for (-1 for the default, else 0..255) within the declared depth. */
#include "fuzz_common.h"
#include "ui/theme_file.h"

static void check_style(const ui_style *s, int depth, const char *what, int i)
{
    FZ_CHECK(s->fg >= -1 && s->fg <= 255 && s->bg >= -1 && s->bg <= 255, "%s %d: fg %d bg %d",
             what, i, s->fg, s->bg);
    if (depth == 0)
        FZ_CHECK(s->fg == -1 && s->bg == -1, "%s %d: a color in a depth-0 theme", what, i);
    else if (depth < 256)
        FZ_CHECK(s->fg < depth && s->bg < depth, "%s %d: fg %d bg %d beyond depth %d", what, i,
                 s->fg, s->bg, depth);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    theme_def def;
    int n = theme_file_parse("fz.theme", (const char *)data, size, &def);
    FZ_CHECK(def.ndiag >= 0 && def.ndiag <= THEME_MAX_DIAG, "ndiag %d", def.ndiag);
    FZ_CHECK(n == def.ndiag + def.dropped_diag, "returned %d, kept %d + dropped %d", n,
             def.ndiag, def.dropped_diag);
    FZ_CHECK(def.depth == 0 || def.depth == 8 || def.depth == 16 || def.depth == 256, "depth %d",
             def.depth);
    for (int i = 0; i < def.ndiag; i++) {
        FZ_CHECK(memchr(def.diag[i], '\0', sizeof def.diag[i]) != NULL, "diagnostic %d", i);
        FZ_CHECK(strncmp(def.diag[i], "fz.theme:", 9) == 0, "diagnostic without file: %s",
                 def.diag[i]);
        for (const unsigned char *p = (const unsigned char *)def.diag[i]; *p; p++)
            FZ_CHECK(*p >= 0x20 && *p != 0x7f, "diagnostic has control byte 0x%02x", *p);
    }
    for (int i = 0; i < UI_ELEM_COUNT; i++)
        if (def.elem_set[i])
            check_style(&def.elem[i], def.depth, "element", i);
    for (int i = 0; i < THEME_NSTAGES; i++)
        if (def.stage_set[i])
            check_style(&def.stage[i], def.depth, "stage", i);
    return 0;
}
