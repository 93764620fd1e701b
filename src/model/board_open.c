/* board_open.c - opening the board: stages (metadata, cached, or derived
 * from the data), the groupBy totals, and the accounting that keeps counts
 * and per-currency totals exact under local writes. */
#include "model/board_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- stages ------------------------------------------------------------- */

static bool same_stages(const pb_stage_list *a, const pb_stage_list *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i].value, b->v[i].value) != 0 || strcmp(a->v[i].label, b->v[i].label) != 0
            || strcmp(a->v[i].color, b->v[i].color) != 0)
            return false;
    return true;
}

static void apply_groups(pb_board *b);

/* Replaces the stage list (strings interned here); columns of stages that
 * stay keep their cards and state; new columns ask for their first page. */
static bool set_stages(pb_board *b, const pb_stage_list *in, bd_stage_source src)
{
    if (b->refresh.running)
        bd_refresh_free(b);   /* its columns are going away: its answers are dropped */
    size_t n = in->n;
    pb_stage *v = calloc(n ? n : 1, sizeof *v);
    bd_column *cols = calloc(n ? n : 1, sizeof *cols);
    if (!v || !cols) {
        free(v);
        free(cols);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        v[i].value = bd_intern(b, in->v[i].value ? in->v[i].value : "");
        v[i].label = bd_intern(b, in->v[i].label ? in->v[i].label : v[i].value);
        v[i].color = bd_intern(b, in->v[i].color ? in->v[i].color : "");
        v[i].position = in->v[i].position;
        cols[i].count = -1;
    }
    bool *fresh = calloc(n ? n : 1, sizeof *fresh);
    bool *kept = calloc(b->stages.n ? b->stages.n : 1, sizeof *kept);
    if (!fresh || !kept) {
        free(fresh);
        free(kept);
        free(v);
        free(cols);
        return false;
    }
    /* carry over the columns that stay; detach the cards of the others */
    for (size_t i = 0; i < n; i++) {
        size_t old = pb_stage_index(&b->stages, v[i].value);
        if (old < b->stages.n && !kept[old]) {
            cols[i] = b->cols[old];
            kept[old] = true;
        } else {
            fresh[i] = true;
        }
    }
    for (size_t i = 0; i < b->stages.n; i++) {
        bd_column *c = &b->cols[i];
        if (kept[i])
            continue;
        for (size_t k = 0; k < c->n; k++)
            bd_card_at(b, c->cards[k])->col = BD_NONE;
        bd_column_free_cards(c);
        free(c->cursor);
        free(c->error);
    }
    free(kept);
    free(b->cols);
    pb_stage_list_free(&b->stages);
    b->stages.v = v;
    b->stages.n = n;
    b->stages.default_value = bd_intern(b, in->default_value);
    b->cols = cols;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < cols[i].n; k++)
            bd_card_at(b, cols[i].cards[k])->col = (uint32_t)i;
    b->stage_source = src;
    free(b->load_error);
    b->load_error = NULL;
    if (b->groups_known)
        apply_groups(b);
    for (size_t i = 0; i < n; i++)
        if (fresh[i])
            bd_request_page(b, i, b->cfg.page_size);
    free(fresh);
    bd_touch(b);
    return true;
}

/* Known stage values in a sensible order, for stages derived from data. */
static int known_rank(const char *v)
{
    static const char *const order[] = {"NEW",         "DISCOVERY", "SCREENING", "MEETING",
                                        "PROPOSAL",    "NEGOTIATION", "CUSTOMER", "CLOSED_WON",
                                        "CLOSED_LOST", "NO_STAGE"};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (strcmp(v, order[i]) == 0)
            return (int)i;
    return 1000;
}

