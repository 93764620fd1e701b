/* test_groupby.c - contract 2.10: GET /rest/opportunities/groupBy by stage
 * and by stage + currency, aggregates as strings (exact past 2^53), empty
 * groups absent, soft-deleted rows excluded, filter, records sample and
 * its order, bad group_by. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/ctest.h"

#define GB_STAGE "[{\"stage\":true}]"
#define GB_STAGE_CUR "[{\"stage\":true},{\"amount\":{\"currencyCode\":true}}]"
#define AGG "[\"sumAmountAmountMicros\",\"totalCount\",\"minAmountAmountMicros\",\"maxAmountAmountMicros\"]"

static void up(void)
{
    ct_server_start((const char *const[]){"--seed", "0", NULL});
    char id[37];
    ct_create("opportunities", "{\"name\":\"g1\",\"stage\":\"NEW\",\"amount\":{\"amountMicros\":1000000000,\"currencyCode\":\"USD\"}}", id);
    ct_create("opportunities", "{\"name\":\"g2\",\"stage\":\"NEW\",\"amount\":{\"amountMicros\":2000000000,\"currencyCode\":\"USD\"}}", id);
    ct_create("opportunities", "{\"name\":\"g3\",\"stage\":\"NEW\",\"amount\":{\"amountMicros\":500000000,\"currencyCode\":\"EUR\"}}", id);
    ct_create("opportunities", "{\"name\":\"g4\",\"stage\":\"MEETING\",\"amount\":{\"amountMicros\":3000000000,\"currencyCode\":\"GBP\"}}", id);
    ct_create("opportunities", "{\"name\":\"g5\",\"stage\":\"CUSTOMER\",\"amount\":{\"amountMicros\":null,\"currencyCode\":null}}", id);
    /* 4503599627370497 + 4503599627370498 = 9007199254740995: not a double */
    ct_create("opportunities", "{\"name\":\"big1\",\"stage\":\"PROPOSAL\",\"amount\":{\"amountMicros\":4503599627370497,\"currencyCode\":\"JPY\"}}", id);
    ct_create("opportunities", "{\"name\":\"big2\",\"stage\":\"PROPOSAL\",\"amount\":{\"amountMicros\":4503599627370498,\"currencyCode\":\"JPY\"}}", id);
    ct_create("opportunities", "{\"name\":\"gone\",\"stage\":\"NEW\",\"amount\":{\"amountMicros\":7000000000,\"currencyCode\":\"USD\"}}", id);
    char path[96];
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, "soft_delete", "true", NULL);
    ck_assert_msg(r.status == 200, "soft delete: %s", ct_show(&r));
    cthttp_resp_free(&r);
    /* SCREENING stays empty */
}

static void down(void)
{
    ct_server_stop();
}

/* The group whose groupByDimensionValues equal dims (NULL entries match JSON null). */
static const cJSON *find_group(const cJSON *arr, int ndims, const char *d0, const char *d1)
{
    const char *dims[2] = {d0, d1};
    const cJSON *g;
    cJSON_ArrayForEach(g, arr)
    {
        const cJSON *v = ct_j(g, "groupByDimensionValues");
        if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != ndims)
            continue;
        bool ok = true;
        for (int i = 0; i < ndims && ok; i++) {
            const cJSON *x = cJSON_GetArrayItem(v, i);
            ok = dims[i] ? (cJSON_IsString(x) && strcmp(x->valuestring, dims[i]) == 0) : cJSON_IsNull(x);
        }
        if (ok)
            return g;
    }
    return NULL;
}

static void assert_group(const cthttp_resp *r, int ndims, const char *d0, const char *d1, int count,
                         const char *sum)
{
    const cJSON *g = find_group(r->json, ndims, d0, d1);
    ck_assert_msg(g, "no group [%s,%s]: %s", d0 ? d0 : "null", d1 ? d1 : "null", ct_show(r));
    int64_t n = -1;
    ck_assert_msg(ct_jint64(g, "totalCount", &n) && n == count, "group [%s,%s]: totalCount %lld, expected %d",
                  d0 ? d0 : "null", d1 ? d1 : "null", (long long)n, count);
    if (sum) {
        const char *s = ct_jstr(g, "sumAmountAmountMicros");
        ck_assert_msg(s, "group [%s,%s]: sumAmountAmountMicros must be a string: %s", d0 ? d0 : "null",
                      d1 ? d1 : "null", ct_show(r));
        ck_assert_msg(strcmp(s, sum) == 0, "group [%s,%s]: sum %s, expected %s", d0 ? d0 : "null",
                      d1 ? d1 : "null", s, sum);
    }
}

