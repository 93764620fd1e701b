/* test_sim_store.c - twenty-sim's store in memory: create/update validation
 * with Twenty's messages, positions, soft delete / restore / destroy, and the
 * REST record shape at depth 0 and 1. Persistence and seed data are in
 * test_sim_persist.c. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "sim/store.h"

#define KEY_NAME "unit test key"

static sim_store g_st;

static void open_store(sim_store *st, const char *stages, const char *data, long seed_count,
                       uint64_t seed)
{
    sim_store_config cfg = {.stages = stages, .data_path = data, .seed_count = seed_count,
                            .seed = seed, .api_key_name = KEY_NAME};
    sim_error e = {0};
    ck_assert_msg(sim_store_open(st, &cfg, &e), "open: %s", e.message);
}

static void setup(void)
{
    setenv("SIM_TODAY", "2025-06-01", 1);
    open_store(&g_st, "default", NULL, -1, 1);
}

static void teardown(void) { sim_store_close(&g_st); }

static cJSON *parse(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    ck_assert_msg(j != NULL, "bad test JSON: %s", text);
    return j;
}

static sim_record *create_ok(sim_obj_kind k, const char *body)
{
    cJSON *in = parse(body);
    sim_error e = {0};
    sim_record *r = sim_store_create(&g_st, k, in, &e);
    cJSON_Delete(in);
    ck_assert_msg(r != NULL, "create %s: %d %s", body, e.status, e.message);
    return r;
}

static void create_fails(sim_obj_kind k, const char *body, int status, const char *message)
{
    cJSON *in = parse(body);
    sim_error e = {0};
    size_t before = sim_store_table(&g_st, k)->n;
    sim_record *r = sim_store_create(&g_st, k, in, &e);
    cJSON_Delete(in);
    ck_assert_msg(r == NULL, "create %s succeeded", body);
    ck_assert_int_eq(e.status, status);
    if (status == 400)
        ck_assert_str_eq(e.error, "BadRequestException");
    ck_assert_str_eq(e.message, message);
    ck_assert_int_eq(sim_store_table(&g_st, k)->n, before);
}

static sim_record *update_ok(sim_obj_kind k, const sim_record *r, const char *body)
{
    cJSON *in = parse(body);
    sim_error e = {0};
    sim_uuid id = r->v[0].as.u;
    sim_record *u = sim_store_update(&g_st, k, &id, in, &e);
    cJSON_Delete(in);
    ck_assert_msg(u != NULL, "update %s: %d %s", body, e.status, e.message);
    return u;
}

static void update_fails(sim_obj_kind k, const sim_uuid *id, const char *body, int status,
                         const char *message)
{
    cJSON *in = parse(body);
    sim_error e = {0};
    ck_assert(sim_store_update(&g_st, k, id, in, &e) == NULL);
    cJSON_Delete(in);
    ck_assert_int_eq(e.status, status);
    ck_assert_str_eq(e.message, message);
}

static cJSON *out(sim_obj_kind k, const sim_record *r, int depth)
{
    cJSON *j = sim_record_to_json(&g_st, k, r, depth);
    ck_assert_ptr_nonnull(j);
    return j;
}

static const char *str_at(const cJSON *j, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, a);
    if (b)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    ck_assert_msg(cJSON_IsString(x), "%s%s%s is not a string", a, b ? "." : "", b ? b : "");
    return x->valuestring;
}

static bool null_at(const cJSON *j, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, a);
    if (b)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    return cJSON_IsNull(x);
}

static double num_at(const cJSON *j, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, a);
    if (b)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    ck_assert_msg(cJSON_IsNumber(x), "%s is not a number", a);
    return x->valuedouble;
}

static double position_of(const sim_record *r)
{
    cJSON *j = out(SIM_OBJ_OPPORTUNITY, r, 0);
    double p = num_at(j, "position", NULL);
    cJSON_Delete(j);
    return p;
}

static void id_text(const sim_record *r, char buf[37]) { sim_uuid_format(&r->v[0].as.u, buf); }

/* ================= create ================= */

START_TEST(empty_create_gets_defaults)
{
    sim_record *r = create_ok(SIM_OBJ_OPPORTUNITY, "{}");
    cJSON *j = out(SIM_OBJ_OPPORTUNITY, r, 0);
    sim_uuid u;
    ck_assert(sim_uuid_parse(str_at(j, "id", NULL), &u));
    ck_assert_str_eq(str_at(j, "name", NULL), "");
    ck_assert_str_eq(str_at(j, "stage", NULL), "NEW");
    ck_assert(null_at(j, "closeDate", NULL));
    ck_assert(null_at(j, "amount", "amountMicros"));
    ck_assert(null_at(j, "amount", "currencyCode"));
    ck_assert(null_at(j, "companyId", NULL));
    ck_assert(null_at(j, "pointOfContactId", NULL));
    ck_assert(null_at(j, "ownerId", NULL));
    ck_assert(null_at(j, "deletedAt", NULL));
    ck_assert(num_at(j, "position", NULL) == 0); /* empty table */
    ck_assert_str_eq(str_at(j, "createdBy", "source"), "API");
    ck_assert_str_eq(str_at(j, "createdBy", "name"), KEY_NAME);
    ck_assert(null_at(j, "createdBy", "workspaceMemberId"));
    ck_assert(cJSON_IsObject(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "createdBy"), "context")));
    ck_assert_str_eq(str_at(j, "updatedBy", "source"), "API");
    ck_assert_str_eq(str_at(j, "createdAt", NULL), str_at(j, "updatedAt", NULL));
    int64_t ms;
    ck_assert(sim_time_parse(str_at(j, "createdAt", NULL), &ms));
    ck_assert_int_le(llabs(ms - sim_time_now_ms()), 5000);
    ck_assert_int_eq(strlen(str_at(j, "createdAt", NULL)), 24);
    ck_assert_ptr_null(cJSON_GetObjectItem(j, "company")); /* depth 0: FKs only */
    ck_assert_ptr_null(cJSON_GetObjectItem(j, "favorites"));
    cJSON_Delete(j);
    ck_assert_ptr_eq(sim_table_get(sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY), &u), r);
}
END_TEST

