/* test_parse_hostile.c - hostile data at the codec level (issue 6): what
 * the Twenty parsers do with values a faithful server never sends, and what
 * the terminal would see after pb_sanitize.
 *
 * The decisions, one per kind of hostile value (see also parse.h):
 *  - amountMicros beyond what a JSON number carries exactly (|x| > 2^53,
 *    1e30, 1e400) or a numeric string beyond int64: the record is KEPT, with
 *    amount.set = false and PB_OPP_AMOUNT_INVALID, so the card shows "?"
 *    (not "—", not 0) and local accounting never adds it (pb_totals_add
 *    ignores unset amounts). Numeric strings within int64 are exact, the
 *    int64 limits included. Fractions round half away from zero (1.5 -> 2
 *    micros: less than a millionth of a unit). Negative amounts are valid.
 *  - an amountMicros of the wrong type (true, "abc", "1e30", "", " 5", "+5"),
 *    a closeDate that is not a date ("not-a-date", "2024-13-45", "",
 *    20240101), an id that is missing or not a UUID: the WHOLE PAGE is
 *    refused with PB_ERR_PROTOCOL and a message naming the place
 *    ("opportunities[1].closeDate: not an ISO 8601 date"); the column shows
 *    that error and keeps what it had. Nothing half-filled is kept.
 *  - a stage that is not one of the options (unknown, lower case, hostile
 *    bytes): kept verbatim by the codec; the board shows the record in no
 *    column (pb_stage_index gives n).
 *  - missing optional fields: name -> "" (the card says "(no name)"),
 *    amount -> unset without the invalid flag ("—"), stage -> "",
 *    totalCount -> -1, pageInfo -> no next page.
 *  - duplicate ids in one page: both kept in order by the codec; the board's
 *    id map keeps one card (the later record wins).
 *  - a page far larger than asked (10,000 records for limit=200): accepted.
 *  - strings: ill-formed UTF-8 and lone surrogates become U+FFFD at the
 *    parse; controls, escape sequences and bidi overrides are kept by the
 *    codec and replaced visibly by pb_sanitize before any drawing. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/money.h"
#include "twenty/parse.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/width.h"

#define ID1 "00000000-0000-4000-8000-000000000001"
#define ID2 "00000000-0000-4000-8000-000000000002"

static pb_strpool sp;

static void setup(void)
{
    pb_strpool_init(&sp);
}

static void teardown(void)
{
    pb_strpool_free(&sp);
}

static bool list_n(const char *body, size_t len, pb_opp_page *page, pb_error *err)
{
    return twenty_parse_opp_list(200, body, len, &sp, page, err);
}

static bool list(const char *body, pb_opp_page *page, pb_error *err)
{
    return list_n(body, strlen(body), page, err);
}

/* Parses a one-record page around the record's fields (after the id). */
static bool one(const char *fields, pb_opp *out, pb_error *err)
{
    char body[8192];
    snprintf(body, sizeof body, "{\"data\":{\"opportunities\":[{\"id\":\"" ID1 "\"%s%s}]},"
             "\"totalCount\":1}", *fields ? "," : "", fields);
    pb_opp_page page;
    bool ok = list(body, &page, err);
    if (ok) {
        ck_assert_uint_eq(page.n, 1);
        *out = page.items[0];
    } else {
        ck_assert_uint_eq(page.n, 0);
        ck_assert_ptr_null(page.items);
    }
    twenty_opp_page_free(&page);
    return ok;
}

/* ---- amounts ------------------------------------------------------------- */

enum { A_SET, A_INVALID, A_REFUSED };

