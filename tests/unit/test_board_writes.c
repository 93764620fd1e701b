/* test_board_writes.c - optimistic writes of the board model with canned
 * answers: positions (every rule), moves, reorders, edits, creates, deletes,
 * their exact rollback (cards, counts, per-currency totals), uncertain
 * outcomes read back, 404s, busy cards, undo/redo including a failing undo. */
#include "board_fixture.h"

#include "model/position.h"

static const char *const STAGES[] = {"DISCOVERY", "PROPOSAL", "NEGOTIATION", "CLOSED_WON"};

/* DISCOVERY: a(1) $50k, b(2) €20k, c(3) no amount, e(4) $1 — complete.
 * PROPOSAL: d(10) $7.000001 — one more on the server. NEGOTIATION: empty.
 * CLOSED_WON: not loaded yet. */
static pb_board *open_std(bf_reqs *r)
{
    pb_board_config cfg = {.page_size = 60};
    bf_g g[] = {{"DISCOVERY", "USD", 2, "50001000000"}, {"DISCOVERY", "EUR", 1, "20000000000"},
                {"DISCOVERY", NULL, 1, NULL}, {"PROPOSAL", "USD", 2, "9000001"},
                {"CLOSED_WON", "USD", 1, "5"}};
    pb_board *b = bf_open_answered(r, &cfg, 7, STAGES, 4, g, 5);
    bf_r disc[] = {{1, "Acme renewal", 1, 50000000000, "USD"},
                   {2, "Globex", 2, 20000000000, "EUR"},
                   {3, "Initech", 3, -1, NULL},
                   {5, "Hooli", 4, 1000000, "USD"}};
    bf_r prop[] = {{4, "Umbrella", 10, 7000001, "USD"}};
    bf_answer_owned(b, r, bf_page_req(r, "DISCOVERY"), 200, bf_page("DISCOVERY", disc, 4, 4, false, "D1"));
    bf_answer_owned(b, r, bf_page_req(r, "PROPOSAL"), 200, bf_page("PROPOSAL", prop, 1, 2, true, "P1"));
    bf_answer_owned(b, r, bf_page_req(r, "NEGOTIATION"), 200, bf_page("NEGOTIATION", NULL, 0, 0, false, NULL));
    bf_free(r);
    bf_drain_notices(b);
    return b;
}

/* Everything a user could see: names per column, counts, totals. */
typedef struct snap {
    char text[2048];
} snap;

static snap take_snap(const pb_board *b)
{
    snap s;
    pb_buf t = PB_BUF_INIT;
    for (size_t c = 0; c < board_column_count(b); c++) {
        pb_column_view v;
        board_column(b, c, &v);
        pb_buf_printf(&t, "[%s n=%ld", v.stage->value, v.total);
        for (size_t k = 0; k < v.totals->n; k++)
            pb_buf_printf(&t, " %s:%lld/%lld", v.totals->v[k].currency,
                          (long long)v.totals->v[k].micros, (long long)v.totals->v[k].count);
        for (size_t i = 0; i < v.loaded; i++) {
            const pb_opp *o = board_card(b, c, i);
            pb_buf_printf(&t, " %s@%.17g", o->name, o->position);
            if (o->amount.set)
                pb_buf_printf(&t, "=%lld%s", (long long)o->amount.micros, o->amount.currency);
        }
        pb_buf_puts(&t, "]");
    }
    pb_buf_printf(&t, " pipeline=%ld", board_pipeline_count(b));
    snprintf(s.text, sizeof s.text, "%s", pb_buf_cstr(&t));
    pb_buf_free(&t);
    return s;
}

static const char *ERR400 =
    "{\"statusCode\":400,\"error\":\"BadRequestException\",\"messages\":[\"Invalid value 'X' for "
    "field \\\"stage\\\"\"]}";

START_TEST(position_rules)
{
    ck_assert(pb_position_top(true, 99) == 1.0);
    ck_assert(pb_position_top(false, 3) == 2.0);
    ck_assert(pb_position_top(false, -0.5) == -1.5);
    ck_assert(pb_position_bottom(true, 5) == 1.0);
    ck_assert(pb_position_bottom(false, 5) == 6.0);
    double m = 0;
    ck_assert(pb_position_between(1, 2, &m));
    ck_assert(m == 1.5);
    ck_assert(pb_position_between(-3, 5, &m));
    ck_assert(m == 1.0);
    ck_assert(!pb_position_between(2, 2, &m));   /* ties: no room */
    ck_assert(!pb_position_between(3, 2, &m));
    ck_assert(!pb_position_between(1.0, 1.0000000000000002, &m));   /* adjacent doubles */
    /* halving 60 times at one spot ends with a refusal, not a wrong order */
    double lo = 0, hi = 1;
    int n = 0;
    while (pb_position_between(lo, hi, &m) && n < 2000) {
        ck_assert(m > lo && m < hi);
        hi = m;
        n++;
    }
    ck_assert_int_lt(n, 2000);
}
END_TEST

