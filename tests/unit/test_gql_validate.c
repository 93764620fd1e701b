/* test_gql_validate.c - GraphQL validation against twenty-sim's /graphql
 * schema: one test per rule, checking graphql-js's message and locations. */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/gql_twenty.h"
#include "sim/gql_validate.h"

static sim_schema SS;
static gql_schema *S;

static void setup(void)
{
    sim_error err = {0};
    ck_assert_msg(sim_schema_init(&SS, "default", &err), "%s", err.message);
    S = gt_core_schema(&SS);
    ck_assert_ptr_nonnull(S);
}

static void teardown(void)
{
    gql_schema_free(S);
    sim_schema_free(&SS);
}

typedef struct result {
    gql_arena a;
    gql_errs errs;
    gql_doc *doc;
    bool valid;
} result;

static void validate(result *r, const char *src)
{
    memset(r, 0, sizeof *r);
    r->errs.a = &r->a;
    gql_parse_error perr = {0};
    r->doc = gql_parse(src, strlen(src), &perr);
    ck_assert_msg(r->doc != NULL, "parse: %s", perr.message);
    r->valid = gql_validate(S, r->doc, &r->errs);
}

static void done(result *r)
{
    gql_errs_free(&r->errs);
    gql_doc_free(r->doc);
    gql_arena_free(&r->a);
}

/* Checks error i: its message and locations given as line, column pairs. */
static void check_error(const result *r, size_t i, const char *message, int nlocs, ...)
{
    ck_assert_msg(i < r->errs.n, "expected error %zu (%s), got %zu errors", i, message, r->errs.n);
    const gql_err *e = &r->errs.items[i];
    ck_assert_str_eq(e->message, message);
    ck_assert_str_eq(e->code, "GRAPHQL_VALIDATION_FAILED");
    ck_assert_int_eq(e->nlocs, nlocs);
    va_list ap;
    va_start(ap, nlocs);
    for (int k = 0; k < nlocs; k++) {
        int line = va_arg(ap, int), col = va_arg(ap, int), l, c;
        gql_doc_location(r->doc, e->locs[k], &l, &c);
        ck_assert_int_eq(l, line);
        ck_assert_int_eq(c, col);
    }
    va_end(ap);
}

/* The document has exactly one error, with that message and locations. */
#define EXPECT_ONE(src, message, ...)            \
    do {                                         \
        result r_;                               \
        validate(&r_, src);                      \
        ck_assert(!r_.valid);                    \
        check_error(&r_, 0, message, __VA_ARGS__); \
        ck_assert_uint_eq(r_.errs.n, 1);         \
        done(&r_);                               \
    } while (0)

static void expect_valid(const char *src)
{
    result r;
    validate(&r, src);
    ck_assert_msg(r.valid, "unexpected error: %s", r.errs.n ? r.errs.items[0].message : "");
    done(&r);
}

START_TEST(test_valid_documents)
{
    /* the contract's search: a plain String! variable and a literal limit */
    expect_valid("query Search($searchInput: String!) {\n"
                 "  search(searchInput: $searchInput, limit: 20, excludedObjectNameSingulars: [\"workspaceMember\"]) {\n"
                 "    edges { node { recordId objectNameSingular label tsRankCD tsRank } cursor }\n"
                 "    pageInfo { hasNextPage endCursor }\n  }\n}");
    expect_valid("mutation UpdateOneOpportunity($idToUpdate: UUID!, $input: OpportunityUpdateInput!) {\n"
                 "  updateOpportunity(id: $idToUpdate, data: $input) { id stage position __typename }\n}");
    expect_valid("query Q($f: OpportunityFilterInput, $limit: Int = 10) {\n"
                 "  opportunities(filter: $f, first: $limit, orderBy: [{position: AscNullsFirst}, {amount: {amountMicros: DescNullsLast}}]) {\n"
                 "    totalCount sumAmountAmountMicros avgAmountAmountMicros minCloseDate countEmptyName\n"
                 "    edges { node { id name amount { amountMicros currencyCode } company { id name } } cursor }\n"
                 "    pageInfo { hasNextPage endCursor }\n  }\n"
                 "  opportunitiesGroupBy(groupBy: [{stage: true}, {amount: {currencyCode: true}}]) {\n"
                 "    groupByDimensionValues totalCount edges { node { id } }\n  }\n}");
    /* a default makes a nullable variable acceptable where Int! is expected */
    expect_valid("query Q($s: String!, $limit: Int = 5) { search(searchInput: $s, limit: $limit) { edges { cursor } } }");
    /* a single value where a list is expected is coerced */
    expect_valid("{ opportunities(filter: {stage: {in: NEW}, id: {in: \"x\"}}) { totalCount } }");
}
END_TEST

