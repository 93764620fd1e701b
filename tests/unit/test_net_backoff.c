/* test_net_backoff.c - retry verdicts, jittered backoff (src/net/backoff.c)
 * and Retry-After / X-RateLimit-Reset parsing (src/net/ratelimit.c). */
#include <check.h>
#include <stdlib.h>

#include "net/backoff.h"
#include "net/net.h"
#include "net/ratelimit.h"

static const backoff_policy policy = { .base_ms = 250, .max_ms = 8000, .max_attempts = 4 };

START_TEST(only_safe_requests_retry_server_errors)
{
    ck_assert_int_eq(backoff_decide(&policy, 1, 500, NET_OK, true), BACKOFF_RETRY);
    ck_assert_int_eq(backoff_decide(&policy, 1, 502, NET_OK, true), BACKOFF_RETRY);
    ck_assert_int_eq(backoff_decide(&policy, 1, 503, NET_OK, true), BACKOFF_RETRY);
    ck_assert_int_eq(backoff_decide(&policy, 1, 504, NET_OK, true), BACKOFF_RETRY);
    ck_assert_int_eq(backoff_decide(&policy, 1, 500, NET_OK, false), BACKOFF_GIVE_UP);
    ck_assert_int_eq(backoff_decide(&policy, 1, 503, NET_OK, false), BACKOFF_GIVE_UP);
    ck_assert_int_eq(backoff_decide(&policy, 1, 501, NET_OK, true), BACKOFF_GIVE_UP);
}
END_TEST

START_TEST(success_and_client_errors_are_final)
{
    int statuses[] = { 200, 201, 204, 301, 400, 401, 402, 403, 404, 409 };
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        ck_assert_int_eq(backoff_decide(&policy, 1, statuses[i], NET_OK, true), BACKOFF_GIVE_UP);
}
END_TEST

START_TEST(rate_limited_is_retried_even_when_unsafe)
{
    ck_assert_int_eq(backoff_decide(&policy, 1, 429, NET_OK, false), BACKOFF_RETRY_AFTER);
    ck_assert_int_eq(backoff_decide(&policy, 3, 429, NET_OK, true), BACKOFF_RETRY_AFTER);
    ck_assert_int_eq(backoff_decide(&policy, 4, 429, NET_OK, false), BACKOFF_GIVE_UP);
}
END_TEST

START_TEST(transport_failures_retry_only_when_safe_and_transient)
{
    int transient[] = { NET_ERR_TIMEOUT, NET_ERR_CONNECT, NET_ERR_CLOSED };
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(backoff_decide(&policy, 1, 0, transient[i], true), BACKOFF_RETRY);
        ck_assert_int_eq(backoff_decide(&policy, 1, 0, transient[i], false), BACKOFF_GIVE_UP);
    }
    int final[] = { NET_ERR_RESOLVE, NET_ERR_TLS, NET_ERR_TOO_LARGE, NET_ERR_NOMEM, NET_ERR_OTHER };
    for (size_t i = 0; i < 5; i++)
        ck_assert_int_eq(backoff_decide(&policy, 1, 0, final[i], true), BACKOFF_GIVE_UP);
}
END_TEST

START_TEST(attempts_are_bounded)
{
    ck_assert_int_eq(backoff_decide(&policy, 3, 500, NET_OK, true), BACKOFF_RETRY);
    ck_assert_int_eq(backoff_decide(&policy, 4, 500, NET_OK, true), BACKOFF_GIVE_UP);
    ck_assert_int_eq(backoff_decide(&policy, 4, 0, NET_ERR_TIMEOUT, true), BACKOFF_GIVE_UP);
    backoff_policy once = { 250, 8000, 1 };
    ck_assert_int_eq(backoff_decide(&once, 1, 500, NET_OK, true), BACKOFF_GIVE_UP);
}
END_TEST

START_TEST(cap_doubles_up_to_the_maximum)
{
    ck_assert_int_eq(backoff_cap_ms(&policy, 1), 250);
    ck_assert_int_eq(backoff_cap_ms(&policy, 2), 500);
    ck_assert_int_eq(backoff_cap_ms(&policy, 3), 1000);
    ck_assert_int_eq(backoff_cap_ms(&policy, 5), 4000);
    ck_assert_int_eq(backoff_cap_ms(&policy, 6), 8000);
    ck_assert_int_eq(backoff_cap_ms(&policy, 7), 8000);
    ck_assert_int_eq(backoff_cap_ms(&policy, 1000000), 8000);   /* no overflow */
    backoff_policy zero = { 0, 8000, 4 };
    ck_assert_int_eq(backoff_cap_ms(&zero, 1000000), 0);
}
END_TEST

START_TEST(full_jitter_spans_zero_to_cap)
{
    uint64_t rng = 42;
    for (int retry = 1; retry <= 7; retry++) {
        int64_t cap = backoff_cap_ms(&policy, retry), lo = cap, hi = 0;
        for (int i = 0; i < 2000; i++) {
            int64_t d = backoff_delay_ms(&policy, retry, backoff_random(&rng));
            ck_assert_int_ge(d, 0);
            ck_assert_int_le(d, cap);
            if (d < lo) lo = d;
            if (d > hi) hi = d;
        }
        ck_assert_int_lt(lo, cap / 10 + 1);     /* the draw really is spread */
        ck_assert_int_gt(hi, cap - cap / 10 - 1);
    }
    ck_assert_int_eq(backoff_delay_ms(&policy, 1, 0), 0);
    ck_assert_int_eq(backoff_delay_ms(&policy, 1, 250), 250);
    ck_assert_int_eq(backoff_delay_ms(&policy, 1, 251), 0);
}
END_TEST

