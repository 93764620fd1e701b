/* Unit tests of what twenty-sim's server answers by itself: the API key
 * check (src/sim/auth.c), Twenty's auth / rate-limit / fault bodies
 * (src/sim/replies.c) and the /__sim/faults control routes (src/sim/control.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sim/auth.h"
#include "sim/control.h"
#include "sim/replies.h"

#define KEY "twenty-sim-demo-key"

static void clear(sim_response *rs)
{
    free(rs->body);
    memset(rs, 0, sizeof *rs);
}

static cJSON *body_json(const sim_response *rs)
{
    ck_assert_ptr_nonnull(rs->body);
    ck_assert_uint_eq(strlen(rs->body), rs->body_len);
    cJSON *j = cJSON_Parse(rs->body);
    ck_assert_msg(j != NULL, "not JSON: %s", rs->body);
    return j;
}

static const char *header(const sim_response *rs, const char *name)
{
    for (int i = 0; i < rs->nheaders; i++)
        if (strcmp(rs->headers[i].name, name) == 0) return rs->headers[i].value;
    return NULL;
}

/* Checks a REST error body {"statusCode","error","messages":[msg]}. */
static void assert_rest_error(const sim_response *rs, int status, const char *error, const char *msg)
{
    ck_assert_int_eq(rs->status, status);
    cJSON *j = body_json(rs);
    ck_assert_int_eq(cJSON_GetObjectItem(j, "statusCode")->valueint, status);
    ck_assert_str_eq(cJSON_GetObjectItem(j, "error")->valuestring, error);
    cJSON *m = cJSON_GetObjectItem(j, "messages");
    ck_assert(cJSON_IsArray(m));
    ck_assert_int_eq(cJSON_GetArraySize(m), 1);
    ck_assert_str_eq(cJSON_GetArrayItem(m, 0)->valuestring, msg);
    cJSON_Delete(j);
}

/* ---- auth ---- */

static const struct { const char *header; sim_auth_result want; } AUTH[] = {
    {NULL, SIM_AUTH_MISSING},
    {"", SIM_AUTH_MISSING},
    {"Basic dXNlcjpwYXNz", SIM_AUTH_MISSING},
    {"Bearer", SIM_AUTH_MISSING},
    {"Bearer ", SIM_AUTH_MISSING},
    {"Bearer" KEY, SIM_AUTH_MISSING},
    {"Bearer " KEY, SIM_AUTH_OK},
    {"bearer " KEY, SIM_AUTH_OK},
    {"  BEARER   " KEY, SIM_AUTH_OK},
    {"Bearer " KEY " trailing", SIM_AUTH_OK},
    {"Bearer wrong", SIM_AUTH_INVALID},
    {"Bearer " KEY "x", SIM_AUTH_INVALID},
    {"Bearer twenty-sim-demo-ke", SIM_AUTH_INVALID},
    {"Bearer TWENTY-SIM-DEMO-KEY", SIM_AUTH_INVALID},
};

START_TEST(auth_reads_bearer_tokens_like_twenty)
{
    ck_assert_msg(sim_auth_check(AUTH[_i].header, KEY) == AUTH[_i].want, "header '%s'",
                  AUTH[_i].header ? AUTH[_i].header : "(none)");
}
END_TEST

START_TEST(auth_equal)
{
    ck_assert(sim_auth_equal("abc", "abc"));
    ck_assert(sim_auth_equal("", ""));
    ck_assert(!sim_auth_equal("abc", "abd"));
    ck_assert(!sim_auth_equal("abc", "ab"));
    ck_assert(!sim_auth_equal("", "a"));
}
END_TEST

/* ---- replies ---- */

START_TEST(rest_auth_errors)
{
    sim_response rs = {0};
    sim_reply_auth(&rs, SIM_AUTH_MISSING, false);
    assert_rest_error(&rs, 403, "FORBIDDEN_EXCEPTION", "Missing authentication token");
    clear(&rs);
    sim_reply_auth(&rs, SIM_AUTH_INVALID, false);
    assert_rest_error(&rs, 401, "UNAUTHENTICATED", "Token invalid.");
    clear(&rs);
}
END_TEST

