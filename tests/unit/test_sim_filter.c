/* test_sim_filter.c - the REST filter grammar of contract 2.3 as Twenty
 * parses and validates it: implicit AND, and/or/not, quoting, list
 * splitting, `is`, composite paths, operators per type, operand checks,
 * every 400 message word for word, and matching with SQL's NULL logic. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_query_fixture.h"

static sim_store g_st;
static const sim_object *g_opp;
static sim_record *g_acme, *g_globex, *g_noname, *g_quote, *g_comma, *g_accent;

#define OPTIONS "DISCOVERY, PROPOSAL, NEGOTIATION, CLOSED_WON, CLOSED_LOST"
#define U1 "3f2504e0-4f89-41d3-9a0c-0305e82c3301"

static void setup(void)
{
    fx_open(&g_st, "demo");
    g_opp = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->obj;
    g_acme = fx_add(&g_st, "Acme renewal", "PROPOSAL", 50000000000LL, "USD", 1.5,
                    fx_ms("2025-03-01T00:00:00Z"));
    g_globex = fx_add(&g_st, "Globex", "DISCOVERY", 1000000LL, "EUR", -2, FX_NO_DATE);
    g_noname = fx_add(&g_st, NULL, "CLOSED_WON", FX_NO_AMOUNT, NULL, NAN, FX_NO_DATE);
    g_quote = fx_add(&g_st, "it's", "NEGOTIATION", 5, "USD", 3, FX_NO_DATE);
    g_comma = fx_add(&g_st, "Acme, Inc", "CLOSED_LOST", 7, "GBP", 4, FX_NO_DATE);
    g_accent = fx_add(&g_st, "ÉCOLE Ünïon", "PROPOSAL", 9, "USD", 5, FX_NO_DATE);
}

static void teardown(void) { sim_store_close(&g_st); }

static sim_filter *parse_ok(const char *text)
{
    sim_error e = {0};
    sim_filter *f = sim_filter_parse_rest(&g_st.schema, g_opp, text, &e);
    ck_assert_msg(f != NULL, "filter %s: %d %s", text, e.status, e.message);
    return f;
}

static void parse_fails(const char *text, const char *message)
{
    sim_error e = {0};
    sim_filter *f = sim_filter_parse_rest(&g_st.schema, g_opp, text, &e);
    ck_assert_msg(f == NULL, "filter %s was accepted", text);
    ck_assert_int_eq(e.status, 400);
    ck_assert_str_eq(e.error, "BadRequestException");
    ck_assert_str_eq(e.message, message);
}

static bool matches(const char *text, const sim_record *r)
{
    sim_filter *f = parse_ok(text);
    bool m = sim_filter_match(f, r);
    sim_filter_free(f);
    return m;
}

/* ---------- structure ---------- */

START_TEST(leaf_and_implicit_and)
{
    ck_assert(matches("stage[eq]:PROPOSAL", g_acme));
    ck_assert(!matches("stage[eq]:PROPOSAL", g_globex));
    ck_assert(matches("stage[eq]:PROPOSAL,name[eq]:Acme renewal", g_acme));
    ck_assert(!matches("stage[eq]:PROPOSAL,name[eq]:Globex", g_acme));
    ck_assert(matches("and(stage[eq]:PROPOSAL,name[eq]:Acme renewal)", g_acme));
}
END_TEST

START_TEST(or_and_not_nesting)
{
    const char *f = "or(stage[eq]:DISCOVERY,and(amount.amountMicros[gte]:1,closeDate[lt]:"
                    "\"2025-06-01\"))";
    ck_assert(matches(f, g_acme));
    ck_assert(matches(f, g_globex));
    ck_assert(!matches(f, g_quote));     /* no close date: the and() is not true */
    ck_assert(matches("not(stage[eq]:PROPOSAL)", g_globex));
    ck_assert(!matches("not(stage[eq]:PROPOSAL)", g_acme));
    ck_assert(matches("and(not(or(stage[eq]:PROPOSAL,stage[eq]:DISCOVERY)),position[gt]:2)",
                      g_quote));
}
END_TEST

START_TEST(not_takes_one_condition)
{
    parse_fails("not(stage[eq]:PROPOSAL,name[eq]:x)",
                "'filter' invalid. 'not' conjunction should contain only 1 condition. eg: "
                "not(field[eq]:1)");
}
END_TEST