static const struct {
    const char *json;   /* the amountMicros value */
    int want;
    int64_t micros;     /* when A_SET */
} AMOUNTS[] = {
    {"\"9223372036854775807\"", A_SET, INT64_MAX},
    {"\"-9223372036854775808\"", A_SET, INT64_MIN},
    {"\"9223372036854775808\"", A_INVALID, 0},        /* one past INT64_MAX */
    {"\"-9223372036854775809\"", A_INVALID, 0},       /* one past INT64_MIN */
    {"\"99999999999999999999999999999\"", A_INVALID, 0},
    {"\"9223372036854775807.5\"", A_INVALID, 0},      /* rounds past the limit */
    {"9223372036854775807", A_INVALID, 0},            /* a JSON number: not exact */
    {"-9223372036854775808", A_INVALID, 0},
    {"9007199254740992", A_SET, INT64_C(9007199254740992)},   /* 2^53: still exact */
    {"-9007199254740992", A_SET, -INT64_C(9007199254740992)},
    {"9007199254740996", A_INVALID, 0},               /* past 2^53 */
    {"1e30", A_INVALID, 0},
    {"-1e30", A_INVALID, 0},
    {"1e400", A_INVALID, 0},                          /* inf in a double */
    {"-5000000", A_SET, -5000000},
    {"\"-5000000\"", A_SET, -5000000},
    {"\"123\"", A_SET, 123},
    {"\"0\"", A_SET, 0},
    {"\"-0\"", A_SET, 0},
    {"1.5", A_SET, 2},
    {"-1.5", A_SET, -2},
    {"\"1.5\"", A_SET, 2},
    {"\"-2.5\"", A_SET, -3},
    {"0.4", A_SET, 0},
    {"\"1e30\"", A_REFUSED, 0},
    {"\"abc\"", A_REFUSED, 0},
    {"\"\"", A_REFUSED, 0},
    {"\" 123\"", A_REFUSED, 0},
    {"\"+5\"", A_REFUSED, 0},
    {"\"0x10\"", A_REFUSED, 0},
    {"\"1.\"", A_REFUSED, 0},
    {"\"NaN\"", A_REFUSED, 0},
    {"\"Infinity\"", A_REFUSED, 0},
    {"\"\\u0661\\u0662\"", A_REFUSED, 0},             /* Arabic-Indic digits */
    {"\"12\\u0000\"", A_REFUSED, 0},
    {"true", A_REFUSED, 0},
    {"[1]", A_REFUSED, 0},
    {"{\"v\":1}", A_REFUSED, 0},
};

START_TEST(amounts_at_and_past_the_limits)
{
    char fields[256];
    snprintf(fields, sizeof fields, "\"amount\":{\"amountMicros\":%s,\"currencyCode\":\"USD\"}",
             AMOUNTS[_i].json);
    pb_opp o;
    pb_error err;
    bool ok = one(fields, &o, &err);
    const char *j = AMOUNTS[_i].json;
    switch (AMOUNTS[_i].want) {
    case A_SET:
        ck_assert_msg(ok, "%s refused: %s", j, err.message);
        ck_assert_msg(o.amount.set, "%s not set", j);
        ck_assert_msg(o.amount.micros == AMOUNTS[_i].micros, "%s gave %lld", j,
                      (long long)o.amount.micros);
        ck_assert_int_eq(o.flags & PB_OPP_AMOUNT_INVALID, 0);
        ck_assert_str_eq(o.amount.currency, "USD");
        break;
    case A_INVALID:
        ck_assert_msg(ok, "%s refused: %s", j, err.message);
        ck_assert_msg(!o.amount.set, "%s set to %lld", j, (long long)o.amount.micros);
        ck_assert_msg(o.flags & PB_OPP_AMOUNT_INVALID, "%s not flagged", j);
        break;
    default:
        ck_assert_msg(!ok, "%s accepted (micros %lld)", j, (long long)o.amount.micros);
        ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
        ck_assert_msg(strstr(err.message, "opportunities[0].amount.amountMicros"), "%s: '%s'", j,
                      err.message);
        break;
    }
}
END_TEST

