/* test_builders.c - every request builder: method, path, exact query encoding, body JSON. */
#include <check.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "twenty/request.h"
#include "util/isodate.h"

#define ID1 "9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b"
#define ID2 "00000000-0000-4000-8000-000000000001"

static pb_id id_of(const char *s)
{
    pb_id id;
    ck_assert(pb_id_parse(s, &id));
    return id;
}

static void expect(const pb_request *r, const char *method, const char *path, const char *body,
                   bool retry_safe)
{
    ck_assert_str_eq(r->method, method);
    ck_assert_str_eq(r->path_and_query, path);
    if (body)
        ck_assert_str_eq(r->body, body);
    else
        ck_assert_ptr_null(r->body);
    ck_assert_int_eq(r->retry_safe, retry_safe);
}

static void expect_refused(bool ok, const pb_request *r, const pb_error *err)
{
    ck_assert(!ok);
    ck_assert_int_eq(err->kind, PB_ERR_ENCODE);
    ck_assert(err->message[0]);
    ck_assert_ptr_null(r->path_and_query);
    ck_assert_ptr_null(r->body);
}

START_TEST(list_requests)
{
    pb_request r;
    pb_error err;
    pb_list_params p;
    twenty_list_params_init(&p);
    ck_assert(twenty_build_list(&p, &r, &err));
    expect(&r, "GET", "/rest/opportunities", NULL, true);
    ck_assert_int_eq(err.kind, PB_ERR_NONE);
    twenty_request_free(&r);

    p.limit = 200;
    p.starting_after = "eyJwb3NpdGlvbiI6MywiaWQiOiI5ZiJ9+/=";
    p.order_by = "position[AscNullsFirst]";
    p.filter = "and(stage[eq]:PROPOSAL,name[ilike]:\"%Acme, Inc%\")";
    p.depth = 1;
    ck_assert(twenty_build_list(&p, &r, &err));
    expect(&r, "GET",
           "/rest/opportunities?limit=200&starting_after=eyJwb3NpdGlvbiI6MywiaWQiOiI5ZiJ9%2B%2F%3D"
           "&order_by=position%5BAscNullsFirst%5D"
           "&filter=and%28stage%5Beq%5D%3APROPOSAL%2Cname%5Bilike%5D%3A%22%25Acme%2C%20Inc%25%22%29"
           "&depth=1",
           NULL, true);
    twenty_request_free(&r);

    twenty_list_params_init(&p);
    p.limit = 0;
    p.ending_before = "abc";
    p.depth = 0;
    p.order_by = "amount.amountMicros[DescNullsLast],name";
    ck_assert(twenty_build_list(&p, &r, &err));
    expect(&r, "GET",
           "/rest/opportunities?limit=0&ending_before=abc"
           "&order_by=amount.amountMicros%5BDescNullsLast%5D%2Cname&depth=0",
           NULL, true);
    twenty_request_free(&r);

    twenty_list_params_init(&p);
    p.limit = 201;
    expect_refused(twenty_build_list(&p, &r, &err), &r, &err);
    twenty_list_params_init(&p);
    p.depth = 2;
    expect_refused(twenty_build_list(&p, &r, &err), &r, &err);
    twenty_list_params_init(&p);
    p.starting_after = "a";
    p.ending_before = "b";
    expect_refused(twenty_build_list(&p, &r, &err), &r, &err);
    twenty_list_params_init(&p);
    p.order_by = "name&limit=1";
    expect_refused(twenty_build_list(&p, &r, &err), &r, &err);
}
END_TEST

START_TEST(get_requests)
{
    pb_request r;
    pb_error err;
    pb_id id = id_of("9F8A1C2E-0B3D-4E5F-8A9B-0C1D2E3F4A5B");
    ck_assert(twenty_build_get(&id, TWENTY_DEPTH_DEFAULT, &r, &err));
    expect(&r, "GET", "/rest/opportunities/" ID1, NULL, true);
    twenty_request_free(&r);
    ck_assert(twenty_build_get(&id, 1, &r, &err));
    expect(&r, "GET", "/rest/opportunities/" ID1 "?depth=1", NULL, true);
    twenty_request_free(&r);
    expect_refused(twenty_build_get(&id, 3, &r, &err), &r, &err);

    pb_id ids[2] = {id, id_of(ID2)};
    ck_assert(twenty_build_get_many(ids, 2, 1, &r, &err));
    expect(&r, "GET",
           "/rest/opportunities?filter=id%5Bin%5D%3A%5B%22" ID1 "%22%2C%22" ID2 "%22%5D"
           "&limit=2&depth=1",
           NULL, true);
    twenty_request_free(&r);
    expect_refused(twenty_build_get_many(ids, 0, 0, &r, &err), &r, &err);
    expect_refused(twenty_build_get_many(ids, 201, 0, &r, &err), &r, &err);
}
END_TEST