START_TEST(test_undefined_variables)
{
    EXPECT_ONE("query {\n  search(searchInput: $q, limit: 1) { edges { cursor } }\n}",
               "Variable \"$q\" is not defined.", 2, 2, 23, 1, 1);
    EXPECT_ONE("query Find { opportunities(first: $n) { totalCount } }",
               "Variable \"$n\" is not defined by operation \"Find\".", 2, 1, 35, 1, 1);
    /* used through a fragment */
    EXPECT_ONE("query Q { ...F }\nfragment F on Query { opportunities(first: $n) { totalCount } }",
               "Variable \"$n\" is not defined by operation \"Q\".", 2, 2, 44, 1, 1);
}
END_TEST

START_TEST(test_unused_variables)
{
    EXPECT_ONE("query Q($x: Int) { opportunities { totalCount } }",
               "Variable \"$x\" is never used in operation \"Q\".", 1, 1, 9);
    EXPECT_ONE("query ($x: Int) { opportunities { totalCount } }", "Variable \"$x\" is never used.", 1, 1, 8);
}
END_TEST

START_TEST(test_variables_in_allowed_position)
{
    EXPECT_ONE("query Q($s: String!, $limit: Int) {\n  search(searchInput: $s, limit: $limit) { edges { cursor } }\n}",
               "Variable \"$limit\" of type \"Int\" used in position expecting type \"Int!\".", 2, 1, 22, 2, 34);
    EXPECT_ONE("query Q($s: ObjectRecordFilterInput!) { search(searchInput: $s, limit: 5) { edges { cursor } } }",
               "Variable \"$s\" of type \"ObjectRecordFilterInput!\" used in position expecting type \"String!\".",
               2, 1, 9, 1, 61);
    EXPECT_ONE("mutation Q($id: String!) { deleteOpportunity(id: $id) { id } }",
               "Variable \"$id\" of type \"String!\" used in position expecting type \"UUID!\".", 2, 1, 12, 1, 50);
    EXPECT_ONE("query Q($ids: [UUID]) { opportunities(filter: {id: {in: $ids}}) { totalCount } }",
               "Variable \"$ids\" of type \"[UUID]\" used in position expecting type \"[UUID!]\".", 2, 1, 9, 1, 57);
}
END_TEST

START_TEST(test_fields_on_correct_type)
{
    EXPECT_ONE("{ opportunities { edges { node { id foo } } } }",
               "Cannot query field \"foo\" on type \"Opportunity\".", 1, 1, 37);
    EXPECT_ONE("{ opportunities { edges { node { nam } } } }",
               "Cannot query field \"nam\" on type \"Opportunity\". Did you mean \"name\"?", 1, 1, 34);
    EXPECT_ONE("{ opportunity { id } }\n", "Field \"opportunity\" argument \"filter\" of type \"OpportunityFilterInput!\" "
                                          "is required, but it was not provided.", 1, 1, 3);
}
END_TEST

START_TEST(test_known_argument_names)
{
    EXPECT_ONE("{ search(searchInput: \"x\", limit: 1, foo: 2) { edges { cursor } } }",
               "Unknown argument \"foo\" on field \"Query.search\".", 1, 1, 38);
    EXPECT_ONE("{ search(searchInput: \"x\", limt: 1, limit: 2) { edges { cursor } } }",
               "Unknown argument \"limt\" on field \"Query.search\". Did you mean \"limit\"?", 1, 1, 28);
}
END_TEST