/* A flagged amount is never summed as 0; the extremes format and sum safely. */
START_TEST(invalid_amounts_stay_out_of_totals)
{
    pb_opp o;
    pb_error err;
    ck_assert(one("\"amount\":{\"amountMicros\":1e30,\"currencyCode\":\"USD\"}", &o, &err));
    pb_totals t;
    pb_totals_clear(&t);
    ck_assert_int_eq(pb_totals_add(&t, &o.amount), PB_TOTALS_OK);
    ck_assert_ptr_null(pb_totals_find(&t, "USD"));   /* not counted as an amount of 0 */
    char s[64];
    pb_totals_format(&t, PB_MONEY_SHORT, s, sizeof s);
    ck_assert_str_eq(s, "");

    /* INT64_MAX twice overflows: refused, the totals unchanged */
    ck_assert(one("\"amount\":{\"amountMicros\":\"9223372036854775807\",\"currencyCode\":\"USD\"}",
                  &o, &err));
    ck_assert_int_eq(pb_totals_add(&t, &o.amount), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_add(&t, &o.amount), PB_TOTALS_OVERFLOW);
    ck_assert(pb_totals_find(&t, "USD")->micros == INT64_MAX);
    ck_assert_int_eq(pb_totals_find(&t, "USD")->count, 1);

    /* the card's text for the extremes: no crash, the sign kept */
    pb_money_format(INT64_MAX, "USD", PB_MONEY_SHORT, s, sizeof s);
    ck_assert_msg(s[0] != '-' && strchr(s, 'b'), "%s", s);
    pb_money_format(INT64_MIN, "USD", PB_MONEY_SHORT, s, sizeof s);
    ck_assert_msg(s[0] == '-' && strchr(s, 'b'), "%s", s);
    pb_money_format(INT64_MIN, "EUR", PB_MONEY_FULL, s, sizeof s);
    ck_assert_msg(strstr(s, "9,223,372,036,854.78"), "%s", s);
}
END_TEST

/* ---- dates ---------------------------------------------------------------- */

static const char *const BAD_DATES[] = {
    "\"not-a-date\"", "\"2024-13-45\"", "\"\"", "\"2024-02-30\"", "\"2023-02-29\"",
    "\"2024-06-15T25:00:00Z\"", "\"2024-06-15T12:60:00Z\"", "\"24-06-15\"", "\"2024-6-15\"",
    "\"2024-06-15 garbage\"", "\"\\u001b[2J2024-06-15\"", "20240615", "true", "[]", "{}",
};

START_TEST(dates_that_are_not_dates_refuse_the_page)
{
    char fields[256];
    snprintf(fields, sizeof fields, "\"closeDate\":%s", BAD_DATES[_i]);
    pb_opp o;
    pb_error err;
    ck_assert_msg(!one(fields, &o, &err), "accepted closeDate %s", BAD_DATES[_i]);
    ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
    ck_assert_str_eq(err.message, "opportunities[0].closeDate: not an ISO 8601 date");
}
END_TEST

START_TEST(good_and_null_dates)
{
    pb_opp o;
    pb_error err;
    ck_assert(one("\"closeDate\":null", &o, &err));
    ck_assert(!o.has_close_date);
    ck_assert(one("\"closeDate\":\"2024-02-29T00:00:00.000Z\"", &o, &err));
    ck_assert(o.has_close_date);
    /* a bad createdAt (a field the card never shows) refuses the page too */
    ck_assert(!one("\"createdAt\":\"yesterday\"", &o, &err));
    ck_assert_str_eq(err.message, "opportunities[0].createdAt: not an ISO 8601 date");
}
END_TEST

/* The error names the record: the page is refused as a whole. */
START_TEST(one_bad_record_refuses_the_whole_page)
{
    const char *body = "{\"data\":{\"opportunities\":[{\"id\":\"" ID1 "\",\"name\":\"fine\"},"
                       "{\"id\":\"" ID2 "\",\"closeDate\":\"2024-13-45\"}]},\"totalCount\":2}";
    pb_opp_page page;
    pb_error err;
    ck_assert(!list(body, &page, &err));
    ck_assert_str_eq(err.message, "opportunities[1].closeDate: not an ISO 8601 date");
    ck_assert_uint_eq(page.n, 0);
    ck_assert_ptr_null(page.items);
    ck_assert_int_eq(page.total_count, -1);
}
END_TEST

