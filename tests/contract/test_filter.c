/* test_filter.c - contract 2.3: every rule of the REST `filter` grammar and
 * every error message, over HTTP, on a small known data set (no seed):
 * comparators by field type, conjunctions, quoting, [in] lists, `is`,
 * composite subfields, FK filters, UUID operands, select validation, and
 * soft-deleted visibility through deletedAt. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/ctest.h"

/* The data set: names are unique; R8 is soft-deleted in the fixture. */
#define N1 "Acme, Inc"
#define N2 "Globex expansion"
#define N3 "Initech pilot"
#define N4 "\xe4\xb8\x9c\xe4\xba\xac expansion \xf0\x9f\x9a\x80"   /* 东京 expansion 🚀 */
#define N5 "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e deal"                 /* Crème brûlée deal */
#define N6 "acme renewal"
#define N7 "O'Brien deal"
#define N8 "Trash me"

static char id[9][37];
static char company_id[37];

static void up(void)
{
    ct_server_start((const char *const[]){"--seed", "0", NULL});
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "0", NULL);
    double total = -1;
    ck_assert_msg(ct_jnum(r.json, "totalCount", &total) && total == 0,
                  "--seed 0 must start with no opportunities: %s", ct_show(&r));
    cthttp_resp_free(&r);

    ct_create("companies", "{\"name\":\"Acme Corp\"}", company_id);
    char body[1024];
    ct_create("opportunities",
              "{\"name\":\"" N1 "\",\"stage\":\"NEW\",\"amount\":{\"amountMicros\":1000000000,"
              "\"currencyCode\":\"USD\"},\"closeDate\":\"2024-06-15T00:00:00.000Z\"}",
              id[1]);
    ct_create("opportunities",
              "{\"name\":\"" N2 "\",\"stage\":\"SCREENING\",\"amount\":{\"amountMicros\":5000000000,"
              "\"currencyCode\":\"EUR\"},\"closeDate\":\"2025-03-01T00:00:00.000Z\"}",
              id[2]);
    ct_create("opportunities",
              "{\"name\":\"" N3 "\",\"stage\":\"MEETING\",\"amount\":{\"amountMicros\":null,"
              "\"currencyCode\":null},\"closeDate\":null}",
              id[3]);
    ct_create("opportunities",
              "{\"name\":\"" N4 "\",\"stage\":\"PROPOSAL\",\"amount\":{\"amountMicros\":250000000000,"
              "\"currencyCode\":\"GBP\"},\"closeDate\":\"2025-12-31T00:00:00.000Z\"}",
              id[4]);
    ct_create("opportunities",
              "{\"name\":\"" N5 "\",\"stage\":\"CUSTOMER\",\"amount\":{\"amountMicros\":75000000,"
              "\"currencyCode\":\"USD\"},\"closeDate\":\"2024-01-10T00:00:00.000Z\"}",
              id[5]);
    snprintf(body, sizeof body,
             "{\"name\":\"" N6 "\",\"stage\":\"NEW\",\"amount\":{\"amountMicros\":20000000000,"
             "\"currencyCode\":\"USD\"},\"closeDate\":\"2025-01-01T00:00:00.000Z\",\"companyId\":\"%s\"}",
             company_id);
    ct_create("opportunities", body, id[6]);
    ct_create("opportunities",
              "{\"name\":\"" N7 "\",\"stage\":\"SCREENING\",\"amount\":{\"amountMicros\":3000000,"
              "\"currencyCode\":\"GBP\"},\"closeDate\":\"2025-06-30T00:00:00.000Z\"}",
              id[7]);
    ct_create("opportunities",
              "{\"name\":\"" N8 "\",\"stage\":\"NEW\",\"amount\":{\"amountMicros\":1,"
              "\"currencyCode\":\"USD\"}}",
              id[8]);
    char path[96];
    snprintf(path, sizeof path, "/rest/opportunities/%s", id[8]);
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, "soft_delete", "true", NULL);
    ck_assert_msg(r.status == 200, "soft delete: %s", ct_show(&r));
    cthttp_resp_free(&r);
}

