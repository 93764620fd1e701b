/* test_sim_query.c - find-many (contract 2.2) and groupBy (2.10): paging a
 * whole table forwards and backwards under orders with NULLs and ties with
 * nothing missed or repeated, pageInfo flags, limits, totalCount, soft
 * deletion, cache invalidation after writes, groups and aggregates as REST
 * and GraphQL serialise them, and the 100,000-row timing target. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim_query_fixture.h"

static sim_store g_st;
static const sim_object *g_opp;

static void setup(void)
{
    fx_open(&g_st, "demo");
    g_opp = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY)->obj;
}

static void teardown(void) { sim_store_close(&g_st); }

static sim_filter *filter_of(const char *text)
{
    if (!text)
        return NULL;
    sim_error e = {0};
    sim_filter *f = sim_filter_parse_rest(&g_st.schema, g_opp, text, &e);
    ck_assert_msg(f != NULL, "filter %s: %s", text, e.message);
    return f;
}

static sim_order order_of(const char *text)
{
    sim_order ord;
    sim_error e = {0};
    ck_assert_msg(sim_order_parse(g_opp, text, &ord, &e), "order %s: %s", text, e.message);
    return ord;
}

static void find_ok(const sim_find_args *a, sim_page *p)
{
    sim_error e = {0};
    ck_assert_msg(sim_find_many(&g_st, SIM_OBJ_OPPORTUNITY, a, p, &e), "find: %s", e.message);
}

static const char *const k_stages[] = {"DISCOVERY", "PROPOSAL", "NEGOTIATION", "CLOSED_WON",
                                       "CLOSED_LOST"};

/* A table with NULLs and ties in every column, some rows soft-deleted. */
static void fill(int n, uint64_t seed)
{
    uint64_t r = seed;
    for (int i = 0; i < n; i++) {
        uint64_t x = sim_rand_next(&r);
        char name[32];
        snprintf(name, sizeof name, "%s %d", x % 3 ? "Deal" : "deal", (int)(x % 9));
        sim_record *rec =
            fx_add(&g_st, x % 13 == 0 ? NULL : name, k_stages[x % 5],
                   x % 7 == 0 ? FX_NO_AMOUNT : (int64_t)(x % 6) * 250000000, x % 2 ? "USD" : "EUR",
                   x % 10 == 0 ? NAN : (double)(x % 25) / 2.0, x % 4 == 0 ? FX_NO_DATE
                                                               : (int64_t)(x % 50) * 86400000);
        if (x % 23 == 0)
            fx_soft_delete(&g_st, rec, 1000);
    }
}

/* ---------- reference ---------- */

static const sim_order *g_ref_order;

static int ref_cmp(const void *pa, const void *pb)
{
    const sim_record *a = *(sim_record *const *)pa, *b = *(sim_record *const *)pb;
    for (int j = 0; j < g_ref_order->n; j++) {
        const sim_order_key *k = &g_ref_order->keys[j];
        const sim_value *x = &a->v[k->slot], *y = &b->v[k->slot];
        bool xn = x->kind == SV_NULL, yn = y->kind == SV_NULL;
        if (xn || yn) {
            if (xn && yn)
                continue;
            return (xn ? -1 : 1) * (k->nulls_first ? 1 : -1);
        }
        int c = k->select ? sim_schema_stage_index(&g_st.schema, x->as.s) -
                                sim_schema_stage_index(&g_st.schema, y->as.s)
                          : sim_value_cmp(x, y);
        c = (c > 0) - (c < 0);
        if (c)
            return k->desc ? -c : c;
    }
    return 0;
}

/* Eligible rows matching f, in order. */
static size_t reference(const sim_filter *f, const sim_order *ord, sim_record ***out)
{
    sim_table *t = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY);
    sim_record **rows = malloc((t->n + 1) * sizeof *rows);
    size_t n = 0;
    bool incl = sim_filter_mentions_deleted_at(f);
    for (size_t i = 0; i < t->n; i++)
        if ((incl || !sim_record_deleted(t, t->rows[i])) && sim_filter_match(f, t->rows[i]))
            rows[n++] = t->rows[i];
    g_ref_order = ord;
    qsort(rows, n, sizeof *rows, ref_cmp);
    *out = rows;
    return n;
}