START_TEST(create_keeps_given_values)
{
    sim_record *r = create_ok(SIM_OBJ_OPPORTUNITY,
                              "{\"name\":\"Acme renewal\",\"stage\":\"MEETING\","
                              "\"amount\":{\"amountMicros\":\"50000000000\",\"currencyCode\":\"USD\"},"
                              "\"closeDate\":\"2025-06-15\",\"position\":2.5}");
    cJSON *j = out(SIM_OBJ_OPPORTUNITY, r, 0);
    ck_assert_str_eq(str_at(j, "name", NULL), "Acme renewal");
    ck_assert_str_eq(str_at(j, "stage", NULL), "MEETING");
    const cJSON *micros = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "amount"), "amountMicros");
    ck_assert(cJSON_IsNumber(micros)); /* a number on output even when sent as a string */
    ck_assert(micros->valuedouble == 50000000000.0);
    ck_assert_str_eq(str_at(j, "amount", "currencyCode"), "USD");
    ck_assert_str_eq(str_at(j, "closeDate", NULL), "2025-06-15T00:00:00.000Z");
    ck_assert(num_at(j, "position", NULL) == 2.5);
    cJSON_Delete(j);
    /* a number works too, and "" means null */
    r = create_ok(SIM_OBJ_OPPORTUNITY,
                  "{\"name\":\"\",\"amount\":{\"amountMicros\":1500000,\"currencyCode\":\"\"}}");
    j = out(SIM_OBJ_OPPORTUNITY, r, 0);
    ck_assert(num_at(j, "amount", "amountMicros") == 1500000);
    ck_assert(null_at(j, "amount", "currencyCode"));
    ck_assert_str_eq(str_at(j, "name", NULL), "");
    cJSON_Delete(j);
    r = create_ok(SIM_OBJ_OPPORTUNITY, "{\"name\":null,\"amount\":null,\"closeDate\":null}");
    j = out(SIM_OBJ_OPPORTUNITY, r, 0);
    ck_assert_str_eq(str_at(j, "name", NULL), ""); /* null name comes back as "" */
    ck_assert(null_at(j, "amount", "amountMicros"));
    cJSON_Delete(j);
}
END_TEST

START_TEST(create_rejects_with_twentys_messages)
{
    sim_obj_kind O = SIM_OBJ_OPPORTUNITY;
    create_fails(O, "{\"foo\":1}", 400, "Object opportunity doesn't have any \"foo\" field.");
    create_fails(O, "{\"name\":\"a\",\"amountMicros\":5}", 400,
                 "Object opportunity doesn't have any \"amountMicros\" field.");
    create_fails(O, "{\"stage\":\"BOGUS\"}", 400, "Invalid value 'BOGUS' for field \"stage\"");
    create_fails(O, "{\"stage\":\"new\"}", 400, "Invalid value 'new' for field \"stage\"");
    create_fails(O, "{\"stage\":\"CLOSED_WON\"}", 400,
                 "Invalid value 'CLOSED_WON' for field \"stage\"");
    create_fails(O, "{\"stage\":null}", 400,
                 "null value in column \"stage\" of relation \"opportunity\" violates not-null "
                 "constraint");
    create_fails(O, "{\"amount\":{\"amountMicros\":1,\"currency\":\"USD\"}}", 400,
                 "Invalid subfield currency for currency field \"amount\"");
    create_fails(O, "{\"amount\":{\"amountMicros\":\"12abc\"}}", 400,
                 "Invalid number value NaN for field \"amount.amountMicros\"");
    create_fails(O, "{\"amount\":{\"amountMicros\":true}}", 400,
                 "Invalid number value true for field \"amount.amountMicros\"");
    create_fails(O, "{\"amount\":{\"currencyCode\":\"XYZ\"}}", 400,
                 "Invalid currency code 'XYZ' for field \"amount.currencyCode\"");
    create_fails(O, "{\"amount\":{\"currencyCode\":\"usd\"}}", 400,
                 "Invalid currency code 'usd' for field \"amount.currencyCode\"");
    create_fails(O, "{\"amount\":{\"currencyCode\":5}}", 400,
                 "Invalid string value 5 for text field \"amount.currencyCode\"");
    create_fails(O, "{\"amount\":5000}", 400, "Invalid object value 5000 for field \"amount\"");
    create_fails(O, "{\"name\":5}", 400, "Invalid string value 5 for text field \"name\"");
    create_fails(O, "{\"closeDate\":\"June 15\"}", 400,
                 "Invalid value 'June 15' for date-time field \"closeDate\". Expected format: "
                 "'YYYY-MM-DDTHH:mm:ssZ'");
    create_fails(O, "{\"closeDate\":\"2025-02-30\"}", 400,
                 "Invalid value '2025-02-30' for date-time field \"closeDate\". Expected format: "
                 "'YYYY-MM-DDTHH:mm:ssZ'");
    create_fails(O, "{\"position\":\"middle\"}", 400,
                 "Invalid position value 'middle' for field \"position\"");
    create_fails(O, "{\"position\":null}", 400, "Invalid position value null for field \"position\"");
    create_fails(O, "{\"companyId\":\"acme\"}", 400, "Invalid UUID value 'acme' for field \"companyId\"");
    create_fails(O, "{\"companyId\":\"\"}", 400, "Invalid UUID value '' for field \"companyId\"");
    create_fails(O, "{\"id\":\"123\"}", 400, "Invalid UUID value '123' for field \"id\"");
    create_fails(O, "{\"favorites\":[]}", 400,
                 "One-to-many relation favorites field does not support write operations.");
    create_fails(O, "{\"company\":\"acme\"}", 400,
                 "Relation \"company\" requires connect or disconnect operation");
    create_fails(O, "{\"createdBy\":{\"source\":\"ROBOT\"}}", 400,
                 "Invalid value 'ROBOT' for field \"createdBy.source\"");
    create_fails(O, "{\"createdBy\":{\"origin\":\"API\"}}", 400,
                 "Invalid subfield origin for actor field \"createdBy\"");
    create_fails(O, "{\"name\":\"it's\",\"stage\":\"it's\"}", 400,
                 "Invalid value \"it's\" for field \"stage\"");
    create_fails(SIM_OBJ_MEMBER, "{\"userEmail\":null}", 400,
                 "Field userEmail is not nullable and has no default value.");
    create_fails(SIM_OBJ_MEMBER, "{\"name\":{\"firstName\":\"A\"}}", 400,
                 "null value in column \"userEmail\" of relation \"workspaceMember\" violates "
                 "not-null constraint");
    create_fails(SIM_OBJ_PERSON, "{\"name\":{\"first\":\"A\"}}", 400,
                 "Invalid subfield first for full name field \"name\"");
    create_fails(SIM_OBJ_COMPANY, "{\"employees\":\"12\"}", 400,
                 "Invalid number value '12' for field \"employees\"");
    /* the first bad key wins, as in Twenty */
    create_fails(O, "{\"stage\":\"X\",\"foo\":1}", 400, "Invalid value 'X' for field \"stage\"");
    ck_assert_int_eq(sim_store_table(&g_st, O)->n, 0);
}
END_TEST