START_TEST(unbalanced_parentheses)
{
    parse_fails("or(stage[eq]:PROPOSAL", "'filter' invalid. 1 close bracket is missing in the query");
    parse_fails("or(and(stage[eq]:PROPOSAL",
                "'filter' invalid. 2 close brackets are missing in the query");
    parse_fails("stage[eq]:PROPOSAL)", "'filter' invalid. 1 open bracket is missing in the query");
    parse_fails("stage[eq]:A))", "'filter' invalid. 2 open brackets are missing in the query");
    /* the count covers quoted text too */
    parse_fails("name[eq]:\"a(b\"", "'filter' invalid. 1 close bracket is missing in the query");
}
END_TEST

START_TEST(malformed_leaves)
{
    parse_fails("stage:PROPOSAL", "'filter' invalid for 'stage:PROPOSAL'. eg: price[gte]:10");
    parse_fails("name[eq]:", "'filter' invalid for 'name[eq]:'. eg: price[gte]:10");
    parse_fails("[eq]:x", "'filter' invalid for '[eq]:x'. eg: price[gte]:10");
    parse_fails("", "'filter' invalid for 'and()'. eg: price[gte]:10");
    parse_fails("stage[eq]:PROPOSAL,", "'filter' invalid for ''. eg: price[gte]:10");
}
END_TEST

START_TEST(comparator_not_in_list)
{
    parse_fails("name[contains]:x",
                "'filter' invalid for 'name[contains]:x', comparator contains not in eq, neq, "
                "in, containsAny, is, gt, gte, lt, lte, startsWith, endsWith, like, ilike");
    parse_fails("name[EQ]:x",
                "'filter' invalid for 'name[EQ]:x', comparator EQ not in eq, neq, in, "
                "containsAny, is, gt, gte, lt, lte, startsWith, endsWith, like, ilike");
}
END_TEST

START_TEST(syntax_errors_win_over_metadata_errors)
{
    parse_fails("foo[eq]:1,name[xx]:2",
                "'filter' invalid for 'name[xx]:2', comparator xx not in eq, neq, in, "
                "containsAny, is, gt, gte, lt, lte, startsWith, endsWith, like, ilike");
    parse_fails("foo[eq]:1,bar[eq]:2", "Object opportunity doesn't have any \"foo\" field.");
}
END_TEST

/* ---------- values ---------- */

START_TEST(quotes_protect_commas_and_lose_one_pair)
{
    ck_assert(matches("name[eq]:\"Acme, Inc\"", g_comma));
    ck_assert(matches("name[eq]:'Acme, Inc'", g_comma));
    ck_assert(matches("name[eq]:\"Acme, Inc'", g_comma));   /* either quote closes */
    ck_assert(!matches("name[eq]:\"\"Globex\"\"", g_globex)); /* only one pair goes */
    ck_assert(matches("name[eq]:\"\"Globex\"\",stage[eq]:DISCOVERY", g_globex) == false);
    ck_assert(matches("name[eq]:Acme renewal", g_acme));
}
END_TEST

START_TEST(a_quote_inside_a_value_breaks_later_splitting)
{
    /* the ' toggles the quote state: ",stage[eq]:X" stays inside the value */
    sim_filter *f = parse_ok("name[eq]:\"it's\",stage[eq]:NEGOTIATION");
    ck_assert(!sim_filter_match(f, g_quote));
    sim_filter_free(f);
    ck_assert(matches("name[eq]:\"it's\"", g_quote));
}
END_TEST

START_TEST(in_lists_split_on_every_comma)
{
    ck_assert(matches("name[in]:[Globex,Acme renewal]", g_acme));
    ck_assert(matches("name[in]:[\"Globex\",'x']", g_globex));
    /* "Acme, Inc" is cut in two by the split, so it can never match */
    ck_assert(!matches("name[in]:[\"Acme, Inc\",Globex]", g_comma));
    ck_assert(matches("name[in]:[\"Acme, Inc\",Globex]", g_globex));
    ck_assert(matches("stage[in]:[PROPOSAL,DISCOVERY],name[eq]:Globex", g_globex));
    ck_assert(matches("id[in]:[\"" U1 "\"]", g_acme) == false);
}
END_TEST

