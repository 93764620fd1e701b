/* test_sim_cursor.c - cursors as Twenty writes them (base64 of the order
 * keys' values plus id, nested by path), decoding Node-style base64, the
 * "Invalid cursor" and "missing value" 400s, and paging from a cursor whose
 * record has since disappeared. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/query_internal.h"
#include "sim_query_fixture.h"

static sim_store g_st;
static const sim_object *g_opp;

static void setup(void)
{
    fx_open(&g_st, "demo");
    g_opp = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->obj;
}

static void teardown(void) { sim_store_close(&g_st); }

static sim_order order_of(const char *text)
{
    sim_order ord;
    sim_error e = {0};
    ck_assert_msg(sim_order_parse(g_opp, text, &ord, &e), "%s", e.message);
    return ord;
}

/* The JSON inside a cursor. */
static char *cursor_json(const char *cursor)
{
    size_t n;
    unsigned char *raw = sim_base64_decode(cursor, &n);
    ck_assert_ptr_nonnull(raw);
    return (char *)raw;
}

static char *b64(const char *json)
{
    return sim_base64_encode((const unsigned char *)json, strlen(json));
}

START_TEST(encodes_order_values_and_id)
{
    sim_record *r = fx_add(&g_st, "Acme", "PROPOSAL", 5000000, "USD", 3, fx_ms("2025-02-05T08:00:00Z"));
    char id[37], want[256];
    sim_uuid_format(&r->v[0].as.u, id);

    sim_order ord = order_of(NULL);
    char *c = sim_cursor_encode(g_opp, &ord, r);
    char *j = cursor_json(c);
    snprintf(want, sizeof want, "{\"id\":\"%s\"}", id);
    ck_assert_str_eq(j, want);
    free(c), free(j);

    ord = order_of("position");
    c = sim_cursor_encode(g_opp, &ord, r);
    j = cursor_json(c);
    snprintf(want, sizeof want, "{\"position\":3,\"id\":\"%s\"}", id);
    ck_assert_str_eq(j, want);
    free(c), free(j);

    ord = order_of("amount.amountMicros[DescNullsLast],closeDate,stage,name");
    c = sim_cursor_encode(g_opp, &ord, r);
    j = cursor_json(c);
    snprintf(want, sizeof want,
             "{\"amount\":{\"amountMicros\":5000000},\"closeDate\":\"2025-02-05T08:00:00.000Z\","
             "\"stage\":\"PROPOSAL\",\"name\":\"Acme\",\"id\":\"%s\"}",
             id);
    ck_assert_str_eq(j, want);
    free(c), free(j);
}
END_TEST

START_TEST(encodes_nulls_and_is_padded_base64)
{
    sim_record *r = fx_add(&g_st, NULL, "PROPOSAL", FX_NO_AMOUNT, NULL, NAN, FX_NO_DATE);
    sim_order ord = order_of("position,amount.amountMicros,amount.currencyCode");
    char *c = sim_cursor_encode(g_opp, &ord, r);
    ck_assert_int_eq(strlen(c) % 4, 0);
    ck_assert_ptr_null(strchr(c, '-'));
    char *j = cursor_json(c);
    ck_assert_ptr_nonnull(strstr(j, "{\"position\":null,\"amount\":{\"amountMicros\":null,"
                                    "\"currencyCode\":null},\"id\":\""));
    free(c), free(j);
}
END_TEST

START_TEST(decodes_what_it_encodes)
{
    sim_record *r = fx_add(&g_st, "Zed", "CLOSED_WON", -42, "EUR", -0.25, fx_ms("2024-01-01"));
    sim_order ord = order_of("closeDate[DescNullsLast],amount.amountMicros,position,stage");
    char *c = sim_cursor_encode(g_opp, &ord, r);
    sim_value vals[SIM_MAX_ORDER];
    sim_error e = {0};
    ck_assert_msg(sim_cursor_decode(&g_st.schema, &ord, c, vals, &e), "%s", e.message);
    for (int k = 0; k < ord.n; k++) {
        ck_assert_msg(sim_value_equal(&vals[k], &r->v[ord.keys[k].slot]), "key %d", k);
        sim_value_free(&vals[k]);
    }
    free(c);
}
END_TEST

START_TEST(decodes_node_style_base64)
{
    /* url-safe alphabet, no padding, stray characters: Node accepts all three */
    sim_record *r = fx_add(&g_st, "x", "PROPOSAL", 1, "USD", 1, FX_NO_DATE);
    char id[37], json[128];
    sim_uuid_format(&r->v[0].as.u, id);
    snprintf(json, sizeof json, "{\"id\":\"%s\"}", id);
    char *c = b64(json);
    char noisy[256];
    size_t o = 0;
    for (const char *p = c; *p && *p != '='; p++) {
        noisy[o++] = *p == '+' ? '-' : *p == '/' ? '_' : *p;
        if ((p - c) % 10 == 5)
            noisy[o++] = '\n';
    }
    noisy[o] = '\0';
    sim_order ord = order_of(NULL);
    sim_value vals[SIM_MAX_ORDER];
    sim_error e = {0};
    ck_assert_msg(sim_cursor_decode(&g_st.schema, &ord, noisy, vals, &e), "%s", e.message);
    ck_assert(sim_value_equal(&vals[0], &r->v[0]));
    free(c);
}
END_TEST

