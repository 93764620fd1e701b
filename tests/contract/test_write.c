/* test_write.c - contract 2.7-2.9: create (201, every validation message,
 * position rules), batch, PATCH/PUT, bulk update, hard and soft delete,
 * restore, bulk delete/restore, 404s. Each test case gets a fresh server
 * without seed data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/ctest.h"

static void up(void)
{
    ct_server_start((const char *const[]){"--seed", "0", NULL});
}

static void down(void)
{
    ct_server_stop();
}

static cJSON *created(const cthttp_resp *r)
{
    return ct_j(r->json, "data.createOpportunity");
}

static int total_count(const char *filter)
{
    cthttp_resp r;
    if (filter)
        cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "0", "filter", filter, NULL);
    else
        cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "0", NULL);
    ck_assert_msg(r.status == 200, "count: %s", ct_show(&r));
    double t = -1;
    ck_assert(ct_jnum(r.json, "totalCount", &t));
    cthttp_resp_free(&r);
    return (int)t;
}

static void path_of(char *buf, size_t len, const char *id, const char *suffix)
{
    snprintf(buf, len, "/rest/opportunities/%s%s", id, suffix ? suffix : "");
}

static double position_of(const char *id)
{
    char path[128];
    path_of(path, sizeof path, id, NULL);
    cthttp_resp r;
    cthttp_get(ct_client(), &r, path, NULL);
    ck_assert_msg(r.status == 200, "get %s: %s", id, ct_show(&r));
    double p = 0;
    ck_assert(ct_jnum(r.json, "data.opportunity.position", &p));
    cthttp_resp_free(&r);
    return p;
}

/* ===== create ===== */

