/* test_board_columns.c - a column's cards stay in (position, id) order
 * through many stage moves taken from its top, middle and bottom (the
 * column arrays keep free room on both sides and shift the shorter one,
 * board_cards.c), with canned answers. */
#include "board_fixture.h"

#define PER 100
static const char *const STAGES[] = {"DISCOVERY", "PROPOSAL"};

static pb_board *open_two(bf_reqs *r)
{
    pb_board_config cfg = {.page_size = 200};
    char sum[32];
    snprintf(sum, sizeof sum, "%d", PER * 1000000);
    bf_g g[] = {{"DISCOVERY", "USD", PER, sum}, {"PROPOSAL", "USD", PER, sum}};
    pb_board *b = bf_open_answered(r, &cfg, 3, STAGES, 2, g, 2);
    static char names[2 * PER][16];
    bf_r recs[2][PER];
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < PER; i++) {
            int id = s * PER + i + 1;
            snprintf(names[id - 1], sizeof names[0], "deal %d", id);
            recs[s][i] = (bf_r){id, names[id - 1], (double)(i + 1), 1000000, "USD"};
        }
    bf_answer_owned(b, r, bf_find(r, "GET", "/rest/opportunities?", "DISCOVERY"), 200,
                    bf_page("DISCOVERY", recs[0], PER, PER, false, "D"));
    bf_answer_owned(b, r, bf_find(r, "GET", "/rest/opportunities?", "PROPOSAL"), 200,
                    bf_page("PROPOSAL", recs[1], PER, PER, false, "P"));
    bf_free(r);
    bf_drain_notices(b);
    return b;
}

/* Every column sorted by (position, id); returns the cards loaded. */
static size_t check_order(const pb_board *b)
{
    size_t all = 0;
    for (size_t c = 0; c < board_column_count(b); c++) {
        pb_column_view v;
        ck_assert(board_column(b, c, &v));
        for (size_t i = 0; i + 1 < v.loaded; i++) {
            const pb_opp *x = board_card(b, c, i), *y = board_card(b, c, i + 1);
            ck_assert(x->position < y->position
                      || (x->position == y->position && pb_id_cmp(&x->id, &y->id) < 0));
        }
        for (size_t i = 0; i < v.loaded; i++) {
            size_t col, idx;
            ck_assert(board_locate(b, &board_card(b, c, i)->id, &col, &idx));
            ck_assert_int_eq(col, c);
            ck_assert_int_eq(idx, i);
        }
        all += v.loaded;
    }
    return all;
}

START_TEST(moves_from_anywhere_keep_both_columns_ordered)
{
    bf_reqs r = {0};
    pb_board *b = open_two(&r);
    ck_assert_int_eq(check_order(b), 2 * PER);
    uint64_t rng = 12345;
    for (int step = 0; step < 600; step++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        size_t from = (size_t)(rng >> 63);
        pb_column_view v;
        ck_assert(board_column(b, from, &v));
        if (v.loaded == 0)
            from = 1 - from;
        ck_assert(board_column(b, from, &v));
        /* a third from the top, a third from the bottom, the rest anywhere */
        size_t pick = (size_t)(rng >> 20) % 3;
        size_t idx = pick == 0 ? 0 : pick == 1 ? v.loaded - 1 : (size_t)(rng >> 33) % v.loaded;
        pb_id id = board_card(b, from, idx)->id;
        pb_op_result res = board_move_stage(b, &id, from == 0 ? +1 : -1);
        ck_assert_int_eq(res.status, PB_OP_OK);
        ck_assert_int_eq(bf_pull(b, &r), 1);
        const char *p = strstr(r.v[0].body, "\"position\":");
        ck_assert_ptr_nonnull(p);
        double pos = strtod(p + 11, NULL);
        size_t col, at;
        ck_assert(board_locate(b, &id, &col, &at));
        ck_assert_int_eq(col, 1 - from);
        ck_assert_int_eq(at, 0);   /* a move lands on top */
        char sid[PB_ID_BUFSZ];
        pb_id_format(&id, sid);
        int n = atoi(sid + 24);
        bf_answer_owned(b, &r, &r.v[0], 200,
                        bf_one("updateOpportunity", n, board_card(b, col, at)->name,
                               STAGES[1 - from], pos, 1000000, "USD"));
        bf_free(&r);
        bf_drain_notices(b);
        ck_assert_int_eq(check_order(b), 2 * PER);
    }
    pb_column_view a, c;
    board_column(b, 0, &a);
    board_column(b, 1, &c);
    ck_assert_int_eq(a.total + c.total, 2 * PER);
    ck_assert_int_eq((long)a.loaded, a.total);
    ck_assert_int_eq((long)c.loaded, c.total);
    board_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("board_columns");
    TCase *tc = tcase_create("columns");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, moves_from_anywhere_keep_both_columns_ordered);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
