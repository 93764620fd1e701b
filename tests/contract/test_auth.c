/* test_auth.c - contract 1 and 2.11: the bearer API key on every route
 * family, Twenty's 403 for a missing token and 401 for a bad one, and
 * --api-key. */
#include <stdio.h>
#include <string.h>

#include "support/ctest.h"

static void up_default(void)
{
    ct_server_start((const char *const[]){"--seed", "20", NULL});
}

static void up_custom(void)
{
    ct_server_start_env((const char *const[]){"--seed", "5", "--api-key", "custom-key-123", NULL},
                        NULL, "custom-key-123");
}

static void down(void)
{
    ct_server_stop();
}

static long get_with_auth(const char *path, const char *auth, cthttp_resp *r)
{
    cthttp_req rq = {.method = "GET", .path = path, .auth = auth};
    return cthttp_do(ct_client(), &rq, r);
}

static long gql_with_auth(const char *path, const char *auth, cthttp_resp *r)
{
    cthttp_req rq = {.method = "POST",
                     .path = path,
                     .auth = auth,
                     .body = "{\"query\":\"{ opportunities(first: 1) { totalCount } }\"}"};
    if (strcmp(path, "/metadata") == 0)
        rq.body = "{\"query\":\"{ objects(paging:{first:10}) { edges { node { id nameSingular } } } }\"}";
    return cthttp_do(ct_client(), &rq, r);
}

START_TEST(good_key_opens_every_route_family)
{
    cthttp_resp r;
    const char *rest[] = {"/rest/opportunities", "/rest/companies", "/rest/people",
                          "/rest/workspaceMembers", "/rest/metadata/objects", "/rest/metadata/fields"};
    for (int i = 0; i < 6; i++) {
        get_with_auth(rest[i], NULL, &r);
        ck_assert_msg(r.status == 200, "%s with the key: %s", rest[i], ct_show(&r));
        cthttp_resp_free(&r);
    }
    gql_with_auth("/graphql", NULL, &r);
    ck_assert_msg(r.status == 200 && ct_j(r.json, "data.opportunities.totalCount"),
                  "/graphql with the key: %s", ct_show(&r));
    cthttp_resp_free(&r);
    gql_with_auth("/metadata", NULL, &r);
    ck_assert_msg(r.status == 200 && ct_j(r.json, "data.objects.edges"), "/metadata with the key: %s",
                  ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(missing_token_is_403)
{
    const char *paths[] = {"/rest/opportunities", "/rest/metadata/objects",
                           "/rest/opportunities/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"};
    for (int i = 0; i < 3; i++) {
        cthttp_resp r;
        get_with_auth(paths[i], "", &r);
        ct_assert_error(&r, 403, "FORBIDDEN_EXCEPTION", "Missing authentication token");
        cthttp_resp_free(&r);
    }
    /* another scheme or an empty bearer token is no token at all */
    const char *notoken[] = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer "};
    for (int i = 0; i < 3; i++) {
        cthttp_resp r;
        get_with_auth("/rest/opportunities", notoken[i], &r);
        ct_assert_error(&r, 403, "FORBIDDEN_EXCEPTION", "Missing authentication token");
        cthttp_resp_free(&r);
    }
}
END_TEST

START_TEST(bad_token_is_401)
{
    const char *bad[] = {"Bearer wrong-key", "Bearer twenty-sim-demo-ke", "Bearer twenty-sim-demo-key2",
                         "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"};
    for (int i = 0; i < 4; i++) {
        cthttp_resp r;
        get_with_auth("/rest/opportunities", bad[i], &r);
        ct_assert_error(&r, 401, "UNAUTHENTICATED", "Token invalid.");
        ck_assert_msg(!strstr(r.body, CT_DEFAULT_KEY), "an error must not echo the key");
        cthttp_resp_free(&r);
    }
}
END_TEST

START_TEST(bearer_scheme_is_case_insensitive)
{
    char auth[160];
    snprintf(auth, sizeof auth, "bearer %s", ct_srv_key);
    cthttp_resp r;
    get_with_auth("/rest/opportunities", auth, &r);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(graphql_needs_the_key)
{
    const char *paths[] = {"/graphql", "/metadata"};
    const char *auths[] = {"", "Bearer wrong-key"};
    for (int p = 0; p < 2; p++) {
        for (int a = 0; a < 2; a++) {
            cthttp_resp r;
            gql_with_auth(paths[p], auths[a], &r);
            bool refused = r.status == 401 || r.status == 403 ||
                           (ct_jlen(r.json, "errors") > 0 && !cJSON_IsObject(ct_j(r.json, "data.opportunities")) &&
                            !cJSON_IsObject(ct_j(r.json, "data.objects")));
            ck_assert_msg(refused, "%s with auth '%s' must be refused: %s", paths[p], auths[a], ct_show(&r));
            cthttp_resp_free(&r);
        }
    }
}
END_TEST

START_TEST(unauthenticated_requests_change_nothing)
{
    cthttp_resp r;
    cthttp_req rq = {.method = "POST", .path = "/rest/opportunities", .auth = "Bearer nope",
                     .body = "{\"name\":\"should not exist\"}"};
    cthttp_do(ct_client(), &rq, &r);
    ck_assert_int_eq(r.status, 401);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", "name[eq]:\"should not exist\"", NULL);
    ct_assert_status(&r, 200);
    ck_assert_int_eq(ct_jlen(r.json, "data.opportunities"), 0);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(custom_key_replaces_the_default)
{
    cthttp_resp r;
    get_with_auth("/rest/opportunities", "Bearer " CT_DEFAULT_KEY, &r);
    ct_assert_error(&r, 401, "UNAUTHENTICATED", "Token invalid.");
    cthttp_resp_free(&r);
    get_with_auth("/rest/opportunities", "Bearer custom-key-123", &r);
    ct_assert_status(&r, 200);
    double total = 0;
    ck_assert(ct_jnum(r.json, "totalCount", &total));
    ck_assert_int_eq((int)total, 5);
    cthttp_resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_auth");
    TCase *tc = ct_tcase("default_key", 30);
    tcase_add_unchecked_fixture(tc, up_default, down);
    tcase_add_test(tc, good_key_opens_every_route_family);
    tcase_add_test(tc, missing_token_is_403);
    tcase_add_test(tc, bad_token_is_401);
    tcase_add_test(tc, bearer_scheme_is_case_insensitive);
    tcase_add_test(tc, graphql_needs_the_key);
    tcase_add_test(tc, unauthenticated_requests_change_nothing);
    suite_add_tcase(s, tc);
    TCase *custom = ct_tcase("api_key_flag", 30);
    tcase_add_unchecked_fixture(custom, up_custom, down);
    tcase_add_test(custom, custom_key_replaces_the_default);
    suite_add_tcase(s, custom);
    return ct_run(s);
}