/* "CLOSED_WON" -> "Closed won" */
static const char *label_of(pb_board *b, const char *value)
{
    char buf[128];
    size_t i = 0;
    for (; value[i] && i < sizeof buf - 1; i++) {
        char c = value[i];
        if (c == '_')
            c = ' ';
        else if (i > 0 && c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        buf[i] = c;
    }
    buf[i] = '\0';
    return bd_intern(b, buf);
}

static int derived_cmp(const void *pa, const void *pb)
{
    const pb_stage *a = pa, *b = pb;
    int ra = known_rank(a->value), rb = known_rank(b->value);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return strcmp(a->value, b->value);
}

static void derive_stages(pb_board *b)
{
    pb_stage_list l = {0};
    l.v = calloc(b->ngroups ? b->ngroups : 1, sizeof *l.v);
    if (!l.v)
        return;
    for (size_t i = 0; i < b->ngroups; i++) {
        const char *s = b->groups[i].stage;
        if (!s || !*s || pb_stage_index(&l, s) < l.n)
            continue;
        l.v[l.n].value = s;
        l.v[l.n].label = label_of(b, s);
        l.v[l.n].color = "";
        l.n++;
    }
    qsort(l.v, l.n, sizeof *l.v, derived_cmp);
    for (size_t i = 0; i < l.n; i++)
        l.v[i].position = (int)i;
    set_stages(b, &l, BD_STAGES_DERIVED);
    pb_stage_list_free(&l);
    if (l.n == 0 && b->ngroups == 0)
        bd_set_str(&b->load_error, "No stages: the metadata could not be read and the workspace "
                                   "has no opportunities to take them from.");
    bd_notice(b, PB_NOTICE_ERROR, false,
              "Could not read the stages from the metadata (%s); showing the stages found in "
              "the data",
              b->meta_reason);
}

/* ---- metadata ----------------------------------------------------------- */

static void send_meta(pb_board *b, bd_req_kind kind)
{
    pb_request rq;
    pb_error err;
    bool ok = kind == BD_RQ_META_REST ? twenty_build_meta_objects(-1, &rq, &err)
                                       : twenty_build_meta_graphql(kind == BD_RQ_META_GQL_LEGACY,
                                                                   &rq, &err);
    if (ok && bd_send(b, &rq, kind, false))
        b->meta_pending = true;
}

void board_open(pb_board *b, const pb_stage_list *cached_stages)
{
    if (b->stage_source != BD_STAGES_NONE) {
        board_refresh(b);
        return;
    }
    if (b->opened && (b->meta_pending || b->totals_token))
        return;   /* the opening is on its way */
    b->opened = true;
    b->meta_failed = false;
    b->derive_wanted = false;
    send_meta(b, BD_RQ_META_GQL);
    bd_request_totals(b);
    if (cached_stages && cached_stages->n) {
        b->cached_given = true;
        set_stages(b, cached_stages, BD_STAGES_CACHED);
    }
}

static void meta_failed(pb_board *b, const char *why)
{
    b->meta_pending = false;
    b->meta_failed = true;
    bd_copy(b->meta_reason, sizeof b->meta_reason, why);
    if (b->stage_source == BD_STAGES_CACHED) {
        bd_notice(b, PB_NOTICE_ERROR, false,
                  "Could not read the stages from the metadata (%s); using the stages saved "
                  "last time",
                  why);
        return;
    }
    if (b->groups_known)
        derive_stages(b);
    else if (b->totals_token)
        b->derive_wanted = true;   /* when the totals arrive */
    else {
        bd_set_str(&b->load_error, why);
        bd_notice(b, PB_NOTICE_ERROR, false, "%s", why);
    }
}

void bd_on_meta(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    pb_meta_result m;
    pb_error err;
    pb_strpool tmp;
    pb_strpool_init(&tmp);
    bool ok;
    if (a->status == 0) {
        bd_answer_error(a, &err);
        ok = false;
        memset(&m, 0, sizeof m);
    } else if (r->kind == BD_RQ_META_REST) {
        ok = twenty_parse_meta_objects(a->status, a->body, a->body_len, &tmp, &m, &err);
    } else {
        ok = twenty_parse_meta_graphql(a->status, a->body, a->body_len, &tmp, &m, &err);
    }
    if (ok && m.found_stage && m.stages.n) {
        b->meta_pending = false;
        if (b->stage_source == BD_STAGES_NONE || !same_stages(&b->stages, &m.stages)) {
            bool had = b->stage_source != BD_STAGES_NONE;
            set_stages(b, &m.stages, BD_STAGES_META);
            if (had)
                bd_notice(b, PB_NOTICE_INFO, false, "The stages changed in Twenty: board updated");
        } else {
            b->stage_source = BD_STAGES_META;
        }
        twenty_meta_result_free(&m);
        pb_strpool_free(&tmp);
        return;
    }
    char why[PB_ERROR_MSG_MAX + 64];
    if (ok)
        snprintf(why, sizeof why, "%s", m.found_object ? "the opportunity object has no stage field"
                                                       : "no opportunity object");
    else
        bd_describe(&err, why, sizeof why);
    twenty_meta_result_free(&m);
    pb_strpool_free(&tmp);
    /* one second try: the older GraphQL shape, or the REST metadata API */
    bool retry = r->kind == BD_RQ_META_GQL && (ok || (err.kind != PB_ERR_UNAUTHENTICATED
                                                      && err.kind != PB_ERR_FORBIDDEN
                                                      && !(err.kind == PB_ERR_HTTP
                                                           && err.http_status == 0)));
    if (retry) {
        bool gql_shape = !ok && (err.kind == PB_ERR_GRAPHQL || err.kind == PB_ERR_BAD_REQUEST);
        send_meta(b, gql_shape ? BD_RQ_META_GQL_LEGACY : BD_RQ_META_REST);
        return;
    }
    meta_failed(b, why);
}

/* ---- totals ------------------------------------------------------------- */

void bd_request_totals(pb_board *b)
{
    if (b->totals_token)
        return;
    pb_request rq;
    pb_error err;
    if (!twenty_build_group_totals(NULL, &rq, &err))
        return;
    /* Twenty returns at most 50 groups unless told: stages x currencies can be more */
    char *p = NULL;
    size_t len = strlen(rq.path_and_query);
    p = malloc(len + 16);
    if (p) {
        snprintf(p, len + 16, "%s&limit=%d", rq.path_and_query, BD_GROUPS_LIMIT);
        free(rq.path_and_query);
        rq.path_and_query = p;
    }
    b->totals_token = bd_send(b, &rq, BD_RQ_TOTALS, false);
    b->totals_tick = b->tick;
    b->totals_stale = false;
}

void bd_pipeline_update(pb_board *b)
{
    pb_totals_clear(&b->pipeline);
    long count = 0;
    bool known = b->stages.n > 0;
    for (size_t i = 0; i < b->stages.n; i++) {
        pb_totals_merge(&b->pipeline, &b->cols[i].totals);
        if (b->cols[i].count < 0)
            known = false;
        else
            count += b->cols[i].count;
    }
    b->pipeline_count = known ? count : -1;
}

static void apply_groups(pb_board *b)
{
    for (size_t i = 0; i < b->stages.n; i++) {
        pb_totals_clear(&b->cols[i].totals);
        b->cols[i].count = 0;
    }
    for (size_t k = 0; k < b->ngroups; k++) {
        const bd_group *g = &b->groups[k];
        size_t i = bd_stage_col(b, g->stage);
        if (i >= b->stages.n)
            continue;
        b->cols[i].count += (long)g->count;
        if (g->has_sum || g->currency[0])
            pb_totals_add_sum(&b->cols[i].totals, g->currency, g->sum, g->count);
    }
    b->totals_known = true;
    bd_ops_reaccount(b);
    bd_pipeline_update(b);
    bd_touch(b);
}

void bd_on_totals(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    if (r->token != b->totals_token)
        return;
    b->totals_token = 0;
    pb_group_rows rows;
    pb_error err;
    pb_strpool tmp;
    pb_strpool_init(&tmp);
    bool ok;
    if (a->status == 0) {
        bd_answer_error(a, &err);
        ok = false;
    } else {
        ok = twenty_parse_group_totals(a->status, a->body, a->body_len, &tmp, &rows, &err);
    }
    if (!ok) {
        char why[PB_ERROR_MSG_MAX + 64];
        bd_describe(&err, why, sizeof why);
        pb_strpool_free(&tmp);
        bd_notice(b, PB_NOTICE_ERROR, false, "Could not read the totals: %s", why);
        if (b->derive_wanted) {
            b->derive_wanted = false;
            bd_set_str(&b->load_error, b->meta_reason);
        }
        return;
    }
    bd_group *g = calloc(rows.n ? rows.n : 1, sizeof *g);
    if (g) {
        for (size_t i = 0; i < rows.n; i++) {
            g[i].stage = bd_intern(b, rows.v[i].stage);
            memcpy(g[i].currency, rows.v[i].currency, 4);
            g[i].count = rows.v[i].count;
            g[i].sum = rows.v[i].sum_micros;
            g[i].has_sum = rows.v[i].has_sum;
        }
        free(b->groups);
        b->groups = g;
        b->ngroups = rows.n;
        b->groups_known = true;
        if (rows.n >= BD_GROUPS_LIMIT)
            bd_notice(b, PB_NOTICE_ERROR, false,
                      "More than %d stage and currency groups: totals may be incomplete",
                      BD_GROUPS_LIMIT);
    }
    twenty_group_rows_free(&rows);
    pb_strpool_free(&tmp);
    /* writes confirmed while it was on its way may or may not be in it */
    if (b->tick != r->tick)
        b->totals_stale = true;
    if (b->derive_wanted) {
        b->derive_wanted = false;
        derive_stages(b);
    } else if (b->stage_source != BD_STAGES_NONE) {
        apply_groups(b);
    }
}

void bd_totals_settle(pb_board *b)
{
    if (b->totals_stale && !b->totals_token && b->nops == 0 && b->groups_known)
        bd_request_totals(b);
}

/* ---- accounting --------------------------------------------------------- */

void bd_account(pb_board *b, const pb_opp *o, int sign, bd_delta *d)
{
    memset(d, 0, sizeof *d);
    d->stage = o->stage;
    d->money = o->amount;
    d->sign = sign;
    size_t i = bd_stage_col(b, o->stage);
    if (i >= b->stages.n)
        return;
    bd_column *c = &b->cols[i];
    if (c->count >= 0 && (sign > 0 || c->count > 0)) {
        c->count += sign;
        d->count_done = true;
    }
    if (b->totals_known && o->amount.set) {
        pb_totals_status st = sign > 0 ? pb_totals_add(&c->totals, &o->amount)
                                       : pb_totals_sub(&c->totals, &o->amount);
        d->totals_done = st == PB_TOTALS_OK;
    }
    bd_pipeline_update(b);
}

void bd_unaccount(pb_board *b, const bd_delta *d)
{
    size_t i = bd_stage_col(b, d->stage);
    if (i >= b->stages.n)
        return;
    bd_column *c = &b->cols[i];
    if (d->count_done && c->count >= 0)
        c->count -= d->sign;
    if (d->totals_done) {
        if (d->sign > 0)
            pb_totals_sub(&c->totals, &d->money);
        else
            pb_totals_add(&c->totals, &d->money);
    }
    bd_pipeline_update(b);
}