START_TEST(create_empty_body_gives_defaults)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{}", NULL);
    ct_assert_status(&r, 201);
    const cJSON *o = created(&r);
    ck_assert_msg(cJSON_IsObject(o), "201 {data:{createOpportunity:{…}}}: %s", ct_show(&r));
    ck_assert_msg(ct_is_uuid(ct_jstr(o, "id")), "server-generated UUID");
    ck_assert_str_eq(ct_jstr(o, "stage"), "NEW");
    ck_assert_msg(ct_jstr(o, "name") && strcmp(ct_jstr(o, "name"), "") == 0, "name \"\": %s",
                  ct_show(&r));
    ck_assert(ct_jnull(o, "closeDate"));
    ck_assert(ct_jnull(o, "companyId"));
    ck_assert(ct_jnull(o, "pointOfContactId"));
    ck_assert(ct_jnull(o, "ownerId"));
    ck_assert(ct_jnull(o, "deletedAt"));
    const cJSON *amount = ct_j(o, "amount");
    ck_assert_msg(cJSON_IsNull(amount) ||
                      (ct_jnull(amount, "amountMicros") && ct_jnull(amount, "currencyCode")),
                  "empty amount: null subfields (or null): %s", ct_show(&r));
    double pos = -99;
    ck_assert_msg(ct_jnum(o, "position", &pos) && pos == 0, "first record in an empty table: position 0, got %g", pos);
    ck_assert(ct_is_iso(ct_jstr(o, "createdAt")));
    ck_assert(ct_is_iso(ct_jstr(o, "updatedAt")));
    ck_assert_str_eq(ct_jstr(o, "createdBy.source"), "API");
    ck_assert(ct_jnull(o, "createdBy.workspaceMemberId"));
    const char *who = ct_jstr(o, "createdBy.name");
    ck_assert_msg(who && *who, "createdBy.name is the API key's name");
    ck_assert_msg(strstr(who, CT_DEFAULT_KEY) == NULL, "createdBy.name must not reveal the key");
    ck_assert_msg(cJSON_IsObject(ct_j(o, "createdBy.context")) &&
                      cJSON_GetArraySize(ct_j(o, "createdBy.context")) == 0,
                  "createdBy.context is {}");
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(create_echoes_every_field)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities",
                "{\"name\":\"Big deal\",\"stage\":\"MEETING\",\"amount\":{\"amountMicros\":50000000000,"
                "\"currencyCode\":\"USD\"},\"closeDate\":\"2024-06-15T00:00:00.000Z\",\"position\":12.5}",
                NULL);
    ct_assert_status(&r, 201);
    const cJSON *o = created(&r);
    ck_assert_str_eq(ct_jstr(o, "name"), "Big deal");
    ck_assert_str_eq(ct_jstr(o, "stage"), "MEETING");
    const cJSON *m = ct_j(o, "amount.amountMicros");
    ck_assert_msg(cJSON_IsNumber(m) && m->valuedouble == 50000000000.0, "amountMicros is a JSON number");
    ck_assert_str_eq(ct_jstr(o, "amount.currencyCode"), "USD");
    ck_assert_str_eq(ct_jstr(o, "closeDate"), "2024-06-15T00:00:00.000Z");
    double pos = 0;
    ck_assert(ct_jnum(o, "position", &pos));
    ck_assert(pos == 12.5);
    char path[128];
    path_of(path, sizeof path, ct_jstr(o, "id"), NULL);
    cJSON *want = cJSON_Duplicate(o, 1);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, path, NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(cJSON_Compare(want, ct_j(r.json, "data.opportunity"), 1),
                  "find one returns what create returned: %s", ct_show(&r));
    cJSON_Delete(want);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(create_accepts_amount_micros_as_string)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities",
                "{\"name\":\"str micros\",\"amount\":{\"amountMicros\":\"1500000000\",\"currencyCode\":\"EUR\"}}",
                NULL);
    ct_assert_status(&r, 201);
    const cJSON *m = ct_j(created(&r), "amount.amountMicros");
    ck_assert_msg(cJSON_IsNumber(m) && m->valuedouble == 1500000000.0,
                  "a numeric string is stored and returned as a number: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(create_null_name_comes_back_empty)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"name\":null}", NULL);
    ct_assert_status(&r, 201);
    ck_assert_msg(ct_jstr(created(&r), "name") && strcmp(ct_jstr(created(&r), "name"), "") == 0,
                  "null name is returned as \"\": %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(create_with_client_id_and_duplicate)
{
    const char *uid = "7d1f3c2a-5b6e-4f70-8a91-b2c3d4e5f601";
    char body[256];
    snprintf(body, sizeof body, "{\"id\":\"%s\",\"name\":\"mine\"}", uid);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", body, NULL);
    ct_assert_status(&r, 201);
    ck_assert_str_eq(ct_jstr(created(&r), "id"), uid);
    cthttp_resp_free(&r);
    int before = total_count(NULL);
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", body, NULL);
    ct_assert_error(&r, 400, "BadRequestException", NULL);
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before);
}
END_TEST

START_TEST(create_validation_messages)
{
    cthttp_resp r;
    int before = total_count(NULL);

    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"foo\":1}", NULL);
    ct_assert_error(&r, 400, "BadRequestException", "Object opportunity doesn't have any \"foo\" field.");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"stage\":\"WON\"}", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid value 'WON' for field \"stage\"");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"stage\":\"new\"}", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid value 'new' for field \"stage\"");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities",
                "{\"amount\":{\"amountMicros\":1,\"currencyCode\":\"USD\",\"foo\":2}}", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid subfield");
    cthttp_resp_free(&r);

    const char *bad[] = {
        "{\"amount\":{\"amountMicros\":\"abc\",\"currencyCode\":\"USD\"}}",
        "{\"closeDate\":\"not a date\"}",
        "{\"companyId\":\"abc\"}",
        "{\"position\":\"middle\"}",
        "{\"id\":\"not-a-uuid\"}",
        "{\"favorites\":[]}",            /* one-to-many fields are not writable */
        "{\"name\":",                    /* not JSON */
        "[{\"name\":\"array to a single create\"}]",
        "\"just a string\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", bad[i], NULL);
        char why[512];
        /* bodies that are not a JSON object: 400, whatever the error name */
        const char *name = i < 6 ? "BadRequestException" : NULL;
        ck_assert_msg(ct_error_matches(&r, 400, name, NULL, false, why, sizeof why),
                      "body %s: %s for %s", bad[i], why, ct_show(&r));
        cthttp_resp_free(&r);
    }
    ck_assert_msg(total_count(NULL) == before, "failed creates must not create anything");
}
END_TEST