START_TEST(graphql_auth_errors_are_http_200)
{
    sim_response rs = {0};
    sim_reply_auth(&rs, SIM_AUTH_INVALID, true);
    ck_assert_int_eq(rs.status, 200);
    cJSON *j = body_json(&rs);
    cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "errors"), 0);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "message")->valuestring, "Token invalid.");
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "extensions"), "code")->valuestring, "UNAUTHENTICATED");
    ck_assert_ptr_null(cJSON_GetObjectItem(j, "data"));
    cJSON_Delete(j);
    clear(&rs);
    sim_reply_auth(&rs, SIM_AUTH_MISSING, true);
    ck_assert_int_eq(rs.status, 200);
    j = body_json(&rs);
    e = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "errors"), 0);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "message")->valuestring, "Missing authentication token");
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "extensions"), "code")->valuestring, "FORBIDDEN");
    cJSON_Delete(j);
    clear(&rs);
}
END_TEST

START_TEST(graphql_paths)
{
    ck_assert(sim_reply_is_graphql("/graphql"));
    ck_assert(sim_reply_is_graphql("/metadata"));
    ck_assert(sim_reply_is_graphql("/graphql/"));
    ck_assert(!sim_reply_is_graphql("/rest/metadata/objects"));
    ck_assert(!sim_reply_is_graphql("/rest/opportunities"));
    ck_assert(!sim_reply_is_graphql("/graphqlx"));
}
END_TEST

START_TEST(rate_limited_rest_body_and_headers)
{
    sim_rl_outcome o = {.admitted = false, .bucket = 0, .limit = 3, .ttl_ms = 1000, .retry_after_ms = 334};
    sim_response rs = {0};
    sim_reply_rate_limited(&rs, &o, false, 1700000000500LL);
    ck_assert_int_eq(rs.status, 429);
    ck_assert_str_eq(header(&rs, "Retry-After"), "1");
    ck_assert_str_eq(header(&rs, "X-RateLimit-Limit"), "3");
    ck_assert_str_eq(header(&rs, "X-RateLimit-Remaining"), "0");
    ck_assert_str_eq(header(&rs, "X-RateLimit-Reset"), "1700000002");   /* ceil(now s) + 1 */
    cJSON *j = body_json(&rs);
    ck_assert_int_eq(cJSON_GetObjectItem(j, "statusCode")->valueint, 429);
    ck_assert_str_eq(cJSON_GetObjectItem(j, "error")->valuestring, "RATE_LIMITED");
    ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "messages"), 0)->valuestring,
                     "Rate limit exceeded for apiKey: 3 requests per 1s.");
    ck_assert_str_eq(cJSON_GetObjectItem(j, "limitKind")->valuestring, "speed");
    ck_assert_int_eq(cJSON_GetObjectItem(j, "limit")->valueint, 3);
    ck_assert_int_eq(cJSON_GetObjectItem(j, "remaining")->valueint, 0);
    ck_assert_int_eq(cJSON_GetObjectItem(j, "retryAfterSeconds")->valueint, 1);
    ck_assert_int_eq(cJSON_GetObjectItem(j, "periodCount")->valueint, 1);
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "scope"), "spenderType")->valuestring, "apiKey");
    cJSON_Delete(j);
    clear(&rs);

    sim_rl_outcome slow = {.limit = 100, .ttl_ms = 1500, .retry_after_ms = 11983};
    sim_reply_rate_limited(&rs, &slow, false, 0);
    ck_assert_str_eq(header(&rs, "Retry-After"), "12");
    j = body_json(&rs);
    ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "messages"), 0)->valuestring,
                     "Rate limit exceeded for apiKey: 100 requests per 1.5s.");
    ck_assert_int_eq(cJSON_GetObjectItem(j, "periodCount")->valueint, 2);
    cJSON_Delete(j);
    clear(&rs);

    static const struct { long ms; const char *text; } W[] = {{1, "0.001"}, {1050, "1.05"}, {60000, "60"}};
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++) {
        sim_rl_outcome w = {.limit = 2, .ttl_ms = W[i].ms, .retry_after_ms = 1};
        char want[96];
        snprintf(want, sizeof want, "Rate limit exceeded for apiKey: 2 requests per %ss.", W[i].text);
        sim_reply_rate_limited(&rs, &w, false, 0);
        j = body_json(&rs);
        ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "messages"), 0)->valuestring, want);
        cJSON_Delete(j);
        clear(&rs);
    }
}
END_TEST