START_TEST(in_needs_brackets)
{
    parse_fails("stage[in]:PROPOSAL",
                "'filter' invalid for 'in' operator. Received 'PROPOSAL' but array value "
                "expected eg: 'field[in]:[value_1,value_2]'");
    parse_fails("stage[containsAny]:[PROPOSAL",
                "'filter' invalid for 'containsAny' operator. Received '[PROPOSAL' but array "
                "value expected eg: 'field[containsAny]:[value_1,value_2]'");
}
END_TEST

START_TEST(is_null_and_not_null)
{
    ck_assert(matches("closeDate[is]:NULL", g_globex));
    ck_assert(!matches("closeDate[is]:NULL", g_acme));
    ck_assert(matches("closeDate[is]:NOT_NULL", g_acme));
    ck_assert(matches("amount.amountMicros[is]:NULL", g_noname));
    const char *msg = "Invalid filter value for \"is\" operator. Expected \"NULL\" or \"NOT_NULL\"";
    parse_fails("closeDate[is]:null", msg);
    parse_fails("closeDate[is]:\"NULL\"", msg);   /* `is` keeps its quotes */
}
END_TEST

START_TEST(text_null_equivalence)
{
    /* Twenty treats '' and NULL alike for text: eq "" and is NULL match both */
    ck_assert(matches("name[eq]:\"\"", g_noname));
    ck_assert(matches("name[is]:NULL", g_noname));
    ck_assert(matches("name[eq]:NULL", g_noname));
    ck_assert(!matches("name[neq]:\"\"", g_noname));
    ck_assert(matches("name[neq]:\"\"", g_acme));
}
END_TEST

START_TEST(sql_null_logic)
{
    /* a comparison with NULL is unknown, and not(unknown) is still unknown */
    ck_assert(!matches("closeDate[lt]:2030-01-01", g_globex));
    ck_assert(!matches("not(closeDate[lt]:2030-01-01)", g_globex));
    ck_assert(!matches("not(position[eq]:1)", g_noname));
    ck_assert(matches("or(position[eq]:1,stage[eq]:CLOSED_WON)", g_noname));
    ck_assert(!matches("amount.amountMicros[neq]:5", g_noname));
}
END_TEST

START_TEST(composite_paths)
{
    ck_assert(matches("amount.amountMicros[gt]:1000000000", g_acme));
    ck_assert(!matches("amount.amountMicros[gt]:1000000000", g_globex));
    ck_assert(matches("amount.currencyCode[eq]:EUR", g_globex));
    ck_assert(matches("amount.amountMicros[lte]:1000000", g_globex));
    ck_assert(matches("amount.amountMicros[eq]:1e6", g_globex));
    ck_assert(matches("amount.amountMicros[lt]:1000000.5", g_globex));
    ck_assert(!matches("amount.amountMicros[gt]:1000000.5", g_globex));
    ck_assert(matches("amount.amountMicros[in]:[5,7]", g_comma));
    /* person.name.firstName */
    const sim_object *person = sim_store_table(&g_st, SIM_OBJ_PERSON)->obj;
    sim_error e = {0};
    sim_filter *f = sim_filter_parse_rest(&g_st.schema, person, "name.firstName[eq]:Ada", &e);
    ck_assert_msg(f != NULL, "%s", e.message);
    sim_filter_free(f);
}
END_TEST

START_TEST(bare_composites_and_unknown_subfields)
{
    parse_fails("amount[eq]:1", "Sub field \"eq\" not found for composite type: CURRENCY");
    parse_fails("amount[is]:NULL", "Sub field \"is\" not found for composite type: CURRENCY");
    parse_fails("amount.micros[gt]:1", "Sub field \"micros\" not found for composite type: CURRENCY");
    parse_fails("createdBy.foo[eq]:x", "Sub field \"foo\" not found for composite type: ACTOR");
}
END_TEST

START_TEST(unknown_fields_and_relations)
{
    parse_fails("foo[eq]:1", "Object opportunity doesn't have any \"foo\" field.");
    parse_fails("Stage[eq]:PROPOSAL", "Object opportunity doesn't have any \"Stage\" field.");
    parse_fails("company[eq]:" U1,
                "Cannot filter by relation field \"company\": use \"companyId\" instead");
    parse_fails("company.name[eq]:Acme",
                "Cannot filter by relation field \"company\": use \"companyId\" instead");
    parse_fails("favorites[eq]:" U1, "Cannot filter by relation field \"favorites\"");
    sim_filter_free(parse_ok("companyId[eq]:" U1));
    sim_filter_free(parse_ok("companyId[is]:NULL"));
}
END_TEST

