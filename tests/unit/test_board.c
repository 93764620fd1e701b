/* test_board.c - the board model driven with canned answers: opening
 * (request count, parallel pages), paging by cursor, exact totals from
 * groupBy, stage derivation, load errors, refresh, search, jump, detail. */
#include "board_fixture.h"

static const char *const STAGES[] = {"DISCOVERY", "PROPOSAL", "NEGOTIATION"};

static const bf_g GROUPS[] = {
    {"DISCOVERY", "USD", 3, "150000000000"},
    {"DISCOVERY", "EUR", 1, "20000000000"},
    {"DISCOVERY", NULL, 1, NULL},
    {"PROPOSAL", "USD", 2, "7000001"},
};

/* Opens with metadata and totals answered; leaves the page requests in r. */
static pb_board *open_meta(bf_reqs *r, int page_size)
{
    pb_board_config cfg = {.page_size = page_size, .prefetch_margin = 1};
    return bf_open_answered(r, &cfg, 42, STAGES, 3, GROUPS, 4);
}

/* The standard board: DISCOVERY a(1) b(2) c(3); PROPOSAL d(1); NEGOTIATION empty. */
static pb_board *open_std(bf_reqs *r)
{
    pb_board *b = open_meta(r, 60);
    bf_r disc[] = {{1, "Acme renewal", 1, 50000000000, "USD"},
                   {2, "Globex", 2, 20000000000, "EUR"},
                   {3, "Initech", 3, -1, NULL}};
    bf_r prop[] = {{4, "Umbrella", 1, 7000001, "USD"}};
    bf_answer_owned(b, r, bf_page_req(r, "DISCOVERY"), 200, bf_page("DISCOVERY", disc, 3, 5, true, "CUR-D1"));
    bf_answer_owned(b, r, bf_page_req(r, "PROPOSAL"), 200, bf_page("PROPOSAL", prop, 1, 2, true, "CUR-P1"));
    bf_answer_owned(b, r, bf_page_req(r, "NEGOTIATION"), 200, bf_page("NEGOTIATION", NULL, 0, 0, false, NULL));
    bf_drain_notices(b);
    return b;
}

