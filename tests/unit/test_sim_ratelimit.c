/* Unit tests of twenty-sim's token-bucket rate limiter (src/sim/ratelimit.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/ratelimit.h"

static sim_ratelimit parsed(const char *spec)
{
    sim_ratelimit rl;
    char err[256];
    ck_assert_msg(sim_ratelimit_parse(&rl, spec, err, sizeof err), "parse '%s': %s", spec, err);
    return rl;
}

START_TEST(parses_twentys_two_buckets)
{
    sim_ratelimit rl = parsed("100/1000,100/60000");
    ck_assert_int_eq(rl.n, 2);
    ck_assert_int_eq(rl.b[0].limit, 100);
    ck_assert_int_eq(rl.b[0].ttl_ms, 1000);
    ck_assert_int_eq(rl.b[1].limit, 100);
    ck_assert_int_eq(rl.b[1].ttl_ms, 60000);
}
END_TEST

START_TEST(parses_spaces_around_items)
{
    sim_ratelimit rl = parsed(" 5/1000 , 10 / 60000 ");
    ck_assert_int_eq(rl.n, 2);
    ck_assert_int_eq(rl.b[0].limit, 5);
    ck_assert_int_eq(rl.b[1].limit, 10);
    ck_assert_int_eq(rl.b[1].ttl_ms, 60000);
}
END_TEST

static const char *const BAD[] = {
    "", "   ", "100", "100/", "/1000", "0/1000", "100/0", "abc/1000", "100/1000,", "-1/1000",
    "1.5/1000", "100/1e3", "99999999999999999999/1", "1/604800001",
    "1/1,1/1,1/1,1/1,1/1,1/1,1/1,1/1,1/1",
};

START_TEST(rejects_bad_specs_and_keeps_the_old_value)
{
    sim_ratelimit rl = parsed("7/700");
    char err[256] = "";
    const char *spec = BAD[_i];
    ck_assert_msg(!sim_ratelimit_parse(&rl, spec, err, sizeof err), "accepted '%s'", spec);
    ck_assert_msg(err[0] != '\0', "no message for '%s'", spec);
    ck_assert_int_eq(rl.n, 1);
    ck_assert_int_eq(rl.b[0].limit, 7);
}
END_TEST

START_TEST(error_names_the_bucket)
{
    sim_ratelimit rl;
    char err[256];
    ck_assert(!sim_ratelimit_parse(&rl, "100/1000,100/abc", err, sizeof err));
    ck_assert_msg(strstr(err, "bucket 2") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "TTL_MS") != NULL, "%s", err);
}
END_TEST

START_TEST(no_buckets_admit_everything)
{
    sim_ratelimit rl;
    memset(&rl, 0, sizeof rl);
    sim_rl_outcome o;
    for (int i = 0; i < 1000; i++) {
        sim_ratelimit_take(&rl, 0, &o);
        ck_assert(o.admitted);
    }
}
END_TEST

START_TEST(burst_then_refusal_with_retry)
{
    sim_ratelimit rl = parsed("3/1000");
    sim_rl_outcome o;
    for (int i = 0; i < 3; i++) {
        sim_ratelimit_take(&rl, 5000, &o);
        ck_assert(o.admitted);
        ck_assert_int_eq(o.remaining, 2 - i);
    }
    sim_ratelimit_take(&rl, 5000, &o);
    ck_assert(!o.admitted);
    ck_assert_int_eq(o.bucket, 0);
    ck_assert_int_eq(o.limit, 3);
    ck_assert_int_eq(o.ttl_ms, 1000);
    ck_assert_int_eq(o.remaining, 0);
    /* one token at 3 per 1000 ms: 333.3 ms, rounded up */
    ck_assert_int_eq(o.retry_after_ms, 334);
}
END_TEST

START_TEST(refills_continuously)
{
    sim_ratelimit rl = parsed("3/1000");
    sim_rl_outcome o;
    for (int i = 0; i < 3; i++) sim_ratelimit_take(&rl, 0, &o);
    sim_ratelimit_take(&rl, 333, &o);
    ck_assert(!o.admitted);
    ck_assert_int_eq(o.retry_after_ms, 1);
    sim_ratelimit_take(&rl, 334, &o);
    ck_assert(o.admitted);
    ck_assert_int_eq(o.remaining, 0);
    sim_ratelimit_take(&rl, 334, &o);
    ck_assert(!o.admitted);
}
END_TEST

