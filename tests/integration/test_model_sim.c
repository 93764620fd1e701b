/* test_model_sim.c - the board model against a live twenty-sim through
 * src/net: opening the demo and default workspaces, paging a 2,000-record
 * column, every write confirmed by reading the record back, writes failing
 * through the simulator's faults with the model ending exactly at the
 * server's state, a 429 honoured, and search by partial and accented names. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support/drive.h"
#include "support/simrun.h"
#include "twenty/encode.h"
#include "twenty/parse.h"
#include "util/buf.h"

typedef struct env {
    simrun sim;
    pb_board *b;
    drive d;
} env;

static void env_start(env *e, const char *const *args, int page_size)
{
    memset(e, 0, sizeof *e);
    ck_assert_msg(simrun_start(&e->sim, args), "%s", e->sim.err);
    pb_board_config cfg = {.page_size = page_size};
    e->b = board_new(&cfg);
    ck_assert_msg(drive_init(&e->d, e->sim.base_url, SIMRUN_KEY, e->b), "%s", e->d.err);
}

static void env_open(env *e)
{
    board_open(e->b, NULL);
    ck_assert(drive_idle(&e->d, 30000));
    ck_assert_msg(board_ready(e->b), "not ready: %s",
                  board_load_error(e->b) ? board_load_error(e->b) : "?");
}

static void env_stop(env *e)
{
    drive_free(&e->d);
    board_free(e->b);
    simrun_stop(&e->sim);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void set_faults(env *e, const char *spec)
{
    int st = drive_http(&e->d, spec ? "POST" : "DELETE", "/__sim/faults", spec, NULL);
    ck_assert_int_eq(st, 200);
}

/* ---- the server's view ------------------------------------------------------ */

typedef struct server_col {
    pb_opp *v;
    size_t n;
    pb_totals totals;
} server_col;

/* Every record of a stage in board order (cursor walk, pages of 200). */
static void server_stage(env *e, const char *stage, pb_strpool *sp, server_col *out)
{
    memset(out, 0, sizeof *out);
    char *cursor = NULL;
    size_t cap = 0;
    for (;;) {
        pb_buf f = PB_BUF_INIT;
        twenty_filter_token(&f, "stage", "eq", stage);
        pb_buf p = PB_BUF_INIT;
        pb_buf_puts(&p, "/rest/opportunities?limit=200&order_by=position%5BAscNullsFirst%5D");
        twenty_query_param(&p, "filter", pb_buf_cstr(&f));
        if (cursor)
            twenty_query_param(&p, "starting_after", cursor);
        char *body = NULL;
        int st = drive_http(&e->d, "GET", pb_buf_cstr(&p), NULL, &body);
        pb_buf_free(&f);
        pb_buf_free(&p);
        pb_opp_page page;
        pb_error err;
        ck_assert_msg(twenty_parse_opp_list(st, body, body ? strlen(body) : 0, sp, &page, &err),
                      "server walk: %s", err.message);
        free(body);
        if (out->n + page.n > cap) {
            cap = (out->n + page.n) * 2;
            out->v = realloc(out->v, cap * sizeof *out->v);
        }
        for (size_t i = 0; i < page.n; i++) {
            out->v[out->n++] = page.items[i];
            ck_assert_int_eq(pb_totals_add(&out->totals, &page.items[i].amount), PB_TOTALS_OK);
        }
        free(cursor);
        cursor = page.info.end_cursor ? strdup(page.info.end_cursor) : NULL;
        bool more = page.info.has_next && page.n > 0;
        twenty_opp_page_free(&page);
        if (!more)
            break;
    }
    free(cursor);
}

static void same_record(const pb_opp *m, const pb_opp *s)
{
    ck_assert_msg(pb_id_equal(&m->id, &s->id), "ids differ ('%s' vs '%s')", m->name, s->name);
    ck_assert_str_eq(m->name, s->name);
    ck_assert_str_eq(m->stage, s->stage);
    ck_assert_msg(m->position == s->position, "'%s': position %.17g vs %.17g", m->name,
                  m->position, s->position);
    ck_assert_int_eq(m->amount.set, s->amount.set);
    if (m->amount.set) {
        ck_assert_int_eq(m->amount.micros, s->amount.micros);
        ck_assert_str_eq(m->amount.currency, s->amount.currency);
    }
    ck_assert_int_eq(m->has_close_date, s->has_close_date);
    if (m->has_close_date)
        ck_assert_int_eq(m->close_date_ms, s->close_date_ms);
}

