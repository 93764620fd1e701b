/* test_gql_parse.c - the GraphQL lexer and parser: documents, literals,
 * printing, and syntax errors with graphql-js's messages and positions. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/gql_parse.h"

static gql_doc *parse_ok(const char *src)
{
    gql_parse_error err = {0};
    gql_doc *d = gql_parse(src, strlen(src), &err);
    ck_assert_msg(d != NULL, "parse failed: %s", err.message);
    return d;
}

/* Parses src expecting a failure; checks the message and line:column. */
static void parse_fails(const char *src, const char *message, int line, int column)
{
    gql_parse_error err = {0};
    gql_doc *d = gql_parse(src, strlen(src), &err);
    ck_assert_msg(d == NULL, "expected a syntax error for %s", src);
    ck_assert_str_eq(err.message, message);
    int l, c;
    gql_doc d0 = {.src = src, .len = strlen(src)};
    gql_doc_location(&d0, err.loc, &l, &c);
    ck_assert_int_eq(l, line);
    ck_assert_int_eq(c, column);
}

/* The first argument value of the first field of the first operation. */
static const gql_value *first_arg(const gql_doc *d)
{
    ck_assert_uint_ge(d->nops, 1);
    ck_assert_uint_ge(d->ops[0].sel->n, 1);
    ck_assert_uint_ge(d->ops[0].sel->items[0].nargs, 1);
    return d->ops[0].sel->items[0].args[0].value;
}

START_TEST(test_shorthand_query)
{
    gql_doc *d = parse_ok("{ opportunities { edges { node { id name } } } }");
    ck_assert_uint_eq(d->nops, 1);
    ck_assert_int_eq(d->ops[0].type, GQL_QUERY);
    ck_assert_ptr_null(d->ops[0].name);
    const gql_sel *s = &d->ops[0].sel->items[0];
    ck_assert_int_eq(s->kind, GS_FIELD);
    ck_assert_str_eq(s->name, "opportunities");
    ck_assert_ptr_null(s->alias);
    const gql_sel *node = &s->sel->items[0].sel->items[0];
    ck_assert_str_eq(node->name, "node");
    ck_assert_uint_eq(node->sel->n, 2);
    ck_assert_str_eq(node->sel->items[1].name, "name");
    ck_assert_ptr_null(node->sel->items[1].sel);
    gql_doc_free(d);
}
END_TEST

START_TEST(test_named_operation_with_variables)
{
    gql_doc *d = parse_ok("mutation UpdateOneOpportunity($idToUpdate: UUID!, $input: "
                          "OpportunityUpdateInput!, $tags: [String!] = [\"a\"], $n: Int = 3) {\n"
                          "  updateOpportunity(id: $idToUpdate, data: $input) { id stage }\n}");
    const gql_op *op = &d->ops[0];
    ck_assert_int_eq(op->type, GQL_MUTATION);
    ck_assert_str_eq(op->name, "UpdateOneOpportunity");
    ck_assert_uint_eq(op->nvars, 4);
    ck_assert_str_eq(op->vars[0].name, "idToUpdate");
    ck_assert_int_eq(op->vars[0].type->kind, GTR_NON_NULL);
    ck_assert_str_eq(op->vars[0].type->of->name, "UUID");
    gql_arena a = {0};
    ck_assert_str_eq(gql_print_typeref(&a, op->vars[2].type), "[String!]");
    ck_assert_str_eq(gql_print_value(&a, op->vars[2].def), "[\"a\"]");
    ck_assert_str_eq(op->vars[3].def->s, "3");
    ck_assert_ptr_null(op->vars[0].def);
    const gql_sel *f = &op->sel->items[0];
    ck_assert_uint_eq(f->nargs, 2);
    ck_assert_int_eq(f->args[0].value->kind, GV_VARIABLE);
    ck_assert_str_eq(f->args[0].value->s, "idToUpdate");
    gql_arena_free(&a);
    gql_doc_free(d);
}
END_TEST

START_TEST(test_aliases_fragments_directives)
{
    gql_doc *d = parse_ok("query Q($skip: Boolean!) {\n"
                          "  won: opportunities(filter: {stage: {eq: CLOSED_WON}}) { ...Totals }\n"
                          "  search(searchInput: \"x\", limit: 5) @skip(if: $skip) {\n"
                          "    edges { node { ... on SearchRecord { recordId } ... @include(if: true) { label } } }\n"
                          "  }\n}\n"
                          "fragment Totals on OpportunityConnection { totalCount sumAmountAmountMicros }");
    ck_assert_uint_eq(d->nops, 1);
    ck_assert_uint_eq(d->nfrags, 1);
    ck_assert_str_eq(d->frags[0].name, "Totals");
    ck_assert_str_eq(d->frags[0].type_cond, "OpportunityConnection");
    ck_assert_uint_eq(d->frags[0].sel->n, 2);
    const gql_sel *won = &d->ops[0].sel->items[0];
    ck_assert_str_eq(won->alias, "won");
    ck_assert_str_eq(won->name, "opportunities");
    ck_assert_int_eq(won->sel->items[0].kind, GS_SPREAD);
    ck_assert_str_eq(won->sel->items[0].name, "Totals");
    const gql_sel *search = &d->ops[0].sel->items[1];
    ck_assert_uint_eq(search->ndirs, 1);
    ck_assert_str_eq(search->dirs[0].name, "skip");
    ck_assert_str_eq(search->dirs[0].args[0].name, "if");
    const gql_selset *node = search->sel->items[0].sel->items[0].sel;
    ck_assert_int_eq(node->items[0].kind, GS_INLINE);
    ck_assert_str_eq(node->items[0].type_cond, "SearchRecord");
    ck_assert_int_eq(node->items[1].kind, GS_INLINE);
    ck_assert_ptr_null(node->items[1].type_cond);
    ck_assert_str_eq(node->items[1].dirs[0].name, "include");
    gql_doc_free(d);
}
END_TEST