/* Pages through everything forwards, then backwards from the last record. */
static void page_everything(const char *order_text, const char *filter_text, long limit)
{
    sim_order ord = order_of(order_text);
    sim_filter *f = filter_of(filter_text);
    sim_record **ref;
    size_t total = reference(f, &ord, &ref);
    ck_assert_msg(total > (size_t)limit, "fixture too small for %s", order_text);

    sim_record **seen = malloc((total + 1) * sizeof *seen);
    size_t nseen = 0, pages = 0;
    char *cursor = NULL;
    for (;;) {
        sim_find_args a = {.filter = f, .order = &ord, .limit = limit, .starting_after = cursor};
        sim_page p;
        find_ok(&a, &p);
        ck_assert_uint_eq(p.total, total);
        ck_assert(p.has_prev == (cursor != NULL));
        ck_assert_msg(nseen + p.n <= total, "%s: too many rows", order_text);
        memcpy(seen + nseen, p.rows, p.n * sizeof *seen);
        nseen += p.n;
        ck_assert(p.has_next == (nseen < total));
        free(cursor);
        cursor = p.end_cursor ? strdup(p.end_cursor) : NULL;
        bool more = p.has_next;
        sim_page_free(&p);
        pages++;
        if (!more)
            break;
    }
    ck_assert_uint_eq(nseen, total);
    for (size_t i = 0; i < total; i++)
        ck_assert_msg(seen[i] == ref[i], "%s / %s: forward row %zu differs", order_text,
                      filter_text ? filter_text : "-", i);
    ck_assert_uint_eq(pages, (total + (size_t)limit - 1) / (size_t)limit);

    /* backwards: ending_before the last record, then each page's start cursor */
    nseen = 1;
    seen[total - 1] = ref[total - 1];
    for (;;) {
        sim_find_args a = {.filter = f, .order = &ord, .limit = limit, .ending_before = cursor};
        sim_page p;
        find_ok(&a, &p);
        ck_assert(p.has_next);
        ck_assert_msg(nseen + p.n <= total, "%s: too many rows backwards", order_text);
        memcpy(seen + total - nseen - p.n, p.rows, p.n * sizeof *seen);
        nseen += p.n;
        ck_assert(p.has_prev == (nseen < total));
        free(cursor);
        cursor = p.start_cursor ? strdup(p.start_cursor) : NULL;
        bool more = p.has_prev;
        sim_page_free(&p);
        if (!more)
            break;
    }
    free(cursor);
    ck_assert_uint_eq(nseen, total);
    for (size_t i = 0; i < total; i++)
        ck_assert_msg(seen[i] == ref[i], "%s: backward row %zu differs", order_text, i);
    free(seen);
    free(ref);
    sim_filter_free(f);
}

START_TEST(paging_covers_every_row_once)
{
    fill(400, 3);
    page_everything(NULL, NULL, 7);
    page_everything("position", NULL, 9);
    page_everything("position[DescNullsLast]", NULL, 13);
    page_everything("position[AscNullsLast]", "stage[eq]:PROPOSAL", 5);
    page_everything("stage,name[DescNullsFirst]", NULL, 11);
    page_everything("amount.amountMicros[DescNullsFirst],closeDate[AscNullsLast]",
                    "or(position[lt]:4,name[ilike]:deal%)", 6);
    page_everything("closeDate[DescNullsLast]", "deletedAt[is]:NOT_NULL", 3);
    page_everything("name[AscNullsLast]", "or(deletedAt[is]:NULL,deletedAt[is]:NOT_NULL)", 17);
}
END_TEST

