/* test_faults.c - fault injection as a client sees it over HTTP: every
 * kind (500, 503, 401, 404, 429, hang, close, truncate, malformed,
 * wrongshape), matching by method and path glob, every=N, rate=F with a
 * seed, after/count, the runtime control endpoint /__sim/faults, and
 * --faults on the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/ctest.h"

static void up(void)
{
    ct_server_start((const char *const[]){"--seed", "20", NULL});
}

static void up_flag(void)
{
    ct_server_start((const char *const[]){"--seed", "20", "--faults", "GET /rest/companies 503", NULL});
}

static void down(void)
{
    ct_server_stop();
}

static void set_faults(const char *spec)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/__sim/faults", spec, NULL);
    ck_assert_msg(r.status == 200, "POST /__sim/faults %s: %s", spec, ct_show(&r));
    cthttp_resp_free(&r);
}

static void clear_faults(void)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "DELETE", "/__sim/faults", NULL, NULL);
    ck_assert_msg(r.status == 200, "DELETE /__sim/faults: %s", ct_show(&r));
    cthttp_resp_free(&r);
}

static long list(cthttp_resp *r)
{
    return cthttp_get(ct_client(), r, "/rest/opportunities", "limit", "50", NULL);
}

START_TEST(status_faults)
{
    struct {
        const char *spec;
        int status;
        const char *error;
    } k[] = {{"GET /rest/opportunities 500", 500, "InternalServerErrorException"},
             {"GET /rest/opportunities 503", 503, NULL},
             {"GET /rest/opportunities 401", 401, "UNAUTHENTICATED"},
             {"GET /rest/opportunities 404", 404, "NotFoundException"}};
    for (int i = 0; i < 4; i++) {
        set_faults(k[i].spec);
        cthttp_resp r;
        list(&r);
        ck_assert_msg(r.status == k[i].status, "%s: %s", k[i].spec, ct_show(&r));
        double sc = 0;
        ck_assert_msg(ct_jnum(r.json, "statusCode", &sc) && sc == k[i].status && ct_jlen(r.json, "messages") > 0,
                      "%s: a Twenty error body: %s", k[i].spec, ct_show(&r));
        if (k[i].error)
            ck_assert_msg(ct_jstr(r.json, "error") && strcmp(ct_jstr(r.json, "error"), k[i].error) == 0,
                          "%s: error %s: %s", k[i].spec, k[i].error, ct_show(&r));
        cthttp_resp_free(&r);
        /* other methods and paths are untouched */
        cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"name\":\"during fault\"}", NULL);
        ck_assert_msg(r.status == 201, "%s must not hit POST: %s", k[i].spec, ct_show(&r));
        cthttp_resp_free(&r);
        cthttp_get(ct_client(), &r, "/rest/companies", NULL);
        ck_assert_msg(r.status == 200, "%s must not hit /rest/companies: %s", k[i].spec, ct_show(&r));
        cthttp_resp_free(&r);
        clear_faults();
        list(&r);
        ck_assert_msg(r.status == 200, "after DELETE /__sim/faults: %s", ct_show(&r));
        cthttp_resp_free(&r);
    }
}
END_TEST

START_TEST(fault_429_with_retry_after)
{
    set_faults("GET /rest/opportunities 429:3");
    cthttp_resp r;
    list(&r);
    ck_assert_int_eq(r.status, 429);
    char buf[32];
    ck_assert_msg(cthttp_header(&r, "Retry-After", buf, sizeof buf) && strcmp(buf, "3") == 0,
                  "Retry-After: 3: %s", r.headers);
    ct_assert_error(&r, 429, "RATE_LIMITED", NULL);
    cthttp_resp_free(&r);
    clear_faults();
}
END_TEST