START_TEST(test_literals)
{
    gql_doc *d = parse_ok("{ f(a: {i: -12, f: 1.5e3, s: \"q\\\"\\\\\\u00e9\\u{1F600}\\n\", "
                          "t: true, n: null, e: AscNullsFirst, l: [1, [2]], o: {}}) }");
    const gql_value *v = first_arg(d);
    ck_assert_int_eq(v->kind, GV_OBJECT);
    ck_assert_uint_eq(v->nfields, 8);
    ck_assert_int_eq(v->fields[0].value->kind, GV_INT);
    ck_assert_str_eq(v->fields[0].value->s, "-12");
    ck_assert_int_eq(v->fields[1].value->kind, GV_FLOAT);
    ck_assert_str_eq(v->fields[1].value->s, "1.5e3");
    ck_assert_int_eq(v->fields[2].value->kind, GV_STRING);
    ck_assert_str_eq(v->fields[2].value->s, "q\"\\\xc3\xa9\xf0\x9f\x98\x80\n");
    ck_assert_int_eq(v->fields[3].value->kind, GV_BOOLEAN);
    ck_assert(v->fields[3].value->b);
    ck_assert_int_eq(v->fields[4].value->kind, GV_NULL);
    ck_assert_int_eq(v->fields[5].value->kind, GV_ENUM);
    ck_assert_str_eq(v->fields[5].value->s, "AscNullsFirst");
    ck_assert_int_eq(v->fields[6].value->kind, GV_LIST);
    ck_assert_uint_eq(v->fields[6].value->nitems, 2);
    ck_assert_int_eq(v->fields[6].value->items[1]->kind, GV_LIST);
    ck_assert_int_eq(v->fields[7].value->kind, GV_OBJECT);
    ck_assert_uint_eq(v->fields[7].value->nfields, 0);
    gql_arena a = {0};
    ck_assert_str_eq(gql_print_value(&a, v),
                     "{i: -12, f: 1.5e3, s: \"q\\\"\\\\\xc3\xa9\xf0\x9f\x98\x80\\n\", t: true, "
                     "n: null, e: AscNullsFirst, l: [1, [2]], o: {}}");
    gql_arena_free(&a);
    gql_doc_free(d);
}
END_TEST

START_TEST(test_surrogate_pair_escape)
{
    gql_doc *d = parse_ok("{ f(s: \"\\uD83D\\uDE00\") }");
    ck_assert_str_eq(first_arg(d)->s, "\xf0\x9f\x98\x80");
    gql_doc_free(d);
}
END_TEST

START_TEST(test_block_string)
{
    gql_doc *d = parse_ok("{ f(s: \"\"\"\n    Hello,\n      World!\n\n    Yours \\\"\"\" \n  \"\"\") }");
    const gql_value *v = first_arg(d);
    ck_assert(v->block);
    ck_assert_str_eq(v->s, "Hello,\n  World!\n\nYours \"\"\" "); /* trailing blanks stay */
    gql_doc_free(d);
}
END_TEST

START_TEST(test_ignored_tokens)
{
    gql_doc *d = parse_ok("\xEF\xBB\xBF# a comment\r\n{ a,,, b # trailing\r c }");
    ck_assert_uint_eq(d->ops[0].sel->n, 3);
    int l, c;
    gql_doc_location(d, d->ops[0].sel->items[2].loc, &l, &c);
    ck_assert_int_eq(l, 3);   /* \r\n and a lone \r both end a line */
    ck_assert_int_eq(c, 2);
    gql_doc_free(d);
}
END_TEST

START_TEST(test_locations_of_nodes)
{
    gql_doc *d = parse_ok("query {\n  search(searchInput: \"x\", limit: 20) {\n    edges { cursor }\n  }\n}");
    const gql_sel *s = &d->ops[0].sel->items[0];
    int l, c;
    gql_doc_location(d, s->loc, &l, &c);
    ck_assert_int_eq(l, 2);
    ck_assert_int_eq(c, 3);
    gql_doc_location(d, s->args[1].loc, &l, &c);
    ck_assert_int_eq(l, 2);
    ck_assert_int_eq(c, 28);
    gql_doc_location(d, s->args[1].value->loc, &l, &c);
    ck_assert_int_eq(c, 35);
    gql_doc_free(d);
}
END_TEST