START_TEST(foreign_keys_must_exist_and_be_live)
{
    sim_record *c = create_ok(SIM_OBJ_COMPANY, "{\"name\":\"Acme Corp\"}");
    char cid[37], body[256];
    id_text(c, cid);
    snprintf(body, sizeof body, "{\"companyId\":\"%s\"}", cid);
    sim_record *o = create_ok(SIM_OBJ_OPPORTUNITY, body);
    cJSON *j = out(SIM_OBJ_OPPORTUNITY, o, 0);
    ck_assert_str_eq(str_at(j, "companyId", NULL), cid);
    cJSON_Delete(j);
    const char *missing = "{\"companyId\":\"00000000-0000-4000-8000-000000000001\"}";
    cJSON *in = parse(missing);
    sim_error e = {0};
    ck_assert_ptr_null(sim_store_create(&g_st, SIM_OBJ_OPPORTUNITY, in, &e));
    cJSON_Delete(in);
    ck_assert_int_eq(e.status, 400);
    const char *prefix = "insert or update on table \"opportunity\" violates foreign key "
                         "constraint \"FK_";
    ck_assert_msg(strncmp(e.message, prefix, strlen(prefix)) == 0, "%s", e.message);
    ck_assert_int_eq(strlen(e.message), strlen(prefix) + 27 + 1); /* FK_ + 27 hex + quote */
    /* a soft-deleted company cannot be linked */
    ck_assert(sim_store_soft_delete(&g_st, SIM_OBJ_COMPANY, &c->v[0].as.u, &e));
    in = parse(body);
    ck_assert_ptr_null(sim_store_create(&g_st, SIM_OBJ_OPPORTUNITY, in, &e));
    cJSON_Delete(in);
    ck_assert(strstr(e.message, "violates foreign key constraint") != NULL);
    /* ownerId points at workspace members, not companies */
    ck_assert(sim_store_restore(&g_st, SIM_OBJ_COMPANY, &c->v[0].as.u, &e));
    snprintf(body, sizeof body, "{\"ownerId\":\"%s\"}", cid);
    in = parse(body);
    ck_assert_ptr_null(sim_store_create(&g_st, SIM_OBJ_OPPORTUNITY, in, &e));
    cJSON_Delete(in);
    ck_assert(strstr(e.message, "violates foreign key constraint") != NULL);
}
END_TEST

START_TEST(connect_and_disconnect)
{
    sim_record *c = create_ok(SIM_OBJ_COMPANY,
                              "{\"name\":\"Globex\",\"domainName\":{\"primaryLinkUrl\":\"https://globex.com\"}}");
    char cid[37], body[256];
    id_text(c, cid);
    snprintf(body, sizeof body, "{\"company\":{\"connect\":{\"where\":{\"id\":\"%s\"}}}}", cid);
    sim_record *o = create_ok(SIM_OBJ_OPPORTUNITY, body);
    cJSON *j = out(SIM_OBJ_OPPORTUNITY, o, 0);
    ck_assert_str_eq(str_at(j, "companyId", NULL), cid);
    cJSON_Delete(j);
    o = update_ok(SIM_OBJ_OPPORTUNITY, o, "{\"company\":{\"disconnect\":true}}");
    j = out(SIM_OBJ_OPPORTUNITY, o, 0);
    ck_assert(null_at(j, "companyId", NULL));
    cJSON_Delete(j);
    /* by another unique field */
    o = update_ok(SIM_OBJ_OPPORTUNITY, o,
                  "{\"company\":{\"connect\":{\"where\":{\"domainName\":{\"primaryLinkUrl\":"
                  "\"https://globex.com\"}}}}}");
    j = out(SIM_OBJ_OPPORTUNITY, o, 0);
    ck_assert_str_eq(str_at(j, "companyId", NULL), cid);
    cJSON_Delete(j);
    o = update_ok(SIM_OBJ_OPPORTUNITY, o, "{\"company\":null}");
    j = out(SIM_OBJ_OPPORTUNITY, o, 0);
    ck_assert(null_at(j, "companyId", NULL));
    cJSON_Delete(j);
    create_fails(SIM_OBJ_OPPORTUNITY,
                 "{\"company\":{\"connect\":{\"where\":{\"id\":"
                 "\"00000000-0000-4000-8000-000000000009\"}}}}",
                 400, "Expected 1 record to connect to company, but found 0.");
    create_fails(SIM_OBJ_OPPORTUNITY, "{\"company\":{\"connect\":{\"where\":{}},\"disconnect\":true}}",
                 400, "Cannot have both connect and disconnect for relation \"company\"");
}
END_TEST

