/* test_board_faults.c - the board model after faults (issue 6, the fault
 * matrix's model half): a column page that failed loads on the next try; a
 * failed write of the user's own is offered again (redo retries it, a create
 * included) and nothing typed is lost. */
#include "board_fixture.h"

static const char *const STAGES[] = {"DISCOVERY", "PROPOSAL", "NEGOTIATION"};
static const bf_g GROUPS[] = {{"DISCOVERY", "USD", 5, "5000000"}};
static const char *E500 =
    "{\"statusCode\":500,\"error\":\"InternalServerErrorException\",\"messages\":[\"Internal server error\"]}";

static pb_board *open_meta(bf_reqs *r, int page_size)
{
    pb_board_config cfg = {.page_size = page_size, .prefetch_margin = 1};
    return bf_open_answered(r, &cfg, 42, STAGES, 3, GROUPS, 1);
}

/* DISCOVERY: 2 of 5 loaded (cursor C1); the other columns empty. */
static pb_board *open_two(bf_reqs *r)
{
    pb_board *b = open_meta(r, 2);
    bf_r p1[] = {{1, "one", 1, 1000000, "USD"}, {2, "two", 2, 1000000, "USD"}};
    bf_answer_owned(b, r, bf_page_req(r, "DISCOVERY"), 200, bf_page("DISCOVERY", p1, 2, 5, true, "C1"));
    bf_answer_owned(b, r, bf_page_req(r, "PROPOSAL"), 200, bf_page("PROPOSAL", NULL, 0, 0, false, NULL));
    bf_answer_owned(b, r, bf_page_req(r, "NEGOTIATION"), 200, bf_page("NEGOTIATION", NULL, 0, 0, false, NULL));
    bf_drain_notices(b);
    return b;
}

START_TEST(a_failed_page_loads_on_the_next_try)
{
    bf_reqs r = {0};
    pb_board *b = open_two(&r);
    board_load_all(b, 0);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *n = bf_find(&r, "GET", "/rest/opportunities?", "starting_after=C1");
    ck_assert_ptr_nonnull(n);
    bf_answer(b, &r, n, 500, E500);
    bf_notice_with(b, "The server failed (500)");
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_ptr_nonnull(v.error);
    ck_assert(!v.loading);
    ck_assert_int_eq(v.loaded, 2);
    /* G again: the same page is asked for, and it shows */
    board_load_all(b, 0);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    board_column(b, 0, &v);
    ck_assert_ptr_null(v.error);   /* loading again: the old failure is gone */
    ck_assert(v.loading);
    n = bf_find(&r, "GET", "/rest/opportunities?", "starting_after=C1");
    ck_assert_ptr_nonnull(n);
    bf_r p2[] = {{3, "three", 3, 1000000, "USD"}, {4, "four", 4, 1000000, "USD"},
                 {5, "five", 5, 1000000, "USD"}};
    bf_answer_owned(b, &r, n, 200, bf_page("DISCOVERY", p2, 3, 5, false, "C2"));
    board_column(b, 0, &v);
    ck_assert_int_eq(v.loaded, 5);
    ck_assert(v.complete);
    ck_assert_ptr_null(v.error);
    ck_assert_str_eq(bf_name(b, 0, 4), "five");
    bf_free(&r);
    board_free(b);
}
END_TEST

static const char *E400 = "{\"statusCode\":400,\"error\":\"BadRequestException\","
                          "\"messages\":[\"Invalid value 'X' for field \\\"name\\\"\"]}";