START_TEST(test_columns_count_utf16_units)
{
    /* é is one UTF-16 unit, 😀 two: graphql-js columns count units */
    parse_fails("{ f(s: \"é😀\") % }", "Syntax Error: Unexpected character: \"%\".", 1, 15);
}
END_TEST

START_TEST(test_syntax_errors)
{
    parse_fails("", "Syntax Error: Unexpected <EOF>.", 1, 1);
    parse_fails("{", "Syntax Error: Expected Name, found <EOF>.", 1, 2);
    parse_fails("{ }", "Syntax Error: Expected Name, found \"}\".", 1, 3);
    parse_fails("query {\n  a(b: )\n}", "Syntax Error: Unexpected \")\".", 2, 8);
    parse_fails("{ a(b 1) }", "Syntax Error: Expected \":\", found Int \"1\".", 1, 7);
    parse_fails("foo { a }", "Syntax Error: Unexpected Name \"foo\".", 1, 1);
    parse_fails("{ a }\n}", "Syntax Error: Unexpected \"}\".", 2, 1);
    parse_fails("fragment on on T { a }", "Syntax Error: Unexpected Name \"on\".", 1, 10);
    parse_fails("fragment F T { a }", "Syntax Error: Expected \"on\", found Name \"T\".", 1, 12);
    parse_fails("query Q($a: Int = $b) { a }",
                "Syntax Error: Unexpected variable \"$b\" in constant value.", 1, 20);
    parse_fails("query Q($a: [Int) { a }", "Syntax Error: Expected \"]\", found \")\".", 1, 17);
    parse_fails("{ a(s: 'x') }",
                "Syntax Error: Unexpected single quote character ('), did you mean to use a "
                "double quote (\")?", 1, 8);
}
END_TEST

START_TEST(test_lexical_errors)
{
    parse_fails("{ a(s: \"abc) }", "Syntax Error: Unterminated string.", 1, 15);
    parse_fails("{ a(s: \"ab\nc\") }", "Syntax Error: Unterminated string.", 1, 11);
    parse_fails("{ a(s: \"\\x\") }", "Syntax Error: Invalid character escape sequence: \"\\x\".", 1, 9);
    parse_fails("{ a(s: \"\\u12G4\") }",
                "Syntax Error: Invalid Unicode escape sequence: \"\\u12G4\".", 1, 9);
    parse_fails("{ a(n: 012) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 9);
    parse_fails("{ a(n: 1.) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 10);
    parse_fails("{ a(n: 12abc) }", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 10);
    parse_fails("{ a(n: -) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 9);
    parse_fails("{ a(n: 1e) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 10);
    parse_fails("{ a .. }", "Syntax Error: Unexpected character: \".\".", 1, 5);
    parse_fails("{ a \x01 }", "Syntax Error: Unexpected character: U+0001.", 1, 5);
    parse_fails("{ a(s: \"\"\"abc) }", "Syntax Error: Unterminated string.", 1, 17);
}
END_TEST

START_TEST(test_deep_nesting_is_an_error_not_a_crash)
{
    size_t n = 5000;
    char *src = malloc(n * 2 + 16);
    strcpy(src, "{ f(a: ");
    size_t k = strlen(src);
    for (size_t i = 0; i < n; i++)
        src[k++] = '[';
    src[k] = '\0';
    gql_parse_error err = {0};
    ck_assert_ptr_null(gql_parse(src, strlen(src), &err));
    ck_assert_str_eq(err.message, "Syntax Error: Document is nested too deeply.");
    free(src);
}
END_TEST

START_TEST(test_print_string_escapes)
{
    gql_arena a = {0};
    ck_assert_str_eq(gql_print_string(&a, "a\"b\\c\x01\t"), "\"a\\\"b\\\\c\\u0001\\t\"");
    gql_arena_free(&a);
}
END_TEST

static Suite *parse_suite(void)
{
    Suite *s = suite_create("gql_parse");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, test_shorthand_query);
    tcase_add_test(tc, test_named_operation_with_variables);
    tcase_add_test(tc, test_aliases_fragments_directives);
    tcase_add_test(tc, test_literals);
    tcase_add_test(tc, test_surrogate_pair_escape);
    tcase_add_test(tc, test_block_string);
    tcase_add_test(tc, test_ignored_tokens);
    tcase_add_test(tc, test_locations_of_nodes);
    tcase_add_test(tc, test_columns_count_utf16_units);
    tcase_add_test(tc, test_syntax_errors);
    tcase_add_test(tc, test_lexical_errors);
    tcase_add_test(tc, test_deep_nesting_is_an_error_not_a_crash);
    tcase_add_test(tc, test_print_string_escapes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(parse_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