START_TEST(page_flags_and_cursors)
{
    fill(30, 5);
    sim_page p;
    sim_find_args a = {.limit = 4};
    find_ok(&a, &p);
    ck_assert(p.has_next && !p.has_prev);
    ck_assert_ptr_nonnull(p.start_cursor);
    char *end = strdup(p.end_cursor);
    sim_page_free(&p);
    a.starting_after = end;
    find_ok(&a, &p);
    ck_assert(p.has_next && p.has_prev);
    sim_page_free(&p);
    a.starting_after = NULL;
    a.ending_before = end;
    find_ok(&a, &p);
    ck_assert_uint_eq(p.n, 3);          /* only three rows come before it */
    ck_assert(p.has_next && !p.has_prev);
    sim_page_free(&p);
    a.starting_after = "";              /* empty cursors count as absent */
    a.ending_before = "";
    find_ok(&a, &p);
    ck_assert(!p.has_prev);
    sim_page_free(&p);
    a.starting_after = end;
    a.ending_before = end;
    sim_error e = {0};
    ck_assert(!sim_find_many(&g_st, SIM_OBJ_OPPORTUNITY, &a, &p, &e));
    ck_assert_int_eq(e.status, 400);
    ck_assert_str_eq(e.message, "Cannot provide both before and after");
    free(end);
    /* an empty page has null cursors */
    sim_filter *none = filter_of("name[eq]:nobody");
    sim_find_args b = {.filter = none, .limit = 5};
    find_ok(&b, &p);
    ck_assert_uint_eq(p.n, 0);
    ck_assert_uint_eq(p.total, 0);
    ck_assert_ptr_null(p.start_cursor);
    ck_assert_ptr_null(p.end_cursor);
    ck_assert(!p.has_next);
    sim_page_free(&p);
    sim_filter_free(none);
}
END_TEST

START_TEST(limits)
{
    for (int i = 0; i < 250; i++)
        fx_add(&g_st, "x", "PROPOSAL", 1, "USD", i, FX_NO_DATE);
    sim_page p;
    sim_find_args a = {.limit = -1};
    find_ok(&a, &p);
    ck_assert_uint_eq(p.n, 60);
    ck_assert_uint_eq(p.total, 250);
    sim_page_free(&p);
    a.limit = 1000;
    find_ok(&a, &p);
    ck_assert_uint_eq(p.n, 200);        /* capped silently */
    ck_assert(p.has_next);
    sim_page_free(&p);
    a.max_limit = 300;
    find_ok(&a, &p);
    ck_assert_uint_eq(p.n, 250);
    ck_assert(!p.has_next);
    sim_page_free(&p);
    a.limit = 0;
    a.max_limit = 0;
    find_ok(&a, &p);
    ck_assert_uint_eq(p.n, 0);
    ck_assert_uint_eq(p.total, 250);
    ck_assert(p.has_next);
    ck_assert_ptr_null(p.start_cursor);
    sim_page_free(&p);
}
END_TEST

START_TEST(soft_deleted_rows_and_totals)
{
    sim_record *a1 = fx_add(&g_st, "a", "PROPOSAL", 1, "USD", 1, FX_NO_DATE);
    fx_add(&g_st, "b", "PROPOSAL", 1, "USD", 2, FX_NO_DATE);
    fx_add(&g_st, "c", "DISCOVERY", 1, "USD", 3, FX_NO_DATE);
    fx_soft_delete(&g_st, a1, 5000);
    sim_page p;
    sim_find_args a = {.limit = 1};
    find_ok(&a, &p);
    ck_assert_uint_eq(p.total, 2);      /* totalCount ignores paging, hides the deleted */
    sim_page_free(&p);
    sim_filter *f = filter_of("stage[eq]:PROPOSAL");
    a.filter = f;
    a.limit = 10;
    find_ok(&a, &p);
    ck_assert_uint_eq(p.total, 1);
    ck_assert_uint_eq(p.n, 1);
    sim_page_free(&p);
    sim_filter_free(f);
    f = filter_of("deletedAt[is]:NOT_NULL");
    a.filter = f;
    find_ok(&a, &p);
    ck_assert_uint_eq(p.total, 1);
    ck_assert_ptr_eq(p.rows[0], a1);
    sim_page_free(&p);
    sim_filter_free(f);
    /* naming deletedAt makes deleted rows eligible */
    f = filter_of("stage[eq]:PROPOSAL,or(deletedAt[is]:NULL,deletedAt[lt]:2030-01-01)");
    a.filter = f;
    find_ok(&a, &p);
    ck_assert_uint_eq(p.total, 2);
    sim_page_free(&p);
    sim_filter_free(f);
    /* …and SQL's NULL logic still applies: not(NULL > x) is not true */
    f = filter_of("stage[eq]:PROPOSAL,not(deletedAt[gt]:2030-01-01)");
    a.filter = f;
    find_ok(&a, &p);
    ck_assert_uint_eq(p.total, 1);
    ck_assert_ptr_eq(p.rows[0], a1);
    sim_page_free(&p);
    sim_filter_free(f);
    sim_record **all;
    ck_assert_uint_eq(sim_find_all(&g_st, SIM_OBJ_OPPORTUNITY, NULL, &all), 2);
    free(all);
}
END_TEST

