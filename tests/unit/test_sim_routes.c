/* test_sim_routes.c - twenty-sim's REST and metadata routes driven in-process
 * through sim_world_handle (no sockets): status codes, envelopes and
 * Twenty's error bodies for every route of contract sections 2 and 4. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sim/rest_internal.h"
#include "sim/world.h"

static sim_world g_world;

static void setup(void)
{
    sim_store_config cfg = {
        .stages = "demo",
        .data_path = NULL,
        .seed_count = -1,
        .seed = 42,
        .api_key_name = "unit test key",
    };
    sim_error e = {0};
    ck_assert_msg(sim_world_open(&g_world, &cfg, &e), "world open: %s", e.message);
}

static void teardown(void)
{
    sim_world_close(&g_world);
}

typedef struct resp {
    int status;
    cJSON *json;
} resp;

/* method, path, body (or NULL), then name/value pairs ending with NULL. */
static resp call(const char *method, const char *path, const char *body, ...)
{
    sim_request rq = {.method = method, .path = path, .raw_query = "", .body = body ? body : "",
                      .body_len = body ? strlen(body) : 0};
    va_list ap;
    va_start(ap, body);
    for (const char *name; (name = va_arg(ap, const char *)) != NULL;) {
        const char *value = va_arg(ap, const char *);
        rq.query[rq.nquery].name = (char *)name;
        rq.query[rq.nquery].value = (char *)value;
        rq.nquery++;
    }
    va_end(ap);
    sim_response rs = {0};
    sim_world_handle(&g_world, &rq, &rs);
    resp r = {.status = rs.status, .json = rs.body ? cJSON_Parse(rs.body) : NULL};
    ck_assert_msg(rs.body == NULL || r.json != NULL, "response is not JSON: %s", rs.body);
    sim_response_free(&rs);
    return r;
}

static const cJSON *at(const cJSON *j, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *cur = j;
    for (char *save = NULL, *tok = strtok_r(buf, ".", &save); tok && cur;
         tok = strtok_r(NULL, ".", &save)) {
        if (cJSON_IsArray(cur))
            cur = cJSON_GetArrayItem(cur, atoi(tok));
        else
            cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
    }
    return cur;
}