START_TEST(create_stage_is_never_null)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"stage\":null}", NULL);
    ck_assert_msg(r.status == 400 || (r.status == 201 && ct_jstr(created(&r), "stage") &&
                                      strcmp(ct_jstr(created(&r), "stage"), "NEW") == 0),
                  "stage null must be refused or become the default, never stored: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(create_created_by_source_may_be_given)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities",
                "{\"name\":\"imported\",\"createdBy\":{\"source\":\"IMPORT\"}}", NULL);
    ct_assert_status(&r, 201);
    ck_assert_str_eq(ct_jstr(created(&r), "createdBy.source"), "IMPORT");
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(create_with_depth_1)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"name\":\"deep\"}", "depth", "1",
                NULL);
    ct_assert_status(&r, 201);
    ck_assert_msg(ct_j(created(&r), "company") && ct_jnull(created(&r), "company"),
                  "depth=1 on create embeds company (null here): %s", ct_show(&r));
    ck_assert(cJSON_IsArray(ct_j(created(&r), "favorites")));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(create_upsert_updates_existing)
{
    const char *uid = "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    char body[256];
    snprintf(body, sizeof body, "{\"id\":\"%s\",\"name\":\"before upsert\"}", uid);
    char id[37];
    ct_create("opportunities", body, id);
    int before = total_count(NULL);
    snprintf(body, sizeof body, "{\"id\":\"%s\",\"name\":\"after upsert\"}", uid);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", body, "upsert", "true", NULL);
    ck_assert_msg(r.status == 201 || r.status == 200, "upsert: %s", ct_show(&r));
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before);
    char path[128];
    path_of(path, sizeof path, uid, NULL);
    cthttp_get(ct_client(), &r, path, NULL);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunity.name"), "after upsert");
    cthttp_resp_free(&r);
}
END_TEST

/* ===== batch ===== */

START_TEST(batch_create)
{
    int before = total_count(NULL);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/batch/opportunities",
                "[{\"name\":\"b1\",\"stage\":\"PROPOSAL\"},{\"name\":\"b2\"}]", NULL);
    ct_assert_status(&r, 201);
    const cJSON *arr = ct_j(r.json, "data.createOpportunities");
    ck_assert_msg(cJSON_GetArraySize(arr) == 2, "201 {data:{createOpportunities:[…]}}: %s", ct_show(&r));
    ck_assert_str_eq(ct_jstr(arr, "[0].name"), "b1");
    ck_assert_str_eq(ct_jstr(arr, "[0].stage"), "PROPOSAL");
    ck_assert_str_eq(ct_jstr(arr, "[1].name"), "b2");
    ck_assert_str_eq(ct_jstr(arr, "[1].stage"), "NEW");
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before + 2);

    const char *bad[] = {"{\"name\":\"not an array\"}", "[]",
                         "[{\"name\":\"ok\"},{\"stage\":\"WON\"}]" /* all or nothing */};
    for (int i = 0; i < 3; i++) {
        cthttp_send(ct_client(), &r, "POST", "/rest/batch/opportunities", bad[i], NULL);
        char why[512];
        ck_assert_msg(ct_error_matches(&r, 400, "BadRequestException", NULL, false, why, sizeof why),
                      "batch %s: %s for %s", bad[i], why, ct_show(&r));
        cthttp_resp_free(&r);
    }
    ck_assert_msg(total_count(NULL) == before + 2, "a refused batch creates nothing");
}
END_TEST

/* ===== position ===== */

