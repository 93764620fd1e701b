/* width.c - display width and truncation (see width.h). */
#include "util/width.h"

#include <string.h>
#include <wchar.h>

#include "util/utf8.h"

struct range {
    uint32_t lo, hi;
};

/* Fallback tables, used only when wcwidth answers -1. */
static const struct range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
    {0xE0100, 0xE01EF},
};
static const struct range wide[] = {
    {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
    {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2E80, 0x303E}, {0x3041, 0x33FF},
    {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F},
    {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

static bool in_table(uint32_t cp, const struct range *t, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < t[mid].lo)
            hi = mid;
        else if (cp > t[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

int pb_width_cp(uint32_t cp)
{
    if (cp == PB_UTF8_INVALID)
        return 1;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;
    if (cp < 0x7F)
        return 1;
    int w = wcwidth((wchar_t)cp);
    if (w >= 0)
        return w > 2 ? 2 : w;
    if (in_table(cp, zero_width, sizeof zero_width / sizeof *zero_width))
        return 0;
    if (in_table(cp, wide, sizeof wide / sizeof *wide))
        return 2;
    return 1;
}

size_t pb_width_n(const char *s, size_t n)
{
    size_t cols = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        i += pb_utf8_decode(s + i, n - i, &cp);
        cols += (size_t)pb_width_cp(cp);
    }
    return cols;
}

size_t pb_width(const char *s)
{
    return s ? pb_width_n(s, strlen(s)) : 0;
}

size_t pb_width_prefix(const char *s, size_t n, size_t max_cols, size_t *cols)
{
    size_t used = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = pb_utf8_decode(s + i, n - i, &cp);
        size_t w = (size_t)pb_width_cp(cp);
        if (used + w > max_cols)
            break;
        used += w;
        i += k;
    }
    if (cols)
        *cols = used;
    return i;
}

size_t pb_width_truncate_append(pb_buf *out, const char *s, size_t max_cols)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    size_t total = pb_width_n(s, n);
    if (total <= max_cols) {
        pb_buf_append(out, s, n);
        return total;
    }
    if (max_cols == 0)
        return 0;
    size_t cols;
    size_t keep = pb_width_prefix(s, n, max_cols - 1, &cols);
    pb_buf_append(out, s, keep);
    pb_buf_puts(out, "\xE2\x80\xA6");   /* … */
    return cols + 1;
}

char *pb_width_truncate(const char *s, size_t max_cols)
{
    pb_buf b = PB_BUF_INIT;
    pb_width_truncate_append(&b, s, max_cols);
    return pb_buf_take(&b);
}
