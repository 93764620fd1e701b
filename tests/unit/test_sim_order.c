/* test_sim_order.c - `order_by` (contract 2.4): parsing and Twenty's
 * messages, the id tie-breaker, and the orders find-many really produces
 * (NULLS FIRST/LAST in both directions, stage by option position, composite
 * subfields) checked against a plain reference sort. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_query_fixture.h"

static sim_store g_st;
static const sim_object *g_opp;

#define DIRS "(AscNullsFirst, AscNullsLast, DescNullsFirst, DescNullsLast)"

static void setup(void)
{
    fx_open(&g_st, "demo");
    g_opp = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->obj;
}

static void teardown(void) { sim_store_close(&g_st); }

static void order_ok(const char *text, sim_order *ord)
{
    sim_error e = {0};
    ck_assert_msg(sim_order_parse(g_opp, text, ord, &e), "order %s: %s", text ? text : "(null)",
                  e.message);
}

static void order_fails(const char *text, const char *message)
{
    sim_order ord;
    sim_error e = {0};
    ck_assert_msg(!sim_order_parse(g_opp, text, &ord, &e), "order %s accepted", text);
    ck_assert_int_eq(e.status, 400);
    ck_assert_str_eq(e.error, "BadRequestException");
    ck_assert_str_eq(e.message, message);
}

START_TEST(default_is_id_ascending)
{
    sim_order ord;
    order_ok(NULL, &ord);
    ck_assert_int_eq(ord.n, 1);
    ck_assert_int_eq(ord.keys[0].slot, 0);
    ck_assert(!ord.keys[0].desc);
    order_ok("", &ord);
    ck_assert_int_eq(ord.n, 1);
}
END_TEST

START_TEST(keys_directions_and_tie_breaker)
{
    sim_order ord;
    order_ok("position[DescNullsLast],name,amount.amountMicros[AscNullsLast]", &ord);
    ck_assert_int_eq(ord.n, 4);
    ck_assert_int_eq(ord.keys[0].slot, fx_slot(g_opp, "position"));
    ck_assert(ord.keys[0].desc && !ord.keys[0].nulls_first);
    ck_assert_int_eq(ord.keys[1].slot, fx_slot(g_opp, "name"));
    ck_assert(!ord.keys[1].desc && ord.keys[1].nulls_first);   /* AscNullsFirst by default */
    ck_assert_int_eq(ord.keys[2].slot, fx_slot(g_opp, "amount.amountMicros"));
    ck_assert_str_eq(ord.keys[2].name, "amount");
    ck_assert_str_eq(ord.keys[2].sub, "amountMicros");
    ck_assert(!ord.keys[2].desc && !ord.keys[2].nulls_first);
    ck_assert_int_eq(ord.keys[3].slot, 0);                      /* id ASC appended */
    order_ok("stage[DescNullsFirst]", &ord);
    ck_assert(ord.keys[0].select && ord.keys[0].desc && ord.keys[0].nulls_first);
}
END_TEST

START_TEST(duplicates_and_explicit_id)
{
    sim_order ord;
    order_ok("position,position[DescNullsLast],name", &ord);
    ck_assert_int_eq(ord.n, 3);
    ck_assert(!ord.keys[0].desc);   /* the first occurrence wins */
    order_ok("id[DescNullsLast],position", &ord);
    ck_assert_int_eq(ord.n, 2);     /* a caller's id ordering replaces the tie-breaker */
    ck_assert_int_eq(ord.keys[0].slot, 0);
    ck_assert(ord.keys[0].desc);
}
END_TEST