START_TEST(position_rules)
{
    char a[37], b[37], c[37], d[37], e[37], f[37];
    ct_create("opportunities", "{\"name\":\"p-a\"}", a);
    ck_assert_msg(position_of(a) == 0, "empty table: 0, got %g", position_of(a));
    ct_create("opportunities", "{\"name\":\"p-b\"}", b);
    ck_assert_msg(position_of(b) == -1, "omitted: min - 1 = -1, got %g", position_of(b));
    ct_create("opportunities", "{\"name\":\"p-c\",\"position\":\"first\"}", c);
    ck_assert_msg(position_of(c) == -2, "\"first\": min - 1 = -2, got %g", position_of(c));
    ct_create("opportunities", "{\"name\":\"p-d\",\"position\":\"last\"}", d);
    ck_assert_msg(position_of(d) > 0, "\"last\": after every other record, got %g", position_of(d));
    ct_create("opportunities", "{\"name\":\"p-e\",\"position\":2.5}", e);
    ck_assert_msg(position_of(e) == 2.5, "a number is kept as a float, got %g", position_of(e));
    ct_create("opportunities", "{\"name\":\"p-f\"}", f);
    ck_assert_msg(position_of(f) == -3, "omitted again: min - 1 = -3, got %g", position_of(f));

    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/batch/opportunities",
                "[{\"name\":\"p-g\"},{\"name\":\"p-h\",\"position\":100},{\"name\":\"p-i\"}]", NULL);
    ct_assert_status(&r, 201);
    double g = 0, h = 0, i = 0;
    ck_assert(ct_jnum(r.json, "data.createOpportunities[0].position", &g));
    ck_assert(ct_jnum(r.json, "data.createOpportunities[1].position", &h));
    ck_assert(ct_jnum(r.json, "data.createOpportunities[2].position", &i));
    /* Twenty numbers the records that need a position (i counts those only) */
    ck_assert_msg(g == -4 && h == 100 && i == -5,
                  "batch: the i-th item without a position gets min - 1 - i (-4, 100, -5), got %g %g %g", g, h,
                  i);
    cthttp_resp_free(&r);

    /* an update does not backfill position */
    char path[128];
    path_of(path, sizeof path, e, NULL);
    cthttp_send(ct_client(), &r, "PATCH", path, "{\"name\":\"p-e renamed\"}", NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
    ck_assert(position_of(e) == 2.5);
}
END_TEST

/* ===== update ===== */

START_TEST(patch_and_put_update_one)
{
    char id[37];
    ct_create("opportunities",
              "{\"name\":\"to move\",\"amount\":{\"amountMicros\":7000000,\"currencyCode\":\"GBP\"}}", id);
    char path[128];
    path_of(path, sizeof path, id, NULL);
    cthttp_resp r;
    cthttp_get(ct_client(), &r, path, NULL);
    char *created_at = strdup(ct_jstr(r.json, "data.opportunity.createdAt"));
    char *updated_at = strdup(ct_jstr(r.json, "data.opportunity.updatedAt"));
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "PATCH", path, "{\"stage\":\"MEETING\",\"position\":2.5}", NULL);
    ct_assert_status(&r, 200);
    const cJSON *o = ct_j(r.json, "data.updateOpportunity");
    ck_assert_msg(cJSON_IsObject(o), "200 {data:{updateOpportunity:{…}}}: %s", ct_show(&r));
    ck_assert_str_eq(ct_jstr(o, "stage"), "MEETING");
    double pos = 0;
    ck_assert(ct_jnum(o, "position", &pos) && pos == 2.5);
    ck_assert_str_eq(ct_jstr(o, "name"), "to move");
    ck_assert_str_eq(ct_jstr(o, "amount.currencyCode"), "GBP");
    ck_assert_str_eq(ct_jstr(o, "createdAt"), created_at);
    ck_assert_msg(strcmp(ct_jstr(o, "updatedAt"), updated_at) >= 0, "updatedAt moves forward");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "PUT", path, "{\"name\":\"put works\",\"closeDate\":\"2025-02-05T08:00:00.000Z\"}",
                NULL);
    ct_assert_status(&r, 200);
    ck_assert_str_eq(ct_jstr(r.json, "data.updateOpportunity.name"), "put works");
    ck_assert_str_eq(ct_jstr(r.json, "data.updateOpportunity.stage"), "MEETING");
    cthttp_resp_free(&r);

    cthttp_get(ct_client(), &r, path, NULL);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunity.name"), "put works");
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunity.closeDate"), "2025-02-05T08:00:00.000Z");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "PATCH", path, "{\"closeDate\":null}", "depth", "1", NULL);
    ct_assert_status(&r, 200);
    ck_assert(ct_jnull(r.json, "data.updateOpportunity.closeDate"));
    ck_assert_msg(ct_j(r.json, "data.updateOpportunity.company") != NULL, "depth=1 on update");
    cthttp_resp_free(&r);
    free(created_at);
    free(updated_at);
}
END_TEST