static void down(void)
{
    ct_server_stop();
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Asserts that `filter` selects exactly the named records (NULL-terminated),
 * and that totalCount agrees. */
static void expect_names(int line, const char *filter, ...)
{
    const char *names[16];
    int n = 0;
    va_list ap;
    va_start(ap, filter);
    for (const char *s; (s = va_arg(ap, const char *)) && n < 16;)
        names[n++] = s;
    va_end(ap);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    char want[2048] = "";
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(want, "|");
        strcat(want, names[i]);
    }
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", filter, "limit", "200", NULL);
    ck_assert_msg(r.status == 200, "line %d: filter %s: %s", line, filter, ct_show(&r));
    char *got = ct_names_sorted(r.json, "opportunities");
    ck_assert_msg(strcmp(got, want) == 0, "line %d: filter %s selected [%s], expected [%s]", line,
                  filter, got, want);
    double total = -1;
    ck_assert_msg(ct_jnum(r.json, "totalCount", &total) && (int)total == n,
                  "line %d: filter %s: totalCount %g, expected %d", line, filter, total, n);
    free(got);
    cthttp_resp_free(&r);
}
#define EXPECT(filter, ...) expect_names(__LINE__, filter, __VA_ARGS__, (const char *)NULL)
#define EXPECT_NONE(filter) expect_names(__LINE__, filter, (const char *)NULL)

/* Asserts a 400 BadRequestException for `filter`; msg exact when given. */
static void expect_400(int line, const char *filter, const char *msg, bool prefix)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", filter, NULL);
    char why[512];
    ck_assert_msg(ct_error_matches(&r, 400, "BadRequestException", msg, prefix, why, sizeof why),
                  "line %d: filter %s: %s for %s", line, filter, why, ct_show(&r));
    cthttp_resp_free(&r);
}
#define EXPECT_400(filter, msg) expect_400(__LINE__, filter, msg, false)
#define EXPECT_400_PREFIX(filter, msg) expect_400(__LINE__, filter, msg, true)

/* ---- comparators ---- */

START_TEST(eq_neq_on_select)
{
    EXPECT("stage[eq]:NEW", N1, N6);
    EXPECT("stage[neq]:NEW", N2, N3, N4, N5, N7);
    EXPECT("stage[eq]:\"SCREENING\"", N2, N7);
    EXPECT("stage[eq]:'CUSTOMER'", N5);
}
END_TEST

START_TEST(in_lists)
{
    EXPECT("stage[in]:[NEW,MEETING]", N1, N6, N3);
    EXPECT("stage[in]:[\"NEW\",\"MEETING\"]", N1, N6, N3);
    EXPECT("stage[in]:['MEETING']", N3);
    char f[256];
    snprintf(f, sizeof f, "id[in]:[%s,%s]", id[2], id[5]);
    EXPECT(f, N2, N5);
    snprintf(f, sizeof f, "id[in]:[\"%s\",\"%s\"]", id[4], id[7]);
    EXPECT(f, N4, N7);
    /* the list is split on every comma, even inside quotes */
    EXPECT("name[in]:[\"" N1 "\",\"" N2 "\"]", N2);
}
END_TEST