START_TEST(open_costs_stages_plus_two_requests)
{
    bf_reqs r = {0};
    pb_board *b = board_new(NULL);
    board_open(b, NULL);
    ck_assert_int_eq(bf_pull(b, &r), 2);   /* metadata + totals, pages wait for stages */
    ck_assert_ptr_nonnull(bf_find(&r, "POST", "/metadata", "fieldsList"));
    pb_outgoing *t = bf_find(&r, "GET", "/rest/opportunities/groupBy", NULL);
    ck_assert_ptr_nonnull(t);
    ck_assert_ptr_nonnull(strstr(t->path, "currencyCode"));
    ck_assert(!board_ready(b));
    bf_answer_owned(b, &r, bf_find(&r, "POST", "/metadata", NULL), 200, bf_meta(STAGES, 3));
    ck_assert(board_ready(b));
    ck_assert_int_eq(board_column_count(b), 3);
    ck_assert_int_eq(bf_pull(b, &r), 3);   /* one first page per stage, all at once */
    ck_assert_int_le(r.n, 3 + 3);
    for (size_t i = 0; i < 3; i++) {
        pb_outgoing *p = bf_page_req(&r, STAGES[i]);
        ck_assert_ptr_nonnull(p);
        ck_assert_ptr_nonnull(strstr(p->path, "depth=1"));
        ck_assert_ptr_nonnull(strstr(p->path, "order_by=position%5BAscNullsFirst%5D"));
        ck_assert_ptr_nonnull(strstr(p->path, "limit=60"));
        ck_assert(p->retry_safe);
        pb_column_view v;
        ck_assert(board_column(b, i, &v));
        ck_assert_str_eq(v.stage->value, STAGES[i]);
        ck_assert(v.loading);
    }
    pb_column_view v;
    board_column(b, 1, &v);
    ck_assert_str_eq(v.stage->label, "LPROPOSAL");
    ck_assert_str_eq(v.stage->color, "c1");
    ck_assert_int_eq(board_requests_in_flight(b), 4);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(open_with_cached_stages_sends_pages_at_once)
{
    bf_reqs r = {0};
    pb_board *b = board_new(NULL);
    pb_stage st[2] = {{"DISCOVERY", "Discovery", "red", 0}, {"PROPOSAL", "Proposal", "sky", 1}};
    pb_stage_list cached = {st, 2, "DISCOVERY"};
    board_open(b, &cached);
    ck_assert(board_ready(b));
    ck_assert_int_eq(bf_pull(b, &r), 4);   /* metadata, totals and both pages in parallel */
    ck_assert_ptr_nonnull(bf_page_req(&r, "DISCOVERY"));
    ck_assert_ptr_nonnull(bf_page_req(&r, "PROPOSAL"));
    /* the metadata knows a third stage: only its page is added */
    bf_answer_owned(b, &r, bf_find(&r, "POST", "/metadata", NULL), 200, bf_meta(STAGES, 3));
    ck_assert_int_eq(bf_pull(b, &r), 1);
    ck_assert_ptr_nonnull(bf_page_req(&r, "NEGOTIATION"));
    ck_assert_int_le(r.n, 3 + 3);
    ck_assert_int_eq(board_column_count(b), 3);
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_str_eq(v.stage->label, "LDISCOVERY");   /* the server's labels win */
    bf_notice_with(b, "stages changed");
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(columns_ordered_by_position_then_id)
{
    bf_reqs r = {0};
    pb_board *b = open_meta(&r, 60);
    bf_r disc[] = {{12, "b", 1, 1, NULL}, {11, "a", 1, 1, NULL}, {13, "c", 0.5, 1, NULL},
                   {14, "d", -3, 1, NULL}};
    bf_answer_owned(b, &r, bf_page_req(&r, "DISCOVERY"), 200, bf_page("DISCOVERY", disc, 4, 4, false, "X"));
    ck_assert_str_eq(bf_name(b, 0, 0), "d");
    ck_assert_str_eq(bf_name(b, 0, 1), "c");
    ck_assert_str_eq(bf_name(b, 0, 2), "a");
    ck_assert_str_eq(bf_name(b, 0, 3), "b");
    size_t col, idx;
    pb_id a = bf_pid(11);
    ck_assert(board_locate(b, &a, &col, &idx));
    ck_assert_int_eq(col, 0);
    ck_assert_int_eq(idx, 2);
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert(v.complete);
    ck_assert(!v.loading);
    bf_free(&r);
    board_free(b);
}
END_TEST

/* first_page sizes only a column's first page; the pages after it are
 * page_size, and a first_page above page_size is page_size. */
START_TEST(first_page_then_page_size)
{
    bf_reqs r = {0};
    pb_board_config cfg = {.page_size = 50, .first_page = 3, .prefetch_margin = 1};
    pb_board *b = bf_open_answered(&r, &cfg, 7, STAGES, 3, GROUPS, 4);
    for (size_t i = 0; i < 3; i++) {
        pb_outgoing *p = bf_page_req(&r, STAGES[i]);
        ck_assert_ptr_nonnull(p);
        ck_assert_msg(strstr(p->path, "limit=3&") != NULL, "%s", p->path);
    }
    bf_r p1[] = {{1, "one", 1, 1, NULL}, {2, "two", 2, 1, NULL}, {3, "three", 3, 1, NULL}};
    bf_answer_owned(b, &r, bf_page_req(&r, "DISCOVERY"), 200, bf_page("DISCOVERY", p1, 3, 5, true, "C1"));
    board_want_index(b, 0, 2);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *n = bf_find(&r, "GET", "/rest/opportunities?", "starting_after=C1");
    ck_assert_ptr_nonnull(n);
    ck_assert_msg(strstr(n->path, "limit=50&") != NULL, "%s", n->path);
    bf_free(&r);
    board_free(b);

    cfg = (pb_board_config){.page_size = 10, .first_page = 40};
    b = bf_open_answered(&r, &cfg, 7, STAGES, 3, GROUPS, 4);
    pb_outgoing *p = bf_page_req(&r, "DISCOVERY");
    ck_assert_msg(strstr(p->path, "limit=10&") != NULL, "%s", p->path);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(paging_follows_the_cursor)
{
    bf_reqs r = {0};
    pb_board *b = open_meta(&r, 2);
    bf_r p1[] = {{1, "one", 1, 1, NULL}, {2, "two", 2, 1, NULL}};
    bf_answer_owned(b, &r, bf_page_req(&r, "DISCOVERY"), 200, bf_page("DISCOVERY", p1, 2, 5, true, "C+1/="));
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.loaded, 2);
    ck_assert(!v.complete);
    ck_assert_int_eq(v.total, 5);   /* from groupBy, not from the loaded cards */
    board_want_index(b, 0, 0);      /* far from the end: nothing (margin 1) */
    ck_assert_int_eq(bf_pull(b, &r), 0);
    board_want_index(b, 0, 1);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *n = bf_find(&r, "GET", "/rest/opportunities?", "starting_after=C%2B1%2F%3D");
    ck_assert_ptr_nonnull(n);
    ck_assert_ptr_nonnull(strstr(n->path, "limit=2"));
    board_want_index(b, 0, 1);      /* already loading: no second request */
    ck_assert_int_eq(bf_pull(b, &r), 0);
    board_column(b, 0, &v);
    ck_assert(v.loading);
    bf_r p2[] = {{3, "three", 3, 1, NULL}, {2, "two", 2, 1, NULL}};   /* a repeat is not doubled */
    bf_answer_owned(b, &r, n, 200, bf_page("DISCOVERY", p2, 2, 5, true, "C2"));
    board_column(b, 0, &v);
    ck_assert_int_eq(v.loaded, 3);
    /* load all: pages of 200 until the end */
    board_load_all(b, 0);
    ck_assert_int_eq(bf_pull(b, &r), 1);
    n = bf_find(&r, "GET", "/rest/opportunities?", "starting_after=C2");
    ck_assert_ptr_nonnull(strstr(n->path, "limit=200"));
    bf_r p3[] = {{4, "four", 4, 1, NULL}, {5, "five", 5, 1, NULL}};
    bf_answer_owned(b, &r, n, 200, bf_page("DISCOVERY", p3, 2, 5, false, "C3"));
    board_column(b, 0, &v);
    ck_assert_int_eq(v.loaded, 5);
    ck_assert(v.complete);
    ck_assert_int_eq(bf_pull(b, &r), 0);
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(board_card(b, 0, (size_t)i)->position, i + 1);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(totals_exact_per_currency_from_groupby)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, 5);   /* 3 USD + 1 EUR + 1 without an amount */
    ck_assert_int_eq(v.loaded, 3);
    ck_assert_int_eq(bf_total(v.totals, "USD"), INT64_C(150000000000));
    ck_assert_int_eq(bf_total(v.totals, "EUR"), INT64_C(20000000000));
    board_column(b, 1, &v);
    ck_assert_int_eq(v.total, 2);
    ck_assert_int_eq(bf_total(v.totals, "USD"), 7000001);
    board_column(b, 2, &v);
    ck_assert_int_eq(v.total, 0);
    ck_assert_int_eq(v.totals->n, 0);
    ck_assert_int_eq(board_pipeline_count(b), 7);
    ck_assert_int_eq(bf_total(board_pipeline_totals(b), "USD"), INT64_C(150007000001));
    ck_assert_int_eq(bf_total(board_pipeline_totals(b), "EUR"), INT64_C(20000000000));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(counts_from_total_count_when_groupby_fails)
{
    bf_reqs r = {0};
    pb_board *b = board_new(NULL);
    board_open(b, NULL);
    bf_pull(b, &r);
    bf_answer_owned(b, &r, bf_find(&r, "POST", "/metadata", NULL), 200, bf_meta(STAGES, 3));
    bf_answer(b, &r, bf_find(&r, "GET", "/rest/opportunities/groupBy", NULL), 500,
              "{\"statusCode\":500,\"error\":\"InternalServerErrorException\",\"messages\":[\"db down\"]}");
    bf_notice_with(b, "Could not read the totals: The server failed (500): db down");
    bf_pull(b, &r);
    bf_r disc[] = {{1, "one", 1, 1, NULL}};
    bf_answer_owned(b, &r, bf_page_req(&r, "DISCOVERY"), 200, bf_page("DISCOVERY", disc, 1, 41, true, "c"));
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.total, 41);
    board_column(b, 1, &v);
    ck_assert_int_eq(v.total, -1);   /* unknown until its page says */
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(stages_derived_when_metadata_fails)
{
    bf_reqs r = {0};
    pb_board *b = board_new(NULL);
    board_open(b, NULL);
    bf_pull(b, &r);
    bf_answer(b, &r, bf_find(&r, "POST", "/metadata", NULL), 404,
              "{\"statusCode\":404,\"error\":\"NotFoundException\",\"messages\":[\"Cannot POST /metadata\"]}");
    /* one second try through the REST metadata API */
    ck_assert_int_eq(bf_pull(b, &r), 1);
    bf_answer(b, &r, bf_find(&r, "GET", "/rest/metadata/objects", NULL), 500, "oops");
    ck_assert(!board_ready(b));
    bf_g g[] = {{"PROPOSAL", "USD", 2, "10"}, {"ZETA_STAGE", NULL, 1, NULL},
                {"DISCOVERY", "USD", 1, "5"}, {"PROPOSAL", "EUR", 1, "3"}};
    bf_answer_owned(b, &r, bf_find(&r, "GET", "/rest/opportunities/groupBy", NULL), 200,
                    bf_groups(g, 4));
    ck_assert(board_ready(b));
    ck_assert(board_stages_derived(b));
    ck_assert_int_eq(board_column_count(b), 3);
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_str_eq(v.stage->value, "DISCOVERY");
    ck_assert_str_eq(v.stage->label, "Discovery");
    board_column(b, 1, &v);
    ck_assert_str_eq(v.stage->value, "PROPOSAL");
    ck_assert_int_eq(v.total, 3);
    ck_assert_int_eq(bf_total(v.totals, "EUR"), 3);
    board_column(b, 2, &v);
    ck_assert_str_eq(v.stage->label, "Zeta stage");
    bf_notice_with(b, "showing the stages found in the data");
    ck_assert_int_eq(bf_pull(b, &r), 3);   /* their first pages */
    ck_assert_int_le(r.n, 3 + 3);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(graphql_validation_error_tries_the_older_shape)
{
    bf_reqs r = {0};
    pb_board *b = board_new(NULL);
    board_open(b, NULL);
    bf_pull(b, &r);
    bf_answer(b, &r, bf_find(&r, "POST", "/metadata", NULL), 200,
              "{\"errors\":[{\"message\":\"Cannot query field \\\"fieldsList\\\"\","
              "\"extensions\":{\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}]}");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *o = bf_find(&r, "POST", "/metadata", "fields(paging");
    ck_assert_ptr_nonnull(o);
    bf_answer(b, &r, o, 200,
              "{\"data\":{\"objects\":{\"edges\":[{\"node\":{\"id\":"
              "\"10000000-0000-4000-8000-000000000002\",\"nameSingular\":\"opportunity\","
              "\"fields\":{\"edges\":[{\"node\":{\"id\":\"10000000-0000-4000-8000-000000000003\","
              "\"name\":\"stage\",\"type\":\"SELECT\",\"options\":[{\"value\":\"NEW\",\"label\":"
              "\"New\",\"color\":\"red\",\"position\":0}]}}]}}}]}}}");
    ck_assert(board_ready(b));
    ck_assert(!board_stages_derived(b));
    ck_assert_int_eq(board_column_count(b), 1);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(rejected_key_is_said_in_plain_words)
{
    bf_reqs r = {0};
    pb_board *b = board_new(NULL);
    board_open(b, NULL);
    bf_pull(b, &r);
    const char *body = "{\"statusCode\":401,\"error\":\"UNAUTHENTICATED\",\"messages\":[\"Token invalid.\"]}";
    bf_answer(b, &r, bf_find(&r, "POST", "/metadata", NULL), 401, body);
    ck_assert_int_eq(bf_pull(b, &r), 0);   /* no second try with a refused key */
    bf_answer(b, &r, bf_find(&r, "GET", "/rest/opportunities/groupBy", NULL), 401, body);
    ck_assert(!board_ready(b));
    ck_assert_ptr_nonnull(board_load_error(b));
    ck_assert_ptr_nonnull(strstr(board_load_error(b), "The API key was rejected (401)"));
    bf_notice_with(b, "The API key was rejected (401)");
    ck_assert_int_eq(board_requests_in_flight(b), 0);
    /* refresh tries the opening again */
    board_refresh(b);
    ck_assert_int_eq(bf_pull(b, &r), 2);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(unreachable_server_and_foreign_answers)
{
    bf_reqs r = {0};
    pb_board *b = open_meta(&r, 60);
    bf_fail_transport(b, &r, bf_page_req(&r, "DISCOVERY"), "connection refused");
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_str_eq(v.error, "Cannot reach the server: connection refused");
    bf_notice_with(b, "Could not load LDISCOVERY: Cannot reach the server");
    bf_answer(b, &r, bf_page_req(&r, "PROPOSAL"), 200, "<html>proxy login</html>");
    board_column(b, 1, &v);
    ck_assert_ptr_nonnull(strstr(v.error, "not Twenty's"));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(refresh_reports_changes_made_elsewhere)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    bf_free(&r);
    board_refresh(b);
    ck_assert_int_eq(bf_pull(b, &r), 4);   /* totals + the three loaded columns */
    pb_outgoing *d = bf_page_req(&r, "DISCOVERY");
    ck_assert_ptr_nonnull(strstr(d->path, "limit=60"));
    ck_assert_ptr_null(strstr(d->path, "starting_after"));
    /* elsewhere: Acme moved to PROPOSAL, Globex deleted, Initech renamed, Hooli added on top */
    bf_r disc[] = {{9, "Hooli", 0, 1000000, "USD"}, {3, "Initech 2", 3, -1, NULL}};
    bf_r prop[] = {{1, "Acme renewal", 0.5, 50000000000, "USD"}, {4, "Umbrella", 1, 7000001, "USD"}};
    bf_answer_owned(b, &r, d, 200, bf_page("DISCOVERY", disc, 2, 2, false, "N1"));
    bf_answer_owned(b, &r, bf_page_req(&r, "PROPOSAL"), 200, bf_page("PROPOSAL", prop, 2, 2, false, "N2"));
    bf_answer_owned(b, &r, bf_page_req(&r, "NEGOTIATION"), 200, bf_page("NEGOTIATION", NULL, 0, 0, false, NULL));
    bf_g g[] = {{"DISCOVERY", "USD", 1, "1000000"}, {"DISCOVERY", NULL, 1, NULL},
                {"PROPOSAL", "USD", 2, "50007000001"}};
    bf_answer_owned(b, &r, bf_find(&r, "GET", "/rest/opportunities/groupBy", NULL), 200, bf_groups(g, 3));
    /* Globex is looked up by id: it is gone */
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *chk = bf_find(&r, "GET", "/rest/opportunities?filter=id%5Bin%5D", NULL);
    ck_assert_ptr_nonnull(chk);
    ck_assert_ptr_nonnull(strstr(chk->path, "000000000002"));
    bf_answer_owned(b, &r, chk, 200, bf_page("DISCOVERY", NULL, 0, 0, false, NULL));
    pb_notice n = bf_notice_with(b, "changed elsewhere");
    ck_assert_str_eq(n.text, "4 deals changed elsewhere: \"Hooli\" added, \"Initech\" renamed to "
                             "\"Initech 2\", \"Acme renewal\" moved to LPROPOSAL, \"Globex\" deleted");
    size_t col, idx;
    pb_id acme = bf_pid(1), globex = bf_pid(2);
    ck_assert(board_locate(b, &acme, &col, &idx));
    ck_assert_int_eq(col, 1);
    ck_assert_int_eq(idx, 0);
    ck_assert(!board_locate(b, &globex, NULL, NULL));
    ck_assert_ptr_null(board_find(b, &globex));
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.loaded, 2);
    ck_assert(v.complete);
    ck_assert_int_eq(v.total, 2);
    ck_assert_int_eq(bf_total(v.totals, "USD"), 1000000);
    ck_assert_int_eq(bf_total(v.totals, "EUR"), -1);
    ck_assert_int_eq(board_requests_in_flight(b), 0);
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(refresh_keeps_local_writes_in_flight)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    bf_free(&r);
    pb_id acme = bf_pid(1);
    ck_assert_int_eq(board_move_stage(b, &acme, +1).status, PB_OP_OK);
    board_refresh(b);
    bf_pull(b, &r);
    /* the server has not seen the move yet: Acme still in DISCOVERY */
    bf_r disc[] = {{1, "Acme renewal", 1, 50000000000, "USD"}, {2, "Globex", 2, 20000000000, "EUR"},
                   {3, "Initech", 3, -1, NULL}};
    bf_r prop[] = {{4, "Umbrella", 1, 7000001, "USD"}};
    bf_answer_owned(b, &r, bf_page_req(&r, "DISCOVERY"), 200, bf_page("DISCOVERY", disc, 3, 5, false, "N1"));
    bf_answer_owned(b, &r, bf_page_req(&r, "PROPOSAL"), 200, bf_page("PROPOSAL", prop, 1, 2, false, "N2"));
    bf_answer_owned(b, &r, bf_page_req(&r, "NEGOTIATION"), 200, bf_page("NEGOTIATION", NULL, 0, 0, false, NULL));
    size_t col, idx;
    ck_assert(board_locate(b, &acme, &col, &idx));
    ck_assert_int_eq(col, 1);   /* still where the user put it */
    ck_assert_int_eq(idx, 0);
    pb_notice n;
    while (board_take_notice(b, &n))
        ck_assert_ptr_null(strstr(n.text, "changed elsewhere"));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(search_fetches_only_uncached_ids_in_rank_order)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    bf_free(&r);
    board_search(b, "ac\xC3\xA9");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *s = bf_find(&r, "POST", "/graphql", "\"searchInput\":\"ac\xC3\xA9\"");
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_nonnull(strstr(s->body, "includedObjectNameSingulars"));
    char id1[PB_ID_BUFSZ], id7[PB_ID_BUFSZ], id4[PB_ID_BUFSZ];
    bf_id(1, id1);
    bf_id(7, id7);
    bf_id(4, id4);
    char body[1024];
    snprintf(body, sizeof body,
             "{\"data\":{\"search\":{\"edges\":["
             "{\"node\":{\"recordId\":\"%s\",\"objectNameSingular\":\"opportunity\"},\"cursor\":\"a\"},"
             "{\"node\":{\"recordId\":\"%s\",\"objectNameSingular\":\"opportunity\"},\"cursor\":\"b\"},"
             "{\"node\":{\"recordId\":\"%s\",\"objectNameSingular\":\"opportunity\"},\"cursor\":\"c\"}],"
             "\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"c\"}}}}",
             id7, id1, id4);
    bf_answer(b, &r, s, 200, body);
    pb_search_view v;
    ck_assert(board_search_results(b, &v));
    ck_assert(v.loading);
    ck_assert_int_eq(v.n, 3);
    ck_assert_ptr_null(v.hits[0].opp);   /* not cached yet */
    ck_assert_str_eq(v.hits[1].opp->name, "Acme renewal");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *f = bf_find(&r, "GET", "/rest/opportunities?filter=id%5Bin%5D", NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(strstr(f->path, "000000000007"));
    ck_assert_ptr_null(strstr(f->path, "000000000001"));   /* cached: not asked again */
    ck_assert_ptr_null(strstr(f->path, "000000000004"));
    ck_assert_ptr_nonnull(strstr(f->path, "depth=1"));
    bf_r far[] = {{7, "Acme Zeta", 50, 1, NULL}};
    bf_answer_owned(b, &r, f, 200, bf_page("DISCOVERY", far, 1, 1, false, NULL));
    ck_assert(board_search_results(b, &v));
    ck_assert(!v.loading);
    ck_assert_int_eq(v.n, 3);
    ck_assert_str_eq(v.hits[0].opp->name, "Acme Zeta");
    ck_assert_str_eq(v.hits[1].opp->name, "Acme renewal");
    ck_assert_str_eq(v.hits[2].opp->name, "Umbrella");
    /* Acme Zeta lies beyond the loaded DISCOVERY cards: jumping pages there */
    pb_id z = bf_pid(7);
    ck_assert(!board_locate(b, &z, NULL, NULL));
    ck_assert(!board_jump_to(b, &z));
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *j = bf_find(&r, "GET", "/rest/opportunities?", "starting_after=CUR-D1");
    ck_assert_ptr_nonnull(j);
    ck_assert_ptr_nonnull(strstr(j->path, "limit=200"));
    bf_r more[] = {{8, "Eight", 10, 1, NULL}, {7, "Acme Zeta", 50, 1, NULL}};
    bf_answer_owned(b, &r, j, 200, bf_page("DISCOVERY", more, 2, 5, true, "CUR-D2"));
    size_t col, idx;
    ck_assert(board_locate(b, &z, &col, &idx));
    ck_assert_int_eq(col, 0);
    ck_assert_int_eq(idx, 4);
    ck_assert_int_eq(bf_pull(b, &r), 0);   /* found: paging stops */
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(pickers_and_detail)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    bf_free(&r);
    board_pick_lookup(b, PB_PICK_COMPANY, "glob");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    pb_outgoing *p = bf_find(&r, "GET", "/rest/companies?", "ilike");
    ck_assert_ptr_nonnull(p);
    bf_answer(b, &r, p, 200,
              "{\"data\":{\"companies\":[{\"id\":\"30000000-0000-4000-8000-000000000001\","
              "\"name\":\"Globex GmbH\",\"domainName\":{\"primaryLinkUrl\":\"globex.de\"}}]}}");
    pb_pick_view pv;
    ck_assert(board_pick_results(b, &pv));
    ck_assert(!pv.loading);
    ck_assert_int_eq(pv.n, 1);
    ck_assert_str_eq(pv.items[0].name, "Globex GmbH");
    ck_assert_str_eq(pv.items[0].detail, "globex.de");
    /* detail: depth=1 GET, names reach the card too */
    pb_id acme = bf_pid(1);
    board_fetch_detail(b, &acme);
    pb_detail d;
    ck_assert(board_detail(b, &d));
    ck_assert(d.loading);
    ck_assert_str_eq(d.opp->name, "Acme renewal");   /* the cached copy meanwhile */
    bf_pull(b, &r);
    pb_outgoing *g = bf_find(&r, "GET", "/rest/opportunities/00000000-0000-4000-8000-000000000001", "depth=1");
    ck_assert_ptr_nonnull(g);
    char sid[PB_ID_BUFSZ];
    bf_id(1, sid);
    char body[1024];
    snprintf(body, sizeof body,
             "{\"data\":{\"opportunity\":{\"id\":\"%s\",\"name\":\"Acme renewal\",\"stage\":"
             "\"DISCOVERY\",\"position\":1,\"amount\":{\"amountMicros\":50000000000,"
             "\"currencyCode\":\"USD\"},\"companyId\":\"30000000-0000-4000-8000-000000000009\","
             "\"company\":{\"id\":\"30000000-0000-4000-8000-000000000009\",\"name\":\"Acme Corp\"},"
             "\"pointOfContact\":null,\"owner\":{\"id\":\"40000000-0000-4000-8000-000000000001\","
             "\"name\":{\"firstName\":\"Jane\",\"lastName\":\"Doe\"}}}}}",
             sid);
    bf_answer(b, &r, g, 200, body);
    ck_assert(board_detail(b, &d));
    ck_assert(!d.loading);
    ck_assert_str_eq(d.opp->company_name, "Acme Corp");
    ck_assert_str_eq(d.opp->owner_name, "Jane Doe");
    ck_assert_str_eq(board_card(b, 0, 0)->company_name, "Acme Corp");
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(notices_are_capped_and_cut)
{
    bf_reqs r = {0};
    pb_board *b = open_meta(&r, 60);
    bf_r disc[12];
    char names[12][40];
    for (int i = 0; i < 12; i++) {
        snprintf(names[i], sizeof names[i], "Deal number %d", i);
        disc[i] = (bf_r){i + 1, names[i], i + 1, 1, NULL};
    }
    bf_answer_owned(b, &r, bf_page_req(&r, "DISCOVERY"), 200, bf_page("DISCOVERY", disc, 12, 12, false, "A"));
    bf_free(&r);
    bf_drain_notices(b);
    /* every deal renamed elsewhere, one with a very long name */
    board_refresh(b);
    bf_pull(b, &r);
    char renamed[12][40];
    for (int i = 0; i < 12; i++) {
        snprintf(renamed[i], sizeof renamed[i], "Renamed deal %d", i);
        disc[i].name = renamed[i];
    }
    char longname[400];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    disc[0].name = longname;
    bf_answer_owned(b, &r, bf_page_req(&r, "DISCOVERY"), 200, bf_page("DISCOVERY", disc, 12, 12, false, "N1"));
    pb_notice n = bf_notice_with(b, "12 deals changed elsewhere: \"Deal number 0\" renamed to \"xxx");
    size_t len = strlen(n.text);
    ck_assert_int_lt(len, sizeof n.text);
    ck_assert_str_eq(n.text + len - 3, "\xE2\x80\xA6");
    ck_assert_ptr_nonnull(strstr(n.text, "x\xE2\x80\xA6, \"Deal number 1\" renamed"));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(stale_answers_are_ignored)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    bf_free(&r);
    board_search(b, "first");
    board_search(b, "second");
    ck_assert_int_eq(bf_pull(b, &r), 2);
    char id1[PB_ID_BUFSZ];
    bf_id(1, id1);
    char body[512];
    snprintf(body, sizeof body,
             "{\"data\":{\"search\":{\"edges\":[{\"node\":{\"recordId\":\"%s\","
             "\"objectNameSingular\":\"opportunity\"},\"cursor\":\"a\"}],"
             "\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"a\"}}}}", id1);
    bf_answer(b, &r, bf_find(&r, "POST", "/graphql", "first"), 200, body);
    pb_search_view v;
    ck_assert(board_search_results(b, &v));
    ck_assert_str_eq(v.query, "second");
    ck_assert(v.loading);
    ck_assert_int_eq(v.n, 0);   /* the answer to "first" is not shown */
    bf_answer(b, &r, bf_find(&r, "POST", "/graphql", "second"), 200,
              "{\"data\":{\"search\":{\"edges\":[],\"pageInfo\":{\"hasNextPage\":false}}}}");
    ck_assert(board_search_results(b, &v));
    ck_assert(!v.loading);
    ck_assert_int_eq(v.n, 0);
    /* a page for a column refreshed meanwhile is dropped */
    board_want_index(b, 0, 2);
    bf_pull(b, &r);
    pb_outgoing *old = bf_find(&r, "GET", "/rest/opportunities?", "starting_after=CUR-D1");
    ck_assert_ptr_nonnull(old);
    board_refresh(b);
    bf_r bogus[] = {{77, "From a stale page", 99, 1, NULL}};
    bf_answer_owned(b, &r, old, 200, bf_page("DISCOVERY", bogus, 1, 5, false, "Z"));
    pb_id z = bf_pid(77);
    ck_assert_ptr_null(board_find(b, &z));
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(widened_picker_filters_are_checked_again)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    bf_free(&r);
    board_pick_lookup(b, PB_PICK_COMPANY, "50%_off");
    ck_assert_int_eq(bf_pull(b, &r), 1);
    bf_answer(b, &r, &r.v[0], 200,
              "{\"data\":{\"companies\":["
              "{\"id\":\"30000000-0000-4000-8000-000000000001\",\"name\":\"Shop 50%_off\"},"
              "{\"id\":\"30000000-0000-4000-8000-000000000002\",\"name\":\"Shop 50xyoff\"}]}}");
    pb_pick_view pv;
    ck_assert(board_pick_results(b, &pv));
    ck_assert_int_eq(pv.n, 1);   /* the wildcard match is dropped */
    ck_assert_str_eq(pv.items[0].name, "Shop 50%_off");
    board_pick_lookup(b, PB_PICK_PERSON, "Ada");
    bf_pull(b, &r);
    pb_outgoing *p = bf_find(&r, "GET", "/rest/people?", NULL);
    ck_assert_ptr_nonnull(p);
    bf_answer(b, &r, p, 200,
              "{\"data\":{\"people\":[{\"id\":\"30000000-0000-4000-8000-000000000003\","
              "\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"},"
              "\"emails\":{\"primaryEmail\":\"ada@example.com\"}}]}}");
    ck_assert(board_pick_results(b, &pv));
    ck_assert_int_eq(pv.kind, PB_PICK_PERSON);
    ck_assert_int_eq(pv.n, 1);
    ck_assert_str_eq(pv.items[0].name, "Ada Lovelace");
    ck_assert_str_eq(pv.items[0].detail, "ada@example.com");
    bf_free(&r);
    board_free(b);
}
END_TEST

START_TEST(fresh_record_values_move_the_card)
{
    bf_reqs r = {0};
    pb_board *b = open_std(&r);
    bf_free(&r);
    pb_id acme = bf_pid(1), init = bf_pid(3);
    board_fetch_detail(b, &acme);
    bf_pull(b, &r);
    bf_answer_owned(b, &r, &r.v[0], 200,
                    bf_one("opportunity", 1, "Acme renewal", "PROPOSAL", 0.5, 50000000000, "USD"));
    size_t col, idx;
    ck_assert(board_locate(b, &acme, &col, &idx));
    ck_assert_int_eq(col, 1);
    ck_assert_int_eq(idx, 0);
    /* beyond the loaded cards of its column: cached, not shown */
    board_fetch_detail(b, &init);
    bf_pull(b, &r);
    bf_answer_owned(b, &r, &r.v[1], 200,
                    bf_one("opportunity", 3, "Initech", "PROPOSAL", 500, -1, NULL));
    ck_assert(!board_locate(b, &init, NULL, NULL));
    ck_assert_ptr_nonnull(board_find(b, &init));
    pb_column_view v;
    board_column(b, 0, &v);
    ck_assert_int_eq(v.loaded, 1);
    ck_assert_str_eq(bf_name(b, 0, 0), "Globex");
    board_column(b, 1, &v);
    ck_assert_int_eq(v.loaded, 2);
    bf_free(&r);
    board_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("board");
    TCase *tc = tcase_create("board");
    tcase_add_test(tc, open_costs_stages_plus_two_requests);
    tcase_add_test(tc, open_with_cached_stages_sends_pages_at_once);
    tcase_add_test(tc, columns_ordered_by_position_then_id);
    tcase_add_test(tc, paging_follows_the_cursor);
    tcase_add_test(tc, first_page_then_page_size);
    tcase_add_test(tc, totals_exact_per_currency_from_groupby);
    tcase_add_test(tc, counts_from_total_count_when_groupby_fails);
    tcase_add_test(tc, stages_derived_when_metadata_fails);
    tcase_add_test(tc, graphql_validation_error_tries_the_older_shape);
    tcase_add_test(tc, rejected_key_is_said_in_plain_words);
    tcase_add_test(tc, unreachable_server_and_foreign_answers);
    tcase_add_test(tc, refresh_reports_changes_made_elsewhere);
    tcase_add_test(tc, refresh_keeps_local_writes_in_flight);
    tcase_add_test(tc, search_fetches_only_uncached_ids_in_rank_order);
    tcase_add_test(tc, pickers_and_detail);
    tcase_add_test(tc, notices_are_capped_and_cut);
    tcase_add_test(tc, stale_answers_are_ignored);
    tcase_add_test(tc, widened_picker_filters_are_checked_again);
    tcase_add_test(tc, fresh_record_values_move_the_card);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
