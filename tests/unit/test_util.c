/* test_util.c - arena, interner, uuid, ISO dates, buffers, UTF-8, sanitize, width. */
#include <check.h>
#include <locale.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/intern.h"
#include "util/isodate.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/uuid.h"
#include "util/width.h"

/* ---- arena / intern ---------------------------------------------------- */
START_TEST(arena_strings_survive_and_align)
{
    pb_arena a = PB_ARENA_INIT;
    char *keep[2000];
    for (int i = 0; i < 2000; i++) {
        char s[32];
        snprintf(s, sizeof s, "deal-%d", i);
        keep[i] = pb_arena_strdup(&a, s);
        ck_assert_ptr_nonnull(keep[i]);
        ck_assert_uint_eq((uintptr_t)keep[i] % _Alignof(max_align_t), 0);
    }
    for (int i = 0; i < 2000; i++) {
        char s[32];
        snprintf(s, sizeof s, "deal-%d", i);
        ck_assert_str_eq(keep[i], s);
    }
    char *big = pb_arena_alloc(&a, 100000);   /* bigger than a chunk */
    ck_assert_ptr_nonnull(big);
    memset(big, 'x', 100000);
    char *after = pb_arena_strndup(&a, "abcdef", 3);
    ck_assert_str_eq(after, "abc");
    ck_assert_str_eq(keep[1999], "deal-1999");
    ck_assert_uint_ge(pb_arena_used(&a), 100000);
    pb_arena_free(&a);
    ck_assert_ptr_null(a.head);
    ck_assert_uint_eq(pb_arena_used(&a), 0);
}
END_TEST

START_TEST(intern_returns_same_pointer)
{
    pb_interner in;
    pb_interner_init(&in);
    const char *a = pb_intern_cstr(&in, "PROPOSAL");
    const char *b = pb_intern(&in, "PROPOSAL-X", 8);
    ck_assert_ptr_eq(a, b);
    ck_assert_str_eq(a, "PROPOSAL");
    const char *c = pb_intern_cstr(&in, "NEW");
    ck_assert_ptr_ne(a, c);
    const char *first[500];
    for (int i = 0; i < 500; i++) {   /* forces several rehashes */
        char s[16];
        snprintf(s, sizeof s, "S%d", i);
        first[i] = pb_intern_cstr(&in, s);
    }
    for (int i = 0; i < 500; i++) {
        char s[16];
        snprintf(s, sizeof s, "S%d", i);
        ck_assert_ptr_eq(pb_intern_cstr(&in, s), first[i]);
    }
    ck_assert_ptr_eq(pb_intern_cstr(&in, "PROPOSAL"), a);
    ck_assert_uint_eq(pb_interner_count(&in), 502);
    const char *e1 = pb_intern(&in, "", 0), *e2 = pb_intern_cstr(&in, "");
    ck_assert_ptr_eq(e1, e2);
    pb_interner_free(&in);
}
END_TEST

START_TEST(strpool_repairs_utf8)
{
    pb_strpool sp;
    pb_strpool_init(&sp);
    const char *s = pb_strpool_dup(&sp, "Caf\xC3\xA9 \xFF ok", 10, false);
    ck_assert_str_eq(s, "Caf\xC3\xA9 \xEF\xBF\xBD ok");
    const char *i1 = pb_strpool_dup(&sp, "Acme\xC0", 5, true);
    const char *i2 = pb_strpool_dup(&sp, "Acme\xEF\xBF\xBD", 7, true);
    ck_assert_ptr_eq(i1, i2);
    pb_strpool_free(&sp);
}
END_TEST

/* ---- uuid ---------------------------------------------------------------- */
START_TEST(uuid_parse_format)
{
    pb_id id;
    char s[PB_ID_BUFSZ];
    ck_assert(pb_id_parse("9F8A1C2E-0B3D-4E5F-8A9B-0C1D2E3F4A5B", &id));
    pb_id_format(&id, s);
    ck_assert_str_eq(s, "9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b");
    ck_assert_uint_eq(id.b[0], 0x9f);
    ck_assert_uint_eq(id.b[15], 0x5b);
    pb_id id2;
    ck_assert(pb_id_parse(s, &id2));
    ck_assert(pb_id_equal(&id, &id2));
    ck_assert(!pb_id_is_nil(&id));
    ck_assert(pb_id_parse("00000000-0000-0000-0000-000000000000", &id2));
    ck_assert(pb_id_is_nil(&id2));
    ck_assert_int_gt(pb_id_cmp(&id, &id2), 0);
    unsigned char zero[16] = {0}, ones[16];
    memset(ones, 0xFF, sizeof ones);
    pb_id v = pb_id_make_v4(zero);
    pb_id_format(&v, s);
    ck_assert_str_eq(s, "00000000-0000-4000-8000-000000000000");
    ck_assert(!pb_id_is_nil(&v));
    v = pb_id_make_v4(ones);
    pb_id_format(&v, s);
    ck_assert_str_eq(s, "ffffffff-ffff-4fff-bfff-ffffffffffff");
}
END_TEST