START_TEST(group_by_stage)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", "group_by", GB_STAGE, "aggregate", AGG, NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(cJSON_IsArray(r.json), "groupBy answers a bare array: %s", ct_show(&r));
    ck_assert_msg(cJSON_GetArraySize(r.json) == 4, "4 non-empty stages (SCREENING absent): %s", ct_show(&r));
    assert_group(&r, 1, "NEW", NULL, 3, "3500000000");
    assert_group(&r, 1, "MEETING", NULL, 1, "3000000000");
    assert_group(&r, 1, "PROPOSAL", NULL, 2, "9007199254740995");
    assert_group(&r, 1, "CUSTOMER", NULL, 1, NULL);
    ck_assert_msg(!find_group(r.json, 1, "SCREENING", NULL), "empty groups are absent");
    const cJSON *g = find_group(r.json, 1, "NEW", NULL);
    ck_assert_msg(ct_jstr(g, "minAmountAmountMicros") && strcmp(ct_jstr(g, "minAmountAmountMicros"), "500000000") == 0,
                  "min as a string: %s", ct_show(&r));
    ck_assert_msg(ct_jstr(g, "maxAmountAmountMicros") && strcmp(ct_jstr(g, "maxAmountAmountMicros"), "2000000000") == 0,
                  "max as a string (the soft-deleted 7000000000 excluded): %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(group_by_stage_and_currency)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", "group_by", GB_STAGE_CUR, "aggregate", AGG,
               NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(cJSON_GetArraySize(r.json) == 5, "5 stage/currency groups: %s", ct_show(&r));
    assert_group(&r, 2, "NEW", "USD", 2, "3000000000");
    assert_group(&r, 2, "NEW", "EUR", 1, "500000000");
    assert_group(&r, 2, "MEETING", "GBP", 1, "3000000000");
    assert_group(&r, 2, "PROPOSAL", "JPY", 2, "9007199254740995");
    assert_group(&r, 2, "CUSTOMER", NULL, 1, NULL);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(group_by_honours_the_filter)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", "group_by", GB_STAGE, "aggregate", AGG,
               "filter", "amount.amountMicros[gte]:1000000000", NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(cJSON_GetArraySize(r.json) == 3, "NEW, MEETING, PROPOSAL: %s", ct_show(&r));
    assert_group(&r, 1, "NEW", NULL, 2, "3000000000");
    assert_group(&r, 1, "MEETING", NULL, 1, "3000000000");
    assert_group(&r, 1, "PROPOSAL", NULL, 2, "9007199254740995");
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", "group_by", GB_STAGE, "aggregate", AGG,
               "filter", "deletedAt[is]:NOT_NULL", NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(cJSON_GetArraySize(r.json) == 1, "only the trash: %s", ct_show(&r));
    assert_group(&r, 1, "NEW", NULL, 1, "7000000000");
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(group_by_records_sample)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", "group_by", GB_STAGE, "aggregate", AGG,
               "include_records_sample", "true", "order_by_for_records", "name[DescNullsFirst]", "limit",
               "10", NULL);
    ct_assert_status(&r, 200);
    const cJSON *g = find_group(r.json, 1, "NEW", NULL);
    ck_assert_msg(g && ct_jlen(g, "records") == 3, "records sample of NEW: %s", ct_show(&r));
    ck_assert_str_eq(ct_jstr(g, "records[0].name"), "g3");
    ck_assert_str_eq(ct_jstr(g, "records[1].name"), "g2");
    ck_assert_str_eq(ct_jstr(g, "records[2].name"), "g1");
    ck_assert_str_eq(ct_jstr(g, "records[0].stage"), "NEW");
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", "group_by", GB_STAGE, "aggregate", AGG,
               "include_records_sample", "true", "order_by_for_records", "name[AscNullsFirst]", NULL);
    ct_assert_status(&r, 200);
    g = find_group(r.json, 1, "NEW", NULL);
    ck_assert_msg(g && ct_jlen(g, "records") == 3, "records sample of NEW: %s", ct_show(&r));
    ck_assert_str_eq(ct_jstr(g, "records[0].name"), "g1");
    ck_assert_str_eq(ct_jstr(g, "records[2].name"), "g3");
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(bad_group_by_is_400)
{
    const char *bad[] = {"not json", "[{\"stage\":true}", NULL};
    for (int i = 0; i < 3; i++) {
        cthttp_resp r;
        if (bad[i])
            cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", "group_by", bad[i], NULL);
        else
            cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", NULL);
        ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid group_by query parameter");
        cthttp_resp_free(&r);
    }
    const char *wrong[] = {"[{\"foo\":true}]", "[{\"amount\":{\"foo\":true}}]"};
    for (int i = 0; i < 2; i++) {
        cthttp_resp r;
        cthttp_get(ct_client(), &r, "/rest/opportunities/groupBy", "group_by", wrong[i], NULL);
        ct_assert_error(&r, 400, "BadRequestException", NULL);
        cthttp_resp_free(&r);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_groupby");
    TCase *tc = ct_tcase("groupby", 30);
    tcase_add_unchecked_fixture(tc, up, down);
    tcase_add_test(tc, group_by_stage);
    tcase_add_test(tc, group_by_stage_and_currency);
    tcase_add_test(tc, group_by_honours_the_filter);
    tcase_add_test(tc, group_by_records_sample);
    tcase_add_test(tc, bad_group_by_is_400);
    suite_add_tcase(s, tc);
    return ct_run(s);
}
