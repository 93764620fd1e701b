/* test_sim_value.c - twenty-sim's values: UUIDs, ISO 8601 timestamps, the
 * xorshift generator and sim_value copy/compare semantics. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/value.h"

/* ---------- UUIDs ---------- */

START_TEST(uuid_round_trip_lower_case)
{
    sim_uuid u;
    char out[37];
    ck_assert(sim_uuid_parse("0CF3C0E3-E277-4B73-8A43-1F827C0143F8", &u));
    sim_uuid_format(&u, out);
    ck_assert_str_eq(out, "0cf3c0e3-e277-4b73-8a43-1f827c0143f8");
    ck_assert_int_eq(u.b[0], 0x0c);
    ck_assert_int_eq(u.b[15], 0xf8);
}
END_TEST

START_TEST(uuid_rejects_malformed)
{
    static const char *const bad[] = {
        "",
        "0cf3c0e3-e277-4b73-8a43-1f827c0143f",   /* short */
        "0cf3c0e3-e277-4b73-8a43-1f827c0143f80", /* long */
        "0cf3c0e3e277-4b73-8a43-1f827c0143f8a",  /* dash moved */
        "0cf3c0e3-e277-4b73-8a43_1f827c0143f8",  /* wrong separator */
        "0cf3c0e3-e277-4b73-8a43-1f827c0143g8",  /* not hex */
        "{0cf3c0e3-e277-4b73-8a43-1f827c0143f8}",
        "0cf3c0e3-e277-4b73-8a43-1f827c0143f8 ",
        "not a uuid",
    };
    sim_uuid u;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(!sim_uuid_parse(bad[i], &u), "accepted '%s'", bad[i]);
    ck_assert(!sim_uuid_parse(NULL, &u));
}
END_TEST

START_TEST(uuid_order_matches_text_order)
{
    const char *a = "0fffffff-ffff-4fff-bfff-ffffffffffff";
    const char *b = "10000000-0000-4000-8000-000000000000";
    sim_uuid ua, ub;
    ck_assert(sim_uuid_parse(a, &ua) && sim_uuid_parse(b, &ub));
    ck_assert_int_lt(sim_uuid_cmp(&ua, &ub), 0);
    ck_assert_int_gt(sim_uuid_cmp(&ub, &ua), 0);
    ck_assert_int_eq(sim_uuid_cmp(&ua, &ua), 0);
    ck_assert_int_lt(strcmp(a, b), 0);
}
END_TEST

START_TEST(uuid_generate_is_v4_and_deterministic)
{
    uint64_t s1 = 42, s2 = 42;
    for (int i = 0; i < 100; i++) {
        sim_uuid a, b;
        char t[37];
        sim_uuid_generate(&s1, &a);
        sim_uuid_generate(&s2, &b);
        ck_assert_int_eq(sim_uuid_cmp(&a, &b), 0);
        sim_uuid_format(&a, t);
        ck_assert_int_eq(t[14], '4');
        ck_assert(strchr("89ab", t[19]) != NULL);
        sim_uuid back;
        ck_assert(sim_uuid_parse(t, &back));
        ck_assert_int_eq(sim_uuid_cmp(&a, &back), 0);
    }
    uint64_t s3 = 43;
    sim_uuid a, c;
    s1 = 42;
    sim_uuid_generate(&s1, &a);
    sim_uuid_generate(&s3, &c);
    ck_assert_int_ne(sim_uuid_cmp(&a, &c), 0);
}
END_TEST

/* ---------- time ---------- */

START_TEST(time_parses_the_accepted_forms)
{
    int64_t ms;
    ck_assert(sim_time_parse("1970-01-01", &ms));
    ck_assert_int_eq(ms, 0);
    ck_assert(sim_time_parse("2025-02-05T08:00:00Z", &ms));
    ck_assert_int_eq(ms, 1738742400000LL);
    ck_assert(sim_time_parse("2025-02-05T08:00:00.123Z", &ms));
    ck_assert_int_eq(ms, 1738742400123LL);
    ck_assert(sim_time_parse("2025-02-05T10:00:00+02:00", &ms));
    ck_assert_int_eq(ms, 1738742400000LL);
    ck_assert(sim_time_parse("2025-02-05T03:30:00-04:30", &ms));
    ck_assert_int_eq(ms, 1738742400000LL);
    ck_assert(sim_time_parse("2025-02-05T08:00:00.1234567Z", &ms)); /* sub-ms digits dropped */
    ck_assert_int_eq(ms, 1738742400123LL);
    ck_assert(sim_time_parse("2025-02-05T08:00Z", &ms));
    ck_assert_int_eq(ms, 1738742400000LL);
    ck_assert(sim_time_parse("2024-02-29", &ms)); /* leap day */
    ck_assert(sim_time_parse("1969-12-31T23:59:59.999Z", &ms));
    ck_assert_int_eq(ms, -1);
}
END_TEST

START_TEST(time_rejects_everything_else)
{
    static const char *const bad[] = {
        "",          "2025",         "2025-02",  "2025-2-05",           "2025-02-30",
        "2023-02-29", "2025-13-01",  "2025-00-10", "2025-02-05T",       "2025-02-05T08:00:00",
        "2025-02-05T24:00:00Z", "2025-02-05T08:60:00Z", "2025-02-05T08:00:60Z",
        "2025-02-05 08:00:00Z", "2025-02-05T08:00:00.Z", "2025-02-05T08:00:00Zjunk",
        "2025-02-05T08:00:00+2:00", "tomorrow", "2025-02-05junk",
    };
    int64_t ms;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(!sim_time_parse(bad[i], &ms), "accepted '%s'", bad[i]);
    ck_assert(!sim_time_parse(NULL, &ms));
}
END_TEST