START_TEST(bad_directions)
{
    const char *msg = "'order_by' direction '%s' invalid. Allowed values are 'AscNullsFirst', "
                      "'AscNullsLast', 'DescNullsFirst', 'DescNullsLast'. eg: "
                      "?order_by=field_1[AscNullsFirst],field_2[DescNullsLast],field_3";
    char want[400];
    snprintf(want, sizeof want, msg, "ascNullsFirst");
    order_fails("position[ascNullsFirst]", want);
    snprintf(want, sizeof want, msg, "Asc");
    order_fails("position[Asc]", want);
    snprintf(want, sizeof want, msg, "");
    order_fails("position[]", want);
    /* directions are checked for every item before any field */
    snprintf(want, sizeof want, msg, "DESC");
    order_fails("foo,name[DESC]", want);
}
END_TEST

START_TEST(bad_fields)
{
    order_fails("foo", "Field \"foo\" does not exist or is not sortable");
    order_fails("position,", "Field \"\" does not exist or is not sortable");
    order_fails("amount", "Composite field \"amount\" requires subfield ordering (e.g., { amount: "
                          "{ subFieldName: 'AscNullsFirst' } })");
    order_fails("amount[DescNullsLast]",
                "Composite field \"amount\" requires subfield ordering (e.g., { amount: { "
                "subFieldName: 'AscNullsFirst' } })");
    order_fails("amount.micros", "Sub field \"micros\" not found for composite field \"amount\"");
    order_fails("amount.amountMicros.x",
                "Composite sub field \"amount.amountMicros\" requires a direction value " DIRS);
    order_fails("position.x", "Scalar field \"position\" requires a direction value " DIRS);
    order_fails("company", "Relation field \"company\" requires nested field ordering (e.g., { "
                           "company: { fieldName: 'AscNullsFirst' } })");
    sim_order ord;
    order_ok("companyId[AscNullsLast]", &ord);
    ck_assert_int_eq(ord.keys[0].slot, fx_slot(g_opp, "companyId"));
}
END_TEST

START_TEST(graphql_form)
{
    sim_order ord = {0};
    sim_error e = {0};
    ck_assert(sim_order_add(g_opp, &ord, "amount.amountMicros", "DescNullsLast", &e));
    ck_assert(sim_order_add(g_opp, &ord, "position", "AscNullsFirst", &e));
    sim_order_finish(g_opp, &ord);
    ck_assert_int_eq(ord.n, 3);
    ck_assert(ord.keys[0].desc);
    ck_assert(!sim_order_add(g_opp, &ord, "position", "Sideways", &e));
    ck_assert(!sim_order_add(g_opp, &ord, "nope", "AscNullsFirst", &e));
    ck_assert_str_eq(e.message, "Field \"nope\" does not exist or is not sortable");
}
END_TEST

/* ---------- the orders find-many produces ---------- */

static const sim_order *g_ref_order;

/* A reference comparator written independently of the engine. */
static int ref_cmp(const void *pa, const void *pb)
{
    const sim_record *a = *(sim_record *const *)pa, *b = *(sim_record *const *)pb;
    for (int j = 0; j < g_ref_order->n; j++) {
        const sim_order_key *k = &g_ref_order->keys[j];
        const sim_value *x = &a->v[k->slot], *y = &b->v[k->slot];
        bool xn = x->kind == SV_NULL, yn = y->kind == SV_NULL;
        if (xn || yn) {
            if (xn && yn)
                continue;
            return (xn ? -1 : 1) * (k->nulls_first ? 1 : -1);
        }
        int c;
        if (k->select)
            c = sim_schema_stage_index(&g_st.schema, x->as.s) -
                sim_schema_stage_index(&g_st.schema, y->as.s);
        else
            c = sim_value_cmp(x, y);
        c = (c > 0) - (c < 0);
        if (c)
            return k->desc ? -c : c;
    }
    return 0;
}

static const char *const k_stages[] = {"DISCOVERY", "PROPOSAL", "NEGOTIATION", "CLOSED_WON",
                                       "CLOSED_LOST"};