static pb_opp sample(void)
{
    pb_opp o;
    pb_opp_init(&o);
    o.name = "Acme \"renewal\" é";
    o.stage = "PROPOSAL";
    o.position = 2.5;
    o.amount.set = true;
    o.amount.micros = INT64_C(50000000000);
    strcpy(o.amount.currency, "USD");
    o.has_close_date = true;
    ck_assert(pb_date_parse("2024-06-30", &o.close_date_ms));
    o.company_id = id_of(ID2);
    return o;
}

START_TEST(create_requests)
{
    pb_request r;
    pb_error err;
    pb_opp o = sample();
    ck_assert(twenty_build_create(&o, PB_OPP_F_ALL, NULL, TWENTY_DEPTH_DEFAULT, &r, &err));
    expect(&r, "POST", "/rest/opportunities",
           "{\"name\":\"Acme \\\"renewal\\\" é\",\"stage\":\"PROPOSAL\",\"position\":2.5,"
           "\"amount\":{\"amountMicros\":50000000000,\"currencyCode\":\"USD\"},"
           "\"closeDate\":\"2024-06-30T00:00:00.000Z\",\"companyId\":\"" ID2 "\","
           "\"pointOfContactId\":null,\"ownerId\":null}",
           false);
    twenty_request_free(&r);

    pb_id cid = id_of(ID1);
    ck_assert(twenty_build_create(&o, PB_OPP_F_NAME | PB_OPP_F_STAGE, &cid, 1, &r, &err));
    expect(&r, "POST", "/rest/opportunities?depth=1",
           "{\"id\":\"" ID1 "\",\"name\":\"Acme \\\"renewal\\\" é\",\"stage\":\"PROPOSAL\"}", false);
    twenty_request_free(&r);

    /* big amounts stay exact integers, never 9.0072e+15 */
    o.amount.micros = PB_MONEY_MAX_MICROS;
    ck_assert(twenty_build_create(&o, PB_OPP_F_NAME | PB_OPP_F_AMOUNT, NULL, -1, &r, &err));
    ck_assert_str_eq(r.body, "{\"name\":\"Acme \\\"renewal\\\" é\",\"amount\":{\"amountMicros\":"
                             "9007199254740992,\"currencyCode\":\"USD\"}}");
    twenty_request_free(&r);

    pb_opp bad = sample();
    expect_refused(twenty_build_create(&bad, PB_OPP_F_STAGE, NULL, -1, &r, &err), &r, &err);
    bad.name = "  ";
    expect_refused(twenty_build_create(&bad, PB_OPP_F_NAME, NULL, -1, &r, &err), &r, &err);
    bad.name = "bad \xFF utf8";
    expect_refused(twenty_build_create(&bad, PB_OPP_F_NAME, NULL, -1, &r, &err), &r, &err);
    bad = sample();
    bad.position = NAN;
    expect_refused(twenty_build_create(&bad, PB_OPP_F_ALL, NULL, -1, &r, &err), &r, &err);
    bad = sample();
    strcpy(bad.amount.currency, "usd");
    expect_refused(twenty_build_create(&bad, PB_OPP_F_ALL, NULL, -1, &r, &err), &r, &err);
    bad = sample();
    bad.amount.micros = PB_MONEY_MAX_MICROS + 1;
    expect_refused(twenty_build_create(&bad, PB_OPP_F_ALL, NULL, -1, &r, &err), &r, &err);
    bad = sample();
    bad.stage = "";
    expect_refused(twenty_build_create(&bad, PB_OPP_F_ALL, NULL, -1, &r, &err), &r, &err);
    bad = sample();
    bad.close_date_ms = INT64_C(300000000000000);   /* year ~11476 */
    expect_refused(twenty_build_create(&bad, PB_OPP_F_ALL, NULL, -1, &r, &err), &r, &err);
    bad = sample();
    expect_refused(twenty_build_create(&bad, PB_OPP_F_ALL | 0x100u, NULL, -1, &r, &err), &r, &err);
    expect_refused(twenty_build_create(&bad, PB_OPP_F_ALL, NULL, 2, &r, &err), &r, &err);
    pb_id nil = pb_id_nil();
    expect_refused(twenty_build_create(&bad, PB_OPP_F_ALL, &nil, -1, &r, &err), &r, &err);
}
END_TEST