static const char *str_at(const cJSON *j, const char *path)
{
    const cJSON *v = at(j, path);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num_at(const cJSON *j, const char *path)
{
    const cJSON *v = at(j, path);
    ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", path);
    return v->valuedouble;
}

/* Asserts Twenty's error body and frees the response. */
static void expect_error(resp r, int status, const char *error, const char *message)
{
    ck_assert_int_eq(r.status, status);
    ck_assert_int_eq((int)num_at(r.json, "statusCode"), status);
    ck_assert_str_eq(str_at(r.json, "error"), error);
    const cJSON *msgs = at(r.json, "messages");
    ck_assert(cJSON_IsArray(msgs));
    ck_assert_int_eq(cJSON_GetArraySize(msgs), 1);
    ck_assert_str_eq(cJSON_GetArrayItem(msgs, 0)->valuestring, message);
    cJSON_Delete(r.json);
}

/* Creates an opportunity and returns its id (static buffer per call slot). */
static void create_opp(const char *body, char id[37])
{
    resp r = call("POST", "/rest/opportunities", body, NULL);
    ck_assert_msg(r.status == 201, "create failed: %d", r.status);
    const char *s = str_at(r.json, "data.createOpportunity.id");
    ck_assert_ptr_nonnull(s);
    snprintf(id, 37, "%s", s);
    cJSON_Delete(r.json);
}

/* ------------------------------------------------------------ routing */

START_TEST(test_unknown_route_is_nest_404)
{
    expect_error(call("GET", "/foo", NULL, NULL), 404, "NotFoundException", "Cannot GET /foo");
    expect_error(call("OPTIONS", "/rest/opportunities", NULL, NULL), 404, "NotFoundException",
                 "Cannot OPTIONS /rest/opportunities");
}
END_TEST

START_TEST(test_path_errors)
{
    expect_error(call("GET", "/rest/opportunity", NULL, NULL), 400, "BadRequestException",
                 "object 'opportunity' not found. Did you mean 'opportunities'?");
    expect_error(call("GET", "/rest/deals", NULL, NULL), 400, "BadRequestException",
                 "object 'deals' not found. eg: companies");
    const char *p = "/rest/opportunities/20202020-ef5a-4822-9e08-cf6e4a4dcd6b/toto";
    char want[300];
    snprintf(want, sizeof want,
             "Query path '%s' invalid. Valid examples: /rest/companies/id or /rest/companies or "
             "/rest/batch/companies",
             p);
    expect_error(call("GET", p, NULL, NULL), 400, "BadRequestException", want);
    expect_error(call("GET", "/rest/opportunities/not-a-uuid", NULL, NULL), 400,
                 "BadRequestException", "'not-a-uuid' is not a valid UUID");
    expect_error(call("DELETE", "/rest/opportunities/restore", NULL, NULL), 400,
                 "BadRequestException", "'restore' is not a valid UUID");
}
END_TEST

/* ------------------------------------------------------------ create / get */

START_TEST(test_create_and_find_one)
{
    resp r = call("POST", "/rest/opportunities",
                  "{\"name\":\"Big deal\",\"amount\":{\"amountMicros\":50000000000,"
                  "\"currencyCode\":\"USD\"},\"stage\":\"PROPOSAL\"}",
                  NULL);
    ck_assert_int_eq(r.status, 201);
    const cJSON *rec = at(r.json, "data.createOpportunity");
    ck_assert_ptr_nonnull(rec);
    ck_assert_str_eq(str_at(rec, "name"), "Big deal");
    ck_assert_str_eq(str_at(rec, "stage"), "PROPOSAL");
    ck_assert(num_at(rec, "amount.amountMicros") == 50000000000.0);
    char id[37];
    snprintf(id, sizeof id, "%s", str_at(rec, "id"));
    cJSON_Delete(r.json);

    char path[80];
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    r = call("GET", path, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(str_at(r.json, "data.opportunity.id"), id);
    ck_assert_ptr_null(at(r.json, "data.opportunity.company")); /* depth 0: FKs only */
    ck_assert_ptr_nonnull(at(r.json, "data.opportunity.companyId"));
    cJSON_Delete(r.json);

    r = call("GET", path, NULL, "depth", "1", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert(cJSON_IsNull(at(r.json, "data.opportunity.company")));
    ck_assert(cJSON_IsArray(at(r.json, "data.opportunity.favorites")));
    cJSON_Delete(r.json);

    expect_error(call("GET", path, NULL, "depth", "2", NULL), 400, "BadRequestException",
                 "'depth=2' parameter invalid. Allowed values are 0, 1");
    expect_error(call("GET", "/rest/opportunities/20202020-ef5a-4822-9e08-cf6e4a4dcd6b", NULL,
                      NULL),
                 404, "NotFoundException", "Record not found");
}
END_TEST

START_TEST(test_create_errors)
{
    expect_error(call("POST", "/rest/opportunities", "{\"name\":", NULL), 400,
                 "BadRequestException", "Unexpected end of JSON input");
    expect_error(call("POST", "/rest/opportunities", "{\"name\" 1}", NULL), 400,
                 "BadRequestException", "Unexpected token 1 in JSON at position 8");
    expect_error(call("PATCH", "/rest/opportunities/20202020-ef5a-4822-9e08-cf6e4a4dcd6b",
                      "[1,", NULL),
                 400, "BadRequestException", "Unexpected end of JSON input");
    resp r = call("POST", "/rest/opportunities", "\"just a string\"", NULL);
    ck_assert_int_eq(r.status, 400);
    cJSON_Delete(r.json);
    expect_error(call("POST", "/rest/opportunities", "{\"foo\":1}", NULL), 400,
                 "BadRequestException", "Object opportunity doesn't have any \"foo\" field.");
    /* an empty body is {}: Twenty's defaults */
    r = call("POST", "/rest/opportunities", "", NULL);
    ck_assert_int_eq(r.status, 201);
    ck_assert_str_eq(str_at(r.json, "data.createOpportunity.stage"), "DISCOVERY");
    ck_assert_str_eq(str_at(r.json, "data.createOpportunity.name"), "");
    cJSON_Delete(r.json);
}
END_TEST

START_TEST(test_upsert_updates_existing)
{
    char id[37], body[160];
    create_opp("{\"name\":\"First\"}", id);
    snprintf(body, sizeof body, "{\"id\":\"%s\",\"name\":\"Second\"}", id);
    resp r = call("POST", "/rest/opportunities", body, "upsert", "true", NULL);
    ck_assert_int_eq(r.status, 201);
    ck_assert_str_eq(str_at(r.json, "data.createOpportunity.name"), "Second");
    ck_assert_str_eq(str_at(r.json, "data.createOpportunity.id"), id);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, NULL);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 1);
    cJSON_Delete(r.json);
    /* without upsert the same id is a duplicate */
    r = call("POST", "/rest/opportunities", body, NULL);
    ck_assert_int_eq(r.status, 400);
    cJSON_Delete(r.json);
}
END_TEST

START_TEST(test_batch_create)
{
    resp r = call("POST", "/rest/batch/opportunities", "[{\"name\":\"a\"},{\"name\":\"b\"}]", NULL);
    ck_assert_int_eq(r.status, 201);
    const cJSON *arr = at(r.json, "data.createOpportunities");
    ck_assert(cJSON_IsArray(arr));
    ck_assert_int_eq(cJSON_GetArraySize(arr), 2);
    ck_assert_str_eq(str_at(arr, "0.name"), "a");
    /* positions: first item min-1, second min-2 (both above earlier records) */
    ck_assert(num_at(arr, "1.position") < num_at(arr, "0.position"));
    cJSON_Delete(r.json);
    expect_error(call("POST", "/rest/batch/opportunities", "{\"name\":\"a\"}", NULL), 400,
                 "BadRequestException", "Body must be an array");
    expect_error(call("POST", "/rest/batch/opportunities", "[]", NULL), 400,
                 "BadRequestException", "Input must not be empty");
}
END_TEST

/* ------------------------------------------------------------ find many */

START_TEST(test_find_many_paging)
{
    char ids[3][37];
    for (int i = 0; i < 3; i++)
        create_opp("{\"stage\":\"PROPOSAL\"}", ids[i]);
    resp r = call("GET", "/rest/opportunities", NULL, "limit", "2", NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *arr = at(r.json, "data.opportunities");
    ck_assert_int_eq(cJSON_GetArraySize(arr), 2);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 3);
    ck_assert(cJSON_IsTrue(at(r.json, "pageInfo.hasNextPage")));
    ck_assert(cJSON_IsFalse(at(r.json, "pageInfo.hasPreviousPage")));
    /* default order: id ascending */
    ck_assert(strcmp(str_at(arr, "0.id"), str_at(arr, "1.id")) < 0);
    char cursor[256];
    snprintf(cursor, sizeof cursor, "%s", str_at(r.json, "pageInfo.endCursor"));
    char last_of_first[37];
    snprintf(last_of_first, sizeof last_of_first, "%s", str_at(arr, "1.id"));
    cJSON_Delete(r.json);

    r = call("GET", "/rest/opportunities", NULL, "limit", "2", "starting_after", cursor, NULL);
    ck_assert_int_eq(r.status, 200);
    arr = at(r.json, "data.opportunities");
    ck_assert_int_eq(cJSON_GetArraySize(arr), 1);
    ck_assert(strcmp(str_at(arr, "0.id"), last_of_first) > 0);
    ck_assert(cJSON_IsFalse(at(r.json, "pageInfo.hasNextPage")));
    ck_assert(cJSON_IsTrue(at(r.json, "pageInfo.hasPreviousPage")));
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 3);
    cJSON_Delete(r.json);

    r = call("GET", "/rest/opportunities", NULL, "limit", "0", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.opportunities")), 0);
    ck_assert(cJSON_IsNull(at(r.json, "pageInfo.startCursor")));
    ck_assert(cJSON_IsNull(at(r.json, "pageInfo.endCursor")));
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 3);
    cJSON_Delete(r.json);

    expect_error(call("GET", "/rest/opportunities", NULL, "starting_after", cursor,
                      "ending_before", cursor, NULL),
                 400, "BadRequestException", "Cannot provide both before and after");
}
END_TEST