/* The model shows exactly what the server has: per column the count, the
 * totals per currency, and its loaded cards as the start of the server's
 * order. No card is pending or marked new. */
static void board_matches_server(env *e)
{
    pb_strpool sp;
    pb_strpool_init(&sp);
    for (size_t c = 0; c < board_column_count(e->b); c++) {
        pb_column_view v;
        ck_assert(board_column(e->b, c, &v));
        server_col s;
        server_stage(e, v.stage->value, &sp, &s);
        ck_assert_msg(v.total == (long)s.n, "%s: model count %ld, server %zu", v.stage->value,
                      v.total, s.n);
        ck_assert_msg(v.totals->n == s.totals.n, "%s: %zu currencies vs %zu", v.stage->value,
                      v.totals->n, s.totals.n);
        for (size_t k = 0; k < s.totals.n; k++) {
            const pb_total *m = pb_totals_find(v.totals, s.totals.v[k].currency);
            ck_assert_msg(m != NULL, "%s: no %s total", v.stage->value, s.totals.v[k].currency);
            ck_assert_msg(m->micros == s.totals.v[k].micros, "%s %s: %lld vs %lld micros",
                          v.stage->value, s.totals.v[k].currency, (long long)m->micros,
                          (long long)s.totals.v[k].micros);
        }
        ck_assert_int_le(v.loaded, s.n);
        for (size_t i = 0; i < v.loaded; i++) {
            same_record(board_card(e->b, c, i), &s.v[i]);
            ck_assert_int_eq(board_card_flags(e->b, c, i) & (PB_CARD_PENDING | PB_CARD_NEW), 0);
        }
        free(s.v);
    }
    pb_strpool_free(&sp);
}

/* GET one record; false on 404. */
static bool server_get(env *e, const pb_id *id, pb_strpool *sp, pb_opp *out)
{
    char sid[PB_ID_BUFSZ], path[128];
    pb_id_format(id, sid);
    snprintf(path, sizeof path, "/rest/opportunities/%s", sid);
    char *body = NULL;
    int st = drive_http(&e->d, "GET", path, NULL, &body);
    pb_error err;
    bool ok = twenty_parse_opp_one(st, body, body ? strlen(body) : 0, sp, out, &err);
    free(body);
    if (!ok)
        ck_assert_msg(st == 404, "GET %s: %d %s", sid, st, err.message);
    return ok;
}

static void card_matches_server(env *e, const pb_id *id)
{
    pb_strpool sp;
    pb_strpool_init(&sp);
    pb_opp s;
    ck_assert(server_get(e, id, &sp, &s));
    const pb_opp *m = board_find(e->b, id);
    ck_assert_ptr_nonnull(m);
    same_record(m, &s);
    pb_strpool_free(&sp);
}

static pb_op_state settle(env *e, pb_op_result r)
{
    ck_assert_msg(r.status == PB_OP_OK, "op refused: %d %s", r.status, r.reason);
    ck_assert(drive_idle(&e->d, 30000));
    return board_op_state(e->b, r.op, NULL, 0);
}

static size_t first_nonempty(const pb_board *b, size_t from)
{
    for (size_t c = from; c < board_column_count(b); c++) {
        pb_column_view v;
        board_column(b, c, &v);
        if (v.loaded)
            return c;
    }
    return SIZE_MAX;
}

/* ---- tests -------------------------------------------------------------------- */

START_TEST(demo_workspace_opens)
{
    env e;
    const char *args[] = {"--stages", "demo", "--seed", "300", NULL};
    env_start(&e, args, 60);
    env_open(&e);
    static const char *const want[] = {"DISCOVERY", "PROPOSAL", "NEGOTIATION", "CLOSED_WON",
                                       "CLOSED_LOST"};
    ck_assert_int_eq(board_column_count(e.b), 5);
    for (size_t i = 0; i < 5; i++) {
        pb_column_view v;
        board_column(e.b, i, &v);
        ck_assert_str_eq(v.stage->value, want[i]);
        ck_assert(v.stage->label[0]);
        ck_assert_ptr_null(v.error);
        ck_assert(v.loaded > 0);
        ck_assert_ptr_nonnull(board_card(e.b, i, 0)->stage);
    }
    ck_assert(!board_stages_derived(e.b));
    ck_assert_int_le(e.d.sent, 3 + 5);
    ck_assert_int_eq(board_pipeline_count(e.b), 300);
    board_matches_server(&e);
    env_stop(&e);
}
END_TEST