START_TEST(update_and_move_requests)
{
    pb_request r;
    pb_error err;
    pb_id id = id_of(ID1);
    pb_opp o = sample();
    o.amount.micros = INT64_C(1500000000000);
    strcpy(o.amount.currency, "EUR");
    ck_assert(twenty_build_update(&id, &o, PB_OPP_F_AMOUNT, TWENTY_DEPTH_DEFAULT, &r, &err));
    expect(&r, "PATCH", "/rest/opportunities/" ID1,
           "{\"amount\":{\"amountMicros\":1500000000000,\"currencyCode\":\"EUR\"}}", true);
    twenty_request_free(&r);

    o.amount.set = false;   /* clearing the amount keeps the currency */
    o.has_close_date = false;
    o.owner_id = id_of(ID2);
    ck_assert(twenty_build_update(&id, &o, PB_OPP_F_AMOUNT | PB_OPP_F_CLOSE_DATE | PB_OPP_F_OWNER
                                               | PB_OPP_F_COMPANY,
                                  1, &r, &err));
    expect(&r, "PATCH", "/rest/opportunities/" ID1 "?depth=1",
           "{\"amount\":{\"amountMicros\":null,\"currencyCode\":\"EUR\"},\"closeDate\":null,"
           "\"companyId\":\"" ID2 "\",\"ownerId\":\"" ID2 "\"}",
           true);
    twenty_request_free(&r);

    o.amount.currency[0] = '\0';
    o.company_id = pb_id_nil();
    ck_assert(twenty_build_update(&id, &o, PB_OPP_F_AMOUNT | PB_OPP_F_COMPANY, -1, &r, &err));
    ck_assert_str_eq(r.body, "{\"amount\":{\"amountMicros\":null},\"companyId\":null}");
    twenty_request_free(&r);

    expect_refused(twenty_build_update(&id, &o, 0, -1, &r, &err), &r, &err);

    ck_assert(twenty_build_move(&id, "NEGOTIATION", 2.5, &r, &err));
    expect(&r, "PATCH", "/rest/opportunities/" ID1, "{\"stage\":\"NEGOTIATION\",\"position\":2.5}",
           true);
    twenty_request_free(&r);
    ck_assert(twenty_build_move(&id, "NEW", -1, &r, &err));
    ck_assert_str_eq(r.body, "{\"stage\":\"NEW\",\"position\":-1}");
    twenty_request_free(&r);
    /* positions round-trip exactly, even one ulp apart (repeated midpoints) */
    double near = nextafter(1.0, 2.0);
    ck_assert(twenty_build_move(&id, "NEW", near, &r, &err));
    ck_assert_str_eq(r.body, "{\"stage\":\"NEW\",\"position\":1.0000000000000002}");
    cJSON *j = cJSON_Parse(r.body);
    ck_assert(cJSON_GetObjectItem(j, "position")->valuedouble == near);
    cJSON_Delete(j);
    twenty_request_free(&r);
    ck_assert(twenty_build_move(&id, "NEW", 0.1 + 0.2, &r, &err));
    ck_assert_str_eq(r.body, "{\"stage\":\"NEW\",\"position\":0.30000000000000004}");
    twenty_request_free(&r);
    ck_assert(twenty_build_move(&id, "NEW", 1e21, &r, &err));
    ck_assert_str_eq(r.body, "{\"stage\":\"NEW\",\"position\":1e+21}");
    twenty_request_free(&r);
    expect_refused(twenty_build_move(&id, "NEW", INFINITY, &r, &err), &r, &err);
    expect_refused(twenty_build_move(&id, NULL, 1, &r, &err), &r, &err);
}
END_TEST

START_TEST(delete_restore_destroy_requests)
{
    pb_request r;
    pb_error err;
    pb_id id = id_of(ID1);
    ck_assert(twenty_build_soft_delete(&id, &r, &err));
    expect(&r, "DELETE", "/rest/opportunities/" ID1 "?soft_delete=true", NULL, false);
    twenty_request_free(&r);
    ck_assert(twenty_build_restore(&id, &r, &err));
    expect(&r, "PATCH", "/rest/opportunities/" ID1 "/restore", NULL, false);
    twenty_request_free(&r);
    ck_assert(twenty_build_destroy(&id, &r, &err));
    expect(&r, "DELETE", "/rest/opportunities/" ID1, NULL, false);
    twenty_request_free(&r);
    twenty_request_free(&r);   /* freeing twice is harmless */
}
END_TEST