START_TEST(fault_hang)
{
    set_faults("GET /rest/opportunities hang:400");
    cthttp_resp r;
    list(&r);
    ck_assert_msg(r.status == 200 && ct_jlen(r.json, "data.opportunities") > 0, "hang answers normally: %s",
                  ct_show(&r));
    ck_assert_msg(r.total_us >= 390000, "hang:400 took only %ld us", r.total_us);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/companies", NULL);
    ck_assert_msg(r.total_us < 300000, "other paths do not hang (%ld us)", r.total_us);
    cthttp_resp_free(&r);
    clear_faults();
}
END_TEST

START_TEST(fault_close_truncate_malformed_wrongshape)
{
    cthttp_resp good;
    list(&good);
    ck_assert_int_eq(good.status, 200);

    set_faults("GET /rest/opportunities close");
    cthttp_resp r;
    list(&r);
    ck_assert_msg(r.status == 0 && r.curl_code != 0, "close: the transfer must fail: %s", ct_show(&r));
    cthttp_resp_free(&r);

    set_faults("GET /rest/opportunities truncate");
    list(&r);
    ck_assert_msg(r.status == 200 && r.curl_code == 0, "truncate: a complete HTTP response: %s", ct_show(&r));
    ck_assert_msg(r.json == NULL && r.body_len > 0 && r.body_len < good.body_len,
                  "truncate: a cut JSON body (%zu of %zu bytes)", r.body_len, good.body_len);
    ck_assert_msg(strncmp(r.body, good.body, r.body_len) == 0, "truncate: the start of the real body");
    cthttp_resp_free(&r);

    set_faults("GET /rest/opportunities malformed");
    list(&r);
    ck_assert_msg(r.status == 200 && r.json == NULL && r.body_len > 0, "malformed: 200 with a non-JSON body: %s",
                  ct_show(&r));
    cthttp_resp_free(&r);

    set_faults("GET /rest/opportunities wrongshape");
    list(&r);
    ck_assert_msg(r.status == 200 && r.json != NULL, "wrongshape: 200 with JSON: %s", ct_show(&r));
    ck_assert_msg(!cJSON_IsArray(ct_j(r.json, "data.opportunities")), "wrongshape: not the list shape: %s",
                  ct_show(&r));
    cthttp_resp_free(&r);
    clear_faults();
    cthttp_resp_free(&good);
}
END_TEST

START_TEST(every_n_and_after_count)
{
    set_faults("GET /rest/opportunities 500 every=3");
    for (int i = 1; i <= 9; i++) {
        cthttp_resp r;
        list(&r);
        ck_assert_msg(r.status == (i % 3 == 0 ? 500 : 200), "every=3: request %d got %ld", i, r.status);
        cthttp_resp_free(&r);
    }
    set_faults("GET /rest/opportunities 503 after=2 count=2");
    for (int i = 1; i <= 6; i++) {
        cthttp_resp r;
        list(&r);
        ck_assert_msg(r.status == (i == 3 || i == 4 ? 503 : 200), "after=2 count=2: request %d got %ld", i, r.status);
        cthttp_resp_free(&r);
    }
    clear_faults();
}
END_TEST

START_TEST(rate_is_seeded_and_repeatable)
{
    char pattern[2][41];
    for (int round = 0; round < 2; round++) {
        set_faults("GET /rest/opportunities 500 rate=0.5 seed=7");   /* replacing resets the counters */
        int fired = 0;
        for (int i = 0; i < 40; i++) {
            cthttp_resp r;
            list(&r);
            ck_assert(r.status == 200 || r.status == 500);
            pattern[round][i] = r.status == 500 ? 'x' : '.';
            fired += r.status == 500;
            cthttp_resp_free(&r);
        }
        pattern[round][40] = '\0';
        ck_assert_msg(fired >= 8 && fired <= 32, "rate=0.5 fired %d of 40", fired);
    }
    ck_assert_msg(strcmp(pattern[0], pattern[1]) == 0, "same seed, same requests: %s vs %s", pattern[0], pattern[1]);
    clear_faults();
}
END_TEST