START_TEST(test_find_many_order_and_cursors)
{
    char id[37];
    create_opp("{\"name\":\"b\",\"position\":2}", id);
    create_opp("{\"name\":\"c\",\"position\":3}", id);
    create_opp("{\"name\":\"a\",\"position\":1}", id);
    resp r = call("GET", "/rest/opportunities", NULL, "order_by", "name[DescNullsLast]", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(str_at(r.json, "data.opportunities.0.name"), "c");
    ck_assert_str_eq(str_at(r.json, "data.opportunities.2.name"), "a");
    cJSON_Delete(r.json);

    r = call("GET", "/rest/opportunities", NULL, "order_by", "position", "limit", "2", NULL);
    ck_assert_str_eq(str_at(r.json, "data.opportunities.0.name"), "a");
    char end[256];
    snprintf(end, sizeof end, "%s", str_at(r.json, "pageInfo.endCursor"));
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, "order_by", "position", "starting_after", end,
             NULL);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.opportunities")), 1);
    ck_assert_str_eq(str_at(r.json, "data.opportunities.0.name"), "c");
    char start[256];
    snprintf(start, sizeof start, "%s", str_at(r.json, "pageInfo.startCursor"));
    cJSON_Delete(r.json);
    /* backward: the rows before the cursor, still in ascending order */
    r = call("GET", "/rest/opportunities", NULL, "order_by", "position", "ending_before", start,
             NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.opportunities")), 2);
    ck_assert_str_eq(str_at(r.json, "data.opportunities.0.name"), "a");
    ck_assert_str_eq(str_at(r.json, "data.opportunities.1.name"), "b");
    ck_assert(cJSON_IsTrue(at(r.json, "pageInfo.hasNextPage")));
    cJSON_Delete(r.json);

    r = call("GET", "/rest/opportunities", NULL, "starting_after", "%%%", NULL);
    ck_assert_int_eq(r.status, 400);
    ck_assert(strncmp(str_at(r.json, "messages.0"), "Invalid cursor", 14) == 0);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, "order_by", "name[Sideways]", NULL);
    ck_assert_int_eq(r.status, 400);
    ck_assert(strncmp(str_at(r.json, "messages.0"), "'order_by' direction 'Sideways' invalid", 39) == 0);
    cJSON_Delete(r.json);
}
END_TEST

START_TEST(test_find_many_limit_rules)
{
    expect_error(call("GET", "/rest/opportunities", NULL, "limit", "abc", NULL), 400,
                 "BadRequestException", "limit 'abc' is invalid. Should be an integer");
    expect_error(call("GET", "/rest/opportunities", NULL, "limit", "-1", NULL), 400,
                 "BadRequestException", "limit '-1' is invalid. Should be an integer");
    resp r = call("POST", "/rest/batch/opportunities", "[{},{},{},{},{}]", NULL);
    ck_assert_int_eq(r.status, 201);
    cJSON_Delete(r.json);
    /* JavaScript's Number(): blanks trimmed, hex and exponents accepted */
    const char *const ok[][2] = {{" 2 ", "2"}, {"0x3", "3"}, {"4e0", "4"}, {"Infinity", "5"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        r = call("GET", "/rest/opportunities", NULL, "limit", ok[i][0], NULL);
        ck_assert_int_eq(r.status, 200);
        ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.opportunities")), atoi(ok[i][1]));
        cJSON_Delete(r.json);
    }
}
END_TEST

START_TEST(test_limit_default_and_cap)
{
    /* 205 records: default page 60, cap 200 */
    char body[205 * 3 + 3];
    size_t n = 0;
    body[n++] = '[';
    for (int i = 0; i < 205; i++) {
        if (i)
            body[n++] = ',';
        body[n++] = '{';
        body[n++] = '}';
    }
    body[n++] = ']';
    body[n] = '\0';
    resp r = call("POST", "/rest/batch/opportunities", body, NULL);
    ck_assert_int_eq(r.status, 201);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.opportunities")), 60);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 205);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, "limit", "1000", NULL);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.opportunities")), 200);
    cJSON_Delete(r.json);
}
END_TEST