START_TEST(uuid_rejects_malformed)
{
    static const char *bad[] = {
        "",
        "9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5",     /* 35 */
        "9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b0",   /* 37 */
        "9f8a1c2e0b3d-4e5f-8a9b-0c1d2e3f4a5b0",    /* dash moved */
        "9f8a1c2e-0b3d-4e5f-8a9b_0c1d2e3f4a5b",
        "9g8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b",
        "{9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b}",
        " 9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b",
        "9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b ",
        "x",
    };
    pb_id id;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(!pb_id_parse(bad[i], &id), "accepted '%s'", bad[i]);
    ck_assert(!pb_id_parse(NULL, &id));
    ck_assert(pb_id_parse_n("9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5bXYZ", 36, &id));
}
END_TEST

/* ---- dates ---------------------------------------------------------------- */
static int64_t parse_ok(const char *s)
{
    int64_t ms = 12345;
    ck_assert_msg(pb_date_parse(s, &ms), "rejected '%s'", s);
    return ms;
}

START_TEST(dates_parse_forms)
{
    ck_assert_int_eq(parse_ok("1970-01-01"), 0);
    ck_assert_int_eq(parse_ok("2024-06-15T00:00:00.000Z"), INT64_C(1718409600000));
    ck_assert_int_eq(parse_ok("2024-06-15"), INT64_C(1718409600000));
    ck_assert_int_eq(parse_ok("2024-06-15T00:00Z"), INT64_C(1718409600000));
    ck_assert_int_eq(parse_ok("2024-06-15T02:00:00+02:00"), INT64_C(1718409600000));
    ck_assert_int_eq(parse_ok("2024-06-14T18:30:00-0530"), INT64_C(1718409600000));
    ck_assert_int_eq(parse_ok("2024-06-15T01:00:00+01"), INT64_C(1718409600000));
    ck_assert_int_eq(parse_ok("2024-06-15 00:00:00"), INT64_C(1718409600000));
    ck_assert_int_eq(parse_ok("2025-02-05T08:00:00.1234567Z"), INT64_C(1738742400123));
    ck_assert_int_eq(parse_ok("2025-02-05T08:00:00.5Z"), INT64_C(1738742400500));
    ck_assert_int_eq(parse_ok("1969-12-31T23:59:59.999Z"), -1);
    ck_assert_int_eq(parse_ok("2000-02-29"), INT64_C(951782400000));
    ck_assert_int_eq(parse_ok("0000-01-01"), INT64_C(-62167219200000));
    ck_assert_int_eq(parse_ok("9999-12-31T23:59:59.999Z"), INT64_C(253402300799999));
}
END_TEST

START_TEST(dates_reject_garbage)
{
    static const char *bad[] = {
        "", "2024", "2024-6-15", "2024-06-15T", "2024-13-01", "2024-00-10", "2024-02-30",
        "2023-02-29", "1900-02-29", "2024-06-15T24:00:00Z", "2024-06-15T12:60:00Z",
        "2024-06-15T12:00:60Z", "2024-06-15T12:00:00.Z", "2024-06-15T12:00:00ZZ",
        "2024-06-15T12:00:00+2:00", "2024-06-15T12:00:00+24:00", "2024-06-15x",
        "2024-06-15T12:00:00.1234567890Z", " 2024-06-15", "+02024-06-15", "2024-06-15Z",
    };
    int64_t ms;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(!pb_date_parse(bad[i], &ms), "accepted '%s'", bad[i]);
}
END_TEST

