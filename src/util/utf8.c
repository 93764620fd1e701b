/* utf8.c - strict UTF-8 decoder (see utf8.h). */
#include "util/utf8.h"

#include <string.h>

size_t pb_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;   /* range of the second byte */
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *cp = PB_UTF8_INVALID;
        return 1;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            *cp = PB_UTF8_INVALID;
            return i;
        }
        unsigned char b = u[i];
        unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            *cp = PB_UTF8_INVALID;
            return i;
        }
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return need;
}

bool pb_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        i += pb_utf8_decode(s + i, n - i, &cp);
        if (cp == PB_UTF8_INVALID)
            return false;
    }
    return true;
}

bool pb_utf8_repair_append(pb_buf *out, const char *s, size_t n)
{
    size_t i = 0, run = 0;   /* run: start of the pending valid stretch */
    while (i < n) {
        uint32_t cp;
        size_t k = pb_utf8_decode(s + i, n - i, &cp);
        if (cp == PB_UTF8_INVALID) {
            pb_buf_append(out, s + run, i - run);
            pb_buf_put_utf8(out, 0xFFFD);
            run = i + k;
        }
        i += k;
    }
    pb_buf_append(out, s + run, n - run);
    return !out->oom;
}

size_t pb_utf8_copy_trunc(char *out, size_t outsz, const char *s, size_t len)
{
    if (outsz == 0)
        return len;
    size_t n = len;
    if (n > outsz - 1) {
        n = outsz - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;   /* s[n] continues a sequence: cut before its lead byte */
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return len;
}