START_TEST(refusals_consume_nothing)
{
    sim_ratelimit rl = parsed("2/1000");
    sim_rl_outcome o;
    sim_ratelimit_take(&rl, 0, &o);
    sim_ratelimit_take(&rl, 0, &o);
    for (int i = 0; i < 10; i++) {
        sim_ratelimit_take(&rl, 100 + i, &o);
        ck_assert(!o.admitted);
    }
    /* 500 ms earn exactly one token despite the ten refusals in between */
    sim_ratelimit_take(&rl, 500, &o);
    ck_assert(o.admitted);
}
END_TEST

START_TEST(second_bucket_refuses_and_first_keeps_its_token)
{
    sim_ratelimit rl = parsed("100/1000,5/60000");
    sim_rl_outcome o;
    for (int i = 0; i < 5; i++) {
        sim_ratelimit_take(&rl, 0, &o);
        ck_assert(o.admitted);
    }
    ck_assert_int_eq(o.bucket, 1);      /* the tightest bucket is reported */
    sim_ratelimit_take(&rl, 0, &o);
    ck_assert(!o.admitted);
    ck_assert_int_eq(o.bucket, 1);
    ck_assert_int_eq(o.limit, 5);
    ck_assert_int_eq(o.retry_after_ms, 12000);
    /* all or nothing: the refused request took nothing from bucket 0 */
    ck_assert_int_eq(rl.b[0].scaled, (int64_t)95 * 1000);
    sim_ratelimit_take(&rl, 1000, &o);
    ck_assert(!o.admitted);
    ck_assert_int_eq(o.retry_after_ms, 11000);
    sim_ratelimit_take(&rl, 12000, &o);
    ck_assert(o.admitted);
}
END_TEST

START_TEST(never_holds_more_than_the_limit)
{
    sim_ratelimit rl = parsed("4/1000");
    sim_rl_outcome o;
    sim_ratelimit_take(&rl, 0, &o);
    sim_ratelimit_take(&rl, 1000000000LL, &o);
    ck_assert(o.admitted);
    ck_assert_int_eq(o.remaining, 3);
}
END_TEST

START_TEST(clock_going_backwards_refills_nothing)
{
    sim_ratelimit rl = parsed("1/1000");
    sim_rl_outcome o;
    sim_ratelimit_take(&rl, 10000, &o);
    ck_assert(o.admitted);
    sim_ratelimit_take(&rl, 5000, &o);
    ck_assert(!o.admitted);
    ck_assert_int_eq(o.retry_after_ms, 1000);
}
END_TEST

START_TEST(retry_seconds_round_up_and_never_zero)
{
    ck_assert_int_eq(sim_ratelimit_retry_seconds(0), 1);
    ck_assert_int_eq(sim_ratelimit_retry_seconds(4), 1);
    ck_assert_int_eq(sim_ratelimit_retry_seconds(1000), 1);
    ck_assert_int_eq(sim_ratelimit_retry_seconds(1001), 2);
    ck_assert_int_eq(sim_ratelimit_retry_seconds(11983), 12);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sim_ratelimit");
    TCase *p = tcase_create("parse");
    tcase_add_test(p, parses_twentys_two_buckets);
    tcase_add_test(p, parses_spaces_around_items);
    tcase_add_loop_test(p, rejects_bad_specs_and_keeps_the_old_value, 0, (int)(sizeof BAD / sizeof BAD[0]));
    tcase_add_test(p, error_names_the_bucket);
    suite_add_tcase(s, p);
    TCase *t = tcase_create("take");
    tcase_add_test(t, no_buckets_admit_everything);
    tcase_add_test(t, burst_then_refusal_with_retry);
    tcase_add_test(t, refills_continuously);
    tcase_add_test(t, refusals_consume_nothing);
    tcase_add_test(t, second_bucket_refuses_and_first_keeps_its_token);
    tcase_add_test(t, never_holds_more_than_the_limit);
    tcase_add_test(t, clock_going_backwards_refills_nothing);
    tcase_add_test(t, retry_seconds_round_up_and_never_zero);
    suite_add_tcase(s, t);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
