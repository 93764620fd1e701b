/* sanitize.c - terminal-safe text (see sanitize.h). */
#include "util/sanitize.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

#define PICTURE_ESC 0x241B

enum seq { SEQ_CSI, SEQ_STRING };

/* Skips the body of a control sequence that starts at s[i] (just after its
 * introducer) and returns the index after it. */
static size_t skip_sequence(const char *s, size_t n, size_t i, enum seq kind)
{
    if (kind == SEQ_CSI) {
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x20 && c <= 0x3F) {   /* parameter and intermediate bytes */
                i++;
                continue;
            }
            if (c >= 0x40 && c <= 0x7E)     /* final byte */
                return i + 1;
            return i;                       /* malformed: stop, the rest is text */
        }
        return i;
    }
    /* A control string ends at BEL, ESC \ or the C1 ST (U+009C). */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0x07)
            return i + 1;
        if (c == 0x1B && i + 1 < n && s[i + 1] == '\\')
            return i + 2;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x9C)
            return i + 2;
        i++;
    }
    return n;
}

/* Handles an ESC at s[i]; returns the index after the whole sequence. */
static size_t skip_escape(const char *s, size_t n, size_t i)
{
    i++;   /* the ESC */
    if (i >= n)
        return i;
    unsigned char c = (unsigned char)s[i];
    if (c == '[')
        return skip_sequence(s, n, i + 1, SEQ_CSI);
    if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
        return skip_sequence(s, n, i + 1, SEQ_STRING);
    if (c >= 0x20 && c <= 0x2F) {   /* nF: intermediates then a final byte */
        while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x2F)
            i++;
        if (i < n && (unsigned char)s[i] >= 0x30 && (unsigned char)s[i] <= 0x7E)
            i++;
        return i;
    }
    if (c >= 0x30 && c <= 0x7E)     /* Fp, Fe, Fs: ESC 7, ESC c, ESC D … */
        return i + 1;
    return i;                       /* ESC followed by a control or non-ASCII */
}

static bool is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static bool is_bidi_mark(uint32_t cp)
{
    return cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

bool pb_sanitize_append(pb_buf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F) {   /* fast path: printable ASCII run */
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F)
                j++;
            pb_buf_append(out, s + i, j - i);
            i = j;
            continue;
        }
        if (c == 0x1B) {
            pb_buf_put_utf8(out, PICTURE_ESC);
            i = skip_escape(s, n, i);
            continue;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            pb_buf_putc(out, ' ');
            i++;
            continue;
        }
        if (c < 0x20) {
            pb_buf_put_utf8(out, 0x2400u + c);
            i++;
            continue;
        }
        if (c == 0x7F) {
            pb_buf_put_utf8(out, 0x2421);
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = pb_utf8_decode(s + i, n - i, &cp);
        i += k;
        if (cp == PB_UTF8_INVALID) {
            pb_buf_put_utf8(out, 0xFFFD);
        } else if (cp >= 0x80 && cp <= 0x9F) {
            if (cp == 0x85) {
                pb_buf_putc(out, ' ');
            } else if (cp == 0x9B) {
                pb_buf_put_utf8(out, PICTURE_ESC);
                i = skip_sequence(s, n, i, SEQ_CSI);
            } else if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F) {
                pb_buf_put_utf8(out, PICTURE_ESC);
                i = skip_sequence(s, n, i, SEQ_STRING);
            } else {
                pb_buf_put_utf8(out, 0xFFFD);
            }
        } else if (cp == 0x2028 || cp == 0x2029) {
            pb_buf_putc(out, ' ');
        } else if (is_bidi_control(cp)) {
            pb_buf_put_utf8(out, 0xFFFD);
        } else if (is_bidi_mark(cp)) {
            /* dropped */
        } else {
            pb_buf_append(out, s + i - k, k);
        }
    }
    return !out->oom;
}

char *pb_sanitize(const char *s)
{
    pb_buf b = PB_BUF_INIT;
    if (s)
        pb_sanitize_append(&b, s, strlen(s));
    return pb_buf_take(&b);
}

bool pb_sanitize_is_clean(const char *s, size_t n)
{
    pb_buf b = PB_BUF_INIT;
    pb_sanitize_append(&b, s, n);
    bool same = !b.oom && b.len == n && (n == 0 || memcmp(b.data, s, n) == 0);
    pb_buf_free(&b);
    return same;
}