START_TEST(invalid_cursors)
{
    sim_order ord = order_of("position");
    sim_value vals[SIM_MAX_ORDER];
    sim_error e = {0};
    ck_assert(!sim_cursor_decode(&g_st.schema, &ord, "not a cursor", vals, &e));
    ck_assert_int_eq(e.status, 400);
    ck_assert_str_eq(e.error, "BadRequestException");
    ck_assert_str_eq(e.message, "Invalid cursor: not a cursor");

    char *c = b64("{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}");
    ck_assert(!sim_cursor_decode(&g_st.schema, &ord, c, vals, &e));
    ck_assert_str_eq(e.message, "Cursor is missing the value for orderBy field \"position\": it "
                                "was encoded for a different orderBy. Restart pagination without "
                                "a cursor.");
    free(c);

    c = b64("{\"position\":\"high\",\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}");
    ck_assert(!sim_cursor_decode(&g_st.schema, &ord, c, vals, &e));
    char want[200];
    snprintf(want, sizeof want, "Invalid cursor: %s", c);
    ck_assert_str_eq(e.message, want);
    free(c);

    c = b64("[1,2]");
    ck_assert(!sim_cursor_decode(&g_st.schema, &ord, c, vals, &e));
    ck_assert_ptr_nonnull(strstr(e.message, "Cursor is missing the value for orderBy field"));
    free(c);

    sim_order comp = order_of("amount.amountMicros");
    c = b64("{\"amount\":5,\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}");
    ck_assert(!sim_cursor_decode(&g_st.schema, &comp, c, vals, &e));
    ck_assert_str_eq(e.message, "Cursor is missing the value for orderBy field "
                                "\"amount.amountMicros\": it was encoded for a different orderBy. "
                                "Restart pagination without a cursor.");
    free(c);
}
END_TEST

START_TEST(legacy_dotted_keys)
{
    sim_order comp = order_of("amount.amountMicros");
    char *c = b64("{\"amount.amountMicros\":\"7\",\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}");
    sim_value vals[SIM_MAX_ORDER];
    sim_error e = {0};
    ck_assert_msg(sim_cursor_decode(&g_st.schema, &comp, c, vals, &e), "%s", e.message);
    ck_assert_int_eq(vals[0].kind, SV_INT);
    ck_assert_int_eq(vals[0].as.i, 7);
    free(c);
}
END_TEST

START_TEST(find_many_rejects_bad_cursors)
{
    fx_add(&g_st, "x", "PROPOSAL", 1, "USD", 1, FX_NO_DATE);
    sim_find_args a = {.limit = -1, .starting_after = "%%%"};
    sim_page p;
    sim_error e = {0};
    ck_assert(!sim_find_many(&g_st, SIM_OBJ_OPPORTUNITY, &a, &p, &e));
    ck_assert_str_eq(e.message, "Invalid cursor: %%%");
    ck_assert_ptr_null(p.rows);
    a.starting_after = NULL;
    a.ending_before = "eyJ9";
    ck_assert(!sim_find_many(&g_st, SIM_OBJ_OPPORTUNITY, &a, &p, &e));
    ck_assert_str_eq(e.message, "Invalid cursor: eyJ9");
}
END_TEST

START_TEST(cursor_of_a_vanished_record_still_pages)
{
    sim_record *r[6];
    for (int i = 0; i < 6; i++)
        r[i] = fx_add(&g_st, "x", "PROPOSAL", 1, "USD", i, FX_NO_DATE);
    sim_order ord = order_of("position");
    char *c = sim_cursor_encode(g_opp, &ord, r[2]);
    sim_table *t = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY);
    sim_table_drop(t, r[2]);
    sim_record_delete(g_opp, r[2]);
    sim_find_args a = {.order = &ord, .limit = 2, .starting_after = c};
    sim_page p;
    sim_error e = {0};
    ck_assert_msg(sim_find_many(&g_st, SIM_OBJ_OPPORTUNITY, &a, &p, &e), "%s", e.message);
    ck_assert_uint_eq(p.n, 2);
    ck_assert_ptr_eq(p.rows[0], r[3]);
    ck_assert_ptr_eq(p.rows[1], r[4]);
    sim_page_free(&p);
    a.starting_after = NULL;
    a.ending_before = c;
    ck_assert(sim_find_many(&g_st, SIM_OBJ_OPPORTUNITY, &a, &p, &e));
    ck_assert_uint_eq(p.n, 2);
    ck_assert_ptr_eq(p.rows[0], r[0]);
    ck_assert_ptr_eq(p.rows[1], r[1]);
    sim_page_free(&p);
    free(c);
}
END_TEST

static Suite *cursor_suite(void)
{
    Suite *s = suite_create("sim_cursor");
    TCase *t = tcase_create("cursor");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, encodes_order_values_and_id);
    tcase_add_test(t, encodes_nulls_and_is_padded_base64);
    tcase_add_test(t, decodes_what_it_encodes);
    tcase_add_test(t, decodes_node_style_base64);
    tcase_add_test(t, invalid_cursors);
    tcase_add_test(t, legacy_dotted_keys);
    tcase_add_test(t, find_many_rejects_bad_cursors);
    tcase_add_test(t, cursor_of_a_vanished_record_still_pages);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cursor_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