START_TEST(rate_limited_graphql)
{
    sim_rl_outcome o = {.limit = 100, .ttl_ms = 60000, .retry_after_ms = 600};
    sim_response rs = {0};
    sim_reply_rate_limited(&rs, &o, true, 0);
    ck_assert_int_eq(rs.status, 200);
    cJSON *j = body_json(&rs);
    cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "errors"), 0);
    cJSON *ext = cJSON_GetObjectItem(e, "extensions");
    ck_assert_str_eq(cJSON_GetObjectItem(ext, "code")->valuestring, "RATE_LIMITED");
    ck_assert_int_eq(cJSON_GetObjectItem(ext, "retryAfterMs")->valueint, 600);
    ck_assert_int_eq(cJSON_GetObjectItem(ext, "periodCount")->valueint, 60);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "message")->valuestring,
                     "Rate limit exceeded for apiKey: 100 requests per 60s.");
    cJSON_Delete(j);
    clear(&rs);
}
END_TEST

START_TEST(fault_status_replies)
{
    sim_response rs = {0};
    ck_assert(sim_reply_fault(&rs, (sim_fault){SIM_FAULT_500, 0, 0}, 0));
    assert_rest_error(&rs, 500, "InternalServerErrorException", "Internal server error");
    clear(&rs);
    ck_assert(sim_reply_fault(&rs, (sim_fault){SIM_FAULT_503, 0, 0}, 0));
    assert_rest_error(&rs, 503, "ServiceUnavailableException", "Service Unavailable");
    clear(&rs);
    ck_assert(sim_reply_fault(&rs, (sim_fault){SIM_FAULT_401, 0, 0}, 0));
    assert_rest_error(&rs, 401, "UNAUTHENTICATED", "Token has expired.");
    clear(&rs);
    ck_assert(sim_reply_fault(&rs, (sim_fault){SIM_FAULT_404, 0, 0}, 0));
    assert_rest_error(&rs, 404, "NotFoundException", "Record not found");
    clear(&rs);
    ck_assert(sim_reply_fault(&rs, (sim_fault){SIM_FAULT_429, 7, 0}, 0));
    ck_assert_int_eq(rs.status, 429);
    ck_assert_str_eq(header(&rs, "Retry-After"), "7");
    clear(&rs);
}
END_TEST

START_TEST(fault_body_replies)
{
    sim_response rs = {0};
    ck_assert(sim_reply_fault(&rs, (sim_fault){SIM_FAULT_MALFORMED, 0, 0}, 0));
    ck_assert_int_eq(rs.status, 200);
    ck_assert_uint_gt(rs.body_len, 0);
    cJSON *j = cJSON_Parse(rs.body);
    ck_assert_ptr_null(j);
    clear(&rs);
    ck_assert(sim_reply_fault(&rs, (sim_fault){SIM_FAULT_WRONGSHAPE, 0, 0}, 0));
    ck_assert_int_eq(rs.status, 200);
    j = body_json(&rs);
    cJSON *opps = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "data"), "opportunities");
    ck_assert(cJSON_IsObject(opps));   /* a list was expected */
    cJSON_Delete(j);
    clear(&rs);
    /* kinds that shape the route's own answer are not replies */
    ck_assert(!sim_reply_fault(&rs, (sim_fault){SIM_FAULT_HANG, 10, 0}, 0));
    ck_assert(!sim_reply_fault(&rs, (sim_fault){SIM_FAULT_CLOSE, 0, 0}, 0));
    ck_assert(!sim_reply_fault(&rs, (sim_fault){SIM_FAULT_TRUNCATE, 0, 0}, 0));
    ck_assert(!sim_reply_fault(&rs, (sim_fault){SIM_FAULT_NONE, 0, -1}, 0));
    ck_assert_int_eq(rs.status, 0);
    ck_assert_ptr_null(rs.body);
}
END_TEST

