/* test_ratelimit.c - contract 2.12: --rate-limit LIMIT/TTL_MS,… token
 * buckets, the 429 with Retry-After, X-RateLimit-* headers and Twenty's
 * body, refill, the long bucket, and only API-key requests counting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support/ctest.h"

static void up_short(void)
{
    ct_server_start((const char *const[]){"--seed", "5", "--rate-limit", "5/2000,1000/60000", NULL});
}

static void up_long(void)
{
    ct_server_start((const char *const[]){"--seed", "5", "--rate-limit", "100/1000,7/60000", NULL});
}

static void down(void)
{
    ct_server_stop();
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Sends up to n GETs; returns how many succeeded before the first 429,
 * leaving that 429 in *limited (status 0 if none came). */
static int burst(int n, cthttp_resp *limited)
{
    memset(limited, 0, sizeof *limited);
    for (int i = 0; i < n; i++) {
        cthttp_resp r;
        cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "1", NULL);
        if (r.status == 429) {
            *limited = r;
            return i;
        }
        ck_assert_msg(r.status == 200, "request %d: %s", i, ct_show(&r));
        cthttp_resp_free(&r);
    }
    return n;
}

static long header_long(const cthttp_resp *r, const char *name)
{
    char buf[64];
    const char *v = cthttp_header(r, name, buf, sizeof buf);
    ck_assert_msg(v != NULL, "header %s missing on the 429: %s", name, r->headers);
    char *end = NULL;
    long x = strtol(v, &end, 10);
    ck_assert_msg(end && *end == '\0', "header %s is not an integer: '%s'", name, v);
    return x;
}

START_TEST(short_bucket_answers_429_like_twenty)
{
    cthttp_resp r;
    int ok = burst(8, &r);
    ck_assert_msg(ok == 5, "5/2000: five requests pass, the sixth is refused (passed %d)", ok);
    ck_assert_int_eq(r.status, 429);
    long retry = header_long(&r, "Retry-After");
    ck_assert_msg(retry == 1, "Retry-After for a 5/2000 bucket (a token every 400 ms) is 1 second, got %ld", retry);
    ck_assert_int_eq(header_long(&r, "X-RateLimit-Limit"), 5);
    ck_assert_int_eq(header_long(&r, "X-RateLimit-Remaining"), 0);
    long reset = header_long(&r, "X-RateLimit-Reset");
    long now = (long)time(NULL);
    ck_assert_msg(reset >= now - 1 && reset <= now + 3, "X-RateLimit-Reset is epoch seconds (%ld, now %ld)", reset, now);
    double v = 0;
    ck_assert_msg(ct_jnum(r.json, "statusCode", &v) && v == 429, "body statusCode 429: %s", ct_show(&r));
    ck_assert_msg(ct_jstr(r.json, "error") && strcmp(ct_jstr(r.json, "error"), "RATE_LIMITED") == 0,
                  "body error RATE_LIMITED: %s", ct_show(&r));
    ck_assert_msg(ct_jlen(r.json, "messages") > 0 && ct_jstr(r.json, "messages[0]"), "messages[]: %s", ct_show(&r));
    ck_assert_msg(ct_jstr(r.json, "limitKind") && strcmp(ct_jstr(r.json, "limitKind"), "speed") == 0,
                  "limitKind speed: %s", ct_show(&r));
    ck_assert_msg(ct_jnum(r.json, "limit", &v) && v == 5, "limit 5: %s", ct_show(&r));
    ck_assert_msg(ct_jnum(r.json, "remaining", &v) && v == 0, "remaining 0: %s", ct_show(&r));
    ck_assert_msg(ct_jnum(r.json, "retryAfterSeconds", &v) && v == 1, "retryAfterSeconds 1: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(bucket_refills_and_refusals_cost_nothing)
{
    sleep_ms(2100);   /* full again: 5 tokens */
    cthttp_resp r;
    /* refused requests in a burst must not drain the bucket further */
    int ok = burst(5, &r);
    ck_assert_int_eq(ok, 5);
    for (int i = 0; i < 5; i++) {
        cthttp_get(ct_client(), &r, "/rest/opportunities", NULL);
        ck_assert_int_eq(r.status, 429);
        cthttp_resp_free(&r);
    }
    sleep_ms(2100);
    ok = burst(8, &r);
    ck_assert_msg(ok == 5, "after a full window the bucket holds 5 again, passed %d", ok);
    cthttp_resp_free(&r);
    /* continuous refill: 1 token per 400 ms */
    sleep_ms(900);
    ok = burst(5, &r);
    ck_assert_msg(ok == 2 || ok == 3, "900 ms refill about two tokens at 5/2000, passed %d", ok);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(only_api_key_requests_count)
{
    sleep_ms(2100);
    for (int i = 0; i < 10; i++) {
        cthttp_resp r;
        cthttp_req rq = {.path = "/rest/opportunities", .auth = ""};
        cthttp_do(ct_client(), &rq, &r);
        ck_assert_msg(r.status == 403, "no token: 403, got %s", ct_show(&r));
        cthttp_resp_free(&r);
    }
    cthttp_resp r;
    int ok = burst(5, &r);
    ck_assert_msg(ok == 5, "requests without a key must not use the key's tokens (passed %d)", ok);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(long_bucket)
{
    cthttp_resp r;
    int ok = burst(10, &r);
    ck_assert_msg(ok == 7, "100/1000,7/60000: seven pass (passed %d)", ok);
    ck_assert_int_eq(r.status, 429);
    long retry = header_long(&r, "Retry-After");
    ck_assert_msg(retry >= 2 && retry <= 60, "Retry-After for the 60 s bucket: %ld", retry);
    ck_assert_int_eq(header_long(&r, "X-RateLimit-Limit"), 7);
    ck_assert_int_eq(header_long(&r, "X-RateLimit-Remaining"), 0);
    ct_assert_error(&r, 429, "RATE_LIMITED", NULL);
    cthttp_resp_free(&r);
    sleep_ms(1100);
    cthttp_get(ct_client(), &r, "/rest/opportunities", NULL);
    ck_assert_msg(r.status == 429, "the long bucket does not refill in a second: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_ratelimit");
    TCase *sh = ct_tcase("short_bucket", 30);
    tcase_add_unchecked_fixture(sh, up_short, down);
    tcase_add_test(sh, short_bucket_answers_429_like_twenty);
    tcase_add_test(sh, bucket_refills_and_refusals_cost_nothing);
    tcase_add_test(sh, only_api_key_requests_count);
    suite_add_tcase(s, sh);
    TCase *lg = ct_tcase("long_bucket", 30);
    tcase_add_unchecked_fixture(lg, up_long, down);
    tcase_add_test(lg, long_bucket);
    suite_add_tcase(s, lg);
    return ct_run(s);
}