START_TEST(in_needs_brackets)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", "stage[in]:NEW", NULL);
    ct_assert_error(&r, 400, "BadRequestException", NULL);
    const char *m = ct_jstr(r.json, "messages[0]");
    const char *tail = "array value expected eg: 'field[in]:[value_1,value_2]'";
    ck_assert_msg(m && strlen(m) >= strlen(tail) && strcmp(m + strlen(m) - strlen(tail), tail) == 0,
                  "message must end with %s: %s", tail, ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(is_null_and_not_null)
{
    EXPECT("closeDate[is]:NULL", N3);
    EXPECT("closeDate[is]:NOT_NULL", N1, N2, N4, N5, N6, N7);
    EXPECT("amount.amountMicros[is]:NULL", N3);
    EXPECT("amount.currencyCode[is]:NOT_NULL", N1, N2, N4, N5, N6, N7);
    EXPECT("companyId[is]:NOT_NULL", N6);
    EXPECT("stage[is]:NOT_NULL", N1, N2, N3, N4, N5, N6, N7);
    EXPECT_400("closeDate[is]:EMPTY", NULL);
}
END_TEST

START_TEST(number_comparators_on_composite_subfield)
{
    EXPECT("amount.amountMicros[gt]:1000000000", N2, N4, N6);
    EXPECT("amount.amountMicros[gte]:1000000000", N1, N2, N4, N6);
    EXPECT("amount.amountMicros[lt]:1000000000", N5, N7);
    EXPECT("amount.amountMicros[lte]:1000000000", N1, N5, N7);
    EXPECT("amount.amountMicros[eq]:75000000", N5);
    EXPECT("amount.amountMicros[in]:[75000000,3000000]", N5, N7);
    EXPECT("amount.currencyCode[eq]:USD", N1, N5, N6);
    EXPECT("amount.currencyCode[in]:[EUR,GBP]", N2, N4, N7);
}
END_TEST

START_TEST(date_comparators)
{
    EXPECT("closeDate[lt]:\"2025-01-01\"", N1, N5);
    EXPECT("closeDate[gte]:2025-01-01", N6, N2, N7, N4);
    EXPECT("closeDate[lte]:2024-06-15T00:00:00.000Z", N1, N5);
    EXPECT("closeDate[gt]:'2025-06-30T00:00:00.000Z'", N4);
    EXPECT("closeDate[eq]:2025-03-01T00:00:00.000Z", N2);
    EXPECT("closeDate[neq]:2025-03-01T00:00:00.000Z", N1, N4, N5, N6, N7);
}
END_TEST

START_TEST(text_comparators)
{
    EXPECT("name[like]:\"%acme%\"", N6);
    EXPECT("name[ilike]:\"%acme%\"", N1, N6);
    EXPECT("name[like]:\"%expansion%\"", N2, N4);
    EXPECT("name[like]:\"Acme_ Inc\"", N1);
    EXPECT("name[ilike]:\"%br\xc3\xbbl\xc3\xa9" "e%\"", N5);
    EXPECT("name[startsWith]:Glo", N2);
    EXPECT("name[endsWith]:pilot", N3);
    EXPECT("name[eq]:\"" N4 "\"", N4);
    EXPECT("name[neq]:\"" N1 "\"", N2, N3, N4, N5, N6, N7);
}
END_TEST

START_TEST(unknown_comparator_message)
{
    EXPECT_400("name[foo]:x",
               "'filter' invalid for 'name[foo]:x', comparator foo not in eq, neq, in, containsAny, "
               "is, gt, gte, lt, lte, startsWith, endsWith, like, ilike");
}
END_TEST

START_TEST(malformed_leaf_message)
{
    EXPECT_400("name:x", "'filter' invalid for 'name:x'. eg: price[gte]:10");
    EXPECT_400("name[eq]:", "'filter' invalid for 'name[eq]:'. eg: price[gte]:10");
    /* an unquoted comma splits the value: the second half is a malformed leaf */
    EXPECT_400("name[eq]:Acme, Inc", "'filter' invalid for ' Inc'. eg: price[gte]:10");
}
END_TEST

START_TEST(unbalanced_parentheses_message)
{
    EXPECT_400("and(stage[eq]:NEW", "'filter' invalid. 1 close bracket is missing in the query");
    EXPECT_400("or(and(stage[eq]:NEW", "'filter' invalid. 2 close brackets are missing in the query");
    EXPECT_400("stage[eq]:NEW)", "'filter' invalid. 1 open bracket is missing in the query");
}
END_TEST

/* ---- conjunctions ---- */

START_TEST(conjunctions)
{
    EXPECT("or(stage[eq]:NEW,stage[eq]:MEETING)", N1, N6, N3);
    EXPECT("not(stage[eq]:NEW)", N2, N3, N4, N5, N7);
    EXPECT("and(stage[eq]:NEW,amount.amountMicros[gt]:1000000000)", N6);
    EXPECT("stage[eq]:NEW,amount.amountMicros[gt]:1000000000", N6);   /* implicit AND */
    EXPECT("or(stage[eq]:MEETING,and(amount.amountMicros[gte]:1,closeDate[lt]:\"2025-01-01\"))", N3,
           N1, N5);
    EXPECT("not(or(stage[eq]:NEW,stage[eq]:SCREENING))", N3, N4, N5);
    EXPECT("and(or(stage[eq]:NEW,stage[eq]:SCREENING),not(amount.currencyCode[eq]:USD))", N2, N7);
    EXPECT("or(and(stage[eq]:NEW,not(companyId[is]:NULL)),and(stage[eq]:PROPOSAL))", N6, N4);
}
END_TEST

START_TEST(not_takes_one_condition)
{
    EXPECT_400_PREFIX("not(stage[eq]:NEW,stage[eq]:MEETING)",
                      "'filter' invalid. 'not' conjunction should contain only 1 condition");
}
END_TEST

/* ---- quoting ---- */

START_TEST(quoting)
{
    EXPECT("name[eq]:\"" N1 "\"", N1);
    EXPECT("name[eq]:'" N1 "'", N1);
    EXPECT("name[eq]:\"" N7 "\"", N7);
    /* a quote inside a value leaves the quote state toggled: later predicates
     * are no longer split off and become part of the value */
    EXPECT_NONE("name[eq]:\"" N7 "\",stage[eq]:SCREENING");
    EXPECT("stage[eq]:SCREENING,name[eq]:\"" N7 "\"", N7);
    /* only one pair of outer quotes is removed */
    EXPECT_NONE("name[eq]:\"\"" N2 "\"\"");
}
END_TEST

/* ---- metadata validation ---- */

START_TEST(unknown_field_message)
{
    EXPECT_400("foo[eq]:1", "Object opportunity doesn't have any \"foo\" field.");
    EXPECT_400("or(stage[eq]:NEW,bar[is]:NULL)", "Object opportunity doesn't have any \"bar\" field.");
    EXPECT_400("amount.foo[eq]:1", NULL);
}
END_TEST

START_TEST(select_values_are_checked_case_sensitively)
{
    EXPECT_400("stage[eq]:new", "Invalid select value \"new\" for field \"stage\". Valid options: NEW, "
                                "SCREENING, MEETING, PROPOSAL, CUSTOMER");
    EXPECT_400("stage[eq]:Closed Won", "Invalid select value \"Closed Won\" for field \"stage\". Valid "
                                       "options: NEW, SCREENING, MEETING, PROPOSAL, CUSTOMER");
    EXPECT_400_PREFIX("stage[in]:[NEW,WON]", "Invalid select value \"WON\" for field \"stage\"");
}
END_TEST

START_TEST(operators_by_field_type)
{
    const char *bad[] = {
        "stage[gt]:NEW",                       /* SELECT: eq neq in is */
        "stage[like]:NEW",
        "stage[startsWith]:N",
        "closeDate[like]:2024",                /* DATE_TIME: no text operators */
        "closeDate[in]:[2024-06-15]",          /* DATE_TIME: no in */
        "amount.amountMicros[like]:1",         /* number subfield */
        "amount.amountMicros[startsWith]:1",
        "amount[gt]:1",                        /* bare composite: eq neq is only */
        "amount[like]:1",
        "id[gt]:0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",   /* UUID: eq neq in is */
        "id[like]:0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
        "companyId[gt]:0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
        "name[containsAny]:[a,b]",
        "position[like]:1",                    /* position: numbers only */
        "position[startsWith]:1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        EXPECT_400(bad[i], NULL);
    EXPECT("position[lt]:1000000000", N1, N2, N3, N4, N5, N6, N7);
}
END_TEST

START_TEST(id_operands_must_be_uuids)
{
    EXPECT_400("id[eq]:123", NULL);
    EXPECT_400("id[in]:[abc]", NULL);
    EXPECT_400("companyId[eq]:acme", NULL);
    char f[128];
    snprintf(f, sizeof f, "id[eq]:%s", id[3]);
    EXPECT(f, N3);
    snprintf(f, sizeof f, "id[neq]:%s", id[3]);
    EXPECT(f, N1, N2, N4, N5, N6, N7);
}
END_TEST

START_TEST(fk_filters_work_relation_names_do_not)
{
    char f[128];
    snprintf(f, sizeof f, "companyId[eq]:%s", company_id);
    EXPECT(f, N6);
    snprintf(f, sizeof f, "companyId[in]:[%s]", company_id);
    EXPECT(f, N6);
    EXPECT("companyId[is]:NULL", N1, N2, N3, N4, N5, N7);
    snprintf(f, sizeof f, "company[eq]:%s", company_id);
    EXPECT_400(f, NULL);
}
END_TEST

START_TEST(actor_subfield_filter)
{
    EXPECT("createdBy.source[eq]:API", N1, N2, N3, N4, N5, N6, N7);
}
END_TEST

/* ---- soft-deleted rows ---- */

START_TEST(soft_deleted_hidden_unless_deleted_at_mentioned)
{
    EXPECT("stage[eq]:NEW", N1, N6);
    char f[160];
    snprintf(f, sizeof f, "id[eq]:%s", id[8]);
    EXPECT_NONE(f);
    EXPECT("deletedAt[is]:NOT_NULL", N8);
    EXPECT("deletedAt[is]:NULL", N1, N2, N3, N4, N5, N6, N7);
    EXPECT("or(deletedAt[is]:NULL,deletedAt[is]:NOT_NULL)", N1, N2, N3, N4, N5, N6, N7, N8);
    EXPECT("and(stage[eq]:NEW,not(deletedAt[is]:NULL))", N8);
    EXPECT("stage[eq]:NEW,deletedAt[is]:NOT_NULL", N8);
    snprintf(f, sizeof f, "or(id[eq]:%s,deletedAt[is]:NOT_NULL)", id[8]);
    EXPECT(f, N8);

    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", "deletedAt[is]:NOT_NULL", NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(ct_is_iso(ct_jstr(r.json, "data.opportunities[0].deletedAt")),
                  "a soft-deleted row carries its deletedAt: %s", ct_show(&r));
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "0", NULL);
    double total = -1;
    ck_assert(ct_jnum(r.json, "totalCount", &total));
    ck_assert_msg(total == 7, "totalCount excludes soft-deleted rows (got %g)", total);
    cthttp_resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_filter");
    TCase *tc = ct_tcase("filter", 60);
    tcase_add_unchecked_fixture(tc, up, down);
    tcase_add_test(tc, eq_neq_on_select);
    tcase_add_test(tc, in_lists);
    tcase_add_test(tc, in_needs_brackets);
    tcase_add_test(tc, is_null_and_not_null);
    tcase_add_test(tc, number_comparators_on_composite_subfield);
    tcase_add_test(tc, date_comparators);
    tcase_add_test(tc, text_comparators);
    tcase_add_test(tc, unknown_comparator_message);
    tcase_add_test(tc, malformed_leaf_message);
    tcase_add_test(tc, unbalanced_parentheses_message);
    tcase_add_test(tc, conjunctions);
    tcase_add_test(tc, not_takes_one_condition);
    tcase_add_test(tc, quoting);
    tcase_add_test(tc, unknown_field_message);
    tcase_add_test(tc, select_values_are_checked_case_sensitively);
    tcase_add_test(tc, operators_by_field_type);
    tcase_add_test(tc, id_operands_must_be_uuids);
    tcase_add_test(tc, fk_filters_work_relation_names_do_not);
    tcase_add_test(tc, actor_subfield_filter);
    tcase_add_test(tc, soft_deleted_hidden_unless_deleted_at_mentioned);
    suite_add_tcase(s, tc);
    return ct_run(s);
}