START_TEST(default_stages_open)
{
    env e;
    const char *args[] = {"--stages", "default", "--seed", "80", NULL};
    env_start(&e, args, 20);
    env_open(&e);
    static const char *const want[] = {"NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"};
    ck_assert_int_eq(board_column_count(e.b), 5);
    for (size_t i = 0; i < 5; i++) {
        pb_column_view v;
        board_column(e.b, i, &v);
        ck_assert_str_eq(v.stage->value, want[i]);
    }
    ck_assert_int_le(e.d.sent, 3 + 5);
    board_matches_server(&e);
    /* depth=1: related names are on the cards */
    bool named = false;
    for (size_t c = 0; c < 5 && !named; c++) {
        pb_column_view v;
        board_column(e.b, c, &v);
        for (size_t i = 0; i < v.loaded && !named; i++) {
            const pb_opp *o = board_card(e.b, c, i);
            named = !pb_id_is_nil(&o->company_id) && o->company_name && o->company_name[0];
        }
    }
    ck_assert_msg(named, "no card carries a company name");
    env_stop(&e);
}
END_TEST

START_TEST(a_column_of_2000_pages_without_gaps_or_repeats)
{
    env e;
    const char *args[] = {"--stages", "default", "--seed", "0", NULL};
    env_start(&e, args, 60);
    /* 2,000 records in SCREENING; positions repeat in threes so the id
     * tie-breaker decides within each group */
    for (int batch = 0; batch < 20; batch++) {
        pb_buf j = PB_BUF_INIT;
        pb_buf_putc(&j, '[');
        for (int i = 0; i < 100; i++) {
            int k = batch * 100 + i;
            pb_buf_printf(&j, "%s{\"name\":\"Deal %d\",\"stage\":\"SCREENING\",\"position\":%d,"
                              "\"amount\":{\"amountMicros\":%d,\"currencyCode\":\"%s\"}}",
                          i ? "," : "", k, (k * 7919) % 2000 / 3, k + 1, k % 2 ? "USD" : "EUR");
        }
        pb_buf_putc(&j, ']');
        char *body = NULL;
        ck_assert_int_eq(drive_http(&e.d, "POST", "/rest/batch/opportunities", pb_buf_cstr(&j), &body), 201);
        free(body);
        pb_buf_free(&j);
    }
    env_open(&e);
    ck_assert_int_le(e.d.sent, 3 + 5);
    pb_column_view v;
    board_column(e.b, 1, &v);
    ck_assert_str_eq(v.stage->value, "SCREENING");
    ck_assert_int_eq(v.total, 2000);
    ck_assert_int_eq(v.loaded, 60);
    /* scroll to the end the way the view does */
    int rounds = 0;
    while (!v.complete && rounds++ < 100) {
        board_want_index(e.b, 1, v.loaded - 1);
        ck_assert(drive_idle(&e.d, 30000));
        board_column(e.b, 1, &v);
        ck_assert_ptr_null(v.error);
    }
    ck_assert(v.complete);
    ck_assert_int_eq(v.loaded, 2000);
    ck_assert_int_eq(rounds, 2000 / 60);   /* one page per scroll */
    bool *seen = calloc(2000, sizeof *seen);
    for (size_t i = 0; i < v.loaded; i++) {
        const pb_opp *o = board_card(e.b, 1, i);
        int k = atoi(o->name + 5);
        ck_assert(k >= 0 && k < 2000);
        ck_assert_msg(!seen[k], "%s twice", o->name);
        seen[k] = true;
        ck_assert_int_eq(o->amount.micros, k + 1);
        if (i) {
            const pb_opp *p = board_card(e.b, 1, i - 1);
            ck_assert(p->position < o->position
                      || (p->position == o->position && pb_id_cmp(&p->id, &o->id) < 0));
        }
    }
    free(seen);
    board_matches_server(&e);
    /* load all on a fresh board: pages of 200 */
    pb_board *b2 = board_new(NULL);
    drive d2;
    ck_assert(drive_init(&d2, e.sim.base_url, SIMRUN_KEY, b2));
    board_open(b2, NULL);
    ck_assert(drive_idle(&d2, 30000));
    size_t before = d2.sent;
    board_load_all(b2, 1);
    ck_assert(drive_idle(&d2, 30000));
    board_column(b2, 1, &v);
    ck_assert_int_eq(v.loaded, 2000);
    ck_assert_int_eq(d2.sent - before, (2000 - 60 + 199) / 200);
    drive_free(&d2);
    board_free(b2);
    env_stop(&e);
}
END_TEST