/* ---- stages and missing fields ---------------------------------------------- */

START_TEST(unknown_stages_are_kept_verbatim)
{
    pb_stage opts[2] = {{"DISCOVERY", "Discovery", "red", 0}, {"PROPOSAL", "Proposal", "sky", 1}};
    pb_stage_list l = {opts, 2, "DISCOVERY"};
    static const struct { const char *json, *want; } S[] = {
        {"\"NOT_A_STAGE\"", "NOT_A_STAGE"},
        {"\"discovery\"", "discovery"},   /* case-sensitive: not DISCOVERY */
        {"\"\\u001b]0;x\\u0007\"", "\x1b]0;x\x07"},
        {"\"\"", ""},
        {"null", ""},
    };
    for (size_t i = 0; i < sizeof S / sizeof S[0]; i++) {
        char fields[128];
        snprintf(fields, sizeof fields, "\"stage\":%s", S[i].json);
        pb_opp o;
        pb_error err;
        ck_assert_msg(one(fields, &o, &err), "%s: %s", S[i].json, err.message);
        ck_assert_str_eq(o.stage, S[i].want);
        ck_assert_uint_eq(pb_stage_index(&l, o.stage), l.n);   /* in no column */
    }
    pb_opp o;
    pb_error err;
    ck_assert(!one("\"stage\":7", &o, &err));
    ck_assert_str_eq(err.message, "opportunities[0].stage: expected a string");
}
END_TEST

START_TEST(missing_fields)
{
    pb_opp_page page;
    pb_error err;
    /* only an id: everything else has its "absent" value */
    ck_assert(list("{\"data\":{\"opportunities\":[{\"id\":\"" ID1 "\"}]}}", &page, &err));
    ck_assert_uint_eq(page.n, 1);
    ck_assert_str_eq(page.items[0].name, "");
    ck_assert_str_eq(page.items[0].stage, "");
    ck_assert(!page.items[0].amount.set);
    ck_assert_int_eq(page.items[0].flags, 0);   /* "—", not "?" */
    ck_assert(!page.items[0].has_close_date);
    ck_assert_int_eq(page.total_count, -1);
    ck_assert(!page.info.has_next);
    ck_assert_ptr_null(page.info.end_cursor);
    twenty_opp_page_free(&page);
    /* a missing amountMicros with a currency: no amount, not flagged */
    pb_opp o;
    ck_assert(one("\"amount\":{\"currencyCode\":\"EUR\"}", &o, &err));
    ck_assert(!o.amount.set);
    ck_assert_int_eq(o.flags, 0);
    /* missing id: refused */
    ck_assert(!list("{\"data\":{\"opportunities\":[{\"name\":\"no id\"}]}}", &page, &err));
    ck_assert_str_eq(err.message, "opportunities[0].id: missing id");
    ck_assert(!list("{\"data\":{\"opportunities\":[{}]}}", &page, &err));
    ck_assert_str_eq(err.message, "opportunities[0].id: missing id");
    /* missing envelope parts */
    ck_assert(!list("{\"data\":{}}", &page, &err));
    ck_assert_str_eq(err.message, "data.opportunities: missing or not an array");
    ck_assert(!list("{}", &page, &err));
    ck_assert(!list("{\"data\":{\"opportunities\":null}}", &page, &err));
    ck_assert(!list("{\"data\":{\"opportunities\":[]},\"totalCount\":-1}", &page, &err));
    ck_assert_str_eq(err.message, "totalCount: not a count");
    ck_assert(!list("{\"data\":{\"opportunities\":[]},\"totalCount\":1e300}", &page, &err));
    ck_assert(!list("{\"data\":{\"opportunities\":[]},\"pageInfo\":{\"endCursor\":7}}", &page, &err));
}
END_TEST

/* ---- duplicates and huge pages ----------------------------------------------- */