START_TEST(a_failed_edit_is_offered_again)
{
    bf_reqs r = {0};
    pb_board *b = open_two(&r);
    bf_free(&r);
    pb_id one = bf_pid(1);
    pb_edit e = bf_name_edit("one renamed");
    ck_assert_int_eq(board_edit(b, &one, &e).status, PB_OP_OK);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    ck_assert_str_eq(r.v[0].method, "PATCH");
    ck_assert_ptr_nonnull(strstr(r.v[0].body, "one renamed"));
    bf_answer(b, &r, &r.v[0], 400, E400);
    pb_notice n = bf_notice_with(b, "Could not");
    ck_assert(n.retry_hint);
    ck_assert_str_eq(bf_name(b, 0, 0), "one");   /* reverted */
    ck_assert(board_can_retry(b, &one));
    ck_assert(!board_can_undo(b));
    bf_free(&r);
    /* redo sends the same change again; this time it is confirmed */
    pb_op_result res = board_redo(b);
    ck_assert_int_eq(res.status, PB_OP_OK);
    ck_assert_str_eq(bf_name(b, 0, 0), "one renamed");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    ck_assert_str_eq(r.v[0].method, "PATCH");
    ck_assert_ptr_nonnull(strstr(r.v[0].body, "one renamed"));
    bf_answer_owned(b, &r, &r.v[0], 200,
                    bf_one("updateOpportunity", 1, "one renamed", "DISCOVERY", 1, 1000000, "USD"));
    char msg[160];
    ck_assert_int_eq(board_op_state(b, res.op, msg, sizeof msg), PB_OPS_DONE);
    ck_assert_str_eq(bf_name(b, 0, 0), "one renamed");
    ck_assert(!board_can_retry(b, &one));
    ck_assert(board_can_undo(b));   /* an ordinary confirmed edit now */
    ck_assert(!board_can_redo(b));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(a_failed_create_is_offered_again_with_its_id)
{
    bf_reqs r = {0};
    pb_board *b = open_two(&r);
    bf_free(&r);
    pb_edit e = bf_name_edit("brand new");
    pb_id id;
    ck_assert_int_eq(board_create(b, 1, &e, &id).status, PB_OP_OK);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    char first[600];
    snprintf(first, sizeof first, "%s", r.v[0].body);
    bf_answer(b, &r, &r.v[0], 400, E400);
    ck_assert(bf_notice_with(b, "Could not create").retry_hint);
    ck_assert_ptr_null(board_find(b, &id));
    ck_assert(board_can_retry(b, &id));
    bf_free(&r);
    /* Ctrl-R: the same POST (same id: the server cannot get it twice) */
    ck_assert_int_eq(board_redo(b).status, PB_OP_OK);
    ck_assert_ptr_nonnull(board_find(b, &id));
    ck_assert_int_eq(bf_pull(b, &r), 1);
    ck_assert_str_eq(r.v[0].method, "POST");
    ck_assert_str_eq(r.v[0].body, first);
    /* the first attempt had landed after all: "already exists" is read back
     * and the create confirmed, once */
    bf_answer(b, &r, &r.v[0], 400,
              "{\"statusCode\":400,\"error\":\"BadRequestException\",\"messages\":[\"Record already exists\"]}");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    ck_assert_str_eq(r.v[1].method, "GET");
    char sid[PB_ID_BUFSZ];
    pb_id_format(&id, sid);
    pb_buf j = PB_BUF_INIT;
    pb_buf_printf(&j, "{\"data\":{\"opportunity\":{\"id\":\"%s\",\"name\":\"brand new\","
                      "\"stage\":\"PROPOSAL\",\"position\":0,\"amount\":null,\"deletedAt\":null}}}", sid);
    char *body = pb_buf_take(&j);
    bf_answer(b, &r, &r.v[1], 200, body);
    free(body);
    size_t col, idx;
    ck_assert(board_locate(b, &id, &col, &idx));
    ck_assert_int_eq(col, 1);
    ck_assert(!(board_card_flags(b, col, idx) & (PB_CARD_PENDING | PB_CARD_FAILED)));
    pb_column_view v;
    board_column(b, 1, &v);
    ck_assert_int_eq(v.total, 1);
    ck_assert(board_can_undo(b));
    /* board_create_again refuses an id already on the board */
    ck_assert_int_eq(board_create_again(b, 1, &e, &id).status, PB_OP_BUSY);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(no_retry_after_a_delete_elsewhere)
{
    bf_reqs r = {0};
    pb_board *b = open_two(&r);
    bf_free(&r);
    pb_id one = bf_pid(1);
    ck_assert_int_eq(board_move_stage(b, &one, +1).status, PB_OP_OK);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    bf_answer(b, &r, &r.v[0], 404,
              "{\"statusCode\":404,\"error\":\"NotFoundException\",\"messages\":[\"Record not found\"]}");
    pb_notice n = bf_notice_with(b, "deleted elsewhere");
    ck_assert(!n.retry_hint);
    ck_assert(!board_can_retry(b, &one));
    ck_assert_ptr_null(board_find(b, &one));
    bf_free(&r);
    board_free(b);
}
END_TEST

/* The POST was done but its answer was lost (closed, cut): the record is
 * read back, exists, and the create counts once. */
START_TEST(a_create_whose_answer_was_lost_counts_once)
{
    bf_reqs r = {0};
    pb_board *b = open_two(&r);
    bf_free(&r);
    pb_column_view v;
    board_column(b, 0, &v);
    long before = v.total;
    pb_edit e = bf_name_edit("lost answer");
    pb_id id;
    pb_op_result res = board_create(b, 0, &e, &id);
    ck_assert_int_eq(res.status, PB_OP_OK);
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, before + 1);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    bf_fail_transport(b, &r, &r.v[0], "connection closed without a response");
    ck_assert_int_eq(bf_pull(b, &r), 1);   /* the read-back */
    pb_outgoing *g = &r.v[1];
    ck_assert_str_eq(g->method, "GET");
    char sid[PB_ID_BUFSZ];
    pb_id_format(&id, sid);
    ck_assert_ptr_nonnull(strstr(g->path, sid));
    pb_buf j = PB_BUF_INIT;
    pb_buf_printf(&j, "{\"data\":{\"opportunity\":{\"id\":\"%s\",\"name\":\"lost answer\","
                      "\"stage\":\"DISCOVERY\",\"position\":0,\"amount\":null,\"deletedAt\":null}}}", sid);
    char *body = pb_buf_take(&j);
    bf_answer(b, &r, g, 200, body);
    free(body);
    char msg[160];
    ck_assert_int_eq(board_op_state(b, res.op, msg, sizeof msg), PB_OPS_DONE);
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, before + 1);
    ck_assert_ptr_nonnull(board_find(b, &id));
    bf_free(&r);
    board_free(b);
}
END_TEST