START_TEST(every_write_is_confirmed_by_the_server)
{
    env e;
    const char *args[] = {"--stages", "demo", "--seed", "120", NULL};
    env_start(&e, args, 60);
    env_open(&e);
    size_t c0 = first_nonempty(e.b, 0);
    ck_assert(c0 < 4);
    pb_id a = board_card(e.b, c0, 0)->id;
    /* move to the next stage */
    ck_assert_int_eq(settle(&e, board_move_stage(e.b, &a, +1)), PB_OPS_DONE);
    size_t col, idx;
    ck_assert(board_locate(e.b, &a, &col, &idx));
    ck_assert_int_eq(col, c0 + 1);
    ck_assert_int_eq(idx, 0);
    card_matches_server(&e, &a);
    /* reorder down past the next card */
    ck_assert_int_eq(settle(&e, board_reorder(e.b, &a, +1)), PB_OPS_DONE);
    ck_assert(board_locate(e.b, &a, &col, &idx));
    ck_assert_int_eq(idx, 1);
    card_matches_server(&e, &a);
    /* edit: name (UTF-8), amount, close date */
    pb_edit ed = {0};
    pb_opp_init(&ed.values);
    ed.mask = PB_OPP_F_NAME | PB_OPP_F_AMOUNT | PB_OPP_F_CLOSE_DATE;
    ed.values.name = "Renewal \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x9A\x80";
    ed.values.amount = (pb_money){.micros = INT64_C(1234567890123), .currency = "GBP", .set = true};
    ed.values.has_close_date = true;
    ed.values.close_date_ms = INT64_C(1719705600000);
    ck_assert_int_eq(settle(&e, board_edit(e.b, &a, &ed)), PB_OPS_DONE);
    card_matches_server(&e, &a);
    /* create in the last column */
    pb_edit cr = {0};
    pb_opp_init(&cr.values);
    cr.mask = PB_OPP_F_NAME | PB_OPP_F_AMOUNT;
    cr.values.name = "Created by the model";
    cr.values.amount = (pb_money){.micros = 5000000, .currency = "EUR", .set = true};
    pb_id nid;
    ck_assert_int_eq(settle(&e, board_create(e.b, 4, &cr, &nid)), PB_OPS_DONE);
    card_matches_server(&e, &nid);
    board_matches_server(&e);
    /* delete (soft): gone from the server's lists, back with undo */
    ck_assert_int_eq(settle(&e, board_delete(e.b, &nid)), PB_OPS_DONE);
    pb_strpool sp;
    pb_strpool_init(&sp);
    pb_opp s;
    ck_assert(!server_get(&e, &nid, &sp, &s));
    board_matches_server(&e);
    ck_assert_int_eq(settle(&e, board_undo(e.b)), PB_OPS_DONE);
    ck_assert(server_get(&e, &nid, &sp, &s));
    card_matches_server(&e, &nid);
    ck_assert_int_eq(settle(&e, board_redo(e.b)), PB_OPS_DONE);
    ck_assert(!server_get(&e, &nid, &sp, &s));
    /* undo the edit and the moves as well */
    ck_assert_int_eq(settle(&e, board_undo(e.b)), PB_OPS_DONE);   /* delete */
    ck_assert_int_eq(settle(&e, board_undo(e.b)), PB_OPS_DONE);   /* create */
    ck_assert_int_eq(settle(&e, board_undo(e.b)), PB_OPS_DONE);   /* edit */
    ck_assert_int_eq(settle(&e, board_undo(e.b)), PB_OPS_DONE);   /* reorder */
    ck_assert_int_eq(settle(&e, board_undo(e.b)), PB_OPS_DONE);   /* move */
    ck_assert(board_locate(e.b, &a, &col, &idx));
    ck_assert_int_eq(col, c0);
    ck_assert_int_eq(idx, 0);
    card_matches_server(&e, &a);
    board_matches_server(&e);
    /* refresh after all that: nothing changed elsewhere */
    pb_notice n;
    while (board_take_notice(e.b, &n))
        ;
    board_refresh(e.b);
    ck_assert(drive_idle(&e.d, 30000));
    while (board_take_notice(e.b, &n))
        ck_assert_msg(strstr(n.text, "changed elsewhere") == NULL, "%s", n.text);
    board_matches_server(&e);
    pb_strpool_free(&sp);
    env_stop(&e);
}
END_TEST

