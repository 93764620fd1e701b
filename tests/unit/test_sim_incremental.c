/* test_sim_incremental.c - twenty-sim's caches kept across writes give the
 * answers a cold start gives: sorted views brought up to date in place,
 * stage counts adjusted per write, groupBy answers cached per generation,
 * and `id[in]` pages built from the id map (query_cache.c, find.c,
 * rest_groupby.c). Driven in-process through sim_world_handle: after every
 * write each query is answered with the warm caches, then again with every
 * cache dropped, and the two bodies must be the same bytes. */
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
    sim_store_config cfg = {.stages = "demo", .seed_count = 400, .seed = 7,
                            .api_key_name = "unit test key"};
    sim_error e = {0};
    ck_assert_msg(sim_world_open(&g_world, &cfg, &e), "world open: %s", e.message);
}

static void teardown(void)
{
    sim_world_close(&g_world);
}

/* The body of a request (malloc'd); query given as name/value pairs ending with NULL. */
static char *call(int *status, const char *method, const char *path, const char *body, ...)
{
    sim_request rq = {.method = method, .path = path, .raw_query = "", .body = body ? body : "",
                      .body_len = body ? strlen(body) : 0};
    va_list ap;
    va_start(ap, body);
    for (const char *name; (name = va_arg(ap, const char *)) != NULL;) {
        rq.query[rq.nquery].name = (char *)name;
        rq.query[rq.nquery].value = (char *)va_arg(ap, const char *);
        rq.nquery++;
    }
    va_end(ap);
    sim_response rs = {0};
    sim_world_handle(&g_world, &rq, &rs);
    char *out = strdup(rs.body ? rs.body : "");
    if (status)
        *status = rs.status;
    sim_response_free(&rs);
    ck_assert_ptr_nonnull(out);
    return out;
}

static void drop_caches(void)
{
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        sim_table *t = sim_store_table(&g_world.store, (sim_obj_kind)k);
        sim_qcache_free(t->qcache);
        t->qcache = NULL;
    }
}

#define NQ 9
static char g_ids[512];   /* an id[in] list of a few records, some deleted later */

/* Query i (0..NQ-1), answered now. */
static char *query(int i, int *status)
{
    static const char groups[] =
        "[{\"stage\":true},{\"amount\":{\"currencyCode\":true}}]";
    static const char aggs[] = "[\"sumAmountAmountMicros\",\"totalCount\"]";
    char or_ids[1100];
    snprintf(or_ids, sizeof or_ids, "or(id[in]:%s,id[in]:%s)", g_ids, g_ids);
    char in_ids[600];
    snprintf(in_ids, sizeof in_ids, "id[in]:%s", g_ids);
    const char *P = "/rest/opportunities";
    switch (i) {
    case 0:
        return call(status, "GET", P, NULL, "limit", "60", "order_by", "position[AscNullsFirst]",
                    "filter", "stage[eq]:PROPOSAL", "depth", "1", NULL);
    case 1:
        return call(status, "GET", P, NULL, "limit", "200", "order_by", "position[AscNullsFirst]",
                    "filter", "stage[eq]:NEGOTIATION", NULL);
    case 2:
        return call(status, "GET", P, NULL, "limit", "50", "order_by", "name", NULL);
    case 3:
        return call(status, "GET", P, NULL, "limit", "50", "order_by",
                    "amount.amountMicros[DescNullsLast]", "filter", "deletedAt[is]:NOT_NULL", NULL);
    case 4:
        return call(status, "GET", "/rest/opportunities/groupBy", NULL, "group_by", groups,
                    "aggregate", aggs, "limit", "200", NULL);
    case 5:
        return call(status, "GET", "/rest/opportunities/groupBy", NULL, "group_by", groups,
                    "aggregate", aggs, "filter", "stage[in]:[PROPOSAL,CLOSED_WON]", NULL);
    case 6:
        return call(status, "GET", P, NULL, "limit", "3", "order_by", "name[DescNullsFirst]",
                    "filter", in_ids, NULL);
    case 7:   /* the same question the general way (an `or` is never the id map's) */
        return call(status, "GET", P, NULL, "limit", "3", "order_by", "name[DescNullsFirst]",
                    "filter", or_ids, NULL);
    default:
        return call(status, "GET", P, NULL, "limit", "60", "filter", in_ids, NULL);
    }
}

static char *g_warm[NQ];

static void warm_all(void)
{
    for (int i = 0; i < NQ; i++) {
        free(g_warm[i]);
        g_warm[i] = query(i, NULL);
    }
}