START_TEST(client_ids_and_duplicates)
{
    const char *id = "1f0e2d3c-4b5a-4697-8899-aabbccddeeff";
    char body[128];
    snprintf(body, sizeof body, "{\"id\":\"%s\",\"name\":\"mine\"}", id);
    sim_record *r = create_ok(SIM_OBJ_OPPORTUNITY, body);
    char got[37];
    id_text(r, got);
    ck_assert_str_eq(got, id);
    create_fails(SIM_OBJ_OPPORTUNITY, body, 400, "Record already exists");
    /* upper-case input is the same id */
    create_fails(SIM_OBJ_OPPORTUNITY, "{\"id\":\"1F0E2D3C-4B5A-4697-8899-AABBCCDDEEFF\"}", 400,
                 "Record already exists");
    /* a batch may not repeat an id either */
    cJSON *arr = parse("[{\"id\":\"2f0e2d3c-4b5a-4697-8899-aabbccddeeff\"},"
                       "{\"id\":\"2f0e2d3c-4b5a-4697-8899-aabbccddeeff\"}]");
    sim_record **recs;
    size_t n;
    sim_error e = {0};
    ck_assert(!sim_store_create_many(&g_st, SIM_OBJ_OPPORTUNITY, arr, &recs, &n, &e));
    ck_assert_str_eq(e.message, "Record already exists");
    cJSON_Delete(arr);
    ck_assert_int_eq(sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->n, 1);
}
END_TEST

START_TEST(actor_source_from_client)
{
    sim_record *r = create_ok(SIM_OBJ_OPPORTUNITY,
                              "{\"createdBy\":{\"source\":\"IMPORT\",\"name\":\"ignored\"}}");
    cJSON *j = out(SIM_OBJ_OPPORTUNITY, r, 0);
    ck_assert_str_eq(str_at(j, "createdBy", "source"), "IMPORT");
    ck_assert_str_eq(str_at(j, "createdBy", "name"), KEY_NAME);
    ck_assert_str_eq(str_at(j, "updatedBy", "source"), "API");
    cJSON_Delete(j);
    /* an update keeps the creator */
    r = update_ok(SIM_OBJ_OPPORTUNITY, r, "{\"createdBy\":{\"source\":\"EMAIL\"},\"name\":\"x\"}");
    j = out(SIM_OBJ_OPPORTUNITY, r, 0);
    ck_assert_str_eq(str_at(j, "createdBy", "source"), "IMPORT");
    ck_assert_str_eq(str_at(j, "name", NULL), "x");
    cJSON_Delete(j);
}
END_TEST

START_TEST(batch_is_all_or_nothing)
{
    cJSON *arr = parse("[{\"name\":\"a\"},{\"name\":\"b\",\"stage\":\"NOPE\"},{\"name\":\"c\"}]");
    sim_record **recs = NULL;
    size_t n = 9;
    sim_error e = {0};
    uint64_t gen = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->generation;
    ck_assert(!sim_store_create_many(&g_st, SIM_OBJ_OPPORTUNITY, arr, &recs, &n, &e));
    cJSON_Delete(arr);
    ck_assert_str_eq(e.message, "Invalid value 'NOPE' for field \"stage\"");
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->n, 0);
    ck_assert_uint_eq(sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->generation, gen);
    arr = parse("[]");
    ck_assert(!sim_store_create_many(&g_st, SIM_OBJ_OPPORTUNITY, arr, &recs, &n, &e));
    ck_assert_int_eq(e.status, 400);
    cJSON_Delete(arr);
    arr = parse("{\"name\":\"a\"}");
    ck_assert(!sim_store_create_many(&g_st, SIM_OBJ_OPPORTUNITY, arr, &recs, &n, &e));
    ck_assert_int_eq(e.status, 400);
    cJSON_Delete(arr);
}
END_TEST

/* ================= positions ================= */

START_TEST(positions_first_last_and_batches)
{
    sim_obj_kind O = SIM_OBJ_OPPORTUNITY;
    sim_record *a = create_ok(O, "{}");
    ck_assert(position_of(a) == 0);
    sim_record *b = create_ok(O, "{}"); /* default "first": min - 1 */
    ck_assert(position_of(b) == -1);
    sim_record *c = create_ok(O, "{\"position\":\"last\"}");
    ck_assert(position_of(c) == 1);
    sim_record *d = create_ok(O, "{\"position\":\"first\"}");
    ck_assert(position_of(d) == -2);
    sim_record *e = create_ok(O, "{\"position\":7.25}");
    ck_assert(position_of(e) == 7.25);
    ck_assert(sim_store_min_position(&g_st, O) == -2);

    cJSON *arr = parse("[{},{},{\"position\":\"last\"},{}]");
    sim_record **recs;
    size_t n;
    sim_error err = {0};
    ck_assert(sim_store_create_many(&g_st, O, arr, &recs, &n, &err));
    cJSON_Delete(arr);
    ck_assert_int_eq(n, 4);
    ck_assert(position_of(recs[0]) == -3); /* min - 1 - i over the "first" items */
    ck_assert(position_of(recs[1]) == -4);
    ck_assert(position_of(recs[2]) == 8.25); /* max + 1 */
    ck_assert(position_of(recs[3]) == -5);
    free(recs);

    /* a batch's own numbers count, as in Twenty's record position service */
    arr = parse("[{\"position\":-100},{}]");
    ck_assert(sim_store_create_many(&g_st, O, arr, &recs, &n, &err));
    cJSON_Delete(arr);
    ck_assert(position_of(recs[0]) == -100);
    ck_assert(position_of(recs[1]) == -101);
    free(recs);

    /* updates: no backfill; first/last move the card */
    sim_record *u = update_ok(O, a, "{\"name\":\"renamed\"}");
    ck_assert(position_of(u) == 0);
    u = update_ok(O, a, "{\"position\":\"first\"}");
    ck_assert(position_of(u) == -102);
    u = update_ok(O, a, "{\"stage\":\"MEETING\",\"position\":2.5}");
    ck_assert(position_of(u) == 2.5);
    /* soft-deleted records do not count */
    ck_assert(sim_store_soft_delete(&g_st, O, &e->v[0].as.u, &err));
    c = create_ok(O, "{\"position\":\"last\"}");
    ck_assert(position_of(c) == 9.25); /* max is recs' 8.25 */
}
END_TEST