/* r while a refresh is still on its way (its pages failing and retried):
 * the refresh starts over, the late answers of the first are ignored. */
START_TEST(r_during_a_refresh_starts_it_over)
{
    bf_reqs r = {0};
    pb_board *b = open_two(&r);
    bf_free(&r);
    board_refresh(b);
    size_t first = bf_pull(b, &r);
    ck_assert_int_ge(first, 2);   /* totals + the loaded columns */
    pb_outgoing *old = bf_page_req(&r, "DISCOVERY");
    ck_assert_ptr_nonnull(old);
    bf_answer(b, &r, old, 500, E500);   /* one column fails; the others are still out */
    board_refresh(b);                  /* the user presses r again */
    size_t again = bf_pull(b, &r);
    ck_assert_int_ge(again, 1);         /* the pages are asked for again */
    /* the first refresh's late answers change nothing */
    pb_outgoing *late = NULL;
    for (size_t i = 0; i < first; i++)
        if (!r.used[i] && strstr(r.v[i].path, "PROPOSAL"))
            late = &r.v[i];
    if (late) {
        bf_r moved[] = {{1, "one", 0, 1000000, "USD"}};
        bf_answer_owned(b, &r, late, 200, bf_page("PROPOSAL", moved, 1, 1, false, NULL));
    }
    size_t col, idx;
    pb_id one = bf_pid(1);
    ck_assert(board_locate(b, &one, &col, &idx));
    ck_assert_int_eq(col, 0);
    /* the new refresh's Discovery page: "one" is gone from it (moved elsewhere) */
    pb_outgoing *d = NULL;
    for (size_t i = first; i < r.n; i++)
        if (!r.used[i] && strstr(r.v[i].path, "DISCOVERY"))
            d = &r.v[i];
    ck_assert_ptr_nonnull(d);
    bf_r rest[] = {{2, "two", 2, 1000000, "USD"}};
    bf_answer_owned(b, &r, d, 200, bf_page("DISCOVERY", rest, 1, 1, false, NULL));
    for (size_t i = first; i < r.n; i++)
        if (!r.used[i] && strstr(r.v[i].path, "PROPOSAL")) {
            bf_r moved[] = {{1, "one", 0, 1000000, "USD"}};
            bf_answer_owned(b, &r, &r.v[i], 200, bf_page("PROPOSAL", moved, 1, 1, false, NULL));
            break;
        }
    for (size_t i = first; i < r.n; i++)
        if (!r.used[i] && strstr(r.v[i].path, "NEGOTIATION")) {
            bf_answer_owned(b, &r, &r.v[i], 200, bf_page("NEGOTIATION", NULL, 0, 0, false, NULL));
            break;
        }
    /* the totals (one request: the first refresh's, still on its way) */
    bf_g g[] = {{"DISCOVERY", "USD", 1, "1000000"}, {"PROPOSAL", "USD", 1, "1000000"}};
    for (size_t i = 0; i < r.n; i++)
        if (!r.used[i] && strstr(r.v[i].path, "groupBy")) {
            bf_answer_owned(b, &r, &r.v[i], 200, bf_groups(g, 2));
            break;
        }
    while (bf_pull(b, &r) > 0) {   /* id checks of what vanished: gone */
        for (size_t i = 0; i < r.n; i++)
            if (!r.used[i] && strstr(r.v[i].path, "filter=id"))
                bf_answer_owned(b, &r, &r.v[i], 200, bf_page("DISCOVERY", NULL, 0, 0, false, NULL));
    }
    ck_assert(board_locate(b, &one, &col, &idx));
    ck_assert_int_eq(col, 1);
    bf_free(&r);
    board_free(b);
}
END_TEST