START_TEST(duplicate_ids_are_kept_in_order)
{
    const char *body = "{\"data\":{\"opportunities\":[{\"id\":\"" ID1 "\",\"name\":\"first\"},"
                       "{\"id\":\"" ID2 "\",\"name\":\"other\"},"
                       "{\"id\":\"" ID1 "\",\"name\":\"second\"}]},\"totalCount\":2}";
    pb_opp_page page;
    pb_error err;
    ck_assert(list(body, &page, &err));
    ck_assert_uint_eq(page.n, 3);
    ck_assert(pb_id_equal(&page.items[0].id, &page.items[2].id));
    ck_assert_str_eq(page.items[0].name, "first");
    ck_assert_str_eq(page.items[2].name, "second");
    ck_assert_int_eq(page.total_count, 2);   /* fewer than the records: not an error */
    twenty_opp_page_free(&page);
}
END_TEST

START_TEST(a_huge_page_is_read_whole)
{
    const size_t n = 10000;
    pb_buf b = PB_BUF_INIT;
    pb_buf_puts(&b, "{\"data\":{\"opportunities\":[");
    for (size_t i = 0; i < n; i++) {
        char rec[256];
        snprintf(rec, sizeof rec,
                 "%s{\"id\":\"00000000-0000-4000-8000-%012zu\",\"name\":\"deal %zu\","
                 "\"stage\":\"DISCOVERY\",\"position\":%zu,"
                 "\"amount\":{\"amountMicros\":%zu000000,\"currencyCode\":\"USD\"}}",
                 i ? "," : "", i, i, i, i);
        pb_buf_puts(&b, rec);
    }
    pb_buf_puts(&b, "]},\"totalCount\":10000,\"pageInfo\":{\"hasNextPage\":false,"
                    "\"endCursor\":\"eyJpZCI6Ii4uLiJ9\"}}");
    ck_assert(!b.oom);
    pb_opp_page page;
    pb_error err;
    ck_assert_msg(list_n(b.data, b.len, &page, &err), "%s", err.message);
    ck_assert_uint_eq(page.n, n);
    ck_assert_str_eq(page.items[n - 1].name, "deal 9999");
    ck_assert(page.items[n - 1].amount.micros == INT64_C(9999000000));
    ck_assert(page.items[0].stage == page.items[n - 1].stage);   /* interned once */
    ck_assert_int_eq(page.total_count, 10000);
    twenty_opp_page_free(&page);
    pb_buf_free(&b);
}
END_TEST

/* ---- strings: the codec repairs encoding, the sanitizer neutralises ---------- */

/* True if the bytes hold a control or a bidi override a terminal would obey:
 * ESC, C0 (other than none: all are replaced), DEL, C1 raw (0x80-0x9F outside
 * a sequence) or UTF-8 (C2 80-C2 9F), U+202A-202E, U+2066-2069. */
static const char *terminal_unsafe(const char *s, size_t n)
{
    if (!pb_utf8_valid(s, n))
        return "ill-formed UTF-8";
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = pb_utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || cp == 0x7F)
            return "a C0 control or DEL";
        if (cp >= 0x80 && cp <= 0x9F)
            return "a C1 control";
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            return "a bidi override";
        i += k;
    }
    return NULL;
}