START_TEST(test_find_many_filter_and_fields)
{
    char id[37];
    create_opp("{\"name\":\"a\",\"stage\":\"PROPOSAL\"}", id);
    create_opp("{\"name\":\"b\",\"stage\":\"NEGOTIATION\"}", id);
    resp r = call("GET", "/rest/opportunities", NULL, "filter", "stage[eq]:NEGOTIATION", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 1);
    ck_assert_str_eq(str_at(r.json, "data.opportunities.0.name"), "b");
    cJSON_Delete(r.json);

    r = call("GET", "/rest/opportunities", NULL, "fields", "name, stage,name", NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *rec = at(r.json, "data.opportunities.0");
    ck_assert_int_eq(cJSON_GetArraySize(rec), 3);   /* id, name, stage */
    ck_assert_str_eq(rec->child->string, "id");
    ck_assert_ptr_nonnull(at(rec, "stage"));
    ck_assert_ptr_null(at(rec, "amount"));
    cJSON_Delete(r.json);

    r = call("GET", "/rest/opportunities", NULL, "fields", "company", NULL);
    ck_assert_ptr_nonnull(at(r.json, "data.opportunities.0.companyId"));
    cJSON_Delete(r.json);

    expect_error(call("GET", "/rest/opportunities", NULL, "fields", "name,foo,bar", NULL), 400,
                 "BadRequestException",
                 "'fields' parameter invalid. Unknown or unreadable fields on 'opportunity': foo, "
                 "bar");
    expect_error(call("GET", "/rest/opportunities", NULL, "fields", " , ", NULL), 400,
                 "BadRequestException",
                 "'fields' parameter is empty. Expected a comma-separated list of field names, "
                 "e.g. fields=id,name");
    expect_error(call("GET", "/rest/opportunities", NULL, "filter", "foo[eq]:1", NULL), 400,
                 "BadRequestException", "Object opportunity doesn't have any \"foo\" field.");
}
END_TEST

/* ------------------------------------------------------------ update */

START_TEST(test_update_one)
{
    char id[37], path[80];
    create_opp("{\"name\":\"Deal\"}", id);
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    resp r = call("PATCH", path, "{\"stage\":\"NEGOTIATION\",\"position\":2.5}", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(str_at(r.json, "data.updateOpportunity.stage"), "NEGOTIATION");
    ck_assert(num_at(r.json, "data.updateOpportunity.position") == 2.5);
    ck_assert_str_eq(str_at(r.json, "data.updateOpportunity.name"), "Deal");
    cJSON_Delete(r.json);
    r = call("PUT", path, "{\"name\":\"Renamed\"}", "fields", "name", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(str_at(r.json, "data.updateOpportunity.name"), "Renamed");
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.updateOpportunity")), 2);
    cJSON_Delete(r.json);
    expect_error(call("PATCH", "/rest/opportunities/20202020-ef5a-4822-9e08-cf6e4a4dcd6b",
                      "{\"name\":\"x\"}", NULL),
                 404, "NotFoundException", "Record not found");
    r = call("PATCH", path, "{\"stage\":\"closed_won\"}", NULL);
    ck_assert_int_eq(r.status, 400);
    cJSON_Delete(r.json);
}
END_TEST

START_TEST(test_update_many)
{
    char id[37];
    create_opp("{\"stage\":\"DISCOVERY\"}", id);
    create_opp("{\"stage\":\"DISCOVERY\"}", id);
    create_opp("{\"stage\":\"PROPOSAL\"}", id);
    resp r = call("PATCH", "/rest/opportunities", "{\"stage\":\"CLOSED_WON\"}", "filter",
                  "stage[eq]:DISCOVERY", NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *arr = at(r.json, "data.updateOpportunities");
    ck_assert_int_eq(cJSON_GetArraySize(arr), 2);
    ck_assert_str_eq(str_at(arr, "0.stage"), "CLOSED_WON");
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, "filter", "stage[eq]:CLOSED_WON", NULL);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 2);
    cJSON_Delete(r.json);
}
END_TEST

START_TEST(test_update_many_cap)
{
    char body[101 * 3 + 3];
    size_t n = 0;
    body[n++] = '[';
    for (int i = 0; i < 101; i++) {
        if (i)
            body[n++] = ',';
        body[n++] = '{';
        body[n++] = '}';
    }
    body[n++] = ']';
    body[n] = '\0';
    resp r = call("POST", "/rest/batch/opportunities", body, NULL);
    ck_assert_int_eq(r.status, 201);
    cJSON_Delete(r.json);
    expect_error(call("PATCH", "/rest/opportunities", "{\"name\":\"x\"}", "filter",
                      "stage[eq]:DISCOVERY", NULL),
                 400, "BadRequestException", "Cannot update more than 100 records at once");
}
END_TEST

/* ------------------------------------------------------------ delete / restore */

START_TEST(test_delete_is_hard_by_default)
{
    char id[37], path[80];
    create_opp("{}", id);
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    resp r = call("DELETE", path, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *d = at(r.json, "data.deleteOpportunity");
    ck_assert_int_eq(cJSON_GetArraySize(d), 1);   /* id only */
    ck_assert_str_eq(str_at(d, "id"), id);
    cJSON_Delete(r.json);
    expect_error(call("GET", path, NULL, NULL), 404, "NotFoundException", "Record not found");
    char rpath[100];
    snprintf(rpath, sizeof rpath, "%s/restore", path);
    expect_error(call("PATCH", rpath, NULL, NULL), 404, "NotFoundException", "Record not found");
    expect_error(call("DELETE", path, NULL, NULL), 404, "NotFoundException", "Record not found");
}
END_TEST

START_TEST(test_soft_delete_and_restore)
{
    char id[37], keep[37], path[80], rpath[100];
    create_opp("{\"name\":\"gone\"}", id);
    create_opp("{\"name\":\"kept\"}", keep);
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    resp r = call("DELETE", path, NULL, "soft_delete", "true", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(str_at(r.json, "data.deleteOpportunity.id"), id);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.deleteOpportunity")), 1);
    cJSON_Delete(r.json);
    expect_error(call("GET", path, NULL, NULL), 404, "NotFoundException", "Record not found");
    r = call("GET", "/rest/opportunities", NULL, NULL);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 1);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, "filter", "deletedAt[is]:NOT_NULL", NULL);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 1);
    ck_assert_str_eq(str_at(r.json, "data.opportunities.0.id"), id);
    cJSON_Delete(r.json);

    snprintf(rpath, sizeof rpath, "%s/restore", path);
    r = call("PATCH", rpath, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(str_at(r.json, "data.restoreOpportunity.name"), "gone");
    ck_assert(cJSON_IsNull(at(r.json, "data.restoreOpportunity.deletedAt")));
    cJSON_Delete(r.json);
    r = call("GET", path, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    cJSON_Delete(r.json);
}
END_TEST

START_TEST(test_bulk_delete_and_restore)
{
    expect_error(call("DELETE", "/rest/opportunities", NULL, NULL), 400, "BadRequestException",
                 "Filters are mandatory for bulk destroy operations. Please provide at least one "
                 "filter to prevent accidental deletion of all records.");
    expect_error(call("DELETE", "/rest/opportunities", NULL, "soft_delete", "true", NULL), 400,
                 "BadRequestException",
                 "Filters are mandatory for bulk delete operations. Please provide at least one "
                 "filter to prevent accidental deletion of all records.");
    char a[37], b[37], c[37];
    create_opp("{\"stage\":\"CLOSED_LOST\"}", a);
    create_opp("{\"stage\":\"CLOSED_LOST\"}", b);
    create_opp("{\"stage\":\"PROPOSAL\"}", c);
    resp r = call("DELETE", "/rest/opportunities", NULL, "filter", "stage[eq]:CLOSED_LOST",
                  "soft_delete", "true", NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *arr = at(r.json, "data.deleteOpportunities");
    ck_assert_int_eq(cJSON_GetArraySize(arr), 2);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetArrayItem(arr, 0)), 1);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, NULL);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 1);
    cJSON_Delete(r.json);

    r = call("PATCH", "/rest/opportunities/restore", NULL, "filter", "stage[eq]:CLOSED_LOST", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.restoreOpportunities")), 2);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, NULL);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 3);
    cJSON_Delete(r.json);

    /* hard bulk delete */
    r = call("DELETE", "/rest/opportunities", NULL, "filter", "stage[eq]:CLOSED_LOST", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.deleteOpportunities")), 2);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/opportunities", NULL, "filter", "deletedAt[is]:NOT_NULL", NULL);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 0);
    cJSON_Delete(r.json);
}
END_TEST