START_TEST(update_errors)
{
    char id[37];
    ct_create("opportunities", "{\"name\":\"err target\"}", id);
    char path[128];
    path_of(path, sizeof path, id, NULL);
    cthttp_resp r;

    cthttp_send(ct_client(), &r, "PATCH", "/rest/opportunities/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                "{\"name\":\"x\"}", NULL);
    ct_assert_error(&r, 404, "NotFoundException", "Record not found");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "PATCH", "/rest/opportunities/xyz", "{\"name\":\"x\"}", NULL);
    ct_assert_error(&r, 400, "BadRequestException", "'xyz' is not a valid UUID");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "PATCH", path, "{\"stage\":\"Closed Won\"}", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid value 'Closed Won' for field \"stage\"");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "PATCH", path, "{\"bar\":true}", NULL);
    ct_assert_error(&r, 400, "BadRequestException", "Object opportunity doesn't have any \"bar\" field.");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "PATCH", path, "{\"amount\":{\"micros\":5}}", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid subfield");
    cthttp_resp_free(&r);

    cthttp_get(ct_client(), &r, path, NULL);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunity.name"), "err target");
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunity.stage"), "NEW");
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(bulk_update)
{
    char a[37], b[37], other[37];
    ct_create("opportunities", "{\"name\":\"bulk-1\"}", a);
    ct_create("opportunities", "{\"name\":\"bulk-2\"}", b);
    ct_create("opportunities", "{\"name\":\"not bulk\"}", other);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "PATCH", "/rest/opportunities", "{\"stage\":\"CUSTOMER\"}", "filter",
                "name[startsWith]:bulk-", NULL);
    ct_assert_status(&r, 200);
    const cJSON *arr = ct_j(r.json, "data.updateOpportunities");
    ck_assert_msg(cJSON_GetArraySize(arr) == 2, "200 {data:{updateOpportunities:[2 records]}}: %s",
                  ct_show(&r));
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) ck_assert_str_eq(ct_jstr(it, "stage"), "CUSTOMER");
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count("name[startsWith]:bulk-,stage[eq]:CUSTOMER"), 2);
    char path[128];
    path_of(path, sizeof path, other, NULL);
    cthttp_get(ct_client(), &r, path, NULL);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunity.stage"), "NEW");
    cthttp_resp_free(&r);

    cthttp_send(ct_client(), &r, "PATCH", "/rest/opportunities", "{\"stage\":\"LOST\"}", "filter",
                "name[startsWith]:bulk-", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid value 'LOST' for field \"stage\"");
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count("name[startsWith]:bulk-,stage[eq]:CUSTOMER"), 2);
}
END_TEST

/* ===== delete / restore ===== */

static void assert_id_only(const cthttp_resp *r, const char *key, const char *id)
{
    char path[64];
    snprintf(path, sizeof path, "data.%s", key);
    const cJSON *o = ct_j(r->json, path);
    ck_assert_msg(cJSON_IsObject(o) && cJSON_GetArraySize(o) == 1 && ct_jstr(o, "id") &&
                      strcmp(ct_jstr(o, "id"), id) == 0,
                  "expected {data:{%s:{id}}} (id only): %s", key, ct_show(r));
}