START_TEST(positions_in_an_empty_table)
{
    sim_record *r = create_ok(SIM_OBJ_OPPORTUNITY, "{\"position\":\"last\"}");
    ck_assert(position_of(r) == 2); /* Twenty's fallback position 1, plus 1 */
    ck_assert(sim_store_min_position(&g_st, SIM_OBJ_COMPANY) == 0);
}
END_TEST

static void brute_extremes(sim_table *t, double *lo, double *hi, bool *any)
{
    int slot = sim_object_field(t->obj, "position")->slot;
    *any = false;
    for (size_t i = 0; i < t->n; i++) {
        sim_record *r = t->rows[i];
        if (sim_record_deleted(t, r))
            continue;
        double p = r->v[slot].as.n;
        if (!*any || p < *lo)
            *lo = p;
        if (!*any || p > *hi)
            *hi = p;
        *any = true;
    }
}

START_TEST(position_index_survives_churn)
{
    sim_obj_kind O = SIM_OBJ_OPPORTUNITY;
    sim_table *t = sim_store_table(&g_st, O);
    uint64_t rng = 77;
    sim_error e = {0};
    for (int step = 0; step < 3000; step++) {
        unsigned op = (unsigned)(sim_rand_next(&rng) % 6);
        sim_record *r = t->n ? t->rows[sim_rand_next(&rng) % t->n] : NULL;
        char body[96];
        if (op == 0 || !r) {
            static const char *const pos[] = {"\"first\"", "\"last\"", "-3.5", "12"};
            snprintf(body, sizeof body, "{\"position\":%s}", pos[sim_rand_next(&rng) % 4]);
            create_ok(O, body);
        } else if (op == 1) {
            create_ok(O, "{}");
        } else if (op == 2 && !sim_record_deleted(t, r)) {
            snprintf(body, sizeof body, "{\"position\":%d}", (int)(sim_rand_next(&rng) % 200) - 100);
            update_ok(O, r, body);
        } else if (op == 3 && !sim_record_deleted(t, r)) {
            ck_assert(sim_store_soft_delete(&g_st, O, &r->v[0].as.u, &e));
        } else if (op == 4) {
            sim_uuid id = r->v[0].as.u;
            ck_assert(sim_store_destroy(&g_st, O, &id, &e));
        } else if (op == 5) {
            ck_assert_ptr_nonnull(sim_store_restore(&g_st, O, &r->v[0].as.u, &e));
        }
        double lo = 0, hi = 0;
        bool any;
        brute_extremes(t, &lo, &hi, &any);
        ck_assert_msg(sim_store_min_position(&g_st, O) == (any ? lo : 0), "step %d", step);
        if (any && step % 7 == 0) { /* "last" must land above the true max */
            sim_record *c = create_ok(O, "{\"position\":\"last\"}");
            ck_assert(position_of(c) == hi + 1);
        }
    }
}
END_TEST

/* ================= update ================= */

START_TEST(update_changes_only_given_keys)
{
    sim_obj_kind O = SIM_OBJ_OPPORTUNITY;
    sim_record *r = create_ok(O, "{\"name\":\"Deal\",\"amount\":{\"amountMicros\":5000000,"
                                 "\"currencyCode\":\"EUR\"},\"closeDate\":\"2025-01-01T00:00:00Z\"}");
    cJSON *before = out(O, r, 0);
    uint64_t gen = sim_store_table(&g_st, O)->generation;
    usleep(3000);
    r = update_ok(O, r, "{\"amount\":{\"amountMicros\":7000000}}");
    ck_assert_uint_gt(sim_store_table(&g_st, O)->generation, gen);
    cJSON *after = out(O, r, 0);
    ck_assert(num_at(after, "amount", "amountMicros") == 7000000);
    ck_assert_str_eq(str_at(after, "amount", "currencyCode"), "EUR"); /* untouched subfield */
    ck_assert_str_eq(str_at(after, "name", NULL), "Deal");
    ck_assert_str_eq(str_at(after, "closeDate", NULL), "2025-01-01T00:00:00.000Z");
    ck_assert_str_eq(str_at(after, "createdAt", NULL), str_at(before, "createdAt", NULL));
    ck_assert_str_gt(str_at(after, "updatedAt", NULL), str_at(before, "updatedAt", NULL));
    ck_assert_str_eq(str_at(after, "updatedBy", "name"), KEY_NAME);
    cJSON_Delete(before);
    cJSON_Delete(after);
    update_fails(O, &r->v[0].as.u, "{\"stage\":\"LOST\"}", 400,
                 "Invalid value 'LOST' for field \"stage\"");
    update_fails(O, &r->v[0].as.u, "{\"stage\":null}", 400,
                 "null value in column \"stage\" of relation \"opportunity\" violates not-null "
                 "constraint");
    update_fails(O, &r->v[0].as.u, "{\"id\":\"00000000-0000-4000-8000-000000000001\"}", 400,
                 "The id of a record cannot be changed");
    after = out(O, r, 0);
    ck_assert_str_eq(str_at(after, "stage", NULL), "NEW"); /* failed updates change nothing */
    cJSON_Delete(after);
    sim_uuid none;
    sim_uuid_parse("00000000-0000-4000-8000-000000000002", &none);
    update_fails(O, &none, "{\"name\":\"x\"}", 404, "Record not found");
    sim_error e = {0};
    cJSON *in = parse("{\"foo\":1}");
    ck_assert(!sim_store_validate_update(&g_st, O, in, &e));
    ck_assert_str_eq(e.message, "Object opportunity doesn't have any \"foo\" field.");
    cJSON_Delete(in);
    in = parse("{\"stage\":\"PROPOSAL\",\"position\":\"last\"}");
    gen = sim_store_table(&g_st, O)->generation;
    ck_assert(sim_store_validate_update(&g_st, O, in, &e));
    ck_assert_uint_eq(sim_store_table(&g_st, O)->generation, gen);
    cJSON_Delete(in);
}
END_TEST