START_TEST(operators_per_type)
{
    parse_fails("stage[gt]:PROPOSAL", "Operator \"gt\" is not valid for field \"stage\" of type "
                                      "SELECT - Allowed operators: eq, neq, in, is");
    parse_fails("stage[like]:P%", "Operator \"like\" is not valid for field \"stage\" of type "
                                  "SELECT - Allowed operators: eq, neq, in, is");
    parse_fails("closeDate[in]:[2025-01-01]",
                "Operator \"in\" is not valid for field \"closeDate\" of type DATE_TIME - Allowed "
                "operators: eq, neq, gt, gte, lt, lte, is");
    parse_fails("position[like]:1%", "Operator \"like\" is not valid for field \"position\" of "
                                     "type POSITION - Allowed operators: eq, neq, gt, gte, lt, "
                                     "lte, in, is");
    parse_fails("name[gt]:a", "Operator \"gt\" is not valid for field \"name\" of type TEXT - "
                              "Allowed operators: eq, neq, in, is, like, ilike, startsWith, "
                              "endsWith, search");
    parse_fails("name[containsAny]:[a]",
                "Operator \"containsAny\" is not valid for field \"name\" of type TEXT - Allowed "
                "operators: eq, neq, in, is, like, ilike, startsWith, endsWith, search");
    parse_fails("id[gt]:" U1, "Operator \"gt\" is not valid for field \"id\" of type UUID - "
                              "Allowed operators: eq, neq, in, is");
    parse_fails("companyId[like]:x", "Operator \"like\" is not valid for field \"companyId\" of "
                                     "type RELATION - Allowed operators: eq, neq, in, is");
    parse_fails("amount.amountMicros[like]:1",
                "Operator \"like\" is not valid for field \"amount.amountMicros\" of type NUMERIC "
                "- Allowed operators: eq, neq, gt, gte, lt, lte, in, is");
    /* a path longer than the field makes the next part the operator */
    parse_fails("stage.foo[eq]:X", "Operator \"foo\" is not valid for field \"stage\" of type "
                                   "SELECT - Allowed operators: eq, neq, in, is");
    parse_fails("stage.eq[eq]:X",
                "Invalid select value for field \"stage\": expected string, got object");
}
END_TEST

START_TEST(select_values_are_case_sensitive)
{
    parse_fails("stage[eq]:proposal", "Invalid select value \"proposal\" for field \"stage\". "
                                      "Valid options: " OPTIONS);
    parse_fails("stage[eq]:Closed Won", "Invalid select value \"Closed Won\" for field \"stage\". "
                                        "Valid options: " OPTIONS);
    parse_fails("stage[in]:[PROPOSAL,NEW]", "Invalid select value \"NEW\" for field \"stage\". "
                                            "Valid options: " OPTIONS);
    parse_fails("stage[neq]:x", "Invalid select value \"x\" for field \"stage\". Valid options: "
                                OPTIONS);
    ck_assert(matches("stage[neq]:PROPOSAL", g_globex));
    ck_assert(matches("stage[in]:[\"PROPOSAL\",'DISCOVERY']", g_acme));
}
END_TEST

START_TEST(uuid_operands)
{
    parse_fails("id[eq]:abc", "Invalid UUID value 'abc' for field \"id\"");
    parse_fails("id[in]:[]", "Invalid UUID value '' for field \"id\"");
    parse_fails("companyId[eq]:it's", "Invalid UUID value \"it's\" for field \"companyId\"");
    /* Twenty's isValidUuid wants a version 1-5 and the RFC 4122 variant */
    parse_fails("id[eq]:00000000-0000-0000-0000-000000000000",
                "Invalid UUID value '00000000-0000-0000-0000-000000000000' for field \"id\"");
    char text[128], id[37];
    sim_uuid_format(&g_acme->v[0].as.u, id);
    snprintf(text, sizeof text, "id[eq]:%s", id);
    ck_assert(matches(text, g_acme));
    ck_assert(!matches(text, g_globex));
    for (char *p = strchr(text, ':'); *p; p++)   /* upper case is accepted */
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 32);
    ck_assert(matches(text, g_acme));
    snprintf(text, sizeof text, "id[in]:[\"%s\",\"" U1 "\"]", id);
    ck_assert(matches(text, g_acme));
    snprintf(text, sizeof text, "id[neq]:%s", id);
    ck_assert(matches(text, g_globex));
}
END_TEST