START_TEST(delete_is_hard_by_default)
{
    char id[37];
    ct_create("opportunities", "{\"name\":\"destroy me\"}", id);
    char path[128], f[128];
    path_of(path, sizeof path, id, NULL);
    int before = total_count(NULL);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, NULL);
    ct_assert_status(&r, 200);
    assert_id_only(&r, "deleteOpportunity", id);
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before - 1);
    snprintf(f, sizeof f, "id[eq]:%s,deletedAt[is]:NOT_NULL", id);
    ck_assert_msg(total_count(f) == 0, "a plain DELETE destroys: not even in the trash");
    cthttp_get(ct_client(), &r, path, NULL);
    ct_assert_error(&r, 404, "NotFoundException", "Record not found");
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, NULL);
    ct_assert_error(&r, 404, "NotFoundException", "Record not found");
    cthttp_resp_free(&r);
    path_of(path, sizeof path, id, "/restore");
    cthttp_send(ct_client(), &r, "PATCH", path, NULL, NULL);
    ck_assert_msg(r.status == 404, "restoring a destroyed record: 404, got %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(soft_delete_and_restore)
{
    char id[37];
    ct_create("opportunities", "{\"name\":\"trash me\",\"stage\":\"PROPOSAL\"}", id);
    char path[128], f[128];
    path_of(path, sizeof path, id, NULL);
    int before = total_count(NULL);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, "soft_delete", "true", NULL);
    ct_assert_status(&r, 200);
    assert_id_only(&r, "deleteOpportunity", id);
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before - 1);
    ck_assert_int_eq(total_count("stage[eq]:PROPOSAL,name[eq]:\"trash me\""), 0);
    snprintf(f, sizeof f, "id[eq]:%s,deletedAt[is]:NOT_NULL", id);
    ck_assert_int_eq(total_count(f), 1);

    cthttp_get(ct_client(), &r, path, NULL);
    ct_assert_error(&r, 404, "NotFoundException", "Record not found");
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "PATCH", path, "{\"name\":\"x\"}", NULL);
    ct_assert_error(&r, 404, "NotFoundException", "Record not found");
    cthttp_resp_free(&r);

    char rpath[160];
    path_of(rpath, sizeof rpath, id, "/restore");
    cthttp_send(ct_client(), &r, "PATCH", rpath, NULL, "depth", "1", NULL);
    ct_assert_status(&r, 200);
    const cJSON *o = ct_j(r.json, "data.restoreOpportunity");
    ck_assert_msg(ct_j(o, "company") != NULL && cJSON_IsArray(ct_j(o, "favorites")),
                  "depth=1 applies to restore: %s", ct_show(&r));
    ck_assert_msg(cJSON_IsObject(o), "200 {data:{restoreOpportunity:{…}}}: %s", ct_show(&r));
    ck_assert_str_eq(ct_jstr(o, "id"), id);
    ck_assert(ct_jnull(o, "deletedAt"));
    ck_assert_str_eq(ct_jstr(o, "name"), "trash me");
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before);
    cthttp_get(ct_client(), &r, path, NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);

    /* a plain DELETE also destroys a soft-deleted record */
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, "soft_delete", "true", NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(f), 0);
}
END_TEST

START_TEST(delete_errors)
{
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "DELETE", "/rest/opportunities/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                NULL, NULL);
    ct_assert_error(&r, 404, "NotFoundException", "Record not found");
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "DELETE", "/rest/opportunities/nope", NULL, NULL);
    ct_assert_error(&r, 400, "BadRequestException", "'nope' is not a valid UUID");
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "PATCH", "/rest/opportunities/nope/restore", NULL, NULL);
    ct_assert_error(&r, 400, "BadRequestException", "'nope' is not a valid UUID");
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(bulk_delete_needs_a_filter)
{
    int before = total_count(NULL);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "DELETE", "/rest/opportunities", NULL, NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException",
                           "Filters are mandatory for bulk destroy operations");
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "DELETE", "/rest/opportunities", NULL, "soft_delete", "true", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException",
                           "Filters are mandatory for bulk delete operations");
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before);
}
END_TEST

