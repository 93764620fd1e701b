/* test_net_pacer.c - token buckets on a fake clock (src/net/pacer.c). */
#include <check.h>
#include <stdlib.h>

#include "net/pacer.h"

START_TEST(empty_pacer_never_waits)
{
    pacer p;
    pacer_init(&p);
    for (int i = 0; i < 1000; i++)
        ck_assert(pacer_try_take(&p, 0));
    ck_assert_int_eq(pacer_delay_ms(&p, 0), 0);
}
END_TEST

START_TEST(bucket_starts_full_then_refills_one_token_at_a_time)
{
    pacer p;
    pacer_init(&p);
    ck_assert(pacer_add_bucket(&p, 3, 1000, 0));
    ck_assert_int_eq(pacer_tokens(&p, 0, 0), 3);
    ck_assert(pacer_try_take(&p, 0));
    ck_assert(pacer_try_take(&p, 0));
    ck_assert(pacer_try_take(&p, 0));
    ck_assert(!pacer_try_take(&p, 0));
    /* one token per 333.3 ms, rounded up so waiting is always enough */
    ck_assert_int_eq(pacer_delay_ms(&p, 0), 334);
    ck_assert(!pacer_try_take(&p, 333));
    ck_assert_int_eq(pacer_delay_ms(&p, 333), 1);
    ck_assert(pacer_try_take(&p, 334));
    ck_assert(!pacer_try_take(&p, 334));
    ck_assert_int_eq(pacer_delay_ms(&p, 334), 333);
}
END_TEST

START_TEST(refill_is_capped_at_the_limit)
{
    pacer p;
    pacer_init(&p);
    pacer_add_bucket(&p, 5, 1000, 0);
    for (int i = 0; i < 5; i++)
        ck_assert(pacer_try_take(&p, 0));
    ck_assert_int_eq(pacer_tokens(&p, 0, 100000), 5);   /* a long idle earns no more */
    int taken = 0;
    while (pacer_try_take(&p, 100000))
        taken++;
    ck_assert_int_eq(taken, 5);
}
END_TEST

START_TEST(two_buckets_the_slower_one_rules)
{
    /* 2 per second and 3 per 10 s */
    pacer p;
    pacer_init(&p);
    ck_assert(pacer_add_bucket(&p, 2, 1000, 0));
    ck_assert(pacer_add_bucket(&p, 3, 10000, 0));
    ck_assert(pacer_try_take(&p, 0));
    ck_assert(pacer_try_take(&p, 0));
    ck_assert_int_eq(pacer_delay_ms(&p, 0), 500);      /* the per-second one */
    ck_assert(pacer_try_take(&p, 500));
    /* per-10 s: 0 + 500 ms * 3/10000 = 0.15 token; 0.85 token needs 2834 ms */
    ck_assert_int_eq(pacer_delay_ms(&p, 500), 2834);
    ck_assert(!pacer_try_take(&p, 3333));
    ck_assert(pacer_try_take(&p, 3334));
}
END_TEST

START_TEST(long_run_stays_under_the_rate)
{
    /* Twenty's defaults: 100 per 1 s and 100 per 60 s. Greedy for 120 s of
     * fake time: at most the burst plus the refill (100 + 2 * 100). */
    pacer p;
    pacer_init(&p);
    pacer_add_bucket(&p, 100, 1000, 0);
    pacer_add_bucket(&p, 100, 60000, 0);
    int sent = 0, in_first_second = 0;
    int64_t t = 0;
    while (t <= 120000) {
        if (pacer_try_take(&p, t)) {
            sent++;
            if (t < 1000)
                in_first_second++;
        } else {
            t += pacer_delay_ms(&p, t);
        }
    }
    /* the burst at t=0, plus the one token the minute bucket earns at 600 ms */
    ck_assert_int_eq(in_first_second, 101);
    ck_assert_int_ge(sent, 299);
    ck_assert_int_le(sent, 301);
}
END_TEST

START_TEST(block_until_holds_everything_back)
{
    pacer p;
    pacer_init(&p);
    pacer_add_bucket(&p, 10, 1000, 0);
    pacer_block_until(&p, 1500);
    ck_assert_int_eq(pacer_delay_ms(&p, 0), 1500);
    ck_assert(!pacer_try_take(&p, 1499));
    pacer_block_until(&p, 200);                 /* never shortens */
    ck_assert_int_eq(pacer_delay_ms(&p, 1000), 500);
    ck_assert(pacer_try_take(&p, 1500));
}
END_TEST

START_TEST(clock_going_backwards_earns_nothing)
{
    pacer p;
    pacer_init(&p);
    pacer_add_bucket(&p, 1, 1000, 5000);
    ck_assert(pacer_try_take(&p, 5000));
    ck_assert(!pacer_try_take(&p, 1000));
    ck_assert_int_eq(pacer_delay_ms(&p, 5000), 1000);
    ck_assert(pacer_try_take(&p, 6000));
}
END_TEST

START_TEST(bad_buckets_are_refused)
{
    pacer p;
    pacer_init(&p);
    ck_assert(!pacer_add_bucket(&p, 0, 1000, 0));
    ck_assert(!pacer_add_bucket(&p, 5, 0, 0));
    ck_assert(!pacer_add_bucket(&p, -1, 1000, 0));
    for (int i = 0; i < PACER_MAX_BUCKETS; i++)
        ck_assert(pacer_add_bucket(&p, 10, 1000, 0));
    ck_assert(!pacer_add_bucket(&p, 10, 1000, 0));
    ck_assert_int_eq(p.count, PACER_MAX_BUCKETS);
    ck_assert_int_eq(pacer_tokens(&p, 99, 0), 0);
}
END_TEST

START_TEST(margin_stays_under_the_server_limit)
{
    ck_assert_int_eq(pacer_margin(100), 95);
    ck_assert_int_eq(pacer_margin(5), 4);
    ck_assert_int_eq(pacer_margin(2), 1);
    ck_assert_int_eq(pacer_margin(1), 1);
    ck_assert_int_eq(pacer_margin(1000), 950);
}
END_TEST

static Suite *pacer_suite(void)
{
    Suite *s = suite_create("net_pacer");
    TCase *tc = tcase_create("buckets");
    tcase_add_test(tc, empty_pacer_never_waits);
    tcase_add_test(tc, bucket_starts_full_then_refills_one_token_at_a_time);
    tcase_add_test(tc, refill_is_capped_at_the_limit);
    tcase_add_test(tc, two_buckets_the_slower_one_rules);
    tcase_add_test(tc, long_run_stays_under_the_rate);
    tcase_add_test(tc, block_until_holds_everything_back);
    tcase_add_test(tc, clock_going_backwards_earns_nothing);
    tcase_add_test(tc, bad_buckets_are_refused);
    tcase_add_test(tc, margin_stays_under_the_server_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pacer_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