/* A write that timed out and is not found on reading back may still land
 * later: the words say so (and offer the retry, which sends the same id). */
START_TEST(a_timed_out_write_says_it_may_still_land)
{
    bf_reqs r = {0};
    pb_board *b = open_two(&r);
    bf_free(&r);
    pb_edit e = bf_name_edit("slow one");
    pb_id id;
    ck_assert_int_eq(board_create(b, 0, &e, &id).status, PB_OP_OK);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    bf_fail_transport(b, &r, &r.v[0], "timed out after 1 s");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    bf_answer(b, &r, &r.v[1], 404,
              "{\"statusCode\":404,\"error\":\"NotFoundException\",\"messages\":[\"Record not found\"]}");
    pb_notice n = bf_notice_with(b, "Could not create \"slow one\"");
    ck_assert_ptr_nonnull(strstr(n.text, "timed out after 1 s (the server may still do it: r refreshes)"));
    ck_assert(n.retry_hint);
    ck_assert_ptr_null(board_find(b, &id));
    bf_free(&r);
    board_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("board_faults");
    TCase *tc = tcase_create("board_faults");
    tcase_add_test(tc, a_failed_page_loads_on_the_next_try);
    tcase_add_test(tc, a_failed_edit_is_offered_again);
    tcase_add_test(tc, a_failed_create_is_offered_again_with_its_id);
    tcase_add_test(tc, no_retry_after_a_delete_elsewhere);
    tcase_add_test(tc, a_create_whose_answer_was_lost_counts_once);
    tcase_add_test(tc, r_during_a_refresh_starts_it_over);
    tcase_add_test(tc, a_timed_out_write_says_it_may_still_land);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
