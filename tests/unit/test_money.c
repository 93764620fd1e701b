/* test_money.c - money parsing, formatting and per-currency totals. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "model/money.h"

static int64_t parse_ok(const char *s, const char *want_currency)
{
    pb_money_input in;
    pb_money_status st = pb_money_parse(s, &in);
    ck_assert_msg(st == PB_MONEY_OK, "'%s' rejected: %s", s, in.reason);
    ck_assert_str_eq(in.reason, "");
    ck_assert_str_eq(in.currency, want_currency);
    return in.micros;
}

static void parse_bad(const char *s, pb_money_status want)
{
    pb_money_input in;
    pb_money_status st = pb_money_parse(s, &in);
    ck_assert_msg(st == want, "'%s' gave status %d, want %d", s, st, want);
    ck_assert_int_eq(in.status, want);
    ck_assert(in.reason && in.reason[0]);
    ck_assert_int_eq(in.micros, 0);
}

START_TEST(parse_scales_exactly)
{
    /* the classic factor-of-1,000 mistakes */
    ck_assert_int_eq(parse_ok("50000", ""), INT64_C(50000000000));
    ck_assert_int_eq(parse_ok("50k", ""), INT64_C(50000000000));
    ck_assert_int_eq(parse_ok("50K", ""), INT64_C(50000000000));
    ck_assert_int_eq(parse_ok("1.5m", ""), INT64_C(1500000000000));
    ck_assert_int_eq(parse_ok("2b", ""), INT64_C(2000000000000000));
    ck_assert_int_eq(parse_ok("1,234.56", ""), INT64_C(1234560000));
    ck_assert_int_eq(parse_ok("$1.2k", "USD"), INT64_C(1200000000));
    ck_assert_int_eq(parse_ok(" 12 ", ""), INT64_C(12000000));
    ck_assert_int_eq(parse_ok("0.000001", ""), 1);
    ck_assert_int_eq(parse_ok("1", ""), PB_MICROS_PER_UNIT);
    ck_assert_int_eq(parse_ok("0", ""), 0);
    ck_assert_int_eq(parse_ok("0.00", ""), 0);
    ck_assert_int_eq(parse_ok(".5", ""), 500000);
    ck_assert_int_eq(parse_ok("5.", ""), 5000000);
    ck_assert_int_eq(parse_ok("007", ""), 7000000);
    ck_assert_int_eq(parse_ok("1.0000001k", ""), INT64_C(1000000100));
    ck_assert_int_eq(parse_ok("0.000000001b", ""), 1000000);
    ck_assert_int_eq(parse_ok("0.000000000000001b", ""), 1);
    ck_assert_int_eq(parse_ok("1,234,567", ""), INT64_C(1234567000000));
    ck_assert_int_eq(parse_ok("12.500000000000", ""), 12500000);   /* trailing zeros are fine */
}
END_TEST

START_TEST(parse_currencies)
{
    ck_assert_int_eq(parse_ok("\xE2\x82\xAC" "50,000", "EUR"), INT64_C(50000000000));
    ck_assert_int_eq(parse_ok("\xC2\xA3" "0.50", "GBP"), 500000);
    ck_assert_int_eq(parse_ok("\xC2\xA5" "1200", "JPY"), INT64_C(1200000000));
    ck_assert_int_eq(parse_ok("CHF 1,234.00", "CHF"), INT64_C(1234000000));
    ck_assert_int_eq(parse_ok("12 chf", "CHF"), 12000000);
    ck_assert_int_eq(parse_ok("12k EUR", "EUR"), INT64_C(12000000000));
    ck_assert_int_eq(parse_ok("$ 5 USD", "USD"), 5000000);
    ck_assert_int_eq(parse_ok("5 bhd", "BHD"), 5000000);   /* 'b' of a code is no suffix */
    ck_assert_int_eq(parse_ok("5b", ""), INT64_C(5000000000000000));
    parse_bad("$5 EUR", PB_MONEY_CURRENCY);
}
END_TEST