START_TEST(random_is_deterministic_per_seed)
{
    uint64_t a = 7, b = 7, c = 8;
    uint64_t a1 = backoff_random(&a), b1 = backoff_random(&b), c1 = backoff_random(&c);
    ck_assert(a1 == b1);
    ck_assert(a1 != c1);
    ck_assert(backoff_random(&a) != a1);
}
END_TEST

/* Wed, 21 Oct 2015 07:28:00 GMT */
#define NOW_MS INT64_C(1445412480000)

START_TEST(retry_after_in_seconds)
{
    ck_assert_int_eq(ratelimit_parse_wait_ms("1", NULL, NOW_MS), 1000);
    ck_assert_int_eq(ratelimit_parse_wait_ms(" 120 ", NULL, NOW_MS), 120000);
    ck_assert_int_eq(ratelimit_parse_wait_ms("0", NULL, NOW_MS), 0);
    ck_assert_int_eq(ratelimit_parse_wait_ms("1.5", NULL, NOW_MS), -1);
    ck_assert_int_eq(ratelimit_parse_wait_ms("-3", NULL, NOW_MS), -1);
    ck_assert_int_eq(ratelimit_parse_wait_ms("soon", NULL, NOW_MS), -1);
    ck_assert_int_eq(ratelimit_parse_wait_ms("", NULL, NOW_MS), -1);
    ck_assert_int_eq(ratelimit_parse_wait_ms(NULL, NULL, NOW_MS), -1);
    ck_assert_int_gt(ratelimit_parse_wait_ms("99999999999999999999", NULL, NOW_MS), 0);
}
END_TEST

START_TEST(retry_after_as_http_date_in_all_three_forms)
{
    ck_assert_int_eq(ratelimit_parse_wait_ms("Wed, 21 Oct 2015 07:28:30 GMT", NULL, NOW_MS), 30000);
    ck_assert_int_eq(ratelimit_parse_wait_ms("Wednesday, 21-Oct-15 07:28:30 GMT", NULL, NOW_MS),
                     30000);
    ck_assert_int_eq(ratelimit_parse_wait_ms("Wed Oct 21 07:28:30 2015", NULL, NOW_MS), 30000);
    ck_assert_int_eq(ratelimit_parse_wait_ms("Wed, 21 Oct 2015 07:27:00 GMT", NULL, NOW_MS), 0);
    ck_assert_int_eq(ratelimit_parse_wait_ms("Wed, 99 Foo 2015", NULL, NOW_MS), -1);
}
END_TEST

START_TEST(ratelimit_reset_epoch_seconds_and_variants)
{
    ck_assert_int_eq(ratelimit_parse_wait_ms(NULL, "1445412485", NOW_MS), 5000);
    ck_assert_int_eq(ratelimit_parse_wait_ms(NULL, "1445412400", NOW_MS), 0);      /* past */
    ck_assert_int_eq(ratelimit_parse_wait_ms(NULL, "1445412481500", NOW_MS), 1500); /* ms */
    ck_assert_int_eq(ratelimit_parse_wait_ms(NULL, "3", NOW_MS), 3000);            /* delta */
    ck_assert_int_eq(ratelimit_parse_wait_ms(NULL, "x", NOW_MS), -1);
}
END_TEST

START_TEST(retry_after_wins_over_reset_and_falls_back)
{
    ck_assert_int_eq(ratelimit_parse_wait_ms("2", "1445412485", NOW_MS), 2000);
    ck_assert_int_eq(ratelimit_parse_wait_ms("garbage", "1445412485", NOW_MS), 5000);
}
END_TEST

static Suite *backoff_suite(void)
{
    Suite *s = suite_create("net_backoff");
    TCase *tc = tcase_create("verdicts");
    tcase_add_test(tc, only_safe_requests_retry_server_errors);
    tcase_add_test(tc, success_and_client_errors_are_final);
    tcase_add_test(tc, rate_limited_is_retried_even_when_unsafe);
    tcase_add_test(tc, transport_failures_retry_only_when_safe_and_transient);
    tcase_add_test(tc, attempts_are_bounded);
    suite_add_tcase(s, tc);
    tc = tcase_create("delays");
    tcase_add_test(tc, cap_doubles_up_to_the_maximum);
    tcase_add_test(tc, full_jitter_spans_zero_to_cap);
    tcase_add_test(tc, random_is_deterministic_per_seed);
    suite_add_tcase(s, tc);
    tc = tcase_create("server_wait");
    tcase_add_test(tc, retry_after_in_seconds);
    tcase_add_test(tc, retry_after_as_http_date_in_all_three_forms);
    tcase_add_test(tc, ratelimit_reset_epoch_seconds_and_variants);
    tcase_add_test(tc, retry_after_wins_over_reset_and_falls_back);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(backoff_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