static void check_all(const char *after)
{
    char *cached[NQ];
    for (int i = 0; i < NQ; i++) {
        int st;
        cached[i] = query(i, &st);
        ck_assert_msg(st == 200, "query %d after %s: status %d: %s", i, after, st, cached[i]);
    }
    drop_caches();
    for (int i = 0; i < NQ; i++) {
        char *cold = query(i, NULL);
        ck_assert_msg(strcmp(cached[i], cold) == 0, "query %d after %s:\nwarm %.300s\ncold %.300s",
                      i, after, cached[i], cold);
        free(cold);
        free(cached[i]);
    }
    /* the id map's page and the general one agree (data and totalCount) */
    char *a = query(6, NULL), *b = query(7, NULL);
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
}

/* The ids of the first n records by name (JSON strings, in a static array). */
static int first_ids(char ids[][37], int n)
{
    char *body = call(NULL, "GET", "/rest/opportunities", NULL, "limit", "60", "order_by", "name",
                      NULL);
    cJSON *j = cJSON_Parse(body);
    free(body);
    const cJSON *list = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "data"), "opportunities");
    int k = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, list) {
        if (k < n)
            snprintf(ids[k++], 37, "%s", cJSON_GetObjectItem(it, "id")->valuestring);
    }
    cJSON_Delete(j);
    return k;
}

START_TEST(warm_caches_answer_like_cold_ones_through_writes)
{
    char ids[60][37];
    int n = first_ids(ids, 60);
    ck_assert_int_ge(n, 50);
    snprintf(g_ids, sizeof g_ids, "[%s,%s,%s,%s,%s,%s,%s,%s]", ids[0], ids[3], ids[6], ids[9],
             ids[12], ids[15], ids[3], "00000000-0000-4000-8000-000000000000");
    static const char *const stages[] = {"DISCOVERY", "PROPOSAL", "NEGOTIATION", "CLOSED_WON",
                                         "CLOSED_LOST"};
    warm_all();
    check_all("nothing");
    for (int step = 0; step < 48; step++) {
        const char *id = ids[step % 20];
        char path[96], body[256], what[64];
        snprintf(path, sizeof path, "/rest/opportunities/%s", id);
        int st;
        char *r = NULL;
        warm_all();
        switch (step % 8) {
        case 0:
        case 5:
            snprintf(body, sizeof body, "{\"stage\":\"%s\",\"position\":%d}", stages[step % 5],
                     -step);
            r = call(&st, "PATCH", path, body, NULL);
            break;
        case 1:
            snprintf(body, sizeof body,
                     "{\"name\":\"Zz %d\",\"amount\":{\"amountMicros\":%d000000,"
                     "\"currencyCode\":\"%s\"}}",
                     step, step, step % 3 ? "USD" : "EUR");
            r = call(&st, "PATCH", path, body, NULL);
            break;
        case 2:
            r = call(&st, "DELETE", path, NULL, "soft_delete", "true", NULL);
            break;
        case 3:
            snprintf(path, sizeof path, "/rest/opportunities/%s/restore", ids[(step - 1) % 20]);
            r = call(&st, "PATCH", path, NULL, NULL);
            break;
        case 4:
            snprintf(body, sizeof body,
                     "{\"name\":\"Aa %d\",\"stage\":\"%s\",\"amount\":{\"amountMicros\":%d,"
                     "\"currencyCode\":\"USD\"}}",
                     step, stages[step % 5], step);
            r = call(&st, "POST", "/rest/opportunities", body, NULL);
            break;
        case 6:   /* a destroy: the record leaves every view */
            snprintf(path, sizeof path, "/rest/opportunities/%s", ids[30 + step / 8]);
            r = call(&st, "DELETE", path, NULL, NULL);
            break;
        default:
            snprintf(body, sizeof body, "{\"position\":%d.5,\"closeDate\":null}", step);
            r = call(&st, "PATCH", path, body, NULL);
            break;
        }
        ck_assert_msg(st >= 200 && st < 300, "write %d: %d %s", step, st, r);
        free(r);
        snprintf(what, sizeof what, "write %d", step);
        check_all(what);
        if (step % 4 == 3) {   /* several writes between two queries */
            warm_all();
            for (int k = 0; k < 3; k++) {
                snprintf(path, sizeof path, "/rest/opportunities/%s", ids[(step + k) % 20]);
                snprintf(body, sizeof body, "{\"position\":%d,\"stage\":\"%s\"}", 1000 + k,
                         stages[k]);
                free(call(&st, "PATCH", path, body, NULL));
            }
            check_all("three writes");
        }
    }
    for (int i = 0; i < NQ; i++) {
        free(g_warm[i]);
        g_warm[i] = NULL;
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sim_incremental");
    TCase *tc = tcase_create("caches");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, warm_caches_answer_like_cold_ones_through_writes);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