START_TEST(caches_follow_writes)
{
    fill(100, 9);
    sim_filter *f = filter_of("stage[eq]:NEGOTIATION");
    sim_order ord = order_of("position[DescNullsLast]");
    sim_find_args a = {.filter = f, .order = &ord, .limit = 200};
    sim_page p;
    find_ok(&a, &p);
    size_t before = p.total;
    sim_page_free(&p);
    sim_record *top = fx_add(&g_st, "new", "NEGOTIATION", 1, "USD", 1e9, FX_NO_DATE);
    find_ok(&a, &p);
    ck_assert_uint_eq(p.total, before + 1);
    ck_assert_ptr_eq(p.rows[0], top);
    sim_page_free(&p);
    /* an update in place (new stage) is seen too */
    sim_table *t = sim_store_table(&g_st, SIM_OBJ_OPPORTUNITY);
    sim_value *work = calloc((size_t)g_opp->nslots, sizeof *work);
    ck_assert(sim_slots_copy(work, top->v, g_opp->nslots));
    int stage = fx_slot(g_opp, "stage");
    sim_value_free(&work[stage]);
    work[stage] = sim_value_str("CLOSED_WON");
    sim_table_replace(t, top, work);
    free(work);
    find_ok(&a, &p);
    ck_assert_uint_eq(p.total, before);
    ck_assert_ptr_ne(p.rows[0], top);
    sim_page_free(&p);
    sim_filter_free(f);
}
END_TEST

/* ---------- groupBy ---------- */

static void dims_ok(const char *json, sim_group_dim *dims, int *n)
{
    sim_error e = {0};
    ck_assert_msg(sim_group_by_parse_rest(g_opp, json, dims, n, 4, &e), "%s: %s", json, e.message);
}

static void dims_fail(const char *json, const char *message)
{
    sim_group_dim dims[4];
    int n;
    sim_error e = {0};
    ck_assert_msg(!sim_group_by_parse_rest(g_opp, json, dims, &n, 4, &e), "%s accepted",
                  json ? json : "(null)");
    ck_assert_int_eq(e.status, 400);
    ck_assert_str_eq(e.message, message);
}

START_TEST(group_by_parse_errors)
{
    const char *inv = "Invalid group_by query parameter - should be a valid array of objects - ex: "
                      "[{\"firstField\": true}, {\"secondField\": {\"subField\": true}}, "
                      "{\"dateField\": {\"granularity\": 'DAY'}}]";
    dims_fail(NULL, inv);
    dims_fail("stage", inv);
    dims_fail("{\"stage\":true}", inv);
    dims_fail("[{\"stage\":true,\"name\":true}]", "You cannot provide multiple fields in one "
                                                  "GroupByInput, split them into multiple "
                                                  "GroupByInput");
    dims_fail("[{\"foo\":true}]", "Unidentified field in groupBy: foo");
    dims_fail("[{\"amount\":{\"amountMicros\":true,\"currencyCode\":true}}]",
              "You cannot provide multiple subfields in one GroupByInput, split them into "
              "multiple GroupByInput");
    sim_group_dim dims[4];
    int n;
    dims_ok("[]", dims, &n);
    ck_assert_int_eq(n, 0);
    dims_ok("[{\"stage\":true},{\"amount\":{\"currencyCode\":true}},{\"company\":true},"
            "{\"closeDate\":{\"granularity\":\"WEEK\",\"weekStartDay\":\"SUNDAY\"}}]",
            dims, &n);
    ck_assert_int_eq(n, 4);
    ck_assert_int_eq(dims[0].slot, fx_slot(g_opp, "stage"));
    ck_assert_int_eq(dims[1].slot, fx_slot(g_opp, "amount.currencyCode"));
    ck_assert_int_eq(dims[2].slot, fx_slot(g_opp, "companyId"));
    ck_assert_str_eq(dims[3].granularity, "WEEK");
    ck_assert_int_eq(dims[3].week_start, 6);
}
END_TEST

