/* board_pages.c - lazy paging of the columns: first pages, next pages near
 * the end of the selection, "load all", and jumping to a record. */
#include "model/board_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twenty/encode.h"
#include "util/buf.h"

#define ORDER_BY "position[AscNullsFirst]"

bool bd_build_column_list(const pb_board *b, size_t col, const char *cursor, int limit,
                          pb_request *out, pb_error *err)
{
    const char *stage = b->stages.v[col].value;
    pb_buf f = PB_BUF_INIT;
    twenty_enc e = twenty_filter_token(&f, "stage", "eq", stage);
    if (e == TWENTY_ENC_INVALID)   /* not a plain token: quote it */
        e = twenty_filter_text(&f, "stage", "eq", stage, true);
    if (e != TWENTY_ENC_OK || f.oom) {
        pb_buf_free(&f);
        memset(out, 0, sizeof *out);
        return pb_error_set(err, PB_ERR_ENCODE, 0, "stage %s cannot be written in a filter: %s",
                            stage, twenty_enc_reason(e));
    }
    pb_list_params p;
    twenty_list_params_init(&p);
    p.limit = limit;
    p.starting_after = cursor;
    p.order_by = ORDER_BY;
    p.filter = pb_buf_cstr(&f);
    p.depth = 1;
    bool ok = twenty_build_list(&p, out, err);
    pb_buf_free(&f);
    return ok;
}

void bd_request_page(pb_board *b, size_t col, int limit)
{
    if (col >= b->stages.n)
        return;
    bd_column *c = &b->cols[col];
    if (c->page_token || (c->first_loaded && !c->has_more))
        return;
    if (!c->first_loaded && limit == b->cfg.page_size)
        limit = b->cfg.first_page;
    pb_request rq;
    pb_error err;
    if (!bd_build_column_list(b, col, c->first_loaded ? c->cursor : NULL, limit, &rq, &err)) {
        bd_set_str(&c->error, err.message);
        bd_touch(b);
        return;
    }
    uint64_t t = bd_send(b, &rq, BD_RQ_PAGE, false);
    if (!t)
        return;
    bd_req *r = bd_req_find(b, t);
    r->stage = b->stages.v[col].value;
    r->serial = c->serial;
    c->page_token = t;
    /* asked again: the last failure no longer describes the column (a view
     * following the end would otherwise stop at the stale error) */
    free(c->error);
    c->error = NULL;
}

uint32_t bd_take_record(pb_board *b, const pb_opp *o, bool protect_busy)
{
    uint32_t s = bd_find(b, &o->id);
    if (s == BD_NONE) {
        s = bd_card_new(b, o);
        if (s == BD_NONE)
            return BD_NONE;
        bd_card_at(b, s)->live = !o->deleted;
    } else {
        bd_card *c = bd_card_at(b, s);
        if (protect_busy && c->busy_op)
            return s;   /* our write is on its way: keep the local values */
        pb_opp keep = c->opp;
        c->opp = *o;
        /* a depth=0 answer has no names: keep the ones we know */
        if (!o->company_name && pb_id_equal(&o->company_id, &keep.company_id))
            c->opp.company_name = keep.company_name;
        if (!o->poc_name && pb_id_equal(&o->poc_id, &keep.poc_id))
            c->opp.poc_name = keep.poc_name;
        if (!o->owner_name && pb_id_equal(&o->owner_id, &keep.owner_id))
            c->opp.owner_name = keep.owner_name;
        c->live = !o->deleted;
    }
    bd_touch(b);
    return s;
}

static void page_failed(pb_board *b, bd_column *c, const pb_error *err)
{
    char why[PB_ERROR_MSG_MAX + 64];
    bd_describe(err, why, sizeof why);
    bd_set_str(&c->error, why);
    c->want_all = false;
    c->jumping = false;
    bd_notice(b, PB_NOTICE_ERROR, false, "Could not load %s: %s",
              b->stages.v[c - b->cols].label, why);
}

/* Pages keep coming while "load all" or a jump asks for them. */
static void continue_paging(pb_board *b, size_t col)
{
    bd_column *c = &b->cols[col];
    if (c->jumping) {
        uint32_t s = bd_find(b, &c->jump_id);
        if (s != BD_NONE && bd_card_at(b, s)->col == col)
            c->jumping = false;
    }
    if (!c->has_more) {
        c->want_all = false;
        c->jumping = false;
    }
    if (c->want_all || c->jumping)
        bd_request_page(b, col, TWENTY_MAX_LIMIT);
}

bool bd_read_opp_page(const pb_http_answer *a, pb_strpool *tmp, pb_opp_page *page, pb_error *err)
{
    pb_strpool_init(tmp);
    bool ok;
    if (a->status == 0) {
        bd_answer_error(a, err);
        ok = false;
    } else {
        ok = twenty_parse_opp_list(a->status, a->body, a->body_len, tmp, page, err);
    }
    if (!ok)
        pb_strpool_free(tmp);
    return ok;
}