START_TEST(dates_format_roundtrip)
{
    char s[PB_DATE_ISO_BUFSZ], d[PB_DATE_YMD_BUFSZ], sh[PB_DATE_SHORT_BUFSZ];
    ck_assert(pb_date_format_iso(INT64_C(1718409600000), s));
    ck_assert_str_eq(s, "2024-06-15T00:00:00.000Z");
    ck_assert(pb_date_format_iso(-1, s));
    ck_assert_str_eq(s, "1969-12-31T23:59:59.999Z");
    ck_assert(pb_date_format_iso(INT64_C(1738742400123), s));
    ck_assert_str_eq(s, "2025-02-05T08:00:00.123Z");
    ck_assert(!pb_date_format_iso(INT64_C(253402300800000), s));   /* year 10000 */
    ck_assert(!pb_date_format_iso(INT64_C(-62167219200001), s));   /* year -1 */
    ck_assert(pb_date_format_ymd(INT64_C(1718409600000) + 86399999, d));
    ck_assert_str_eq(d, "2024-06-15");
    int64_t now = parse_ok("2024-03-01T10:00:00Z");
    ck_assert(pb_date_format_short(parse_ok("2024-06-30"), now, sh));
    ck_assert_str_eq(sh, "Jun 30");
    ck_assert(pb_date_format_short(parse_ok("2023-01-02"), now, sh));
    ck_assert_str_eq(sh, "Jan 02 2023");
    /* every 7th day over ±3000 years survives format -> parse */
    for (int64_t day = -1000000; day <= 1000000; day += 7) {
        int64_t ms = day * PB_MS_PER_DAY + 12345;
        if (!pb_date_format_iso(ms, s))
            continue;
        int64_t back;
        ck_assert(pb_date_parse(s, &back));
        ck_assert_int_eq(back, ms);
    }
}
END_TEST

START_TEST(dates_civil_math)
{
    for (int64_t z = -800000; z <= 800000; z += 13) {
        int64_t y;
        unsigned m, d;
        pb_civil_from_days(z, &y, &m, &d);
        ck_assert(pb_date_valid_ymd(y, m, d));
        ck_assert_int_eq(pb_days_from_civil(y, m, d), z);
    }
    ck_assert_int_eq(pb_date_day(-1), -1);
    ck_assert_int_eq(pb_date_day(0), 0);
    ck_assert_int_eq(pb_date_day(PB_MS_PER_DAY - 1), 0);
    ck_assert_int_eq(pb_date_from_ymd(2024, 6, 15), INT64_C(1718409600000));
    ck_assert_uint_eq(pb_days_in_month(2024, 2), 29);
    ck_assert_uint_eq(pb_days_in_month(2100, 2), 28);
    /* TZ must not matter */
    setenv("TZ", "Pacific/Chatham", 1);
    ck_assert_int_eq(parse_ok("2024-06-15"), INT64_C(1718409600000));
    unsetenv("TZ");
}
END_TEST