static char *agg(const char *name, sim_group *g, bool as_string)
{
    sim_aggregate a;
    ck_assert_msg(sim_aggregate_parse(g_opp, name, &a), "aggregate %s", name);
    cJSON *j = sim_aggregate_eval(&a, g->rows, g->nrows, as_string);
    ck_assert_ptr_nonnull(j);
    char *s = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    return s;
}

static void agg_is(const char *name, sim_group *g, bool as_string, const char *want)
{
    char *got = agg(name, g, as_string);
    ck_assert_msg(strcmp(got, want) == 0, "%s: got %s, want %s", name, got, want);
    free(got);
}

START_TEST(group_by_stage_and_currency)
{
    fx_add(&g_st, "a", "PROPOSAL", 1000000000000LL, "USD", 1, fx_ms("2025-01-10"));
    fx_add(&g_st, "b", "PROPOSAL", 2000000000000LL, "USD", 2, fx_ms("2025-03-10"));
    fx_add(&g_st, "c", "PROPOSAL", 5000000, "EUR", 3, FX_NO_DATE);
    fx_add(&g_st, "d", "DISCOVERY", 1, "USD", 4, FX_NO_DATE);
    fx_add(&g_st, "", "DISCOVERY", 2, NULL, 5, FX_NO_DATE);
    fx_add(&g_st, NULL, "DISCOVERY", FX_NO_AMOUNT, NULL, 6, FX_NO_DATE);
    sim_record *gone = fx_add(&g_st, "e", "CLOSED_WON", 9, "USD", 7, FX_NO_DATE);
    fx_soft_delete(&g_st, gone, 1);

    sim_group_dim dims[4];
    int n;
    dims_ok("[{\"stage\":true},{\"amount\":{\"currencyCode\":true}}]", dims, &n);
    sim_groups g;
    sim_error e = {0};
    ck_assert_msg(sim_group_by(&g_st, SIM_OBJ_OPPORTUNITY, NULL, dims, n, NULL, &g, &e), "%s",
                  e.message);
    /* stage by option position (DISCOVERY before PROPOSAL), NULL last; no CLOSED_WON group */
    ck_assert_uint_eq(g.n, 4);
    ck_assert_str_eq(g.g[0].dims[0].as.s, "DISCOVERY");
    ck_assert_str_eq(g.g[0].dims[1].as.s, "USD");
    ck_assert_str_eq(g.g[1].dims[0].as.s, "DISCOVERY");
    ck_assert_int_eq(g.g[1].dims[1].kind, SV_NULL);
    ck_assert_uint_eq(g.g[1].count, 2);
    ck_assert_str_eq(g.g[2].dims[1].as.s, "EUR");
    ck_assert_str_eq(g.g[3].dims[0].as.s, "PROPOSAL");
    ck_assert_str_eq(g.g[3].dims[1].as.s, "USD");
    ck_assert_uint_eq(g.g[3].count, 2);

    sim_group *usd = &g.g[3], *dnull = &g.g[1];
    agg_is("totalCount", usd, true, "2");
    agg_is("sumAmountAmountMicros", usd, true, "\"3000000000000\"");
    agg_is("sumAmountAmountMicros", usd, false, "3000000000000");
    agg_is("avgAmountAmountMicros", usd, true, "\"1500000000000.0000\"");
    agg_is("minAmountAmountMicros", usd, true, "\"1000000000000\"");
    agg_is("maxAmountAmountMicros", usd, false, "2000000000000");
    agg_is("minCloseDate", usd, true, "\"2025-01-10T00:00:00.000Z\"");
    agg_is("maxCloseDate", usd, false, "\"2025-03-10T00:00:00.000Z\"");
    agg_is("countUniqueValuesStage", usd, true, "\"1\"");
    agg_is("sumAmountAmountMicros", dnull, true, "\"2\"");
    agg_is("avgAmountAmountMicros", dnull, true, "\"2.0000000000000000\"");
    /* '' and NULL are both empty; the composite is empty when every part is */
    agg_is("countEmptyName", dnull, true, "\"2\"");
    agg_is("countNotEmptyName", dnull, false, "0");
    agg_is("percentageEmptyAmount", dnull, true, "\"0.50000000000000000000\"");
    agg_is("percentageNotEmptyAmount", dnull, false, "0.5");
    agg_is("countEmptyCloseDate", usd, true, "\"0\"");
    sim_groups_free(&g);

    /* a filter, and records in the requested order */
    sim_filter *f = filter_of("amount.amountMicros[gt]:3");
    sim_order ord = order_of("position[DescNullsLast]");
    dims_ok("[{\"stage\":true}]", dims, &n);
    ck_assert(sim_group_by(&g_st, SIM_OBJ_OPPORTUNITY, f, dims, n, &ord, &g, &e));
    ck_assert_uint_eq(g.n, 1);
    ck_assert_uint_eq(g.g[0].count, 3);
    ck_assert_str_eq(g.g[0].rows[0]->v[fx_slot(g_opp, "name")].as.s, "c");
    ck_assert_str_eq(g.g[0].rows[2]->v[fx_slot(g_opp, "name")].as.s, "a");
    sim_groups_free(&g);
    sim_filter_free(f);
}
END_TEST