START_TEST(move_to_next_stage_and_confirm)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    pb_id acme = bf_pid(1);
    pb_op_result res = board_move_stage(b, &acme, +1);
    ck_assert_int_eq(res.status, PB_OP_OK);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *p = bf_find(&r, "PATCH", "/rest/opportunities/00000000-0000-4000-8000-000000000001", NULL);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p->body, "{\"stage\":\"PROPOSAL\",\"position\":9}");   /* top: first - 1 */
    ck_assert(p->user_initiated);
    size_t col, idx;
    ck_assert(board_locate(b, &acme, &col, &idx));
    ck_assert_int_eq(col, 1);
    ck_assert_int_eq(idx, 0);
    ck_assert(board_card_flags(b, 1, 0) & PB_CARD_PENDING);
    ck_assert_int_eq(board_op_state(b, res.op, NULL, 0), PB_OPS_PENDING);
    /* counts and totals moved at once, exactly */
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, 3);
    ck_assert_int_eq(bf_total(v.totals, "USD"), 1000000);
    board_column(b, 1, &v);
    ck_assert_int_eq(v.total, 3);
    ck_assert_int_eq(bf_total(v.totals, "USD"), INT64_C(50009000001));
    ck_assert_int_eq(board_pipeline_count(b), 7);
    /* a second write on the same card waits for the first */
    pb_op_result busy = board_move_stage(b, &acme, +1);
    ck_assert_int_eq(busy.status, PB_OP_BUSY);
    ck_assert_ptr_nonnull(strstr(busy.reason, "still being saved"));
    ck_assert_int_eq(bf_pull(b, &r), 0);
    bf_answer_owned(b, &r, p, 200, bf_one("updateOpportunity", 1, "Acme renewal", "PROPOSAL", 9,
                                          50000000000, "USD"));
    ck_assert(!(board_card_flags(b, 1, 0) & PB_CARD_PENDING));
    ck_assert_int_eq(board_op_state(b, res.op, NULL, 0), PB_OPS_DONE);
    pb_notice n = bf_notice_with(b, "Moved");
    ck_assert_str_eq(n.text, "Moved \"Acme renewal\" to LPROPOSAL");
    ck_assert(n.undo_hint);
    ck_assert(board_can_undo(b));
    /* edges */
    pb_id hooli = bf_pid(5);
    ck_assert_int_eq(board_move_stage(b, &hooli, -1).status, PB_OP_AT_EDGE);
    pb_id nobody = bf_pid(99);
    ck_assert_int_eq(board_move_stage(b, &nobody, 1).status, PB_OP_NO_CARD);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(move_into_empty_column_is_position_one)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    pb_id umb = bf_pid(4);
    ck_assert_int_eq(board_move_stage(b, &umb, +1).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[0].body, "{\"stage\":\"NEGOTIATION\",\"position\":1}");
    /* the next column has not loaded: refused until it has */
    bf_answer_owned(b, &r, &r.v[0], 200, bf_one("updateOpportunity", 4, "Umbrella", "NEGOTIATION", 1, 7000001, "USD"));
    pb_op_result res = board_move_stage(b, &umb, +1);
    ck_assert_int_eq(res.status, PB_OP_BUSY);
    ck_assert_str_eq(res.reason, "LCLOSED_WON is still loading");
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(failed_move_reverts_exactly)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    snap before = take_snap(b);
    pb_id globex = bf_pid(2);
    pb_op_result res = board_move_stage(b, &globex, +1);
    ck_assert_int_eq(res.status, PB_OP_OK);
    snap during = take_snap(b);
    ck_assert_str_ne(during.text, before.text);
    bf_pull(b, &r);
    bf_answer(b, &r, &r.v[0], 400, ERR400);
    snap after = take_snap(b);
    ck_assert_str_eq(after.text, before.text);
    size_t col, idx;
    ck_assert(board_locate(b, &globex, &col, &idx));
    ck_assert_int_eq(col, 0);
    ck_assert_int_eq(idx, 1);
    ck_assert(board_card_flags(b, 0, 1) & PB_CARD_FAILED);
    ck_assert(!(board_card_flags(b, 0, 1) & PB_CARD_PENDING));
    ck_assert_str_eq(board_card_error(b, &globex), "Invalid value 'X' for field \"stage\"");
    char msg[160];
    ck_assert_int_eq(board_op_state(b, res.op, msg, sizeof msg), PB_OPS_FAILED);
    ck_assert_str_eq(msg, "Invalid value 'X' for field \"stage\"");
    pb_notice n = bf_notice_with(b, "Could not");
    ck_assert_str_eq(n.text, "Could not move \"Globex\": Invalid value 'X' for field \"stage\" "
                             "\xE2\x80\x94 reverted");
    ck_assert_int_eq(n.kind, PB_NOTICE_ERROR);
    ck_assert(!board_can_undo(b));
    board_dismiss_failure(b, &globex);
    ck_assert(!(board_card_flags(b, 0, 1) & PB_CARD_FAILED));
    ck_assert_ptr_null(board_card_error(b, &globex));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(reorder_uses_midpoints)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    pb_id a = bf_pid(1), g = bf_pid(2), i = bf_pid(3), h = bf_pid(5);
    ck_assert_int_eq(board_reorder(b, &a, -1).status, PB_OP_AT_EDGE);
    ck_assert_int_eq(board_reorder(b, &h, +1).status, PB_OP_AT_EDGE);   /* complete column */
    /* Initech (3) up past Globex (2): between Acme (1) and Globex (2) */
    ck_assert_int_eq(board_reorder(b, &i, -1).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[0].body, "{\"stage\":\"DISCOVERY\",\"position\":1.5}");
    ck_assert_str_eq(bf_name(b, 0, 1), "Initech");
    bf_answer_owned(b, &r, &r.v[0], 200, bf_one("updateOpportunity", 3, "Initech", "DISCOVERY", 1.5, -1, NULL));
    bf_notice_with(b, "Moved \"Initech\" up");
    ck_assert_int_eq(board_reorder(b, &g, +1).status, PB_OP_OK);   /* past Hooli (4): last + 1 */
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[1].body, "{\"stage\":\"DISCOVERY\",\"position\":5}");
    bf_answer_owned(b, &r, &r.v[1], 200, bf_one("updateOpportunity", 2, "Globex", "DISCOVERY", 5, 20000000000, "EUR"));
    ck_assert_int_eq(board_reorder(b, &a, +1).status, PB_OP_OK);   /* past Initech: mid(1.5, 4) */
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[2].body, "{\"stage\":\"DISCOVERY\",\"position\":2.75}");
    bf_answer_owned(b, &r, &r.v[2], 200, bf_one("updateOpportunity", 1, "Acme renewal", "DISCOVERY", 2.75, 50000000000, "USD"));
    ck_assert_int_eq(board_reorder(b, &h, -1).status, PB_OP_OK);   /* Hooli(4) past Acme(2.75): mid(1.5, 2.75) */
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[3].body, "{\"stage\":\"DISCOVERY\",\"position\":2.125}");
    bf_answer_owned(b, &r, &r.v[3], 200, bf_one("updateOpportunity", 5, "Hooli", "DISCOVERY", 2.125, 1000000, "USD"));
    ck_assert_str_eq(bf_name(b, 0, 0), "Initech");
    ck_assert_str_eq(bf_name(b, 0, 1), "Hooli");
    ck_assert_str_eq(bf_name(b, 0, 2), "Acme renewal");
    ck_assert_str_eq(bf_name(b, 0, 3), "Globex");
    ck_assert_int_eq(board_reorder(b, &i, -1).status, PB_OP_AT_EDGE);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(reorder_at_the_end_of_a_partial_column_loads_more)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    pb_id umb = bf_pid(4);
    pb_op_result res = board_reorder(b, &umb, +1);
    ck_assert_int_eq(res.status, PB_OP_BUSY);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    ck_assert_ptr_nonnull(bf_find(&r, "GET", "/rest/opportunities?", "starting_after=P1"));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(edit_sends_changed_fields_and_reverts)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    snap before = take_snap(b);
    pb_id acme = bf_pid(1);
    pb_edit e = {0};
    pb_opp_init(&e.values);
    e.mask = PB_OPP_F_NAME | PB_OPP_F_AMOUNT;
    e.values.name = "Acme renewal";   /* unchanged: not sent */
    e.values.amount = (pb_money){.micros = 1500000000, .currency = "EUR", .set = true};
    pb_op_result res = board_edit(b, &acme, &e);
    ck_assert_int_eq(res.status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[0].body, "{\"amount\":{\"amountMicros\":1500000000,\"currencyCode\":\"EUR\"}}");
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(bf_total(v.totals, "USD"), 1000000);
    ck_assert_int_eq(bf_total(v.totals, "EUR"), INT64_C(21500000000));
    ck_assert_int_eq(v.total, 4);
    bf_answer(b, &r, &r.v[0], 400, ERR400);
    ck_assert_str_eq(take_snap(b).text, before.text);
    /* nothing changed: nothing sent */
    board_dismiss_failure(b, &acme);
    e.mask = PB_OPP_F_NAME;
    ck_assert_int_eq(board_edit(b, &acme, &e).status, PB_OP_NOTHING);
    e.values.name = "   ";
    ck_assert_int_eq(board_edit(b, &acme, &e).status, PB_OP_INVALID);
    /* a bad currency is refused before anything changes */
    e.mask = PB_OPP_F_AMOUNT;
    e.values.amount = (pb_money){.micros = 1, .currency = "eu", .set = true};
    ck_assert_int_eq(board_edit(b, &acme, &e).status, PB_OP_INVALID);
    ck_assert_int_eq(bf_pull(b, &r), 0);
    ck_assert_str_eq(take_snap(b).text, before.text);
    /* a successful rename */
    e.mask = PB_OPP_F_NAME;
    e.values.name = "Acme renewal 2025";
    ck_assert_int_eq(board_edit(b, &acme, &e).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[1].body, "{\"name\":\"Acme renewal 2025\"}");
    ck_assert_str_eq(bf_name(b, 0, 0), "Acme renewal 2025");
    bf_answer_owned(b, &r, &r.v[1], 200, bf_one("updateOpportunity", 1, "Acme renewal 2025", "DISCOVERY", 1, 50000000000, "USD"));
    bf_notice_with(b, "Saved \"Acme renewal 2025\"");
    /* undo puts the old name back with the same PATCH shape */
    ck_assert_int_eq(board_undo(b).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[2].body, "{\"name\":\"Acme renewal\"}");
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(edit_stage_moves_to_the_top)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    pb_id hooli = bf_pid(5);
    pb_edit e = {0};
    pb_opp_init(&e.values);
    e.mask = PB_OPP_F_STAGE;
    e.values.stage = "PROPOSAL";
    ck_assert_int_eq(board_edit(b, &hooli, &e).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[0].body, "{\"stage\":\"PROPOSAL\",\"position\":9}");
    e.values.stage = "NOPE";
    pb_id acme = bf_pid(1);
    ck_assert_int_eq(board_edit(b, &acme, &e).status, PB_OP_INVALID);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(create_at_top_with_client_id)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    snap before = take_snap(b);
    pb_edit e = {0};
    pb_opp_init(&e.values);
    e.mask = PB_OPP_F_NAME | PB_OPP_F_AMOUNT;
    e.values.name = "Stark Q3 order";
    e.values.amount = (pb_money){.micros = 95000000000, .currency = "USD", .set = true};
    pb_id id;
    pb_op_result res = board_create(b, 0, &e, &id);
    ck_assert_int_eq(res.status, PB_OP_OK);
    ck_assert(!pb_id_is_nil(&id));
    char sid[PB_ID_BUFSZ];
    pb_id_format(&id, sid);
    ck_assert_int_eq(sid[14], '4');   /* a version 4 UUID */
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[0].method, "POST");
    ck_assert_str_eq(r.v[0].path, "/rest/opportunities");
    char want[400];
    snprintf(want, sizeof want,
             "{\"id\":\"%s\",\"name\":\"Stark Q3 order\",\"stage\":\"DISCOVERY\",\"position\":0,"
             "\"amount\":{\"amountMicros\":95000000000,\"currencyCode\":\"USD\"}}",
             sid);
    ck_assert_str_eq(r.v[0].body, want);
    ck_assert_str_eq(bf_name(b, 0, 0), "Stark Q3 order");
    ck_assert(board_card_flags(b, 0, 0) & PB_CARD_NEW);
    ck_assert(board_card_flags(b, 0, 0) & PB_CARD_PENDING);
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, 5);
    ck_assert_int_eq(bf_total(v.totals, "USD"), INT64_C(145001000000));
    bf_answer(b, &r, &r.v[0], 400, "{\"statusCode\":400,\"error\":\"BadRequestException\",\"messages\":[\"Record already exists\"]}");
    ck_assert_str_eq(take_snap(b).text, before.text);
    ck_assert_ptr_null(board_find(b, &id));
    bf_notice_with(b, "Could not create \"Stark Q3 order\": Record already exists");
    /* names are required */
    e.values.name = "";
    ck_assert_int_eq(board_create(b, 0, &e, &id).status, PB_OP_INVALID);
    e.mask = PB_OPP_F_AMOUNT;
    ck_assert_int_eq(board_create(b, 0, &e, &id).status, PB_OP_INVALID);
    /* success, and undo deletes it (soft) */
    e.mask = PB_OPP_F_NAME;
    e.values.name = "Wayne pilot";
    ck_assert_int_eq(board_create(b, 2, &e, &id).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_ptr_nonnull(strstr(r.v[1].body, "\"position\":1"));   /* empty column */
    pb_id_format(&id, sid);
    char body[1024];
    snprintf(body, sizeof body,
             "{\"data\":{\"createOpportunity\":{\"id\":\"%s\",\"name\":\"Wayne pilot\",\"stage\":"
             "\"NEGOTIATION\",\"position\":1,\"amount\":{\"amountMicros\":null,\"currencyCode\":\"\"}}}}",
             sid);
    bf_answer(b, &r, &r.v[1], 201, body);
    ck_assert(!(board_card_flags(b, 2, 0) & (PB_CARD_NEW | PB_CARD_PENDING)));
    bf_notice_with(b, "Created \"Wayne pilot\" in LNEGOTIATION");
    board_column(b, 2, &v);
    ck_assert_int_eq(v.total, 1);
    ck_assert_int_eq(board_undo(b).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[2].method, "DELETE");
    ck_assert_ptr_nonnull(strstr(r.v[2].path, "?soft_delete=true"));
    board_column(b, 2, &v);
    ck_assert_int_eq(v.total, 0);
    ck_assert_int_eq(v.loaded, 0);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(delete_undo_redo)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    snap before = take_snap(b);
    pb_id g = bf_pid(2);
    ck_assert_int_eq(board_delete(b, &g).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[0].method, "DELETE");
    ck_assert_str_eq(r.v[0].path, "/rest/opportunities/00000000-0000-4000-8000-000000000002?soft_delete=true");
    ck_assert(!board_locate(b, &g, NULL, NULL));
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, 3);
    ck_assert_int_eq(bf_total(v.totals, "EUR"), -1);   /* the only EUR amount left */
    snap deleted = take_snap(b);
    bf_answer_owned(b, &r, &r.v[0], 200, bf_deleted("deleteOpportunity", 2));
    pb_notice n = bf_notice_with(b, "Deleted \"Globex\"");
    ck_assert(n.undo_hint);
    ck_assert_str_eq(take_snap(b).text, deleted.text);
    /* undo = restore, the card comes back where it was */
    ck_assert_int_eq(board_undo(b).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[1].method, "PATCH");
    ck_assert_str_eq(r.v[1].path, "/rest/opportunities/00000000-0000-4000-8000-000000000002/restore");
    ck_assert_str_eq(take_snap(b).text, before.text);
    ck_assert_int_eq(board_undo(b).status, PB_OP_BUSY);   /* the restore is on its way */
    bf_answer_owned(b, &r, &r.v[1], 200, bf_one("restoreOpportunity", 2, "Globex", "DISCOVERY", 2, 20000000000, "EUR"));
    bf_notice_with(b, "Undone: restored \"Globex\"");
    ck_assert(board_can_redo(b));
    ck_assert_int_eq(board_redo(b).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[2].method, "DELETE");
    bf_answer_owned(b, &r, &r.v[2], 200, bf_deleted("deleteOpportunity", 2));
    bf_notice_with(b, "Redone: deleted \"Globex\"");
    ck_assert_str_eq(take_snap(b).text, deleted.text);
    /* a new write clears the redo stack */
    ck_assert_int_eq(board_undo(b).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_answer_owned(b, &r, &r.v[3], 200, bf_one("restoreOpportunity", 2, "Globex", "DISCOVERY", 2, 20000000000, "EUR"));
    ck_assert(board_can_redo(b));
    pb_id a = bf_pid(1);
    ck_assert_int_eq(board_reorder(b, &a, +1).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_answer_owned(b, &r, &r.v[4], 200, bf_one("updateOpportunity", 1, "Acme renewal", "DISCOVERY", 2.5, 50000000000, "USD"));
    ck_assert(!board_can_redo(b));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(failing_undo_stays_undoable)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    snap before = take_snap(b);
    pb_id a = bf_pid(1);
    ck_assert_int_eq(board_move_stage(b, &a, +1).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_answer_owned(b, &r, &r.v[0], 200, bf_one("updateOpportunity", 1, "Acme renewal", "PROPOSAL", 9, 50000000000, "USD"));
    snap moved = take_snap(b);
    pb_op_result u = board_undo(b);
    ck_assert_int_eq(u.status, PB_OP_OK);
    ck_assert_int_eq(board_undo(b).status, PB_OP_BUSY);   /* one at a time */
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[1].body, "{\"stage\":\"DISCOVERY\",\"position\":1}");   /* the old place */
    ck_assert_str_eq(take_snap(b).text, before.text);
    bf_answer(b, &r, &r.v[1], 403, "{\"statusCode\":403,\"error\":\"FORBIDDEN\",\"messages\":[\"No permission\"]}");
    ck_assert_str_eq(take_snap(b).text, moved.text);
    pb_notice n = bf_notice_with(b, "Could not undo");
    ck_assert_str_eq(n.text, "Could not undo (move \"Acme renewal\" to LDISCOVERY): Not allowed (403): "
                             "No permission \xE2\x80\x94 still undoable");
    ck_assert_int_eq(board_op_state(b, u.op, NULL, 0), PB_OPS_FAILED);
    ck_assert(board_can_undo(b));
    ck_assert(!board_can_redo(b));
    /* retry succeeds */
    ck_assert_int_eq(board_undo(b).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[2].body, "{\"stage\":\"DISCOVERY\",\"position\":1}");
    bf_answer_owned(b, &r, &r.v[2], 200, bf_one("updateOpportunity", 1, "Acme renewal", "DISCOVERY", 1, 50000000000, "USD"));
    ck_assert_str_eq(take_snap(b).text, before.text);
    ck_assert(!board_can_undo(b));
    ck_assert(board_can_redo(b));
    bf_notice_with(b, "Undone: moved \"Acme renewal\" to LDISCOVERY");
    ck_assert_int_eq(board_redo(b).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[3].body, "{\"stage\":\"PROPOSAL\",\"position\":9}");
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(not_found_on_write_removes_the_card)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    pb_id g = bf_pid(2);
    ck_assert_int_eq(board_move_stage(b, &g, +1).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_answer(b, &r, &r.v[0], 404, "{\"statusCode\":404,\"error\":\"NotFoundException\",\"messages\":[\"Record not found\"]}");
    ck_assert_ptr_null(board_find(b, &g));
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, 3);
    ck_assert_int_eq(v.loaded, 3);
    ck_assert_int_eq(bf_total(v.totals, "EUR"), -1);
    board_column(b, 1, &v);
    ck_assert_int_eq(v.total, 2);
    pb_notice n = bf_notice_with(b, "deleted elsewhere");
    ck_assert_str_eq(n.text, "\"Globex\" was deleted elsewhere \xE2\x80\x94 removed from the board");
    /* the totals are read again to be sure */
    ck_assert_int_eq(bf_pull(b, &r), 1);
    ck_assert_ptr_nonnull(bf_find(&r, "GET", "/rest/opportunities/groupBy", NULL));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(uncertain_outcomes_are_read_back)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    snap before = take_snap(b);
    /* a delete whose answer was lost: the record is gone, so it was done */
    pb_id g = bf_pid(2);
    ck_assert_int_eq(board_delete(b, &g).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_fail_transport(b, &r, &r.v[0], "connection reset");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *v = bf_find(&r, "GET", "/rest/opportunities/00000000-0000-4000-8000-000000000002", NULL);
    ck_assert_ptr_nonnull(v);
    ck_assert(!board_locate(b, &g, NULL, NULL));
    bf_answer(b, &r, v, 404, "{\"statusCode\":404,\"error\":\"NotFoundException\",\"messages\":[\"Record not found\"]}");
    bf_notice_with(b, "Deleted \"Globex\"");
    ck_assert(board_can_undo(b));
    snap deleted = take_snap(b);
    /* a move answered 500: the record still has the old stage, so revert */
    pb_id a = bf_pid(1);
    ck_assert_int_eq(board_move_stage(b, &a, +1).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_answer(b, &r, &r.v[2], 500, "{\"statusCode\":500,\"error\":\"InternalServerErrorException\",\"messages\":[\"boom\"]}");
    bf_pull(b, &r);
    v = bf_find(&r, "GET", "/rest/opportunities/00000000-0000-4000-8000-000000000001", NULL);
    ck_assert_ptr_nonnull(v);
    bf_answer_owned(b, &r, v, 200, bf_one("opportunity", 1, "Acme renewal", "DISCOVERY", 1, 50000000000, "USD"));
    ck_assert_str_eq(take_snap(b).text, deleted.text);
    bf_notice_with(b, "Could not move \"Acme renewal\": The server failed (500): boom \xE2\x80\x94 reverted");
    /* a move whose 200 body was cut: the server has it, so it is confirmed */
    ck_assert_int_eq(board_move_stage(b, &a, +1).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_answer(b, &r, &r.v[4], 200, "{\"data\":{\"updateOpp");
    bf_pull(b, &r);
    v = bf_find(&r, "GET", "/rest/opportunities/00000000-0000-4000-8000-000000000001", NULL);
    bf_answer_owned(b, &r, v, 200, bf_one("opportunity", 1, "Acme renewal", "PROPOSAL", 9, 50000000000, "USD"));
    bf_notice_with(b, "Moved \"Acme renewal\" to LPROPOSAL");
    size_t col;
    ck_assert(board_locate(b, &a, &col, NULL));
    ck_assert_int_eq(col, 1);
    (void)before;
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(totals_arriving_late_keep_pending_writes)
{
    bf_reqs r = {0};
    pb_board_config cfg = {.page_size = 60};
    pb_board *b = board_new(&cfg);
    board_open(b, NULL);
    bf_pull(b, &r);
    bf_answer_owned(b, &r, bf_find(&r, "POST", "/metadata", NULL), 200, bf_meta(STAGES, 4));
    bf_pull(b, &r);
    bf_r disc[] = {{1, "Acme renewal", 1, 50000000000, "USD"}};
    bf_answer_owned(b, &r, bf_page_req(&r, "DISCOVERY"), 200, bf_page("DISCOVERY", disc, 1, 1, false, "D1"));
    bf_answer_owned(b, &r, bf_page_req(&r, "PROPOSAL"), 200, bf_page("PROPOSAL", NULL, 0, 0, false, NULL));
    pb_id a = bf_pid(1);
    ck_assert_int_eq(board_move_stage(b, &a, +1).status, PB_OP_OK);
    /* totals come back from before the move */
    bf_g g[] = {{"DISCOVERY", "USD", 1, "50000000000"}};
    bf_answer_owned(b, &r, bf_find(&r, "GET", "/rest/opportunities/groupBy", NULL), 200, bf_groups(g, 1));
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, 0);
    ck_assert_int_eq(v.totals->n, 0);
    board_column(b, 1, &v);
    ck_assert_int_eq(v.total, 1);
    ck_assert_int_eq(bf_total(v.totals, "USD"), INT64_C(50000000000));
    /* once the write is settled the totals are read again */
    bf_pull(b, &r);
    pb_outgoing *p = bf_find(&r, "PATCH", "/rest/opportunities/", NULL);
    bf_answer_owned(b, &r, p, 200, bf_one("updateOpportunity", 1, "Acme renewal", "PROPOSAL", 1, 50000000000, "USD"));
    ck_assert_int_eq(bf_pull(b, &r), 1);
    ck_assert_ptr_nonnull(bf_find(&r, "GET", "/rest/opportunities/groupBy", NULL));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(trash_restore_and_destroy)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    pb_id a = bf_pid(1);
    ck_assert_int_eq(board_destroy(b, &a).status, PB_OP_INVALID);   /* not in the trash */
    board_trash_load(b);
    bf_pull(b, &r);
    pb_outgoing *t = bf_find(&r, "GET", "/rest/opportunities?", "deletedAt%5Bis%5D%3ANOT_NULL");
    ck_assert_ptr_nonnull(t);
    char s1[PB_ID_BUFSZ], s2[PB_ID_BUFSZ];
    bf_id(31, s1);
    bf_id(32, s2);
    char body[1024];
    snprintf(body, sizeof body,
             "{\"data\":{\"opportunities\":[{\"id\":\"%s\",\"name\":\"Old one\",\"stage\":"
             "\"PROPOSAL\",\"position\":0,\"amount\":{\"amountMicros\":3,\"currencyCode\":\"USD\"},"
             "\"deletedAt\":\"2024-05-01T00:00:00.000Z\"},{\"id\":\"%s\",\"name\":\"Older\","
             "\"stage\":\"DISCOVERY\",\"position\":7,\"deletedAt\":\"2024-04-01T00:00:00.000Z\"}]},"
             "\"totalCount\":2,\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}",
             s1, s2);
    bf_answer(b, &r, t, 200, body);
    pb_trash_view tv;
    ck_assert(board_trash(b, &tv));
    ck_assert_int_eq(tv.n, 2);
    ck_assert_str_eq(tv.items[0]->name, "Old one");
    ck_assert_str_eq(tv.items[1]->name, "Older");
    pb_id old = bf_pid(31), older = bf_pid(32);
    ck_assert_int_eq(board_move_stage(b, &old, 1).status, PB_OP_NO_CARD);
    /* restore: back on the board at its place, counted again */
    ck_assert_int_eq(board_restore(b, &old).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[1].path, "/rest/opportunities/00000000-0000-4000-8000-000000000031/restore");
    size_t col, idx;
    ck_assert(board_locate(b, &old, &col, &idx));
    ck_assert_int_eq(col, 1);
    ck_assert_int_eq(idx, 0);
    pb_column_view v;
    board_column(b, 1, &v);
    ck_assert_int_eq(v.total, 3);
    ck_assert_int_eq(bf_total(v.totals, "USD"), 9000004);
    ck_assert(board_trash(b, &tv));
    ck_assert_int_eq(tv.n, 1);
    bf_answer_owned(b, &r, &r.v[1], 200, bf_one("restoreOpportunity", 31, "Old one", "PROPOSAL", 0, 3, "USD"));
    bf_notice_with(b, "Restored \"Old one\"");
    /* destroy: only from the trash, permanent, not undoable */
    ck_assert_int_eq(board_destroy(b, &older).status, PB_OP_OK);
    bf_pull(b, &r);
    ck_assert_str_eq(r.v[2].method, "DELETE");
    ck_assert_str_eq(r.v[2].path, "/rest/opportunities/00000000-0000-4000-8000-000000000032");
    ck_assert(board_trash(b, &tv));
    ck_assert_int_eq(tv.n, 0);
    bf_answer(b, &r, &r.v[2], 500, "{\"statusCode\":500,\"error\":\"InternalServerErrorException\",\"messages\":[\"x\"]}");
    bf_pull(b, &r);   /* read back: still there, so it failed */
    bf_answer(b, &r, bf_find(&r, "GET", "/rest/opportunities/00000000-0000-4000-8000-000000000032", NULL), 200,
              "{\"data\":{\"opportunity\":{\"id\":\"00000000-0000-4000-8000-000000000032\",\"name\":\"Older\","
              "\"stage\":\"DISCOVERY\",\"position\":7}}}");
    ck_assert(board_trash(b, &tv));
    ck_assert_int_eq(tv.n, 1);
    bf_notice_with(b, "Could not delete \"Older\" for good");
    ck_assert_int_eq(board_destroy(b, &older).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_answer_owned(b, &r, &r.v[4], 200, bf_deleted("destroyOpportunity", 32));
    ck_assert_ptr_null(board_find(b, &older));
    pb_notice n = bf_notice_with(b, "Deleted \"Older\" for good");
    ck_assert(!n.undo_hint);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(failed_delete_and_reorder_revert_exactly)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    snap before = take_snap(b);
    pb_id g = bf_pid(2), h = bf_pid(5);
    ck_assert_int_eq(board_delete(b, &g).status, PB_OP_OK);
    ck_assert_int_eq(board_reorder(b, &h, -1).status, PB_OP_OK);   /* another card at once */
    ck_assert_str_ne(take_snap(b).text, before.text);
    bf_pull(b, &r);
    ck_assert_int_eq(r.n, 2);
    const char *forbidden = "{\"statusCode\":403,\"error\":\"FORBIDDEN\",\"messages\":[\"Read only\"]}";
    bf_answer(b, &r, &r.v[0], 403, forbidden);
    bf_answer(b, &r, &r.v[1], 400, ERR400);
    ck_assert_str_eq(take_snap(b).text, before.text);
    size_t col, idx;
    ck_assert(board_locate(b, &g, &col, &idx));
    ck_assert_int_eq(idx, 1);
    ck_assert(board_card_flags(b, 0, 1) & PB_CARD_FAILED);
    bf_notice_with(b, "Could not delete \"Globex\": Not allowed (403): Read only \xE2\x80\x94 reverted");
    bf_notice_with(b, "Could not move \"Hooli\"");
    ck_assert(!board_can_undo(b));
    /* answers in the other order than the requests: same end state */
    ck_assert_int_eq(board_reorder(b, &h, -1).status, PB_OP_OK);
    ck_assert_int_eq(board_delete(b, &g).status, PB_OP_OK);
    bf_pull(b, &r);
    bf_answer(b, &r, &r.v[3], 403, forbidden);
    bf_answer(b, &r, &r.v[2], 400, ERR400);
    ck_assert_str_eq(take_snap(b).text, before.text);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(ids_are_reproducible_with_a_seed)
{
    bf_reqs r1 = {0}, r2 = {0};
    pb_board *b1 = open_std(&r1), *b2 = open_std(&r2);
    pb_edit e = bf_name_edit("x");
    pb_id i1, i2, i3;
    ck_assert_int_eq(board_create(b1, 0, &e, &i1).status, PB_OP_OK);
    ck_assert_int_eq(board_create(b2, 0, &e, &i2).status, PB_OP_OK);
    ck_assert(pb_id_equal(&i1, &i2));
    ck_assert_int_eq(board_create(b1, 0, &e, &i3).status, PB_OP_OK);
    ck_assert(!pb_id_equal(&i1, &i3));
    bf_pull(b1, &r1);
    bf_pull(b2, &r2);
    bf_free(&r1);
    bf_free(&r2);
    board_free(b1);
    board_free(b2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("board_writes");
    TCase *tc = tcase_create("writes");
    tcase_add_test(tc, position_rules);
    tcase_add_test(tc, move_to_next_stage_and_confirm);
    tcase_add_test(tc, move_into_empty_column_is_position_one);
    tcase_add_test(tc, failed_move_reverts_exactly);
    tcase_add_test(tc, reorder_uses_midpoints);
    tcase_add_test(tc, reorder_at_the_end_of_a_partial_column_loads_more);
    tcase_add_test(tc, edit_sends_changed_fields_and_reverts);
    tcase_add_test(tc, edit_stage_moves_to_the_top);
    tcase_add_test(tc, create_at_top_with_client_id);
    tcase_add_test(tc, delete_undo_redo);
    tcase_add_test(tc, failing_undo_stays_undoable);
    tcase_add_test(tc, not_found_on_write_removes_the_card);
    tcase_add_test(tc, uncertain_outcomes_are_read_back);
    tcase_add_test(tc, totals_arriving_late_keep_pending_writes);
    tcase_add_test(tc, trash_restore_and_destroy);
    tcase_add_test(tc, failed_delete_and_reorder_revert_exactly);
    tcase_add_test(tc, ids_are_reproducible_with_a_seed);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