START_TEST(failed_writes_end_at_the_servers_state)
{
    env e;
    const char *args[] = {"--stages", "demo", "--seed", "150", NULL};
    env_start(&e, args, 60);
    env_open(&e);
    size_t c0 = first_nonempty(e.b, 0);
    pb_id a = board_card(e.b, c0, 0)->id;
    /* refused, not executed: reverted */
    set_faults(&e, "PATCH /rest/opportunities/* 500");
    ck_assert_int_eq(settle(&e, board_move_stage(e.b, &a, +1)), PB_OPS_FAILED);
    set_faults(&e, NULL);
    size_t col, idx;
    ck_assert(board_locate(e.b, &a, &col, &idx));
    ck_assert_int_eq(col, c0);
    ck_assert(board_card_flags(e.b, col, idx) & PB_CARD_FAILED);
    board_dismiss_failure(e.b, &a);
    card_matches_server(&e, &a);
    board_matches_server(&e);
    /* executed but the answer was cut: read back and kept */
    set_faults(&e, "PATCH /rest/opportunities/* truncate count=1");
    ck_assert_int_eq(settle(&e, board_move_stage(e.b, &a, +1)), PB_OPS_DONE);
    set_faults(&e, NULL);
    card_matches_server(&e, &a);
    board_matches_server(&e);
    /* not JSON at all (not executed) on an edit: reverted */
    pb_edit ed = {0};
    pb_opp_init(&ed.values);
    ed.mask = PB_OPP_F_AMOUNT;
    ed.values.amount = (pb_money){.micros = 42, .currency = "USD", .set = true};
    set_faults(&e, "PATCH /rest/opportunities/* malformed");
    ck_assert_int_eq(settle(&e, board_edit(e.b, &a, &ed)), PB_OPS_FAILED);
    set_faults(&e, NULL);
    board_dismiss_failure(e.b, &a);
    card_matches_server(&e, &a);
    board_matches_server(&e);
    /* a create refused with 503: the card goes away */
    pb_edit cr = {0};
    pb_opp_init(&cr.values);
    cr.mask = PB_OPP_F_NAME | PB_OPP_F_AMOUNT;
    cr.values.name = "Never created";
    cr.values.amount = (pb_money){.micros = 7, .currency = "USD", .set = true};
    pb_id nid;
    set_faults(&e, "POST /rest/opportunities 503");
    ck_assert_int_eq(settle(&e, board_create(e.b, 0, &cr, &nid)), PB_OPS_FAILED);
    set_faults(&e, NULL);
    ck_assert_ptr_null(board_find(e.b, &nid));
    pb_strpool sp;
    pb_strpool_init(&sp);
    pb_opp s;
    ck_assert(!server_get(&e, &nid, &sp, &s));
    board_matches_server(&e);
    /* a reorder refused with 503 on every retry: reverted */
    pb_id second = board_card(e.b, c0, 1)->id;
    set_faults(&e, "PATCH /rest/opportunities/* 503");
    ck_assert_int_eq(settle(&e, board_reorder(e.b, &second, -1)), PB_OPS_FAILED);
    set_faults(&e, NULL);
    ck_assert(board_locate(e.b, &second, &col, &idx));
    ck_assert_int_eq(idx, 1);
    board_dismiss_failure(e.b, &second);
    card_matches_server(&e, &second);
    board_matches_server(&e);
    /* a delete refused with 500: the card comes back */
    set_faults(&e, "DELETE /rest/opportunities/* 500");
    ck_assert_int_eq(settle(&e, board_delete(e.b, &second)), PB_OPS_FAILED);
    set_faults(&e, NULL);
    ck_assert(board_locate(e.b, &second, &col, &idx));
    ck_assert_int_eq(idx, 1);
    board_dismiss_failure(e.b, &second);
    board_matches_server(&e);
    /* a delete whose connection closed after it was done: confirmed */
    pb_id victim = board_card(e.b, c0, 0)->id;
    set_faults(&e, "DELETE /rest/opportunities/* close count=1");
    ck_assert_int_eq(settle(&e, board_delete(e.b, &victim)), PB_OPS_DONE);
    set_faults(&e, NULL);
    ck_assert(!server_get(&e, &victim, &sp, &s));
    board_matches_server(&e);
    /* its undo fails (restore refused), stays undoable, then works */
    set_faults(&e, "PATCH /rest/opportunities/*/restore 401");
    ck_assert_int_eq(settle(&e, board_undo(e.b)), PB_OPS_FAILED);
    set_faults(&e, NULL);
    ck_assert(board_can_undo(e.b));
    ck_assert(!server_get(&e, &victim, &sp, &s));
    board_matches_server(&e);
    ck_assert_int_eq(settle(&e, board_undo(e.b)), PB_OPS_DONE);
    card_matches_server(&e, &victim);
    board_matches_server(&e);
    pb_strpool_free(&sp);
    env_stop(&e);
}
END_TEST