START_TEST(aggregates_are_exact)
{
    fx_add(&g_st, "a", "PROPOSAL", 9000000000000000000LL, "USD", 1, FX_NO_DATE);
    fx_add(&g_st, "b", "PROPOSAL", 9000000000000000000LL, "USD", 2, FX_NO_DATE);
    fx_add(&g_st, "c", "PROPOSAL", 1, "USD", 3, FX_NO_DATE);
    sim_group_dim dims[1];
    int n;
    dims_ok("[{\"stage\":true}]", dims, &n);
    sim_groups g;
    sim_error e = {0};
    ck_assert(sim_group_by(&g_st, SIM_OBJ_OPPORTUNITY, NULL, dims, n, NULL, &g, &e));
    agg_is("sumAmountAmountMicros", &g.g[0], true, "\"18000000000000000001\"");
    agg_is("avgAmountAmountMicros", &g.g[0], true, "\"6000000000000000000\"");
    agg_is("percentageEmptyName", &g.g[0], true, "\"0.00000000000000000000\"");
    agg_is("countUniqueValuesAmount", &g.g[0], true, "\"2\"");
    sim_aggregate a;
    ck_assert(!sim_aggregate_parse(g_opp, "sumPosition", &a));       /* POSITION has none */
    ck_assert(!sim_aggregate_parse(g_opp, "sumAmount", &a));
    ck_assert(!sim_aggregate_parse(g_opp, "countEmptyFoo", &a));
    ck_assert(sim_aggregate_parse(g_opp, "countEmptyCompany", &a));  /* relation by name */
    ck_assert_int_eq(a.slot, fx_slot(g_opp, "companyId"));
    /* an empty set */
    ck_assert(sim_aggregate_parse(g_opp, "sumAmountAmountMicros", &a));
    cJSON *j = sim_aggregate_eval(&a, NULL, 0, true);
    ck_assert(cJSON_IsNull(j));
    cJSON_Delete(j);
    ck_assert(sim_aggregate_parse(g_opp, "totalCount", &a));
    j = sim_aggregate_eval(&a, NULL, 0, true);
    ck_assert(cJSON_IsNumber(j) && j->valuedouble == 0);
    cJSON_Delete(j);
    sim_groups_free(&g);
}
END_TEST