START_TEST(time_formats_with_millis_and_z)
{
    char out[32];
    sim_time_format(0, out);
    ck_assert_str_eq(out, "1970-01-01T00:00:00.000Z");
    sim_time_format(1738742400123LL, out);
    ck_assert_str_eq(out, "2025-02-05T08:00:00.123Z");
    sim_time_format(-1, out);
    ck_assert_str_eq(out, "1969-12-31T23:59:59.999Z");
    sim_time_format(951782400000LL, out); /* 2000-02-29 */
    ck_assert_str_eq(out, "2000-02-29T00:00:00.000Z");
    ck_assert_int_eq(strlen(out), 24);
}
END_TEST

START_TEST(time_round_trips)
{
    uint64_t rng = 7;
    for (int i = 0; i < 20000; i++) {
        /* from year 1900 to 2200 */
        int64_t ms = (int64_t)(sim_rand_next(&rng) % 9467280000000ULL) - 2208988800000LL;
        char out[32];
        int64_t back;
        sim_time_format(ms, out);
        ck_assert_msg(sim_time_parse(out, &back), "%s", out);
        ck_assert_int_eq(back, ms);
    }
}
END_TEST

START_TEST(time_now_is_sane)
{
    int64_t now = sim_time_now_ms();
    ck_assert_int_gt(now, 1700000000000LL); /* after Nov 2023 */
    ck_assert_int_lt(now, 4102444800000LL); /* before 2100 */
}
END_TEST

/* ---------- values ---------- */

START_TEST(value_copy_is_deep)
{
    sim_value a = sim_value_str("Acme renewal");
    sim_value b = sim_value_copy(&a);
    ck_assert_int_eq(b.kind, SV_STR);
    ck_assert_ptr_ne(a.as.s, b.as.s);
    ck_assert_str_eq(b.as.s, "Acme renewal");
    ck_assert(sim_value_equal(&a, &b));
    sim_value_free(&a);
    ck_assert_int_eq(a.kind, SV_NULL);
    ck_assert_str_eq(b.as.s, "Acme renewal");
    sim_value_free(&b);
    sim_value n = sim_value_str(NULL);
    ck_assert_int_eq(n.kind, SV_NULL);
    sim_value_free(&n); /* harmless */
}
END_TEST

START_TEST(value_compare_by_kind)
{
    sim_value a = sim_value_str("Apple"), b = sim_value_str("apple");
    ck_assert_int_lt(sim_value_cmp(&a, &b), 0); /* byte order: upper case first */
    sim_value i1 = {.kind = SV_INT, .as.i = -5}, i2 = {.kind = SV_INT, .as.i = 50000000000LL};
    ck_assert_int_lt(sim_value_cmp(&i1, &i2), 0);
    ck_assert_int_gt(sim_value_cmp(&i2, &i1), 0);
    sim_value n1 = {.kind = SV_NUM, .as.n = 2.5}, n2 = {.kind = SV_NUM, .as.n = 2.25};
    ck_assert_int_gt(sim_value_cmp(&n1, &n2), 0);
    sim_value t1 = {.kind = SV_TIME, .as.t = 1}, t2 = {.kind = SV_TIME, .as.t = 1};
    ck_assert_int_eq(sim_value_cmp(&t1, &t2), 0);
    ck_assert(sim_value_equal(&t1, &t2));
    sim_value f = {.kind = SV_BOOL, .as.b = false}, t = {.kind = SV_BOOL, .as.b = true};
    ck_assert_int_lt(sim_value_cmp(&f, &t), 0);
    sim_value nul = {.kind = SV_NULL}, nul2 = {.kind = SV_NULL};
    ck_assert(sim_value_equal(&nul, &nul2));
    ck_assert(!sim_value_equal(&nul, &i1));
    ck_assert(!sim_value_equal(&i1, &i2));
    sim_value_free(&a);
    sim_value_free(&b);
}
END_TEST

START_TEST(rand_is_deterministic_and_moves)
{
    uint64_t a = 1, b = 1, z = 0;
    uint64_t first = sim_rand_next(&a);
    ck_assert_uint_eq(first, sim_rand_next(&b));
    ck_assert_uint_ne(first, sim_rand_next(&a));
    ck_assert_uint_ne(sim_rand_next(&z), 0); /* a zero state still works */
    ck_assert_uint_ne(z, 0);
    /* roughly uniform low bits */
    int buckets[4] = {0};
    uint64_t s = 99;
    for (int i = 0; i < 40000; i++)
        buckets[sim_rand_next(&s) % 4]++;
    for (int i = 0; i < 4; i++)
        ck_assert(buckets[i] > 9000 && buckets[i] < 11000);
}
END_TEST

static Suite *value_suite(void)
{
    Suite *s = suite_create("sim_value");
    TCase *u = tcase_create("uuid");
    tcase_add_test(u, uuid_round_trip_lower_case);
    tcase_add_test(u, uuid_rejects_malformed);
    tcase_add_test(u, uuid_order_matches_text_order);
    tcase_add_test(u, uuid_generate_is_v4_and_deterministic);
    suite_add_tcase(s, u);
    TCase *t = tcase_create("time");
    tcase_add_test(t, time_parses_the_accepted_forms);
    tcase_add_test(t, time_rejects_everything_else);
    tcase_add_test(t, time_formats_with_millis_and_z);
    tcase_add_test(t, time_round_trips);
    tcase_add_test(t, time_now_is_sane);
    suite_add_tcase(s, t);
    TCase *v = tcase_create("value");
    tcase_add_test(v, value_copy_is_deep);
    tcase_add_test(v, value_compare_by_kind);
    tcase_add_test(v, rand_is_deterministic_and_moves);
    suite_add_tcase(s, v);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(value_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