START_TEST(globs_and_methods)
{
    set_faults("* /rest/opportunities* 500");
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", NULL);
    ck_assert_msg(r.status == 500, "the glob crosses '/': %s", ct_show(&r));
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{}", NULL);
    ck_assert_int_eq(r.status, 500);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/people", NULL);
    ck_assert_int_eq(r.status, 200);
    cthttp_resp_free(&r);
    set_faults("POST /graphql 503");
    cthttp_graphql(ct_client(), &r, "/graphql", "{ opportunities { totalCount } }", NULL);
    ck_assert_int_eq(r.status, 503);
    cthttp_resp_free(&r);
    list(&r);
    ck_assert_int_eq(r.status, 200);
    cthttp_resp_free(&r);
    clear_faults();
}
END_TEST

START_TEST(control_endpoint)
{
    set_faults("GET /rest/opportunities 500 every=2");
    cthttp_resp r;
    for (int i = 0; i < 4; i++) {
        list(&r);
        cthttp_resp_free(&r);
    }
    cthttp_get(ct_client(), &r, "/__sim/faults", NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(ct_jstr(r.json, "spec") && ct_jlen(r.json, "rules") == 1, "{spec, rules:[…]}: %s", ct_show(&r));
    double matched = 0, fired = 0;
    ck_assert(ct_jnum(r.json, "rules[0].matched", &matched) && matched == 4);
    ck_assert(ct_jnum(r.json, "rules[0].fired", &fired) && fired == 2);
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "POST", "/__sim/faults", "GET /x bogus-kind", NULL);
    ck_assert_msg(r.status == 400, "a bad SPEC is refused: %s", ct_show(&r));
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/__sim/faults", NULL);
    ck_assert_msg(ct_jlen(r.json, "rules") == 1, "a refused SPEC changes nothing: %s", ct_show(&r));
    cthttp_resp_free(&r);

    cthttp_req rq = {.path = "/__sim/faults", .auth = ""};
    cthttp_do(ct_client(), &rq, &r);
    ck_assert_msg(r.status == 403 || r.status == 401, "the control routes need the key: %s", ct_show(&r));
    cthttp_resp_free(&r);

    clear_faults();
    cthttp_get(ct_client(), &r, "/__sim/faults", NULL);
    ck_assert_msg(ct_jlen(r.json, "rules") == 0, "DELETE removes every rule: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(faults_flag)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/companies", NULL);
    ck_assert_msg(r.status == 503, "--faults applies from the start: %s", ct_show(&r));
    cthttp_resp_free(&r);
    list(&r);
    ck_assert_int_eq(r.status, 200);
    cthttp_resp_free(&r);
    char out[512];
    int code = simproc_run((const char *const[]){"--port", "0", "--faults", "GET /x explode", NULL}, out,
                           sizeof out, 5000);
    ck_assert_msg(code != 0 && code != -1 && !strstr(out, "listening on"),
                  "a bad --faults SPEC stops the start (exit %d): %s", code, out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_faults");
    TCase *tc = ct_tcase("runtime_faults", 60);
    tcase_add_unchecked_fixture(tc, up, down);
    tcase_add_test(tc, status_faults);
    tcase_add_test(tc, fault_429_with_retry_after);
    tcase_add_test(tc, fault_hang);
    tcase_add_test(tc, fault_close_truncate_malformed_wrongshape);
    tcase_add_test(tc, every_n_and_after_count);
    tcase_add_test(tc, rate_is_seeded_and_repeatable);
    tcase_add_test(tc, globs_and_methods);
    tcase_add_test(tc, control_endpoint);
    suite_add_tcase(s, tc);
    TCase *flag = ct_tcase("faults_flag", 30);
    tcase_add_unchecked_fixture(flag, up_flag, down);
    tcase_add_test(flag, faults_flag);
    suite_add_tcase(s, flag);
    return ct_run(s);
}