START_TEST(a_429_is_honoured)
{
    env e;
    const char *args[] = {"--stages", "demo", "--seed", "60", "--faults",
                          "GET /rest/opportunities 429:1 count=2", NULL};
    env_start(&e, args, 60);
    long t0 = now_ms();
    env_open(&e);
    long took = now_ms() - t0;
    ck_assert_msg(took >= 900, "answered in %ld ms: the Retry-After was not waited for", took);
    for (size_t c = 0; c < board_column_count(e.b); c++) {
        pb_column_view v;
        board_column(e.b, c, &v);
        ck_assert_msg(v.error == NULL, "%s: %s", v.stage->value, v.error);
        ck_assert(v.loaded > 0);
    }
    board_matches_server(&e);
    env_stop(&e);
}
END_TEST

static bool search_has(env *e, const char *query, const char *name)
{
    board_search(e->b, query);
    ck_assert(drive_idle(&e->d, 30000));
    pb_search_view v;
    ck_assert(board_search_results(e->b, &v));
    ck_assert(!v.loading);
    ck_assert_msg(v.error == NULL, "search '%s': %s", query, v.error);
    for (size_t i = 0; i < v.n; i++) {
        ck_assert_ptr_nonnull(v.hits[i].opp);
        if (strcmp(v.hits[i].opp->name, name) == 0)
            return true;
    }
    return false;
}

START_TEST(search_by_partial_and_accented_names)
{
    env e;
    const char *args[] = {"--stages", "demo", "--seed", "40", NULL};
    env_start(&e, args, 60);
    const char *names[] = {"Caf\xC3\xA9 Z\xC3\xBCrich renewal", "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e deal",
                           "Plain widget order"};
    for (int i = 0; i < 3; i++) {
        char body[256];
        snprintf(body, sizeof body, "{\"name\":\"%s\",\"stage\":\"PROPOSAL\"}", names[i]);
        ck_assert_int_eq(drive_http(&e.d, "POST", "/rest/opportunities", body, NULL), 201);
    }
    env_open(&e);
    size_t before = e.d.sent;
    ck_assert(search_has(&e, "zur", names[0]));
    ck_assert(search_has(&e, "Z\xC3\xBCrich", names[0]));
    ck_assert(search_has(&e, "caf", names[0]));
    ck_assert(search_has(&e, "creme", names[1]));
    ck_assert(search_has(&e, "br\xC3\xBBl\xC3\xA9" "e", names[1]));
    ck_assert(!search_has(&e, "zzzqqq", names[0]));
    /* the three new records sit on top of PROPOSAL, so they were cached:
     * each search cost one request only */
    ck_assert_int_le(e.d.sent - before, 6 + 1);
    env_stop(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_sim");
    TCase *tc = tcase_create("model_sim");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, demo_workspace_opens);
    tcase_add_test(tc, default_stages_open);
    tcase_add_test(tc, a_column_of_2000_pages_without_gaps_or_repeats);
    tcase_add_test(tc, every_write_is_confirmed_by_the_server);
    tcase_add_test(tc, failed_writes_end_at_the_servers_state);
    tcase_add_test(tc, a_429_is_honoured);
    tcase_add_test(tc, search_by_partial_and_accented_names);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