START_TEST(number_operands)
{
    parse_fails("position[gt]:abc", "Invalid number value NaN for field \"position\"");
    parse_fails("position[in]:[1,x]", "Invalid number value NaN for field \"position\"");
    parse_fails("amount.amountMicros[gt]:Infinity",
                "Invalid number value Infinity for field \"amount.amountMicros\"");
    ck_assert(matches("position[gt]:1.4xyz", g_acme));    /* parseFloat keeps the prefix */
    ck_assert(matches("position[lt]:-1", g_globex));
    ck_assert(matches("position[in]:[1.5,9]", g_acme));
    ck_assert(matches("position[gte]:.5e1", g_accent));
}
END_TEST

START_TEST(date_operands)
{
    ck_assert(matches("closeDate[lt]:2025-03-02", g_acme));
    ck_assert(matches("closeDate[eq]:2025-03-01T00:00:00.000Z", g_acme));
    ck_assert(matches("closeDate[gte]:2025-03-01T01:00:00+01:00", g_acme));
    ck_assert(matches("closeDate[lte]:2025-03-01 00:00:00", g_acme));
    ck_assert(!matches("closeDate[gt]:20250301", g_acme));
    parse_fails("closeDate[lt]:tomorrow", "Invalid value 'tomorrow' for date-time field "
                                          "\"closeDate\". Expected format: 'YYYY-MM-DDTHH:mm:ssZ'");
    parse_fails("createdAt[gt]:2025-13-01", "Invalid value '2025-13-01' for date-time field "
                                            "\"createdAt\". Expected format: "
                                            "'YYYY-MM-DDTHH:mm:ssZ'");
}
END_TEST

START_TEST(like_ilike_starts_ends)
{
    ck_assert(matches("name[like]:%cme%", g_acme));
    ck_assert(!matches("name[like]:%CME%", g_acme));
    ck_assert(matches("name[ilike]:%CME%", g_acme));
    ck_assert(matches("name[like]:Glob_x", g_globex));
    ck_assert(!matches("name[like]:Glob_", g_globex));
    ck_assert(matches("name[ilike]:\"%école%\"", g_accent));
    ck_assert(matches("name[ilike]:%ünïON", g_accent));
    ck_assert(matches("name[like]:it\\'s", g_quote));     /* backslash escapes */
    ck_assert(!matches("name[like]:Acme\\%", g_comma));
    ck_assert(matches("name[startsWith]:Acme", g_acme));
    ck_assert(!matches("name[startsWith]:acme", g_acme)); /* case-sensitive, no wildcards */
    ck_assert(!matches("name[startsWith]:%cme", g_acme));
    ck_assert(matches("name[endsWith]:renewal", g_acme));
    ck_assert(!matches("name[endsWith]:renewa", g_acme));
    ck_assert(!matches("name[like]:%x%", g_noname));
    ck_assert(matches("name[like]:\"\"", g_noname));     /* null-equivalent operand */
}
END_TEST

START_TEST(conjunction_quirk_of_twenty)
{
    /* "and(a),or(b)" matches Twenty's root regex, so its two halves are
     * glued into one leaf: the select value becomes "PROPOSALname[eq]:x" */
    parse_fails("and(stage[eq]:PROPOSAL),or(name[eq]:x)",
                "Invalid select value \"PROPOSALname[eq]:x\" for field \"stage\". Valid options: "
                OPTIONS);
}
END_TEST

/* ---------- services ---------- */

START_TEST(mentions_deleted_at)
{
    sim_filter *f = parse_ok("stage[eq]:PROPOSAL");
    ck_assert(!sim_filter_mentions_deleted_at(f));
    sim_filter_free(f);
    f = parse_ok("or(stage[eq]:PROPOSAL,not(deletedAt[is]:NULL))");
    ck_assert(sim_filter_mentions_deleted_at(f));
    sim_filter_free(f);
    ck_assert(!sim_filter_mentions_deleted_at(NULL));
}
END_TEST