START_TEST(bulk_soft_delete_restore_destroy)
{
    char ids[3][37];
    ct_create("opportunities", "{\"name\":\"del-1\"}", ids[0]);
    ct_create("opportunities", "{\"name\":\"del-2\"}", ids[1]);
    ct_create("opportunities", "{\"name\":\"del-3\"}", ids[2]);
    char keep[37];
    ct_create("opportunities", "{\"name\":\"keep-1\"}", keep);
    int before = total_count(NULL);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "DELETE", "/rest/opportunities", NULL, "filter",
                "name[startsWith]:del-", "soft_delete", "true", NULL);
    ct_assert_status(&r, 200);
    const cJSON *arr = ct_j(r.json, "data.deleteOpportunities");
    ck_assert_msg(cJSON_GetArraySize(arr) == 3, "{data:{deleteOpportunities:[{id}×3]}}: %s", ct_show(&r));
    for (int i = 0; i < 3; i++) {
        bool found = false;
        const cJSON *it;
        cJSON_ArrayForEach(it, arr) found |= ct_jstr(it, "id") && strcmp(ct_jstr(it, "id"), ids[i]) == 0;
        ck_assert_msg(found, "deleted id %s missing from the answer", ids[i]);
    }
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before - 3);
    ck_assert_int_eq(total_count("name[startsWith]:del-,deletedAt[is]:NOT_NULL"), 3);

    cthttp_send(ct_client(), &r, "PATCH", "/rest/opportunities/restore", NULL, "filter",
                "name[startsWith]:del-,deletedAt[is]:NOT_NULL", NULL);
    ct_assert_status(&r, 200);
    arr = ct_j(r.json, "data.restoreOpportunities");
    ck_assert_msg(cJSON_GetArraySize(arr) == 3, "{data:{restoreOpportunities:[3]}}: %s", ct_show(&r));
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) ck_assert(ct_jnull(it, "deletedAt"));
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before);

    cthttp_send(ct_client(), &r, "DELETE", "/rest/opportunities", NULL, "filter", "name[startsWith]:del-",
                NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(cJSON_GetArraySize(ct_j(r.json, "data.deleteOpportunities")) == 3,
                  "bulk destroy answers deleteOpportunities: %s", ct_show(&r));
    cthttp_resp_free(&r);
    ck_assert_int_eq(total_count(NULL), before - 3);
    ck_assert_int_eq(total_count("name[startsWith]:del-,deletedAt[is]:NOT_NULL"), 0);
    ck_assert_int_eq(total_count("name[eq]:keep-1"), 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_write");
    TCase *create = ct_tcase("create", 60);
    tcase_add_unchecked_fixture(create, up, down);
    tcase_add_test(create, create_empty_body_gives_defaults);   /* first: empty table */
    tcase_add_test(create, create_echoes_every_field);
    tcase_add_test(create, create_accepts_amount_micros_as_string);
    tcase_add_test(create, create_null_name_comes_back_empty);
    tcase_add_test(create, create_with_client_id_and_duplicate);
    tcase_add_test(create, create_validation_messages);
    tcase_add_test(create, create_stage_is_never_null);
    tcase_add_test(create, create_created_by_source_may_be_given);
    tcase_add_test(create, create_with_depth_1);
    tcase_add_test(create, create_upsert_updates_existing);
    tcase_add_test(create, batch_create);
    suite_add_tcase(s, create);

    TCase *pos = ct_tcase("position", 30);
    tcase_add_unchecked_fixture(pos, up, down);
    tcase_add_test(pos, position_rules);
    suite_add_tcase(s, pos);

    TCase *upd = ct_tcase("update_delete", 60);
    tcase_add_unchecked_fixture(upd, up, down);
    tcase_add_test(upd, patch_and_put_update_one);
    tcase_add_test(upd, update_errors);
    tcase_add_test(upd, bulk_update);
    tcase_add_test(upd, delete_is_hard_by_default);
    tcase_add_test(upd, soft_delete_and_restore);
    tcase_add_test(upd, delete_errors);
    tcase_add_test(upd, bulk_delete_needs_a_filter);
    tcase_add_test(upd, bulk_soft_delete_restore_destroy);
    suite_add_tcase(s, upd);
    return ct_run(s);
}