START_TEST(group_totals_requests)
{
    pb_request r;
    pb_error err;
    ck_assert(twenty_build_group_totals(NULL, &r, &err));
    expect(&r, "GET",
           "/rest/opportunities/groupBy"
           "?group_by=%5B%7B%22stage%22%3Atrue%7D%2C%7B%22amount%22%3A%7B%22currencyCode%22%3Atrue%7D%7D%5D"
           "&aggregate=%5B%22sumAmountAmountMicros%22%2C%22totalCount%22%5D",
           NULL, true);
    twenty_request_free(&r);
    ck_assert(twenty_build_group_totals("ownerId[eq]:" ID2, &r, &err));
    const char *tail = strstr(r.path_and_query, "&filter=");
    ck_assert_ptr_nonnull(tail);
    ck_assert_str_eq(tail, "&filter=ownerId%5Beq%5D%3A" ID2);
    twenty_request_free(&r);
}
END_TEST

START_TEST(metadata_requests)
{
    pb_request r;
    pb_error err;
    ck_assert(twenty_build_meta_objects(100, &r, &err));
    expect(&r, "GET", "/rest/metadata/objects?limit=100", NULL, true);
    twenty_request_free(&r);
    ck_assert(twenty_build_meta_objects(-1, &r, &err));
    expect(&r, "GET", "/rest/metadata/objects", NULL, true);
    twenty_request_free(&r);
    pb_id oid = id_of(ID2);
    ck_assert(twenty_build_meta_object(&oid, &r, &err));
    expect(&r, "GET", "/rest/metadata/objects/" ID2, NULL, true);
    twenty_request_free(&r);
    ck_assert(twenty_build_meta_fields(50, "a+b=", &r, &err));
    expect(&r, "GET", "/rest/metadata/fields?limit=50&starting_after=a%2Bb%3D", NULL, true);
    twenty_request_free(&r);

    ck_assert(twenty_build_meta_graphql(false, &r, &err));
    ck_assert_str_eq(r.method, "POST");
    ck_assert_str_eq(r.path_and_query, "/metadata");
    cJSON *j = cJSON_Parse(r.body);
    const char *q = cJSON_GetStringValue(cJSON_GetObjectItem(j, "query"));
    ck_assert_ptr_nonnull(q);
    ck_assert_ptr_nonnull(strstr(q, "objects(paging: {first: 1000})"));
    ck_assert_ptr_nonnull(strstr(q, "fieldsList { id name type label isNullable defaultValue options }"));
    cJSON_Delete(j);
    twenty_request_free(&r);
    ck_assert(twenty_build_meta_graphql(true, &r, &err));
    j = cJSON_Parse(r.body);
    q = cJSON_GetStringValue(cJSON_GetObjectItem(j, "query"));
    ck_assert_ptr_nonnull(strstr(q, "fields(paging: {first: 1000}) { edges { node {"));
    ck_assert_ptr_null(strstr(q, "fieldsList"));
    cJSON_Delete(j);
    twenty_request_free(&r);
}
END_TEST

START_TEST(search_requests)
{
    pb_request r;
    pb_error err;
    const char *text = "Acme \"big\"\n$deal";
    ck_assert(twenty_build_search(text, 20, NULL, &r, &err));
    ck_assert_str_eq(r.method, "POST");
    ck_assert_str_eq(r.path_and_query, "/graphql");
    ck_assert(r.retry_safe);
    cJSON *j = cJSON_Parse(r.body);
    ck_assert_ptr_nonnull(j);
    const char *q = cJSON_GetStringValue(cJSON_GetObjectItem(j, "query"));
    ck_assert_str_eq(q, "query PipeboardSearch($searchInput: String!) { search(searchInput: "
                        "$searchInput, limit: 20, includedObjectNameSingulars: [\"opportunity\"]) "
                        "{ edges { node { recordId objectNameSingular label } cursor } pageInfo { "
                        "hasNextPage endCursor } } }");
    cJSON *vars = cJSON_GetObjectItem(j, "variables");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(vars, "searchInput")), text);
    ck_assert_ptr_null(cJSON_GetObjectItem(vars, "after"));
    ck_assert_ptr_null(cJSON_GetObjectItem(vars, "limit"));   /* literal, never a variable */
    cJSON_Delete(j);
    twenty_request_free(&r);

    ck_assert(twenty_build_search("", 100, "YWZ0ZXI=", &r, &err));
    j = cJSON_Parse(r.body);
    q = cJSON_GetStringValue(cJSON_GetObjectItem(j, "query"));
    ck_assert_ptr_nonnull(strstr(q, "($searchInput: String!, $after: String)"));
    ck_assert_ptr_nonnull(strstr(q, "limit: 100, after: $after,"));
    vars = cJSON_GetObjectItem(j, "variables");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(vars, "after")), "YWZ0ZXI=");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(vars, "searchInput")), "");
    cJSON_Delete(j);
    twenty_request_free(&r);

    expect_refused(twenty_build_search("x", 0, NULL, &r, &err), &r, &err);
    expect_refused(twenty_build_search("x", 101, NULL, &r, &err), &r, &err);
    expect_refused(twenty_build_search("\xC0\x80", 10, NULL, &r, &err), &r, &err);
}
END_TEST