/* ------------------------------------------------------------ groupBy */

START_TEST(test_group_by_stage)
{
    char id[37];
    create_opp("{\"stage\":\"PROPOSAL\",\"amount\":{\"amountMicros\":1000000,\"currencyCode\":"
               "\"USD\"}}",
               id);
    create_opp("{\"stage\":\"PROPOSAL\",\"amount\":{\"amountMicros\":2000000,\"currencyCode\":"
               "\"USD\"}}",
               id);
    create_opp("{\"stage\":\"CLOSED_WON\",\"amount\":{\"amountMicros\":5000000,\"currencyCode\":"
               "\"USD\"}}",
               id);
    resp r = call("GET", "/rest/opportunities/groupBy", NULL, "group_by", "[{\"stage\":true}]",
                  "aggregate", "[\"sumAmountAmountMicros\",\"totalCount\"]",
                  "include_records_sample", "true", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert(cJSON_IsArray(r.json));   /* a bare array */
    ck_assert_int_eq(cJSON_GetArraySize(r.json), 2);   /* empty groups are absent */
    const cJSON *g;
    bool saw_proposal = false;
    cJSON_ArrayForEach(g, r.json) {
        const char *stage = str_at(g, "groupByDimensionValues.0");
        ck_assert_ptr_nonnull(stage);
        if (strcmp(stage, "PROPOSAL") == 0) {
            saw_proposal = true;
            ck_assert_str_eq(str_at(g, "sumAmountAmountMicros"), "3000000");
            ck_assert_int_eq(cJSON_GetArraySize(at(g, "records")), 2);
        }
    }
    ck_assert(saw_proposal);
    cJSON_Delete(r.json);

    r = call("GET", "/rest/opportunities/groupBy", NULL, NULL);
    ck_assert_int_eq(r.status, 400);
    ck_assert(strncmp(str_at(r.json, "messages.0"), "Invalid group_by query parameter", 32) == 0);
    cJSON_Delete(r.json);
    expect_error(call("GET", "/rest/opportunities/groupBy", NULL, "group_by", "[{\"stage\":true}]",
                      "aggregate", "not json", NULL),
                 400, "BadRequestException",
                 "Invalid aggregate query parameter - should be a valid array of string - ex: "
                 "[\"countNotEmptyId\", \"countEmptyField\"]");
}
END_TEST

START_TEST(test_group_by_two_dimensions)
{
    char id[37];
    create_opp("{\"name\":\"a\",\"stage\":\"PROPOSAL\",\"amount\":{\"amountMicros\":1,\"currencyCode\":\"USD\"}}", id);
    create_opp("{\"name\":\"b\",\"stage\":\"PROPOSAL\",\"amount\":{\"amountMicros\":2,\"currencyCode\":\"EUR\"}}", id);
    create_opp("{\"name\":\"c\",\"stage\":\"PROPOSAL\",\"amount\":{\"amountMicros\":3,\"currencyCode\":\"USD\"}}", id);
    resp r = call("GET", "/rest/opportunities/groupBy", NULL, "group_by",
                  "[{\"stage\":true},{\"amount\":{\"currencyCode\":true}}]", "aggregate",
                  "[\"sumAmountAmountMicros\"]", "include_records_sample", "true",
                  "order_by_for_records", "name[DescNullsFirst]", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(cJSON_GetArraySize(r.json), 2);
    const cJSON *g, *usd = NULL;
    cJSON_ArrayForEach(g, r.json) {
        ck_assert_int_eq(cJSON_GetArraySize(at(g, "groupByDimensionValues")), 2);
        ck_assert_str_eq(str_at(g, "groupByDimensionValues.0"), "PROPOSAL");
        if (strcmp(str_at(g, "groupByDimensionValues.1"), "USD") == 0)
            usd = g;
    }
    ck_assert_ptr_nonnull(usd);
    ck_assert_str_eq(str_at(usd, "sumAmountAmountMicros"), "4");
    ck_assert_str_eq(str_at(usd, "records.0.name"), "c");
    ck_assert_str_eq(str_at(usd, "records.1.name"), "a");
    cJSON_Delete(r.json);

    /* limit caps the number of groups; no records without the flag */
    r = call("GET", "/rest/opportunities/groupBy", NULL, "group_by",
             "[{\"stage\":true},{\"amount\":{\"currencyCode\":true}}]", "limit", "1", NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(cJSON_GetArraySize(r.json), 1);
    ck_assert_ptr_null(at(r.json, "0.records"));
    cJSON_Delete(r.json);
}
END_TEST

/* ------------------------------------------------------------ other objects */

START_TEST(test_other_objects)
{
    resp r = call("POST", "/rest/companies", "{\"name\":\"Acme\"}", NULL);
    ck_assert_int_eq(r.status, 201);
    char cid[37];
    snprintf(cid, sizeof cid, "%s", str_at(r.json, "data.createCompany.id"));
    cJSON_Delete(r.json);

    r = call("POST", "/rest/people",
             "{\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}}", NULL);
    ck_assert_int_eq(r.status, 201);
    ck_assert_str_eq(str_at(r.json, "data.createPerson.name.firstName"), "Ada");
    cJSON_Delete(r.json);

    r = call("GET", "/rest/people", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.people")), 1);
    cJSON_Delete(r.json);

    char path[80], body[120];
    snprintf(path, sizeof path, "/rest/companies/%s", cid);
    r = call("GET", path, NULL, NULL);
    ck_assert_str_eq(str_at(r.json, "data.company.name"), "Acme");
    cJSON_Delete(r.json);

    snprintf(body, sizeof body, "{\"companyId\":\"%s\"}", cid);
    r = call("POST", "/rest/opportunities", body, "depth", "1", NULL);
    ck_assert_int_eq(r.status, 201);
    ck_assert_str_eq(str_at(r.json, "data.createOpportunity.company.name"), "Acme");
    cJSON_Delete(r.json);

    r = call("GET", "/rest/workspaceMembers", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert(cJSON_IsArray(at(r.json, "data.workspaceMembers")));
    cJSON_Delete(r.json);

    r = call("POST", "/rest/batch/companies", "[{\"name\":\"x\"}]", NULL);
    ck_assert_int_eq(r.status, 201);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.createCompanies")), 1);
    cJSON_Delete(r.json);
    r = call("DELETE", path, NULL, NULL);
    ck_assert_str_eq(str_at(r.json, "data.deleteCompany.id"), cid);
    cJSON_Delete(r.json);
}
END_TEST

/* ------------------------------------------------------------ metadata */

static const cJSON *find_by(const cJSON *arr, const char *key, const char *value)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(it, key);
        if (cJSON_IsString(v) && strcmp(v->valuestring, value) == 0)
            return it;
    }
    return NULL;
}

START_TEST(test_metadata_objects)
{
    resp r = call("GET", "/rest/metadata/objects", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *objs = at(r.json, "data.objects");
    ck_assert_int_eq(cJSON_GetArraySize(objs), 4);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), 4);
    ck_assert(cJSON_IsFalse(at(r.json, "pageInfo.hasNextPage")));
    const cJSON *opp = find_by(objs, "nameSingular", "opportunity");
    ck_assert_ptr_nonnull(opp);
    ck_assert_str_eq(str_at(opp, "namePlural"), "opportunities");
    char path[80];
    snprintf(path, sizeof path, "/rest/metadata/objects/%s", str_at(opp, "id"));
    cJSON_Delete(r.json);

    r = call("GET", path, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *fields = at(r.json, "data.object.fields");
    const cJSON *stage = find_by(fields, "name", "stage");
    ck_assert_ptr_nonnull(stage);
    ck_assert_str_eq(str_at(stage, "type"), "SELECT");
    ck_assert_str_eq(str_at(stage, "defaultValue"), "'DISCOVERY'");
    ck_assert(cJSON_IsFalse(at(stage, "isNullable")));
    const cJSON *opts = at(stage, "options");
    ck_assert_int_eq(cJSON_GetArraySize(opts), 5);
    ck_assert_str_eq(str_at(opts, "3.value"), "CLOSED_WON");
    ck_assert_str_eq(str_at(opts, "3.label"), "Closed won");
    ck_assert_int_eq((int)num_at(opts, "3.position"), 3);
    ck_assert_ptr_nonnull(str_at(opts, "3.color"));
    ck_assert_ptr_nonnull(str_at(opts, "3.id"));
    const cJSON *amount = find_by(fields, "name", "amount");
    ck_assert_str_eq(str_at(amount, "type"), "CURRENCY");
    const cJSON *company = find_by(fields, "name", "company");
    ck_assert_str_eq(str_at(company, "type"), "RELATION");
    ck_assert_str_eq(str_at(company, "relation.targetObjectMetadata.nameSingular"), "company");
    cJSON_Delete(r.json);

    expect_error(call("GET", "/rest/metadata/objects/20202020-ef5a-4822-9e08-cf6e4a4dcd6b", NULL,
                      NULL),
                 404, "NotFoundException", "Object metadata not found");
}
END_TEST

START_TEST(test_metadata_fields_paging)
{
    resp r = call("GET", "/rest/metadata/fields", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *all = at(r.json, "data.fields");
    int total = cJSON_GetArraySize(all);
    ck_assert_int_gt(total, 20);
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), total);
    ck_assert_ptr_nonnull(find_by(all, "name", "stage"));
    char third[37];
    snprintf(third, sizeof third, "%s", str_at(all, "2.id"));
    cJSON_Delete(r.json);

    r = call("GET", "/rest/metadata/fields", NULL, "limit", "2", NULL);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.fields")), 2);
    ck_assert(cJSON_IsTrue(at(r.json, "pageInfo.hasNextPage")));
    char cursor[64];
    snprintf(cursor, sizeof cursor, "%s", str_at(r.json, "pageInfo.endCursor"));
    ck_assert_int_eq((int)num_at(r.json, "totalCount"), total);
    cJSON_Delete(r.json);
    r = call("GET", "/rest/metadata/fields", NULL, "limit", "2", "starting_after", cursor, NULL);
    ck_assert_str_eq(str_at(r.json, "data.fields.0.id"), third);
    ck_assert(cJSON_IsTrue(at(r.json, "pageInfo.hasPreviousPage")));
    cJSON_Delete(r.json);
    r = call("GET", "/rest/metadata/fields", NULL, "ending_before", third, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(at(r.json, "data.fields")), 2);
    ck_assert(cJSON_IsFalse(at(r.json, "pageInfo.hasPreviousPage")));
    ck_assert_str_eq(str_at(r.json, "pageInfo.endCursor"), cursor);
    cJSON_Delete(r.json);

    expect_error(call("GET", "/rest/metadata/fields", NULL, "starting_after", third,
                      "ending_before", third, NULL),
                 400, "BadRequestException",
                 "'starting_after' and 'ending_before' cannot be used together.");
    expect_error(call("GET", "/rest/metadata/fields", NULL, "starting_after", "nope", NULL), 400,
                 "BadRequestException", "Invalid cursor: nope");
    expect_error(call("GET", "/rest/metadata/fields", NULL, "limit", "1.5", NULL), 400,
                 "BadRequestException", "limit '1.5' is invalid. Should be an integer");
    expect_error(call("GET", "/rest/metadata/foo", NULL, NULL), 400, "BadRequestException",
                 "Query path '/rest/metadata/foo' invalid. Metadata path \"foo\" does not exist. "
                 "Valid examples: /rest/metadata/fields or /rest/metadata/objects or "
                 "/rest/metadata/relations");
    expect_error(call("GET", "/rest/metadata/fields/a/b", NULL, NULL), 400, "BadRequestException",
                 "Query path '/rest/metadata/fields/a/b' invalid. Valid examples: "
                 "/rest/metadata/fields or /rest/metadata/objects/id");
}
END_TEST

START_TEST(test_metadata_field_one_and_view_groups)
{
    resp r = call("GET", "/rest/metadata/fields", NULL, NULL);
    const cJSON *stage = find_by(at(r.json, "data.fields"), "name", "stage");
    char path[90], stage_id[37];
    snprintf(stage_id, sizeof stage_id, "%s", str_at(stage, "id"));
    snprintf(path, sizeof path, "/rest/metadata/fields/%s", stage_id);
    cJSON_Delete(r.json);
    r = call("GET", path, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(str_at(r.json, "data.field.name"), "stage");
    cJSON_Delete(r.json);

    r = call("GET", "/rest/metadata/viewGroups", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    const cJSON *groups = at(r.json, "data.viewGroups");
    ck_assert_int_eq(cJSON_GetArraySize(groups), 5);
    const cJSON *won = find_by(groups, "fieldValue", "CLOSED_WON");
    ck_assert_ptr_nonnull(won);
    ck_assert_int_eq((int)num_at(won, "position"), 3);
    ck_assert(cJSON_IsTrue(at(won, "isVisible")));
    ck_assert_str_eq(str_at(won, "fieldMetadataId"), stage_id);
    cJSON_Delete(r.json);
}
END_TEST

/* ------------------------------------------------------------ helpers */

START_TEST(test_http_helpers)
{
    sim_request rq = {.method = "GET", .path = "/x", .nquery = 2};
    rq.query[0].name = "a";
    rq.query[0].value = "1";
    rq.query[1].name = "flag";
    rq.query[1].value = "";
    ck_assert_str_eq(sim_request_param(&rq, "a"), "1");
    ck_assert_str_eq(sim_request_param(&rq, "flag"), "");
    ck_assert_ptr_null(sim_request_param(&rq, "b"));

    sim_response rs = {0};
    sim_response_add_header(&rs, "Retry-After", "1");
    sim_response_add_header(&rs, "retry-after", "2");
    ck_assert_int_eq(rs.nheaders, 1);
    ck_assert_str_eq(rs.headers[0].value, "2");
    cJSON *j = cJSON_CreateObject();
    cJSON_AddNumberToObject(j, "n", 1);
    sim_respond_json(&rs, 201, j);
    ck_assert_int_eq(rs.status, 201);
    ck_assert_str_eq(rs.body, "{\"n\":1}");
    ck_assert_uint_eq(rs.body_len, 7);
    sim_response_free(&rs);
    ck_assert_ptr_null(rs.body);
}
END_TEST

START_TEST(test_js_number)
{
    double v;
    ck_assert(rest_js_number("", &v) && v == 0);
    ck_assert(rest_js_number(" 12 ", &v) && v == 12);
    ck_assert(rest_js_number("0x1f", &v) && v == 31);
    ck_assert(rest_js_number("0b101", &v) && v == 5);
    ck_assert(rest_js_number(".5", &v) && v == 0.5);
    ck_assert(rest_js_number("-3e2", &v) && v == -300);
    ck_assert(!rest_js_number("12abc", &v));
    ck_assert(!rest_js_number("0x", &v));
    ck_assert(!rest_js_number("-0x1", &v));
    ck_assert(!rest_js_number("inf", &v));
    ck_assert(!rest_js_number("1e", &v));
}
END_TEST

static Suite *routes_suite(void)
{
    Suite *s = suite_create("sim_routes");
    TCase *tc = tcase_create("routes");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_unknown_route_is_nest_404);
    tcase_add_test(tc, test_path_errors);
    tcase_add_test(tc, test_create_and_find_one);
    tcase_add_test(tc, test_create_errors);
    tcase_add_test(tc, test_upsert_updates_existing);
    tcase_add_test(tc, test_batch_create);
    tcase_add_test(tc, test_find_many_paging);
    tcase_add_test(tc, test_find_many_order_and_cursors);
    tcase_add_test(tc, test_find_many_limit_rules);
    tcase_add_test(tc, test_limit_default_and_cap);
    tcase_add_test(tc, test_find_many_filter_and_fields);
    tcase_add_test(tc, test_update_one);
    tcase_add_test(tc, test_update_many);
    tcase_add_test(tc, test_update_many_cap);
    tcase_add_test(tc, test_delete_is_hard_by_default);
    tcase_add_test(tc, test_soft_delete_and_restore);
    tcase_add_test(tc, test_bulk_delete_and_restore);
    tcase_add_test(tc, test_group_by_stage);
    tcase_add_test(tc, test_group_by_two_dimensions);
    tcase_add_test(tc, test_other_objects);
    tcase_add_test(tc, test_metadata_objects);
    tcase_add_test(tc, test_metadata_fields_paging);
    tcase_add_test(tc, test_metadata_field_one_and_view_groups);
    suite_add_tcase(s, tc);

    TCase *th = tcase_create("helpers");
    tcase_add_test(th, test_http_helpers);
    tcase_add_test(th, test_js_number);
    suite_add_tcase(s, th);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(routes_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