static const struct {
    const char *json;      /* the name as a JSON string body */
    const char *shown;     /* pb_sanitize of the parsed name */
} NAMES[] = {
    {"OSC\\u001b]0;PWNED\\u0007end", "OSC\xE2\x90\x9B" "end"},
    {"OSC-ST\\u001b]8;;http://x\\u001b\\\\link", "OSC-ST\xE2\x90\x9B" "link"},
    {"DCS\\u001bP1$qPWNED\\u001b\\\\end", "DCS\xE2\x90\x9B" "end"},
    {"CSI\\u001b[2J\\u001b[31mred", "CSI\xE2\x90\x9B\xE2\x90\x9B" "red"},
    {"C1CSI\\u009b31mred", "C1CSI\xE2\x90\x9B" "red"},
    {"C1OSC\\u009d0;PWNED\\u009cend", "C1OSC\xE2\x90\x9B" "end"},
    {"NEL\\u0085IND\\u0084", "NEL IND\xEF\xBF\xBD"},
    {"bell\\u0007bs\\u0008del\\u007f", "bell\xE2\x90\x87" "bs\xE2\x90\x88" "del\xE2\x90\xA1"},
    {"tab\\tnl\\ncr\\r", "tab nl cr "},
    {"RLO\\u202egnp.exe", "RLO\xEF\xBF\xBDgnp.exe"},
    {"iso\\u2066x\\u2069", "iso\xEF\xBF\xBDx\xEF\xBF\xBD"},
    {"mark\\u200fx", "markx"},
    {"zw\\u200bj\\u200dx", "zw\xE2\x80\x8Bj\xE2\x80\x8Dx"},   /* zero-width: harmless, kept */
    {"Cafe\\u0301", "Cafe\xCC\x81"},
    {"nul\\u0000x", "nul\xEF\xBF\xBDx"},
    {"lone\\ud800x", "lone\xEF\xBF\xBDx"},
    {"ESC-end\\u001b", "ESC-end\xE2\x90\x9B"},
    {"unterminated\\u001b]0;PWNED forever", "unterminated\xE2\x90\x9B"},
};

START_TEST(hostile_names_are_repaired_then_neutralised)
{
    char fields[512];
    snprintf(fields, sizeof fields, "\"name\":\"%s\"", NAMES[_i].json);
    pb_opp o;
    pb_error err;
    ck_assert_msg(one(fields, &o, &err), "%s: %s", NAMES[_i].json, err.message);
    ck_assert(pb_utf8_valid(o.name, strlen(o.name)));
    char *shown = pb_sanitize(o.name);
    ck_assert_ptr_nonnull(shown);
    ck_assert_msg(strcmp(shown, NAMES[_i].shown) == 0, "%s shown as '%s'", NAMES[_i].json, shown);
    const char *why = terminal_unsafe(shown, strlen(shown));
    ck_assert_msg(why == NULL, "%s: %s left", NAMES[_i].json, why);
    ck_assert_ptr_null(strstr(shown, "PWNED"));   /* a sequence's payload is swallowed */
    free(shown);
}
END_TEST