/* ================= delete / restore / destroy ================= */

START_TEST(soft_delete_restore_destroy)
{
    sim_obj_kind O = SIM_OBJ_OPPORTUNITY;
    sim_table *t = sim_store_table(&g_st, O);
    sim_record *r = create_ok(O, "{\"name\":\"gone soon\"}");
    sim_uuid id = r->v[0].as.u;
    sim_error e = {0};
    ck_assert(sim_store_soft_delete(&g_st, O, &id, &e));
    ck_assert_ptr_eq(sim_table_get(t, &id), r);
    ck_assert(sim_record_deleted(t, r));
    ck_assert_int_eq(t->deleted, 1);
    cJSON *j = out(O, r, 0);
    ck_assert(!null_at(j, "deletedAt", NULL));
    cJSON_Delete(j);
    ck_assert(!sim_store_soft_delete(&g_st, O, &id, &e));
    ck_assert_int_eq(e.status, 404);
    update_fails(O, &id, "{\"name\":\"x\"}", 404, "Record not found");
    ck_assert_ptr_eq(sim_store_restore(&g_st, O, &id, &e), r);
    ck_assert(!sim_record_deleted(t, r));
    ck_assert_int_eq(t->deleted, 0);
    ck_assert_ptr_eq(sim_store_restore(&g_st, O, &id, &e), r); /* already live: unchanged */
    ck_assert(sim_store_soft_delete(&g_st, O, &id, &e));
    ck_assert(sim_store_destroy(&g_st, O, &id, &e)); /* destroy works on trashed rows */
    ck_assert_ptr_null(sim_table_get(t, &id));
    ck_assert_int_eq(t->n, 0);
    ck_assert_int_eq(t->deleted, 0);
    ck_assert(!sim_store_destroy(&g_st, O, &id, &e));
    ck_assert_int_eq(e.status, 404);
    ck_assert_str_eq(e.error, "NotFoundException");
    ck_assert_ptr_null(sim_store_restore(&g_st, O, &id, &e));
    ck_assert_int_eq(e.status, 404);
}
END_TEST

START_TEST(destroy_sets_foreign_keys_null)
{
    sim_record *c = create_ok(SIM_OBJ_COMPANY, "{\"name\":\"Initech\"}");
    char cid[37], body[128];
    id_text(c, cid);
    snprintf(body, sizeof body, "{\"companyId\":\"%s\"}", cid);
    sim_record *o = create_ok(SIM_OBJ_OPPORTUNITY, body);
    sim_record *p = create_ok(SIM_OBJ_PERSON, body);
    uint64_t gen = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->generation;
    sim_error e = {0};
    sim_uuid id = c->v[0].as.u;
    ck_assert(sim_store_destroy(&g_st, SIM_OBJ_COMPANY, &id, &e));
    ck_assert_uint_gt(sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->generation, gen);
    cJSON *j = out(SIM_OBJ_OPPORTUNITY, o, 0);
    ck_assert(null_at(j, "companyId", NULL));
    cJSON_Delete(j);
    j = out(SIM_OBJ_PERSON, p, 0);
    ck_assert(null_at(j, "companyId", NULL));
    cJSON_Delete(j);
}
END_TEST

START_TEST(many_ids_stay_findable)
{
    sim_obj_kind O = SIM_OBJ_COMPANY;
    sim_table *t = sim_store_table(&g_st, O);
    enum { N = 3000 };
    static sim_uuid ids[N];
    static bool alive[N];
    cJSON *in = parse("{}");
    sim_error e = {0};
    for (int i = 0; i < N; i++) {
        sim_record *r = sim_store_create(&g_st, O, in, &e);
        ck_assert_ptr_nonnull(r);
        ids[i] = r->v[0].as.u;
        alive[i] = true;
    }
    cJSON_Delete(in);
    uint64_t rng = 5;
    for (int i = 0; i < N / 2; i++) {
        int k = (int)(sim_rand_next(&rng) % N);
        if (alive[k]) {
            ck_assert(sim_store_destroy(&g_st, O, &ids[k], &e));
            alive[k] = false;
        }
    }
    size_t live = 0;
    for (int i = 0; i < N; i++) {
        sim_record *r = sim_table_get(t, &ids[i]);
        ck_assert(alive[i] ? r != NULL : r == NULL);
        if (r)
            ck_assert_int_eq(sim_uuid_cmp(&r->v[0].as.u, &ids[i]), 0);
        live += alive[i];
    }
    ck_assert_int_eq(t->n, live);
}
END_TEST

/* ================= output ================= */