void bd_on_page(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    size_t col = bd_stage_col(b, r->stage);
    if (col >= b->stages.n)
        return;
    bd_column *c = &b->cols[col];
    if (c->page_token != r->token || c->serial != r->serial)
        return;   /* stale: the column was refreshed or rebuilt meanwhile */
    c->page_token = 0;
    pb_strpool tmp;
    pb_opp_page page;
    pb_error err;
    if (!bd_read_opp_page(a, &tmp, &page, &err)) {
        page_failed(b, c, &err);
        bd_touch(b);
        return;
    }
    free(c->error);
    c->error = NULL;
    for (size_t i = 0; i < page.n; i++) {
        pb_opp *o = &page.items[i];
        bd_adopt(b, o);
        if (o->stage != r->stage && strcmp(o->stage, r->stage) != 0)
            continue;   /* not this column's (changed between pages) */
        c->has_front = true;
        c->front_pos = o->position;
        c->front_id = o->id;
        uint32_t s = bd_find(b, &o->id);
        if (s != BD_NONE) {
            const bd_card *card = bd_card_at(b, s);
            if (card->busy_op || card->touched > r->tick) {
                bd_place(b, s);   /* a local write newer than this page decides */
                continue;
            }
        }
        s = bd_take_record(b, o, false);
        if (s != BD_NONE)
            bd_attach(b, s, col);
    }
    c->first_loaded = true;
    c->has_more = page.info.has_next && page.n > 0;
    if (page.info.end_cursor) {
        free(c->cursor);
        c->cursor = page.info.end_cursor;
        page.info.end_cursor = NULL;
    }
    if (!b->totals_known && page.total_count >= 0) {
        c->count = (long)page.total_count;
        bd_pipeline_update(b);
    }
    twenty_opp_page_free(&page);
    pb_strpool_free(&tmp);
    continue_paging(b, col);
    bd_touch(b);
}

void board_want_index(pb_board *b, size_t col, size_t idx)
{
    if (col >= b->stages.n)
        return;
    bd_column *c = &b->cols[col];
    if (!c->first_loaded || !c->has_more || c->page_token)
        return;
    if (idx + (size_t)b->cfg.prefetch_margin >= c->n)
        bd_request_page(b, col, b->cfg.page_size);
}

void board_load_all(pb_board *b, size_t col)
{
    if (col >= b->stages.n)
        return;
    bd_column *c = &b->cols[col];
    if (bd_column_complete(c))
        return;
    c->want_all = true;
    if (c->first_loaded && !c->page_token)
        bd_request_page(b, col, TWENTY_MAX_LIMIT);
}

/* The record is known (stage, position): page its column until it shows. */
static bool jump_known(pb_board *b, uint32_t s)
{
    bd_card *card = bd_card_at(b, s);
    if (card->col != BD_NONE)
        return true;
    if (!card->live)
        return false;
    size_t col = bd_stage_col(b, card->opp.stage);
    if (col >= b->stages.n)
        return false;
    bd_column *c = &b->cols[col];
    if (bd_within_prefix(c, &card->opp)) {
        bd_attach(b, s, col);
        return true;
    }
    if (bd_column_complete(c))
        return false;   /* our copy is stale: the detail/refresh will tell */
    c->jumping = true;
    c->jump_id = card->opp.id;
    if (c->first_loaded && !c->page_token)
        bd_request_page(b, col, TWENTY_MAX_LIMIT);
    return false;
}

bool board_jump_to(pb_board *b, const pb_id *id)
{
    uint32_t s = bd_find(b, id);
    if (s != BD_NONE)
        return jump_known(b, s);
    pb_request rq;
    pb_error err;
    if (!twenty_build_get(id, 1, &rq, &err))
        return false;
    bd_send(b, &rq, BD_RQ_JUMP_GET, true);
    return false;
}

void bd_on_jump_get(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    (void)r;
    pb_strpool tmp;
    pb_strpool_init(&tmp);
    pb_opp o;
    pb_error err;
    bool ok;
    if (a->status == 0) {
        bd_answer_error(a, &err);
        ok = false;
    } else {
        ok = twenty_parse_opp_one(a->status, a->body, a->body_len, &tmp, &o, &err);
    }
    if (!ok) {
        char why[PB_ERROR_MSG_MAX + 64];
        bd_describe(&err, why, sizeof why);
        bd_notice(b, PB_NOTICE_ERROR, false, "Could not open the deal: %s", why);
        pb_strpool_free(&tmp);
        return;
    }
    bd_adopt(b, &o);
    pb_strpool_free(&tmp);
    uint32_t s = bd_take_record(b, &o, true);
    if (s == BD_NONE)
        return;
    if (!bd_card_at(b, s)->busy_op)
        bd_place(b, s);
    jump_known(b, s);
}