START_TEST(group_by_dates)
{
    fx_add(&g_st, "a", "PROPOSAL", 1, "USD", 1, fx_ms("2025-02-05T08:00:00Z"));   /* Wed */
    fx_add(&g_st, "b", "PROPOSAL", 1, "USD", 2, fx_ms("2025-02-09T23:00:00Z"));   /* Sun */
    fx_add(&g_st, "c", "PROPOSAL", 1, "USD", 3, fx_ms("2025-05-20T00:00:00Z"));
    fx_add(&g_st, "d", "PROPOSAL", 1, "USD", 4, FX_NO_DATE);
    struct {
        const char *json, *first, *second;
        size_t groups;
    } cases[] = {
        {"[{\"closeDate\":{\"granularity\":\"MONTH\"}}]", "2025-02-01", "2025-05-01", 3},
        {"[{\"closeDate\":{\"granularity\":\"WEEK\"}}]", "2025-02-03", "2025-05-19", 3},
        {"[{\"closeDate\":{\"granularity\":\"WEEK\",\"weekStartDay\":\"SUNDAY\"}}]", "2025-02-02",
         "2025-02-09", 4},
        {"[{\"closeDate\":{\"granularity\":\"QUARTER\"}}]", "2025-01-01", "2025-04-01", 3},
        {"[{\"closeDate\":{\"granularity\":\"DAY_OF_THE_WEEK\"}}]", "Tuesday", "Wednesday", 4},
        {"[{\"closeDate\":{\"granularity\":\"MONTH_OF_THE_YEAR\"}}]", "February", "May", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sim_group_dim dims[4];
        int n;
        dims_ok(cases[i].json, dims, &n);
        sim_groups g;
        sim_error e = {0};
        ck_assert(sim_group_by(&g_st, SIM_OBJ_OPPORTUNITY, NULL, dims, n, NULL, &g, &e));
        ck_assert_msg(g.n == cases[i].groups, "%s: %zu groups", cases[i].json, g.n);
        ck_assert_str_eq(g.g[0].dims[0].as.s, cases[i].first);
        ck_assert_str_eq(g.g[1].dims[0].as.s, cases[i].second);
        ck_assert_int_eq(g.g[g.n - 1].dims[0].kind, SV_NULL);   /* no date: last */
        sim_groups_free(&g);
    }
}
END_TEST

/* ---------- timing ---------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static bool under_valgrind(void)
{
    const char *p = getenv("LD_PRELOAD");
    return (p && strstr(p, "vgpreload")) || getenv("SIM_SKIP_TIMING");
}

START_TEST(page_of_100k_rows_is_fast)
{
    uint64_t r = 11;
    for (int i = 0; i < 100000; i++) {
        uint64_t x = sim_rand_next(&r);
        fx_add(&g_st, "deal", k_stages[x % 5], (int64_t)(x % 1000) * 1000000, "USD",
               (double)(x >> 20) / 1024.0, FX_NO_DATE);
    }
    sim_filter *f = filter_of("stage[eq]:PROPOSAL");
    sim_order ord = order_of("position[AscNullsFirst]");
    sim_find_args a = {.filter = f, .order = &ord, .limit = 200};
    sim_page p;
    double t0 = now_ms();
    find_ok(&a, &p);   /* builds the sorted view and the counts */
    double first = now_ms() - t0;
    ck_assert_uint_eq(p.n, 200);
    char *cursor = strdup(p.end_cursor);
    size_t total = p.total;
    sim_page_free(&p);

    double times[15];
    a.starting_after = cursor;
    for (int i = 0; i < 15; i++) {
        t0 = now_ms();
        find_ok(&a, &p);
        times[i] = now_ms() - t0;
        ck_assert_uint_eq(p.n, 200);
        ck_assert_uint_eq(p.total, total);
        sim_page_free(&p);
    }
    qsort(times, 15, sizeof *times, cmp_double);

    /* one write, then the next query re-sorts */
    fx_add(&g_st, "late", "PROPOSAL", 1, "USD", -1, FX_NO_DATE);
    a.starting_after = NULL;
    t0 = now_ms();
    find_ok(&a, &p);
    double after_write = now_ms() - t0;
    ck_assert_uint_eq(p.total, total + 1);
    sim_page_free(&p);
    fprintf(stderr, "100k rows: first query %.2f ms, page median %.3f ms (max %.3f), "
                    "after a write %.2f ms\n",
            first, times[7], times[14], after_write);
    if (!under_valgrind()) {
        ck_assert_msg(times[7] < 5.0, "a page took %.3f ms", times[7]);
        ck_assert_msg(after_write < 60.0, "re-sorting took %.2f ms", after_write);
    }
    free(cursor);
    sim_filter_free(f);
}
END_TEST

static Suite *query_suite(void)
{
    Suite *s = suite_create("sim_query");
    TCase *t = tcase_create("find_many");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, paging_covers_every_row_once);
    tcase_add_test(t, page_flags_and_cursors);
    tcase_add_test(t, limits);
    tcase_add_test(t, soft_deleted_rows_and_totals);
    tcase_add_test(t, caches_follow_writes);
    suite_add_tcase(s, t);
    t = tcase_create("group_by");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, group_by_parse_errors);
    tcase_add_test(t, group_by_stage_and_currency);
    tcase_add_test(t, aggregates_are_exact);
    tcase_add_test(t, group_by_dates);
    suite_add_tcase(s, t);
    t = tcase_create("timing");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, page_of_100k_rows_is_fast);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(query_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