START_TEST(depth_one_embeds_relations)
{
    sim_record *m = create_ok(SIM_OBJ_MEMBER, "{\"name\":{\"firstName\":\"Jane\",\"lastName\":\"Doe\"},"
                                              "\"userEmail\":\"jane@example.com\"}");
    char mid[37], cid[37], body[400];
    id_text(m, mid);
    snprintf(body, sizeof body, "{\"name\":\"Hooli\",\"accountOwnerId\":\"%s\",\"employees\":120}", mid);
    sim_record *c = create_ok(SIM_OBJ_COMPANY, body);
    id_text(c, cid);
    snprintf(body, sizeof body, "{\"name\":\"Hooli pilot\",\"companyId\":\"%s\",\"ownerId\":\"%s\"}",
             cid, mid);
    sim_record *o = create_ok(SIM_OBJ_OPPORTUNITY, body);
    create_ok(SIM_OBJ_OPPORTUNITY, "{\"name\":\"unrelated\"}");

    cJSON *j = out(SIM_OBJ_OPPORTUNITY, o, 1);
    ck_assert_str_eq(str_at(j, "companyId", NULL), cid);
    ck_assert_str_eq(str_at(j, "company", "name"), "Hooli");
    ck_assert(num_at(j, "company", "employees") == 120);
    ck_assert_str_eq(str_at(j, "company", "accountOwnerId"), mid);
    /* embedded records carry no further relations */
    ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "company"), "accountOwner"));
    ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "company"), "opportunities"));
    ck_assert(null_at(j, "pointOfContact", NULL));
    ck_assert_str_eq(str_at(j, "owner", "userEmail"), "jane@example.com");
    static const char *const many[] = {"favorites", "taskTargets", "noteTargets", "attachments",
                                       "timelineActivities"};
    for (int i = 0; i < 5; i++) {
        const cJSON *a = cJSON_GetObjectItem(j, many[i]);
        ck_assert_msg(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 0, "%s", many[i]);
    }
    cJSON_Delete(j);

    j = out(SIM_OBJ_COMPANY, c, 1);
    const cJSON *opps = cJSON_GetObjectItem(j, "opportunities");
    ck_assert_int_eq(cJSON_GetArraySize(opps), 1);
    ck_assert_str_eq(str_at(cJSON_GetArrayItem(opps, 0), "name", NULL), "Hooli pilot");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "people")), 0);
    ck_assert(cJSON_IsObject(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "accountOwner"), "name")));
    ck_assert_str_eq(str_at(j, "domainName", "primaryLinkUrl"), ""); /* null link is "" */
    cJSON_Delete(j);

    /* a soft-deleted company is not embedded, and its opportunities list skips trash */
    sim_error e = {0};
    ck_assert(sim_store_soft_delete(&g_st, SIM_OBJ_COMPANY, &c->v[0].as.u, &e));
    j = out(SIM_OBJ_OPPORTUNITY, o, 1);
    ck_assert(null_at(j, "company", NULL));
    ck_assert_str_eq(str_at(j, "companyId", NULL), cid);
    cJSON_Delete(j);
    ck_assert(sim_store_soft_delete(&g_st, SIM_OBJ_OPPORTUNITY, &o->v[0].as.u, &e));
    j = out(SIM_OBJ_COMPANY, c, 1);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "opportunities")), 0);
    cJSON_Delete(j);
}
END_TEST

/* The printed REST answer (the wire form: raw numbers, embedded records kept
 * as text with the record) equals the printed tree, and follows every change
 * to an embedded record: an update, a foreign key cleared by a destroy, a
 * soft delete and a restore. */
static void same_print(sim_obj_kind k, const sim_record *r, int depth)
{
    cJSON *tree = out(k, r, depth), *wire = sim_record_to_wire_json(&g_st, k, r, depth);
    ck_assert_ptr_nonnull(wire);
    char *a = cJSON_PrintUnformatted(tree), *b = cJSON_PrintUnformatted(wire);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    /* cJSON may print a tree's number as 1e+15 where the wire has its digits:
     * compare the values by parsing both. */
    cJSON *pa = cJSON_Parse(a), *pb = cJSON_Parse(b);
    ck_assert_msg(cJSON_Compare(pa, pb, true), "tree %s\nwire %s", a, b);
    cJSON_Delete(pa);
    cJSON_Delete(pb);
    free(a);
    free(b);
    cJSON_Delete(tree);
    cJSON_Delete(wire);
}

static char *wire_text(sim_obj_kind k, const sim_record *r, int depth)
{
    cJSON *wire = sim_record_to_wire_json(&g_st, k, r, depth);
    char *t = cJSON_PrintUnformatted(wire);
    cJSON_Delete(wire);
    ck_assert_ptr_nonnull(t);
    return t;
}