START_TEST(test_required_arguments)
{
    EXPECT_ONE("{ search(searchInput: \"x\") { edges { cursor } } }",
               "Field \"search\" argument \"limit\" of type \"Int!\" is required, but it was not provided.", 1, 1, 3);
    EXPECT_ONE("{ search(searchInput: \"x\", limit: null) { edges { cursor } } }",
               "Expected value of type \"Int!\", found null.", 1, 1, 35);
}
END_TEST

START_TEST(test_values_of_correct_type)
{
    EXPECT_ONE("{ search(searchInput: \"x\", limit: \"20\") { edges { cursor } } }",
               "Int cannot represent non-integer value: \"20\"", 1, 1, 35);
    EXPECT_ONE("{ search(searchInput: 5, limit: 20) { edges { cursor } } }",
               "String cannot represent a non string value: 5", 1, 1, 23);
    EXPECT_ONE("{ search(searchInput: \"x\", limit: 3000000000) { edges { cursor } } }",
               "Int cannot represent non 32-bit signed integer value: 3000000000", 1, 1, 35);
    EXPECT_ONE("{ opportunities(filter: {stage: {eq: \"NEW\"}}) { totalCount } }",
               "Enum \"OpportunityStageEnum\" cannot represent non-enum value: \"NEW\". Did you mean the enum value \"NEW\"?",
               1, 1, 38);
    EXPECT_ONE("{ opportunities(filter: {stage: {eq: NEWS}}) { totalCount } }",
               "Value \"NEWS\" does not exist in \"OpportunityStageEnum\" enum. Did you mean the enum value \"NEW\"?",
               1, 1, 38);
    EXPECT_ONE("{ opportunities(filter: {stagee: {eq: NEW}}) { totalCount } }",
               "Field \"stagee\" is not defined by type \"OpportunityFilterInput\". Did you mean \"stage\"?", 1, 1, 26);
    EXPECT_ONE("{ opportunities(filter: \"x\") { totalCount } }",
               "Expected value of type \"OpportunityFilterInput\", found \"x\".", 1, 1, 25);
    EXPECT_ONE("{ deleteOpportunity: opportunities(orderBy: [{position: Up}]) { totalCount } }",
               "Value \"Up\" does not exist in \"OrderByDirection\" enum.", 1, 1, 57);
    EXPECT_ONE("{ opportunities(filter: {id: {eq: 7}}) { totalCount } }",
               "Expected value of type \"UUID\", found 7; UUID must be a string", 1, 1, 35);
    EXPECT_ONE("{ opportunities(filter: {closeDate: {gt: \"soon\"}}) { totalCount } }",
               "Expected value of type \"DateTime\", found \"soon\"; Invalid date format, expected ISO date string",
               1, 1, 42);
}
END_TEST

START_TEST(test_variable_definitions)
{
    EXPECT_ONE("query Q($x: Foo) { opportunities(first: $x) { totalCount } }", "Unknown type \"Foo\".", 1, 1, 13);
    result r; /* graphql-js also reports the position */
    validate(&r, "query Q($x: Opportunity) { opportunities(filter: $x) { totalCount } }");
    ck_assert_uint_eq(r.errs.n, 2);
    check_error(&r, 0, "Variable \"$x\" cannot be non-input type \"Opportunity\".", 1, 1, 13);
    check_error(&r, 1, "Variable \"$x\" of type \"Opportunity\" used in position expecting type \"OpportunityFilterInput\".",
                2, 1, 9, 1, 50);
    done(&r);
    EXPECT_ONE("query Q($x: Int, $x: Int) { opportunities(first: $x) { totalCount } }",
               "There can be only one variable named \"$x\".", 2, 1, 10, 1, 19);
    EXPECT_ONE("query Q($x: Int = \"a\") { opportunities(first: $x) { totalCount } }",
               "Int cannot represent non-integer value: \"a\"", 1, 1, 19);
}
END_TEST