/* ---- buf / utf8 ----------------------------------------------------------- */
START_TEST(buf_builds_strings)
{
    pb_buf b = PB_BUF_INIT;
    ck_assert_str_eq(pb_buf_cstr(&b), "");
    for (int i = 0; i < 1000; i++)
        pb_buf_printf(&b, "%d,", i);
    ck_assert(!b.oom);
    ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
    ck_assert_uint_eq(b.len, strlen(b.data));
    pb_buf_reset(&b);
    pb_buf_put_utf8(&b, 0x41);
    pb_buf_put_utf8(&b, 0xE9);
    pb_buf_put_utf8(&b, 0x20AC);
    pb_buf_put_utf8(&b, 0x1F680);
    pb_buf_put_utf8(&b, 0xD800);   /* surrogate -> U+FFFD */
    ck_assert_str_eq(b.data, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x9A\x80\xEF\xBF\xBD");
    char *s = pb_buf_take(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_str_eq(s, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x9A\x80\xEF\xBF\xBD");
    free(s);
    s = pb_buf_take(&b);   /* empty buffer still gives "" */
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

START_TEST(utf8_strict_decoding)
{
    uint32_t cp;
    ck_assert_uint_eq(pb_utf8_decode("\xF0\x9F\x9A\x80", 4, &cp), 4);
    ck_assert_uint_eq(cp, 0x1F680);
    ck_assert_uint_eq(pb_utf8_decode("\xC0\x80", 2, &cp), 1);   /* overlong */
    ck_assert_uint_eq(cp, PB_UTF8_INVALID);
    ck_assert_uint_eq(pb_utf8_decode("\xED\xA0\x80", 3, &cp), 1);   /* surrogate */
    ck_assert_uint_eq(cp, PB_UTF8_INVALID);
    ck_assert_uint_eq(pb_utf8_decode("\xE2\x82", 2, &cp), 2);   /* truncated */
    ck_assert_uint_eq(cp, PB_UTF8_INVALID);
    ck_assert_uint_eq(pb_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 1);   /* > U+10FFFF */
    ck_assert_uint_eq(cp, PB_UTF8_INVALID);
    ck_assert_uint_eq(pb_utf8_decode("\xE2\x82\x41", 3, &cp), 2);
    ck_assert(pb_utf8_valid("Tōkyō 東京 🚀", strlen("Tōkyō 東京 🚀")));
    ck_assert(!pb_utf8_valid("a\x80", 2));
    pb_buf b = PB_BUF_INIT;
    pb_utf8_repair_append(&b, "a\xE2\x82" "b\xFF", 5);
    ck_assert_str_eq(b.data, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    pb_buf_free(&b);
    char out[6];
    ck_assert_uint_eq(pb_utf8_copy_trunc(out, sizeof out, "abcd\xE2\x82\xAC", 7), 7);
    ck_assert_str_eq(out, "abcd");   /* never half a euro sign */
}
END_TEST

/* ---- sanitize ------------------------------------------------------------- */
static char *san_n(const char *s, size_t n)
{
    pb_buf b = PB_BUF_INIT;
    pb_sanitize_append(&b, s, n);
    return pb_buf_take(&b);
}

#define ESC_PIC "\xE2\x90\x9B"
#define FFFD "\xEF\xBF\xBD"

static void san_eq(const char *in, const char *want)
{
    char *got = pb_sanitize(in);
    ck_assert_msg(strcmp(got, want) == 0, "sanitize(%s) gave '%s'", in, got);
    free(got);
}

START_TEST(sanitize_escape_sequences)
{
    san_eq("\x1b[31mred\x1b[0m", ESC_PIC "red" ESC_PIC);
    san_eq("\x1b]0;pwned\x07title", ESC_PIC "title");
    san_eq("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", ESC_PIC "link" ESC_PIC);
    san_eq("a\x1bPq#0;2;0;0;0\x1b\\b", "a" ESC_PIC "b");
    san_eq("\x1b(Bx", ESC_PIC "x");
    san_eq("\x1b" "cReset", ESC_PIC "Reset");
    san_eq("end\x1b", "end" ESC_PIC);
    san_eq("\xC2\x9B" "2Jclear", ESC_PIC "clear");          /* C1 CSI */
    san_eq("\xC2\x9D" "0;t\xC2\x9Cok", ESC_PIC "ok");       /* C1 OSC ... ST */
    san_eq("\x1b]0;never ends", ESC_PIC);
}
END_TEST

START_TEST(sanitize_controls_bidi_invalid)
{
    san_eq("a\tb\nc\rd", "a b c d");
    san_eq("bell\x07", "bell\xE2\x90\x87");
    san_eq("del\x7f", "del\xE2\x90\xA1");
    san_eq("nel\xC2\x85x", "nel x");
    san_eq("c1\xC2\x8Ex", "c1" FFFD "x");
    san_eq("abc\xE2\x80\xAE" "cba", "abc" FFFD "cba");      /* RLO */
    san_eq("x\xE2\x81\xA7y", "x" FFFD "y");                  /* RLI */
    san_eq("l\xE2\x80\x8Er", "lr");                          /* LRM dropped */
    san_eq("bad\xFF\xFEutf", "bad" FFFD FFFD "utf");
    san_eq("line\xE2\x80\xA8sep", "line sep");
    san_eq("東京 expansion 🚀 e\xCC\x81", "東京 expansion 🚀 e\xCC\x81");
    char *s = san_n("a\0b", 3);
    ck_assert_str_eq(s, "a\xE2\x90\x80" "b");
    free(s);
    ck_assert(pb_sanitize_is_clean("Acme renewal", 12));
    ck_assert(!pb_sanitize_is_clean("Acme\nrenewal", 12));
    s = pb_sanitize(NULL);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

START_TEST(sanitize_random_bytes_are_safe)
{
    uint64_t x = 88172645463325252ull;
    for (int iter = 0; iter < 3000; iter++) {
        unsigned char in[64];
        size_t n = (size_t)(iter % 64);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            in[i] = (unsigned char)x;
            if (iter % 3 == 0 && (x >> 40) % 5 == 0)
                in[i] = 0x1b;
        }
        char *out = san_n((const char *)in, n);
        size_t len = strlen(out);
        ck_assert(pb_utf8_valid(out, len));
        ck_assert_uint_le(len, n * 3);
        for (size_t i = 0; i < len;) {
            uint32_t cp;
            i += pb_utf8_decode(out + i, len - i, &cp);
            ck_assert_msg(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)
                              && !(cp >= 0x202A && cp <= 0x202E)
                              && !(cp >= 0x2066 && cp <= 0x2069),
                          "unsafe U+%04X", cp);
        }
        free(out);
    }
}
END_TEST

/* ---- width ---------------------------------------------------------------- */
START_TEST(width_counts_columns)
{
    ck_assert_uint_eq(pb_width("Acme"), 4);
    ck_assert_uint_eq(pb_width("東京"), 4);
    ck_assert_uint_eq(pb_width("🚀"), 2);
    ck_assert_uint_eq(pb_width("e\xCC\x81"), 1);            /* combining acute */
    ck_assert_uint_eq(pb_width("\xE2\x80\xA6"), 1);         /* … */
    ck_assert_uint_eq(pb_width("a\xFF"), 2);                /* bad byte shows as U+FFFD */
    ck_assert_uint_eq(pb_width(NULL), 0);
    ck_assert_int_eq(pb_width_cp(0x1F680), 2);
    ck_assert_int_eq(pb_width_cp(0x0301), 0);
}
END_TEST

static void check_trunc(const char *s, size_t cols)
{
    char *t = pb_width_truncate(s, cols);
    size_t w = pb_width(t);
    ck_assert_msg(w <= cols, "'%s' at %zu cols is %zu wide", t, cols, w);
    ck_assert(pb_utf8_valid(t, strlen(t)));
    if (pb_width(s) <= cols) {
        ck_assert_str_eq(t, s);
    } else if (cols > 0) {
        size_t n = strlen(t);
        ck_assert(n >= 3 && strcmp(t + n - 3, "\xE2\x80\xA6") == 0);
        ck_assert_uint_ge(w, cols - 1);   /* at most one column lost to a wide char */
    }
    free(t);
}

START_TEST(width_truncates_with_ellipsis)
{
    const char *samples[] = {"東京 expansion 🚀", "Vandelay imports and exports",
                             "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", "🚀🚀🚀🚀", "plain"};
    size_t widths[] = {0, 1, 2, 3, 4, 5, 7, 10, 46, 80, 200};
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < sizeof widths / sizeof *widths; j++)
            check_trunc(samples[i], widths[j]);
    char *t = pb_width_truncate("東京 expansion", 4);
    ck_assert_str_eq(t, "東\xE2\x80\xA6");   /* 2 + 1: the second ideograph does not fit */
    free(t);
    t = pb_width_truncate("ée\xCC\x81xyz", 3);
    ck_assert_str_eq(t, "ée\xCC\x81\xE2\x80\xA6");   /* the combining mark stays */
    free(t);
    size_t cols;
    ck_assert_uint_eq(pb_width_prefix("🚀a", 5, 1, &cols), 0);
    ck_assert_uint_eq(cols, 0);
}
END_TEST

int main(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util");
    tcase_add_test(tc, arena_strings_survive_and_align);
    tcase_add_test(tc, intern_returns_same_pointer);
    tcase_add_test(tc, strpool_repairs_utf8);
    tcase_add_test(tc, uuid_parse_format);
    tcase_add_test(tc, uuid_rejects_malformed);
    tcase_add_test(tc, dates_parse_forms);
    tcase_add_test(tc, dates_reject_garbage);
    tcase_add_test(tc, dates_format_roundtrip);
    tcase_add_test(tc, dates_civil_math);
    tcase_add_test(tc, buf_builds_strings);
    tcase_add_test(tc, utf8_strict_decoding);
    tcase_add_test(tc, sanitize_escape_sequences);
    tcase_add_test(tc, sanitize_controls_bidi_invalid);
    tcase_add_test(tc, sanitize_random_bytes_are_safe);
    tcase_add_test(tc, width_counts_columns);
    tcase_add_test(tc, width_truncates_with_ellipsis);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