START_TEST(parse_rejects)
{
    parse_bad("", PB_MONEY_EMPTY);
    parse_bad("   ", PB_MONEY_EMPTY);
    parse_bad(NULL, PB_MONEY_EMPTY);
    parse_bad("-5", PB_MONEY_NEGATIVE);
    parse_bad("$-5", PB_MONEY_NEGATIVE);
    parse_bad("5-", PB_MONEY_NEGATIVE);
    parse_bad("abc", PB_MONEY_SYNTAX);
    parse_bad("1,2", PB_MONEY_SYNTAX);
    parse_bad("1234,567", PB_MONEY_SYNTAX);
    parse_bad("1,23,456", PB_MONEY_SYNTAX);
    parse_bad(",123", PB_MONEY_SYNTAX);
    parse_bad("1,234,", PB_MONEY_SYNTAX);
    parse_bad("1.2.3", PB_MONEY_SYNTAX);
    parse_bad("5kk", PB_MONEY_SYNTAX);
    parse_bad("1e6", PB_MONEY_SYNTAX);
    parse_bad("12abcd", PB_MONEY_SYNTAX);
    ck_assert_int_eq(parse_ok("12abc", "ABC"), 12000000);   /* a code right after the digits */
    parse_bad(".", PB_MONEY_SYNTAX);
    parse_bad("$", PB_MONEY_SYNTAX);
    parse_bad("k", PB_MONEY_SYNTAX);
    parse_bad("1,234.5,6", PB_MONEY_SYNTAX);
    parse_bad("0x10", PB_MONEY_SYNTAX);
    parse_bad("0.0000001", PB_MONEY_PRECISION);
    parse_bad("1.0000000001k", PB_MONEY_PRECISION);
}
END_TEST

START_TEST(parse_overflow_detected)
{
    /* 2^53 micros is the limit, exactly. */
    ck_assert_int_eq(parse_ok("9007199254.740992", ""), PB_MONEY_MAX_MICROS);
    parse_bad("9007199254.740993", PB_MONEY_OVERFLOW);
    parse_bad("9.1b", PB_MONEY_OVERFLOW);
    parse_bad("9223372036854775807", PB_MONEY_OVERFLOW);
    parse_bad("99999999999999999999999999999999999999999999999999999999999999999999999",
              PB_MONEY_OVERFLOW);
    parse_bad("18446744073709551616b", PB_MONEY_OVERFLOW);   /* would wrap in uint64 */
    ck_assert_int_eq(parse_ok("9b", ""), INT64_C(9000000000000000));
}
END_TEST

static void fmt_eq(int64_t micros, const char *cur, pb_money_style st, const char *want)
{
    char out[64];
    size_t n = pb_money_format(micros, cur, st, out, sizeof out);
    ck_assert_msg(strcmp(out, want) == 0, "%lld %s style %d gave '%s', want '%s'",
                  (long long)micros, cur ? cur : "-", st, out, want);
    ck_assert_uint_eq(n, strlen(want));
}

START_TEST(format_full)
{
    fmt_eq(INT64_C(1234560000), "USD", PB_MONEY_FULL, "$1,234.56");
    fmt_eq(INT64_C(50000000000), "EUR", PB_MONEY_FULL_TRIM, "\xE2\x82\xAC" "50,000");
    fmt_eq(INT64_C(50000000000), "EUR", PB_MONEY_FULL, "\xE2\x82\xAC" "50,000.00");
    fmt_eq(500000, "GBP", PB_MONEY_FULL, "\xC2\xA3" "0.50");
    fmt_eq(500000, "GBP", PB_MONEY_FULL_TRIM, "\xC2\xA3" "0.50");
    fmt_eq(INT64_C(1200000000), "JPY", PB_MONEY_FULL, "\xC2\xA5" "1,200");
    fmt_eq(INT64_C(1200500000), "JPY", PB_MONEY_FULL, "\xC2\xA5" "1,201");   /* half away */
    fmt_eq(INT64_C(1234000000), "CHF", PB_MONEY_FULL, "CHF 1,234.00");
    fmt_eq(INT64_C(1250000), "BHD", PB_MONEY_FULL, "BHD 1.250");
    fmt_eq(INT64_C(1234000000), "", PB_MONEY_FULL, "1,234.00");
    fmt_eq(5000, "USD", PB_MONEY_FULL, "$0.01");     /* 0.005 rounds up */
    fmt_eq(4999, "USD", PB_MONEY_FULL, "$0.00");
    fmt_eq(-4999, "USD", PB_MONEY_FULL, "$0.00");    /* no "-$0.00" */
    fmt_eq(INT64_C(-1234560000), "USD", PB_MONEY_FULL, "-$1,234.56");
    fmt_eq(INT64_C(999999999999), "USD", PB_MONEY_FULL, "$1,000,000.00");
    fmt_eq(INT64_MAX, "USD", PB_MONEY_FULL, "$9,223,372,036,854.78");
    fmt_eq(INT64_MIN, "USD", PB_MONEY_FULL, "-$9,223,372,036,854.78");
}
END_TEST