START_TEST(too_large)
{
    sim_response rs = {0};
    sim_reply_too_large(&rs);
    assert_rest_error(&rs, 413, "PayloadTooLargeError", "request entity too large");
    clear(&rs);
}
END_TEST

/* ---- control ---- */

static cJSON *control(sim_faults *f, const char *method, const char *path, const char *body, int want_status)
{
    sim_response rs = {0};
    sim_control_handle(f, method, path, body, &rs);
    ck_assert_msg(rs.status == want_status, "%s %s: %d %s", method, path, rs.status, rs.body ? rs.body : "");
    cJSON *j = body_json(&rs);
    clear(&rs);
    return j;
}

START_TEST(control_replaces_lists_and_clears_faults)
{
    sim_faults f = {0};
    cJSON *j = control(&f, "GET", "/__sim/faults", "", 200);
    ck_assert_str_eq(cJSON_GetObjectItem(j, "spec")->valuestring, "");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "rules")), 0);
    cJSON_Delete(j);

    j = control(&f, "POST", "/__sim/faults", "/rest/opportunities* 503 every=2\n/graphql close", 200);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "rules")), 2);
    cJSON_Delete(j);
    ck_assert_uint_eq(f.n, 2);

    sim_faults_decide(&f, "GET", "/rest/opportunities");
    sim_faults_decide(&f, "GET", "/rest/opportunities");
    j = control(&f, "GET", "/__sim/faults", NULL, 200);
    cJSON *r0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "rules"), 0);
    ck_assert_str_eq(cJSON_GetObjectItem(r0, "rule")->valuestring, "/rest/opportunities* 503 every=2");
    ck_assert_int_eq(cJSON_GetObjectItem(r0, "matched")->valueint, 2);
    ck_assert_int_eq(cJSON_GetObjectItem(r0, "fired")->valueint, 1);
    cJSON_Delete(j);

    /* a bad spec changes nothing */
    j = control(&f, "POST", "/__sim/faults", "/x nope", 400);
    ck_assert_str_eq(cJSON_GetObjectItem(j, "error")->valuestring, "BadRequestException");
    ck_assert(strstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "messages"), 0)->valuestring, "unknown fault") != NULL);
    cJSON_Delete(j);
    ck_assert_uint_eq(f.n, 2);

    j = control(&f, "DELETE", "/__sim/faults", "", 200);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "rules")), 0);
    cJSON_Delete(j);
    ck_assert_uint_eq(f.n, 0);

    j = control(&f, "GET", "/__sim/nothing", "", 404);
    cJSON_Delete(j);
    j = control(&f, "PATCH", "/__sim/faults", "", 404);
    cJSON_Delete(j);
    sim_faults_free(&f);
}
END_TEST

START_TEST(control_owns_only_its_prefix)
{
    ck_assert(sim_control_owns("/__sim/faults"));
    ck_assert(sim_control_owns("/__sim"));
    ck_assert(!sim_control_owns("/__simx"));
    ck_assert(!sim_control_owns("/rest/__sim/faults"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sim_gate");
    TCase *a = tcase_create("auth");
    tcase_add_loop_test(a, auth_reads_bearer_tokens_like_twenty, 0, (int)(sizeof AUTH / sizeof AUTH[0]));
    tcase_add_test(a, auth_equal);
    suite_add_tcase(s, a);
    TCase *r = tcase_create("replies");
    tcase_add_test(r, rest_auth_errors);
    tcase_add_test(r, graphql_auth_errors_are_http_200);
    tcase_add_test(r, graphql_paths);
    tcase_add_test(r, rate_limited_rest_body_and_headers);
    tcase_add_test(r, rate_limited_graphql);
    tcase_add_test(r, fault_status_replies);
    tcase_add_test(r, fault_body_replies);
    tcase_add_test(r, too_large);
    suite_add_tcase(s, r);
    TCase *c = tcase_create("control");
    tcase_add_test(c, control_replaces_lists_and_clears_faults);
    tcase_add_test(c, control_owns_only_its_prefix);
    suite_add_tcase(s, c);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
