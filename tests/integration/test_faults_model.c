/* test_faults_model.c - the board model through src/net against a live
 * twenty-sim with faults (issue 6): a column page that failed after every
 * retry loads when asked again once the fault has cleared. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/drive.h"
#include "support/simrun.h"

START_TEST(a_page_that_failed_loads_when_asked_again)
{
    simrun sim;
    memset(&sim, 0, sizeof sim);
    const char *const args[] = {"--stages", "demo", "--seed", "300", NULL};
    ck_assert_msg(simrun_start(&sim, args), "%s", sim.err);
    pb_board_config cfg = {.page_size = 20};
    pb_board *b = board_new(&cfg);
    drive d;
    ck_assert_msg(drive_init(&d, sim.base_url, SIMRUN_KEY, b), "%s", d.err);
    board_open(b, NULL);
    ck_assert(drive_idle(&d, 30000));
    pb_column_view v;
    ck_assert(board_column(b, 0, &v));
    ck_assert_int_eq(v.loaded, 20);
    long total = v.total;
    ck_assert_int_gt(total, 40);
    const char *faults[] = {"GET /rest/opportunities* 500", "GET /rest/opportunities* close"};
    for (size_t i = 0; i < 2; i++) {
        ck_assert_int_eq(drive_http(&d, "POST", "/__sim/faults", faults[i], NULL), 200);
        board_load_all(b, 0);
        ck_assert(drive_idle(&d, 30000));
        board_column(b, 0, &v);
        ck_assert_msg(v.error != NULL, "%s: no column error", faults[i]);
        ck_assert_int_eq(v.loaded, 20);
    }
    ck_assert_int_eq(drive_http(&d, "DELETE", "/__sim/faults", NULL, NULL), 200);
    board_load_all(b, 0);
    ck_assert(drive_idle(&d, 30000));
    board_column(b, 0, &v);
    ck_assert_msg(v.error == NULL, "error left: %s", v.error);
    ck_assert_int_eq((long)v.loaded, total);
    ck_assert(v.complete);
    drive_free(&d);
    board_free(b);
    simrun_stop(&sim);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("faults_model");
    TCase *tc = tcase_create("faults_model");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, a_page_that_failed_loads_when_asked_again);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