START_TEST(test_scalar_leafs)
{
    EXPECT_ONE("{ opportunities { totalCount { x } } }",
               "Field \"totalCount\" must not have a selection since type \"Int\" has no subfields.", 1, 1, 30);
    EXPECT_ONE("{ opportunities }",
               "Field \"opportunities\" of type \"OpportunityConnection\" must have a selection of subfields. "
               "Did you mean \"opportunities { ... }\"?", 1, 1, 3);
}
END_TEST

START_TEST(test_operations)
{
    EXPECT_ONE("query A { __typename }\nquery A { __typename }",
               "There can be only one operation named \"A\".", 2, 1, 1, 2, 1);
    EXPECT_ONE("{ __typename }\nquery B { __typename }",
               "This anonymous operation must be the only defined operation.", 1, 1, 1);
}
END_TEST

START_TEST(test_fragments)
{
    EXPECT_ONE("{ ...Missing }", "Unknown fragment \"Missing\".", 1, 1, 6);
    EXPECT_ONE("{ __typename }\nfragment F on Query { __typename }", "Fragment \"F\" is never used.", 1, 2, 1);
    EXPECT_ONE("{ opportunities { ...F } }\nfragment F on Company { id }",
               "Fragment \"F\" cannot be spread here as objects of type \"OpportunityConnection\" can never be of "
               "type \"Company\".", 1, 1, 19);
    EXPECT_ONE("{ ...F }\nfragment F on String { x }",
               "Fragment \"F\" cannot condition on non composite type \"String\".", 1, 2, 15);
    EXPECT_ONE("{ opportunities { ... on Nope { totalCount } } }", "Unknown type \"Nope\".", 1, 1, 26);
    result r;
    validate(&r, "{ ...A }\nfragment A on Query { ...B }\nfragment B on Query { ...A }");
    ck_assert(!r.valid);
    check_error(&r, 0, "Cannot spread fragment \"A\" within itself via \"B\".", 2, 2, 23, 3, 23);
    done(&r);
    EXPECT_ONE("{ ...A }\nfragment A on Query { ...A }", "Cannot spread fragment \"A\" within itself.", 1, 2, 23);
    /* Two fragments spreading each other twice: the overlapping-fields check
     * once expanded them exponentially and hung the server (a fuzzer find,
     * tests/fuzz/corpus/gql_validate/regress_fragment_cycle_blowup.graphql). */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    validate(&r, "{ opportunities { edges { node { ...X } } } }\n"
                 "fragment X on Opportunity { ...Y ...Y id }\n"
                 "fragment Y on Opportunity { ...X ...X id }");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert(!r.valid);
    check_error(&r, 0, "Cannot spread fragment \"X\" within itself via \"Y\".", 2, 2, 29, 3, 29);
    done(&r);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    ck_assert_msg(secs < 1.0, "validation took %.2f s", secs);
    EXPECT_ONE("{ ...A }\nfragment A on Query { __typename }\nfragment A on Query { __typename }",
               "There can be only one fragment named \"A\".", 2, 2, 10, 3, 10);
}
END_TEST

START_TEST(test_directives_and_duplicates)
{
    EXPECT_ONE("{ opportunities @foo { totalCount } }", "Unknown directive \"@foo\".", 1, 1, 17);
    EXPECT_ONE("{ opportunities @skip { totalCount } }",
               "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.", 1, 1, 17);
    EXPECT_ONE("{ opportunities @skip(if: true) @skip(if: false) { totalCount } }",
               "The directive \"@skip\" can only be used once at this location.", 2, 1, 17, 1, 33);
    EXPECT_ONE("query Q @skip(if: true) { __typename }", "Directive \"@skip\" may not be used on QUERY.", 1, 1, 9);
    EXPECT_ONE("{ search(searchInput: \"a\", limit: 1, limit: 2) { edges { cursor } } }",
               "There can be only one argument named \"limit\".", 2, 1, 28, 1, 38);
    EXPECT_ONE("{ opportunities(filter: {name: {eq: \"a\"}, name: {eq: \"b\"}}) { totalCount } }",
               "There can be only one input field named \"name\".", 2, 1, 26, 1, 43);
}
END_TEST