START_TEST(format_short_like_twenty)
{
    fmt_eq(INT64_C(1200000000), "USD", PB_MONEY_SHORT, "$1.2k");
    fmt_eq(INT64_C(3400000000000), "USD", PB_MONEY_SHORT, "$3.4m");
    fmt_eq(INT64_C(300000000000), "EUR", PB_MONEY_SHORT, "\xE2\x82\xAC" "300k");
    fmt_eq(INT64_C(95000000000), "GBP", PB_MONEY_SHORT, "\xC2\xA3" "95k");
    fmt_eq(INT64_C(1200000000), "CHF", PB_MONEY_SHORT, "CHF 1.2k");
    fmt_eq(INT64_C(12500000), "USD", PB_MONEY_SHORT, "$12.5");
    fmt_eq(INT64_C(12000000), "USD", PB_MONEY_SHORT, "$12");
    fmt_eq(INT64_C(999000000), "USD", PB_MONEY_SHORT, "$999");
    fmt_eq(INT64_C(1000000000), "USD", PB_MONEY_SHORT, "$1k");
    fmt_eq(INT64_C(1250000000), "USD", PB_MONEY_SHORT, "$1.3k");   /* half up */
    fmt_eq(INT64_C(999960000), "USD", PB_MONEY_SHORT, "$1k");      /* not "$1000" */
    fmt_eq(INT64_C(999960000000), "USD", PB_MONEY_SHORT, "$1m");
    fmt_eq(INT64_C(2100000000000), "JPY", PB_MONEY_SHORT, "\xC2\xA5" "2.1m");
    fmt_eq(INT64_C(7500000000000000), "USD", PB_MONEY_SHORT, "$7.5b");
    fmt_eq(INT64_MAX, "USD", PB_MONEY_SHORT, "$9223.4b");
    fmt_eq(0, "USD", PB_MONEY_SHORT, "$0");
    fmt_eq(40000, "USD", PB_MONEY_SHORT, "$0");
    fmt_eq(-40000, "USD", PB_MONEY_SHORT, "$0");
    fmt_eq(INT64_C(-1200000000), "USD", PB_MONEY_SHORT, "-$1.2k");
    fmt_eq(INT64_C(50000000000), "", PB_MONEY_SHORT, "50k");
}
END_TEST

START_TEST(format_plain_roundtrips)
{
    fmt_eq(INT64_C(1234560000), "USD", PB_MONEY_PLAIN, "1234.56");
    fmt_eq(1, "USD", PB_MONEY_PLAIN, "0.000001");
    fmt_eq(INT64_C(50000000000), "USD", PB_MONEY_PLAIN, "50000");
    fmt_eq(-1500000, NULL, PB_MONEY_PLAIN, "-1.5");
    for (int64_t m = 1; m < PB_MONEY_MAX_MICROS / 7; m = m * 7 + 3) {
        char s[64];
        pb_money_format(m, "USD", PB_MONEY_PLAIN, s, sizeof s);
        pb_money_input in;
        ck_assert_int_eq(pb_money_parse(s, &in), PB_MONEY_OK);
        ck_assert_int_eq(in.micros, m);
    }
    char small[4];
    ck_assert_uint_eq(pb_money_format(INT64_C(1234560000), "USD", PB_MONEY_FULL, small, sizeof small), 9);
    ck_assert_str_eq(small, "$1,");
    char tiny[3];
    pb_money_format(INT64_C(5000000), "EUR", PB_MONEY_FULL, tiny, sizeof tiny);
    ck_assert_str_eq(tiny, "");   /* never half a euro sign */
}
END_TEST

START_TEST(currency_helpers)
{
    ck_assert_str_eq(pb_currency_symbol("USD"), "$");
    ck_assert_ptr_null(pb_currency_symbol("CHF"));
    ck_assert_int_eq(pb_currency_decimals("JPY"), 0);
    ck_assert_int_eq(pb_currency_decimals("KWD"), 3);
    ck_assert_int_eq(pb_currency_decimals("EUR"), 2);
    ck_assert(pb_currency_valid("USD"));
    ck_assert(!pb_currency_valid("usd"));
    ck_assert(!pb_currency_valid("US"));
    ck_assert(!pb_currency_valid("USDX"));
    ck_assert(!pb_currency_valid(NULL));
}
END_TEST

static pb_money money(int64_t micros, const char *cur)
{
    pb_money m = {micros, "", true};
    strcpy(m.currency, cur);
    return m;
}

