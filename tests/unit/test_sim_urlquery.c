/* Unit tests of twenty-sim's query string splitting (src/sim/urlquery.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/urlquery.h"

START_TEST(splits_and_decodes_in_order)
{
    sim_request rq;
    memset(&rq, 0, sizeof rq);
    ck_assert_int_eq(sim_urlquery_split(&rq, "limit=60&filter=name%5Beq%5D%3A%22Acme%2C%20Inc%22&x=a+b&flag&&"
                                              "starting_after=ab%2B%2F%3D&e=&limit=5&bad=%zz%4"), 0);
    ck_assert_int_eq(rq.nquery, 8);
    static const char *const want[][2] = {
        {"limit", "60"}, {"filter", "name[eq]:\"Acme, Inc\""}, {"x", "a b"}, {"flag", ""},
        {"starting_after", "ab+/="}, {"e", ""}, {"limit", "5"}, {"bad", "%zz%4"}};
    for (int i = 0; i < 8; i++) {
        ck_assert_str_eq(rq.query[i].name, want[i][0]);
        ck_assert_str_eq(rq.query[i].value, want[i][1]);
    }
    sim_urlquery_free(&rq);
    ck_assert_int_eq(rq.nquery, 0);
}
END_TEST

START_TEST(empty_query)
{
    sim_request rq;
    memset(&rq, 0, sizeof rq);
    ck_assert_int_eq(sim_urlquery_split(&rq, ""), 0);
    ck_assert_int_eq(rq.nquery, 0);
    ck_assert_int_eq(sim_urlquery_split(&rq, NULL), 0);
    ck_assert_int_eq(sim_urlquery_split(&rq, "&&&"), 0);
    ck_assert_int_eq(rq.nquery, 0);
}
END_TEST

START_TEST(keeps_at_most_the_maximum)
{
    char raw[(SIM_MAX_QUERY + 3) * 32] = "";
    for (int i = 0; i < SIM_MAX_QUERY + 3; i++) {
        char one[32];
        snprintf(one, sizeof one, "p%d=%d&", i, i);
        strcat(raw, one);
    }
    sim_request rq;
    memset(&rq, 0, sizeof rq);
    ck_assert_int_eq(sim_urlquery_split(&rq, raw), 3);
    ck_assert_int_eq(rq.nquery, SIM_MAX_QUERY);
    ck_assert_str_eq(rq.query[SIM_MAX_QUERY - 1].name, "p31");
    sim_urlquery_free(&rq);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sim_urlquery");
    TCase *t = tcase_create("split");
    tcase_add_test(t, splits_and_decodes_in_order);
    tcase_add_test(t, empty_query);
    tcase_add_test(t, keeps_at_most_the_maximum);
    suite_add_tcase(s, t);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