START_TEST(picker_requests)
{
    pb_request r;
    pb_error err;
    ck_assert(twenty_build_pick(PB_PICK_COMPANY, "acme", 20, &r, &err));
    expect(&r, "GET",
           "/rest/companies?limit=20&order_by=name&filter=name%5Bilike%5D%3A%22%25acme%25%22", NULL,
           true);
    ck_assert(!r.inexact);
    twenty_request_free(&r);

    ck_assert(twenty_build_pick(PB_PICK_COMPANY, "", 20, &r, &err));
    expect(&r, "GET", "/rest/companies?limit=20&order_by=name", NULL, true);
    twenty_request_free(&r);

    ck_assert(twenty_build_pick(PB_PICK_COMPANY, "100% (US", 10, &r, &err));
    expect(&r, "GET",
           "/rest/companies?limit=10&order_by=name&filter=name%5Bilike%5D%3A%22%25100_%20_US%25%22",
           NULL, true);
    ck_assert(r.inexact);
    twenty_request_free(&r);

    ck_assert(twenty_build_pick(PB_PICK_PERSON, "ada", 5, &r, &err));
    expect(&r, "GET",
           "/rest/people?limit=5&order_by=name.firstName%2Cname.lastName&filter="
           "or%28name.firstName%5Bilike%5D%3A%22%25ada%25%22%2C"
           "name.lastName%5Bilike%5D%3A%22%25ada%25%22%29",
           NULL, true);
    twenty_request_free(&r);

    ck_assert(twenty_build_pick(PB_PICK_MEMBER, "Ada Love", 5, &r, &err));
    ck_assert(strncmp(r.path_and_query, "/rest/workspaceMembers?limit=5&order_by=", 40) == 0);
    const char *f = strstr(r.path_and_query, "&filter=");
    ck_assert_str_eq(f, "&filter=or%28and%28name.firstName%5Bilike%5D%3A%22%25Ada%25%22%2C"
                        "name.lastName%5Bilike%5D%3A%22%25Love%25%22%29%2C"
                        "name.firstName%5Bilike%5D%3A%22%25Ada%20Love%25%22%2C"
                        "name.lastName%5Bilike%5D%3A%22%25Ada%20Love%25%22%29");
    twenty_request_free(&r);

    /* an apostrophe is exact only in the last leaf; earlier leaves widen it */
    ck_assert(twenty_build_pick(PB_PICK_PERSON, "o'brien", 5, &r, &err));
    ck_assert(r.inexact);
    ck_assert_ptr_nonnull(strstr(r.path_and_query, "%22%25o_brien%25%22"));
    ck_assert_ptr_nonnull(strstr(r.path_and_query, "%22%25o%27brien%25%22"));
    twenty_request_free(&r);

    expect_refused(twenty_build_pick(PB_PICK_COMPANY, "x", 0, &r, &err), &r, &err);
    ck_assert_str_eq(twenty_pick_plural(PB_PICK_PERSON), "people");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("builders");
    TCase *tc = tcase_create("builders");
    tcase_add_test(tc, list_requests);
    tcase_add_test(tc, get_requests);
    tcase_add_test(tc, create_requests);
    tcase_add_test(tc, update_and_move_requests);
    tcase_add_test(tc, delete_restore_destroy_requests);
    tcase_add_test(tc, group_totals_requests);
    tcase_add_test(tc, metadata_requests);
    tcase_add_test(tc, search_requests);
    tcase_add_test(tc, picker_requests);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