START_TEST(totals_per_currency)
{
    pb_totals t;
    pb_totals_clear(&t);
    pb_money a = money(INT64_C(1200000000000), "USD"), b = money(INT64_C(300000000000), "EUR"),
             c = money(INT64_C(95000000000), "GBP"), d = money(INT64_C(8500000000), "USD"),
             e = money(INT64_C(1000000000), "CHF"), none = {0, "", false};
    ck_assert_int_eq(pb_totals_add(&t, &c), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_add(&t, &e), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_add(&t, &b), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_add(&t, &a), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_add(&t, &d), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_add(&t, &none), PB_TOTALS_OK);
    ck_assert_uint_eq(t.n, 4);
    const pb_total *usd = pb_totals_find(&t, "USD");
    ck_assert_int_eq(usd->micros, INT64_C(1208500000000));
    ck_assert_int_eq(usd->count, 2);
    char s[128];
    pb_totals_format(&t, PB_MONEY_SHORT, s, sizeof s);
    ck_assert_str_eq(s, "$1.2m \xC2\xB7 \xE2\x82\xAC" "300k \xC2\xB7 \xC2\xA3" "95k \xC2\xB7 CHF 1k");
    ck_assert_int_eq(pb_totals_sub(&t, &e), PB_TOTALS_OK);   /* last CHF deal leaves */
    ck_assert_ptr_null(pb_totals_find(&t, "CHF"));
    ck_assert_int_eq(pb_totals_sub(&t, &e), PB_TOTALS_MISSING);
    ck_assert_int_eq(pb_totals_sub(&t, &d), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_find(&t, "USD")->micros, INT64_C(1200000000000));
    pb_totals_format(&t, PB_MONEY_SHORT, s, sizeof s);
    ck_assert_str_eq(s, "$1.2m \xC2\xB7 \xE2\x82\xAC" "300k \xC2\xB7 \xC2\xA3" "95k");
    pb_totals empty;
    pb_totals_clear(&empty);
    ck_assert_uint_eq(pb_totals_format(&empty, PB_MONEY_SHORT, s, sizeof s), 0);
    ck_assert_str_eq(s, "");
}
END_TEST

START_TEST(totals_overflow_and_full)
{
    pb_totals t;
    pb_totals_clear(&t);
    ck_assert_int_eq(pb_totals_add_sum(&t, "USD", INT64_MAX - 10, 1), PB_TOTALS_OK);
    pb_money m = money(11, "USD");
    ck_assert_int_eq(pb_totals_add(&t, &m), PB_TOTALS_OVERFLOW);
    ck_assert_int_eq(pb_totals_find(&t, "USD")->micros, INT64_MAX - 10);   /* unchanged */
    ck_assert_int_eq(pb_totals_find(&t, "USD")->count, 1);
    m.micros = 10;
    ck_assert_int_eq(pb_totals_add(&t, &m), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_find(&t, "USD")->micros, INT64_MAX);

    pb_totals many;
    pb_totals_clear(&many);
    for (int i = 0; i < PB_TOTALS_MAX; i++) {
        char code[4] = {'A', (char)('A' + i / 26), (char)('A' + i % 26), 0};
        ck_assert_int_eq(pb_totals_add_sum(&many, code, 1, 1), PB_TOTALS_OK);
    }
    ck_assert_int_eq(pb_totals_add_sum(&many, "ZZZ", 1, 1), PB_TOTALS_FULL);

    pb_totals a, b;
    pb_totals_clear(&a);
    pb_totals_clear(&b);
    pb_totals_add_sum(&a, "USD", 5, 1);
    pb_totals_add_sum(&a, "EUR", INT64_MAX, 1);
    pb_totals_add_sum(&b, "USD", 7, 2);
    pb_totals_add_sum(&b, "EUR", 1, 1);
    ck_assert_int_eq(pb_totals_merge(&a, &b), PB_TOTALS_OVERFLOW);
    ck_assert_int_eq(pb_totals_find(&a, "USD")->micros, 5);   /* all or nothing */
    pb_totals_clear(&b);
    pb_totals_add_sum(&b, "USD", 7, 2);
    pb_totals_add_sum(&b, "JPY", 1000000, 1);
    ck_assert_int_eq(pb_totals_merge(&a, &b), PB_TOTALS_OK);
    ck_assert_int_eq(pb_totals_find(&a, "USD")->micros, 12);
    ck_assert_int_eq(pb_totals_find(&a, "USD")->count, 3);
    char s[128];
    pb_totals_add_sum(&a, "", 2000000, 1);
    pb_totals_add_sum(&a, "AUD", 3000000, 1);
    pb_totals_format(&a, PB_MONEY_FULL_TRIM, s, sizeof s);
    ck_assert_str_eq(s, "$0 \xC2\xB7 \xE2\x82\xAC" "9,223,372,036,854.78 \xC2\xB7 \xC2\xA5" "1 "
                        "\xC2\xB7 AUD 3 \xC2\xB7 2");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("money");
    TCase *tc = tcase_create("money");
    tcase_add_test(tc, parse_scales_exactly);
    tcase_add_test(tc, parse_currencies);
    tcase_add_test(tc, parse_rejects);
    tcase_add_test(tc, parse_overflow_detected);
    tcase_add_test(tc, format_full);
    tcase_add_test(tc, format_short_like_twenty);
    tcase_add_test(tc, format_plain_roundtrips);
    tcase_add_test(tc, currency_helpers);
    tcase_add_test(tc, totals_per_currency);
    tcase_add_test(tc, totals_overflow_and_full);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