START_TEST(wire_form_prints_the_tree_and_follows_changes)
{
    sim_record *m = create_ok(SIM_OBJ_MEMBER, "{\"name\":{\"firstName\":\"Jane\",\"lastName\":\"Doe\"},\"userEmail\":\"j@d.e\"}");
    char mid[37], cid[37], body[400];
    id_text(m, mid);
    snprintf(body, sizeof body, "{\"name\":\"Hooli\",\"accountOwnerId\":\"%s\",\"employees\":120}", mid);
    sim_record *c = create_ok(SIM_OBJ_COMPANY, body);
    id_text(c, cid);
    snprintf(body, sizeof body,
             "{\"name\":\"Hooli pilot\",\"companyId\":\"%s\",\"ownerId\":\"%s\","
             "\"amount\":{\"amountMicros\":9007199254740993,\"currencyCode\":\"USD\"},"
             "\"position\":-2.5}", cid, mid);
    sim_record *o = create_ok(SIM_OBJ_OPPORTUNITY, body);
    sim_record *o2 = create_ok(SIM_OBJ_OPPORTUNITY,
                               "{\"name\":\"big\",\"position\":1e15,"
                               "\"amount\":{\"amountMicros\":-9007199254740992,\"currencyCode\":\"EUR\"}}");
    for (int d = 0; d <= 1; d++) {
        same_print(SIM_OBJ_OPPORTUNITY, o, d);
        same_print(SIM_OBJ_OPPORTUNITY, o2, d);
        same_print(SIM_OBJ_COMPANY, c, d);
        same_print(SIM_OBJ_MEMBER, m, d);
    }
    char *t = wire_text(SIM_OBJ_OPPORTUNITY, o2, 0);
    ck_assert_msg(strstr(t, "\"position\":1000000000000000") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "\"amountMicros\":-9007199254740992") != NULL, "%s", t);
    free(t);

    /* an update of the embedded company shows in the next answer */
    t = wire_text(SIM_OBJ_OPPORTUNITY, o, 1);
    ck_assert_msg(strstr(t, "\"name\":\"Hooli\"") != NULL, "%s", t);
    free(t);
    cJSON *in = parse("{\"name\":\"Hooli Labs\"}");
    sim_error e = {0};
    ck_assert_ptr_nonnull(sim_store_update(&g_st, SIM_OBJ_COMPANY, &c->v[0].as.u, in, &e));
    cJSON_Delete(in);
    t = wire_text(SIM_OBJ_OPPORTUNITY, o, 1);
    ck_assert_msg(strstr(t, "\"name\":\"Hooli Labs\"") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "\"name\":\"Hooli\"") == NULL, "%s", t);
    free(t);
    same_print(SIM_OBJ_OPPORTUNITY, o, 1);

    /* destroying the member clears the company's accountOwnerId (ON DELETE
     * SET NULL): the company's kept text must not keep the old id */
    t = wire_text(SIM_OBJ_OPPORTUNITY, o, 1);
    ck_assert_msg(strstr(t, mid) != NULL, "%s", t);
    free(t);
    ck_assert(sim_store_destroy(&g_st, SIM_OBJ_MEMBER, &m->v[0].as.u, &e));
    t = wire_text(SIM_OBJ_OPPORTUNITY, o, 1);
    ck_assert_msg(strstr(t, mid) == NULL, "the destroyed member's id is still there: %s", t);
    ck_assert_msg(strstr(t, "\"owner\":null") != NULL, "%s", t);
    free(t);
    same_print(SIM_OBJ_OPPORTUNITY, o, 1);

    /* soft delete hides the company; restore brings it back with deletedAt null */
    ck_assert(sim_store_soft_delete(&g_st, SIM_OBJ_COMPANY, &c->v[0].as.u, &e));
    t = wire_text(SIM_OBJ_OPPORTUNITY, o, 1);
    ck_assert_msg(strstr(t, "\"company\":null") != NULL, "%s", t);
    free(t);
    ck_assert_ptr_nonnull(sim_store_restore(&g_st, SIM_OBJ_COMPANY, &c->v[0].as.u, &e));
    same_print(SIM_OBJ_OPPORTUNITY, o, 1);
    t = wire_text(SIM_OBJ_OPPORTUNITY, o, 1);
    ck_assert_msg(strstr(t, "\"company\":{") != NULL, "%s", t);
    free(t);
}
END_TEST

START_TEST(person_shape)
{
    sim_record *p = create_ok(SIM_OBJ_PERSON,
                              "{\"name\":{\"firstName\":\"Zoë\",\"lastName\":\"Müller\"},"
                              "\"emails\":{\"primaryEmail\":\"zoe@example.com\",\"additionalEmails\":null},"
                              "\"jobTitle\":\"CTO\"}");
    cJSON *j = out(SIM_OBJ_PERSON, p, 0);
    ck_assert_str_eq(str_at(j, "name", "firstName"), "Zoë");
    ck_assert_str_eq(str_at(j, "emails", "primaryEmail"), "zoe@example.com");
    ck_assert(null_at(j, "emails", "additionalEmails"));
    ck_assert_str_eq(str_at(j, "city", NULL), "");
    ck_assert(num_at(j, "position", NULL) == 0);
    ck_assert_ptr_null(cJSON_GetObjectItem(j, "updatedBy"));
    cJSON_Delete(j);
    sim_record *m = create_ok(SIM_OBJ_MEMBER, "{\"userEmail\":\"a@b.c\"}");
    j = out(SIM_OBJ_MEMBER, m, 0);
    ck_assert_str_eq(str_at(j, "locale", NULL), "en"); /* Twenty's defaults */
    ck_assert_str_eq(str_at(j, "colorScheme", NULL), "System");
    ck_assert_ptr_null(cJSON_GetObjectItem(j, "position"));
    cJSON_Delete(j);
}
END_TEST

static Suite *store_suite(void)
{
    Suite *s = suite_create("sim_store");
    TCase *c = tcase_create("create");
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_add_test(c, empty_create_gets_defaults);
    tcase_add_test(c, create_keeps_given_values);
    tcase_add_test(c, create_rejects_with_twentys_messages);
    tcase_add_test(c, foreign_keys_must_exist_and_be_live);
    tcase_add_test(c, connect_and_disconnect);
    tcase_add_test(c, client_ids_and_duplicates);
    tcase_add_test(c, actor_source_from_client);
    tcase_add_test(c, batch_is_all_or_nothing);
    tcase_add_test(c, positions_first_last_and_batches);
    tcase_add_test(c, positions_in_an_empty_table);
    tcase_add_test(c, position_index_survives_churn);
    suite_add_tcase(s, c);
    TCase *w = tcase_create("write");
    tcase_add_checked_fixture(w, setup, teardown);
    tcase_add_test(w, update_changes_only_given_keys);
    tcase_add_test(w, soft_delete_restore_destroy);
    tcase_add_test(w, destroy_sets_foreign_keys_null);
    tcase_add_test(w, many_ids_stay_findable);
    tcase_add_test(w, depth_one_embeds_relations);
    tcase_add_test(w, person_shape);
    tcase_add_test(w, wire_form_prints_the_tree_and_follows_changes);
    suite_add_tcase(s, w);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(store_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