/* Raw ill-formed bytes (not escapes): overlong, surrogate, beyond U+10FFFF, C1 raw. */
START_TEST(invalid_utf8_bytes_become_replacement_characters)
{
    static const char body[] =
        "{\"data\":{\"opportunities\":[{\"id\":\"" ID1 "\",\"name\":"
        "\"a\xC0\x80" "b\xED\xA0\x80" "c\xF4\x90\x80\x80" "d\x9B" "31me\xFF\"}]}}";
    pb_opp_page page;
    pb_error err;
    ck_assert_msg(list_n(body, sizeof body - 1, &page, &err), "%s", err.message);
    const char *name = page.items[0].name;
    ck_assert(pb_utf8_valid(name, strlen(name)));
    ck_assert_ptr_null(terminal_unsafe(name, strlen(name)));
    ck_assert_ptr_nonnull(strstr(name, "d\xEF\xBF\xBD" "31me\xEF\xBF\xBD"));   /* raw 0x9B is not a CSI */
    ck_assert_str_eq(name, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                           "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                           "d\xEF\xBF\xBD" "31me\xEF\xBF\xBD");
    twenty_opp_page_free(&page);
}
END_TEST

/* 10,000-character names, hostile or wide: kept whole, sanitized in linear
 * size, truncated to any width without splitting a character. */
START_TEST(ten_thousand_character_names)
{
    static const char *const unit[] = {"\\u001b[31m", "\\u202e", "\\u6771", "e\\u0301", "\\u0085", "x"};
    pb_buf b = PB_BUF_INIT;
    pb_buf_puts(&b, "{\"data\":{\"opportunities\":[{\"id\":\"" ID1 "\",\"name\":\"");
    for (int i = 0; i < 10000; i++)
        pb_buf_puts(&b, unit[i % 6]);
    pb_buf_puts(&b, "\"}]}}");
    pb_opp_page page;
    pb_error err;
    ck_assert_msg(list_n(b.data, b.len, &page, &err), "%s", err.message);
    const char *name = page.items[0].name;
    size_t n = strlen(name);
    ck_assert_uint_gt(n, 10000);
    char *shown = pb_sanitize(name);
    ck_assert_ptr_null(terminal_unsafe(shown, strlen(shown)));
    ck_assert_uint_le(strlen(shown), 3 * n);
    for (size_t w = 0; w <= 200; w += 7) {
        char *cut = pb_width_truncate(shown, w);
        ck_assert_ptr_nonnull(cut);
        ck_assert_uint_le(pb_width(cut), w);
        ck_assert(pb_utf8_valid(cut, strlen(cut)));
        free(cut);
    }
    free(shown);
    twenty_opp_page_free(&page);
    pb_buf_free(&b);
}
END_TEST

/* Error bodies carry server text too: it is kept (cut on a character
 * boundary) and neutralised by the sanitizer like any name. */
START_TEST(hostile_error_messages)
{
    pb_buf b = PB_BUF_INIT;
    pb_buf_puts(&b, "{\"statusCode\":400,\"error\":\"Bad\\u001b[2J\",\"messages\":[\"x\\u001b]0;PWNED\\u0007");
    for (int i = 0; i < 400; i++)
        pb_buf_puts(&b, "\\u6771");   /* 3 bytes each: past PB_ERROR_MSG_MAX */
    pb_buf_puts(&b, "\"]}");
    pb_error err;
    twenty_parse_error(400, b.data, b.len, &err);
    ck_assert_int_eq(err.http_status, 400);
    ck_assert(pb_utf8_valid(err.message, strlen(err.message)));
    ck_assert(pb_utf8_valid(err.name, strlen(err.name)));
    char *shown = pb_sanitize(err.message);
    ck_assert_ptr_null(terminal_unsafe(shown, strlen(shown)));
    ck_assert_ptr_null(strstr(shown, "PWNED"));
    free(shown);
    pb_buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("parse_hostile");
    TCase *a = tcase_create("amounts");
    tcase_add_checked_fixture(a, setup, teardown);
    tcase_add_loop_test(a, amounts_at_and_past_the_limits, 0, (int)(sizeof AMOUNTS / sizeof AMOUNTS[0]));
    tcase_add_test(a, invalid_amounts_stay_out_of_totals);
    suite_add_tcase(s, a);
    TCase *d = tcase_create("dates");
    tcase_add_checked_fixture(d, setup, teardown);
    tcase_add_loop_test(d, dates_that_are_not_dates_refuse_the_page, 0,
                        (int)(sizeof BAD_DATES / sizeof BAD_DATES[0]));
    tcase_add_test(d, good_and_null_dates);
    tcase_add_test(d, one_bad_record_refuses_the_whole_page);
    suite_add_tcase(s, d);
    TCase *r = tcase_create("records");
    tcase_add_checked_fixture(r, setup, teardown);
    tcase_add_test(r, unknown_stages_are_kept_verbatim);
    tcase_add_test(r, missing_fields);
    tcase_add_test(r, duplicate_ids_are_kept_in_order);
    tcase_add_test(r, a_huge_page_is_read_whole);
    tcase_set_timeout(r, 60);
    suite_add_tcase(s, r);
    TCase *t = tcase_create("strings");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_loop_test(t, hostile_names_are_repaired_then_neutralised, 0,
                        (int)(sizeof NAMES / sizeof NAMES[0]));
    tcase_add_test(t, invalid_utf8_bytes_become_replacement_characters);
    tcase_add_test(t, ten_thousand_character_names);
    tcase_add_test(t, hostile_error_messages);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