static void fill(int n)
{
    uint64_t r = 7;
    for (int i = 0; i < n; i++) {
        uint64_t x = sim_rand_next(&r);
        char name[32];
        snprintf(name, sizeof name, "%c%c deal %d", 'A' + (int)(x % 5), 'a' + (int)(x / 5 % 3),
                 (int)(x % 7));
        double pos = x % 9 == 0 ? NAN : (double)(x % 40) / 4.0 - 3;   /* ties and NULLs */
        int64_t micros = x % 11 == 0 ? FX_NO_AMOUNT : (int64_t)(x % 13) * 1000000;
        fx_add(&g_st, x % 17 == 0 ? NULL : name, k_stages[x % 5], micros, "USD", pos,
               x % 4 == 0 ? FX_NO_DATE : (int64_t)(x % 30) * 86400000);
    }
}

static void check_order(const char *text)
{
    sim_order ord;
    order_ok(text, &ord);
    sim_table *t = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY);
    sim_record **ref = malloc(t->n * sizeof *ref);
    memcpy(ref, t->rows, t->n * sizeof *ref);
    g_ref_order = &ord;
    qsort(ref, t->n, sizeof *ref, ref_cmp);
    sim_find_args a = {.order = &ord, .limit = 200};
    sim_page p;
    sim_error e = {0};
    ck_assert_msg(sim_find_many(&g_st, SIM_OBJ_OPPORTUNITY, &a, &p, &e), "%s", e.message);
    ck_assert_uint_eq(p.n, t->n < 200 ? t->n : 200);
    for (size_t i = 0; i < p.n; i++)
        ck_assert_msg(p.rows[i] == ref[i], "order %s: row %zu differs", text, i);
    sim_page_free(&p);
    free(ref);
}

START_TEST(sorted_like_postgres)
{
    fill(180);
    check_order(NULL);
    check_order("position");
    check_order("position[AscNullsLast]");
    check_order("position[DescNullsFirst]");
    check_order("position[DescNullsLast]");
    check_order("stage,position[DescNullsLast]");
    check_order("stage[DescNullsLast],name[AscNullsLast]");
    check_order("name[DescNullsFirst]");
    check_order("amount.amountMicros[DescNullsLast],closeDate");
    check_order("closeDate[AscNullsLast],id[DescNullsFirst]");
}
END_TEST

START_TEST(stage_follows_option_position)
{
    fx_add(&g_st, "a", "CLOSED_LOST", 1, "USD", 1, FX_NO_DATE);
    fx_add(&g_st, "b", "DISCOVERY", 1, "USD", 1, FX_NO_DATE);
    fx_add(&g_st, "c", "NEGOTIATION", 1, "USD", 1, FX_NO_DATE);
    sim_order ord;
    order_ok("stage", &ord);
    sim_find_args a = {.order = &ord, .limit = -1};
    sim_page p;
    sim_error e = {0};
    ck_assert(sim_find_many(&g_st, SIM_OBJ_OPPORTUNITY, &a, &p, &e));
    ck_assert_uint_eq(p.n, 3);
    int stage = fx_slot(g_opp, "stage");
    /* option order (DISCOVERY, …, NEGOTIATION, …, CLOSED_LOST), not alphabetical */
    ck_assert_str_eq(p.rows[0]->v[stage].as.s, "DISCOVERY");
    ck_assert_str_eq(p.rows[1]->v[stage].as.s, "NEGOTIATION");
    ck_assert_str_eq(p.rows[2]->v[stage].as.s, "CLOSED_LOST");
    sim_page_free(&p);
}
END_TEST

static Suite *order_suite(void)
{
    Suite *s = suite_create("sim_order");
    TCase *t = tcase_create("parse");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, default_is_id_ascending);
    tcase_add_test(t, keys_directions_and_tie_breaker);
    tcase_add_test(t, duplicates_and_explicit_id);
    tcase_add_test(t, bad_directions);
    tcase_add_test(t, bad_fields);
    tcase_add_test(t, graphql_form);
    suite_add_tcase(s, t);
    t = tcase_create("sorting");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, sorted_like_postgres);
    tcase_add_test(t, stage_follows_option_position);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(order_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
