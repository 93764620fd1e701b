/* fuzz_sanitize.c - pb_sanitize_append on any bytes, then width truncation
 * of the result. Checks sanitize.h's promises (valid UTF-8, no C0/C1
 * control, DEL, ESC or bidi override/isolate/mark, at most 3 bytes out per
 * byte in, clean input unchanged, idempotent) and width.h's (a truncation
 * fits its columns, keeps whole code points, ends with "…" when cut). The
 * first input byte picks the column budget. */
#include <locale.h>

#include "fuzz_common.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/width.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        setlocale(LC_CTYPE, "");
    return 0;
}

static bool forbidden(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C
        || cp == 0x2028 || cp == 0x2029 || cp == 0x85;
}

static void check_clean(const char *s, size_t n)
{
    FZ_CHECK(pb_utf8_valid(s, n), "output not UTF-8");
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = pb_utf8_decode(s + i, n - i, &cp);
        FZ_CHECK(!forbidden(cp), "U+%04X at byte %zu of the output", (unsigned)cp, i);
        i += k;
    }
}

static void check_truncate(const char *s, size_t cols)
{
    pb_buf b = PB_BUF_INIT;
    size_t got = pb_width_truncate_append(&b, s, cols);
    FZ_CHECK(!b.oom, "oom");
    const char *t = pb_buf_cstr(&b);
    size_t w = pb_width(t);
    FZ_CHECK(got == w, "reported %zu columns, text has %zu", got, w);
    FZ_CHECK(w <= cols, "%zu columns > %zu", w, cols);
    FZ_CHECK(pb_utf8_valid(t, b.len), "truncation split a code point");
    size_t n = strlen(s);
    if (pb_width(s) <= cols) {
        FZ_CHECK(b.len == n && memcmp(t, s, n) == 0, "fitting text changed");
    } else if (cols > 0) {
        static const char ell[] = "\xE2\x80\xA6";
        FZ_CHECK(b.len >= 3 && memcmp(t + b.len - 3, ell, 3) == 0, "cut without an ellipsis");
        FZ_CHECK(memcmp(t, s, b.len - 3) == 0, "kept text is not a prefix");
    }
    pb_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cols = size ? data[0] % 48 : 10;
    const char *in = (const char *)data;

    pb_buf b = PB_BUF_INIT;
    FZ_CHECK(pb_sanitize_append(&b, in, size), "append failed");
    FZ_CHECK(b.len <= 3 * size, "%zu bytes from %zu", b.len, size);
    const char *out = pb_buf_cstr(&b);
    FZ_CHECK(strlen(out) == b.len, "NUL inside the output");
    check_clean(out, b.len);
    if (pb_sanitize_is_clean(in, size))
        FZ_CHECK(b.len == size && memcmp(out, in, size) == 0, "clean input changed");
    FZ_CHECK(pb_sanitize_is_clean(out, b.len), "output is not clean");

    char *again = pb_sanitize(out);
    FZ_CHECK(again && strcmp(again, out) == 0, "not idempotent");
    free(again);

    check_truncate(out, cols);
    size_t pcols = 0;
    size_t keep = pb_width_prefix(in, size, cols, &pcols);
    FZ_CHECK(keep <= size && pcols <= cols, "prefix %zu bytes, %zu cols", keep, pcols);
    FZ_CHECK(pb_width_n(in, keep) == pcols, "prefix width");
    pb_buf_free(&b);
    return 0;
}