START_TEST(pinned_values)
{
    int stage = fx_slot(g_opp, "stage");
    sim_filter *f = parse_ok("name[like]:%a%,stage[eq]:PROPOSAL");
    const sim_value *v = sim_filter_pinned(f, stage);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(v->kind, SV_STR);
    ck_assert_str_eq(v->as.s, "PROPOSAL");
    ck_assert_ptr_null(sim_filter_pinned(f, fx_slot(g_opp, "name")));
    sim_filter_free(f);
    f = parse_ok("or(stage[eq]:PROPOSAL,stage[eq]:DISCOVERY)");
    ck_assert_ptr_null(sim_filter_pinned(f, stage));
    sim_filter_free(f);
}
END_TEST

START_TEST(graphql_form)
{
    sim_error e = {0};
    const char *ops[] = {"PROPOSAL", "DISCOVERY"};
    sim_filter *a = sim_filter_leaf(&g_st.schema, g_opp, "stage", FOP_IN, ops, 2, &e);
    ck_assert_msg(a != NULL, "%s", e.message);
    const char *gt[] = {"1000000000"};
    sim_filter *b = sim_filter_leaf(&g_st.schema, g_opp, "amount.amountMicros", FOP_GT, gt, 1, &e);
    ck_assert_msg(b != NULL, "%s", e.message);
    sim_filter *kids[] = {a, b};
    sim_filter *both = sim_filter_node(FN_AND, kids, 2);
    ck_assert(sim_filter_match(both, g_acme));
    ck_assert(!sim_filter_match(both, g_globex));
    sim_filter *nk[] = {both};
    sim_filter *neg = sim_filter_node(FN_NOT, nk, 1);
    ck_assert(sim_filter_match(neg, g_globex));
    sim_filter_free(neg);
    const char *bad[] = {"nope"};
    ck_assert_ptr_null(sim_filter_leaf(&g_st.schema, g_opp, "stage", FOP_EQ, bad, 1, &e));
    ck_assert_str_eq(e.message,
                     "Invalid select value \"nope\" for field \"stage\". Valid options: " OPTIONS);
    ck_assert(sim_filter_match(NULL, g_acme));
    ck_assert_str_eq(sim_fop_name(FOP_STARTS_WITH), "startsWith");
}
END_TEST

static Suite *filter_suite(void)
{
    Suite *s = suite_create("sim_filter");
    TCase *t = tcase_create("grammar");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, leaf_and_implicit_and);
    tcase_add_test(t, or_and_not_nesting);
    tcase_add_test(t, not_takes_one_condition);
    tcase_add_test(t, unbalanced_parentheses);
    tcase_add_test(t, malformed_leaves);
    tcase_add_test(t, comparator_not_in_list);
    tcase_add_test(t, syntax_errors_win_over_metadata_errors);
    tcase_add_test(t, conjunction_quirk_of_twenty);
    suite_add_tcase(s, t);
    t = tcase_create("values");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, quotes_protect_commas_and_lose_one_pair);
    tcase_add_test(t, a_quote_inside_a_value_breaks_later_splitting);
    tcase_add_test(t, in_lists_split_on_every_comma);
    tcase_add_test(t, in_needs_brackets);
    tcase_add_test(t, is_null_and_not_null);
    tcase_add_test(t, text_null_equivalence);
    tcase_add_test(t, sql_null_logic);
    tcase_add_test(t, composite_paths);
    tcase_add_test(t, like_ilike_starts_ends);
    suite_add_tcase(s, t);
    t = tcase_create("metadata");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, bare_composites_and_unknown_subfields);
    tcase_add_test(t, unknown_fields_and_relations);
    tcase_add_test(t, operators_per_type);
    tcase_add_test(t, select_values_are_case_sensitive);
    tcase_add_test(t, uuid_operands);
    tcase_add_test(t, number_operands);
    tcase_add_test(t, date_operands);
    suite_add_tcase(s, t);
    t = tcase_create("services");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, mentions_deleted_at);
    tcase_add_test(t, pinned_values);
    tcase_add_test(t, graphql_form);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(filter_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