START_TEST(test_overlapping_fields)
{
    EXPECT_ONE("{ a: opportunities { totalCount } a: companies { totalCount } }",
               "Fields \"a\" conflict because \"opportunities\" and \"companies\" are different fields. Use different "
               "aliases on the fields to fetch both if this was intentional.", 2, 1, 3, 1, 35);
    EXPECT_ONE("{ opportunities(first: 1) { totalCount } opportunities(first: 2) { totalCount } }",
               "Fields \"opportunities\" conflict because they have differing arguments. Use different aliases on the "
               "fields to fetch both if this was intentional.", 2, 1, 3, 1, 42);
    /* the same field twice is fine */
    expect_valid("{ opportunities(first: 1) { totalCount } opportunities(first: 1) { edges { cursor } } }");
}
END_TEST

START_TEST(test_several_errors_in_document_order)
{
    result r;
    validate(&r, "query Q($unused: Int) {\n  opportunities(foo: 1) { bar }\n}");
    ck_assert(!r.valid);
    ck_assert_uint_eq(r.errs.n, 3);
    check_error(&r, 0, "Unknown argument \"foo\" on field \"Query.opportunities\".", 1, 2, 17);
    check_error(&r, 1, "Cannot query field \"bar\" on type \"OpportunityConnection\".", 1, 2, 27);
    check_error(&r, 2, "Variable \"$unused\" is never used in operation \"Q\".", 1, 1, 9);
    done(&r);
}
END_TEST

START_TEST(test_metadata_schema)
{
    gql_schema *m = gt_meta_schema(&SS);
    ck_assert_ptr_nonnull(m);
    const char *src = "{ objects(paging: {first: 1000}) { edges { node { id nameSingular fieldsList { name options } "
                      "fields(paging: {first: 1000}) { edges { node { name defaultValue } } } } } } }";
    gql_arena a = {0};
    gql_errs errs = {.a = &a};
    gql_parse_error perr;
    gql_doc *d = gql_parse(src, strlen(src), &perr);
    ck_assert_ptr_nonnull(d);
    ck_assert(gql_validate(m, d, &errs));
    gql_doc_free(d);
    const char *bad = "{ objects { edges { node { fieldList { name } } } } }";
    d = gql_parse(bad, strlen(bad), &perr);
    ck_assert(!gql_validate(m, d, &errs));
    ck_assert_str_eq(errs.items[0].message, "Cannot query field \"fieldList\" on type \"Object\". Did you mean "
                                            "\"fieldsList\" or \"fields\"?");
    gql_doc_free(d);
    gql_errs_free(&errs);
    gql_arena_free(&a);
    gql_schema_free(m);
}
END_TEST

static Suite *validate_suite(void)
{
    Suite *s = suite_create("gql_validate");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_valid_documents);
    tcase_add_test(tc, test_undefined_variables);
    tcase_add_test(tc, test_unused_variables);
    tcase_add_test(tc, test_variables_in_allowed_position);
    tcase_add_test(tc, test_fields_on_correct_type);
    tcase_add_test(tc, test_known_argument_names);
    tcase_add_test(tc, test_required_arguments);
    tcase_add_test(tc, test_values_of_correct_type);
    tcase_add_test(tc, test_variable_definitions);
    tcase_add_test(tc, test_scalar_leafs);
    tcase_add_test(tc, test_operations);
    tcase_add_test(tc, test_fragments);
    tcase_add_test(tc, test_directives_and_duplicates);
    tcase_add_test(tc, test_overlapping_fields);
    tcase_add_test(tc, test_several_errors_in_document_order);
    tcase_add_test(tc, test_metadata_schema);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(validate_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
