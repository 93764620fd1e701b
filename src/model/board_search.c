/* board_search.c - name search (GraphQL ids, then REST id[in] for the ids
 * not cached), picker look-ups and the detail record. */
#include "model/board_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twenty/encode.h"

/* ---- search -------------------------------------------------------------- */

void board_search(pb_board *b, const char *text)
{
    bd_search *s = &b->search;
    bd_set_str(&s->query, text ? text : "");
    free(s->error);
    s->error = NULL;
    free(s->hits);
    s->hits = NULL;
    s->n = 0;
    s->active = true;
    s->loading = true;
    s->token = 0;
    pb_request rq;
    pb_error err;
    if (!twenty_build_search(s->query, BD_SEARCH_LIMIT, NULL, &rq, &err)) {
        bd_set_str(&s->error, err.message);
        s->loading = false;
        bd_touch(b);
        return;
    }
    s->token = bd_send(b, &rq, BD_RQ_SEARCH, true);
    bd_touch(b);
}

static void search_failed(pb_board *b, const char *why)
{
    bd_set_str(&b->search.error, why);
    b->search.loading = false;
    bd_notice(b, PB_NOTICE_ERROR, false, "Search failed: %s", why);
}

void bd_on_search(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_search *s = &b->search;
    if (r->token != s->token)
        return;   /* an older query */
    s->token = 0;
    pb_search_hits hits;
    pb_error err;
    bool ok = a->status != 0 && twenty_parse_search(a->status, a->body, a->body_len, &hits, &err);
    if (!ok) {
        char why[PB_ERROR_MSG_MAX + 80];
        bd_describe_answer(a, &err, why, sizeof why);
        search_failed(b, why);
        return;
    }
    s->hits = calloc(hits.n ? hits.n : 1, sizeof *s->hits);
    pb_id *missing = calloc(hits.n ? hits.n : 1, sizeof *missing);
    size_t nmissing = 0;
    if (!s->hits || !missing) {
        free(missing);
        twenty_search_hits_free(&hits);
        search_failed(b, "out of memory");
        return;
    }
    for (size_t i = 0; i < hits.n; i++) {
        bool dup = false;
        for (size_t k = 0; k < s->n; k++)
            dup = dup || pb_id_equal(&s->hits[k].id, &hits.ids[i]);
        if (dup)
            continue;
        pb_search_hit *h = &s->hits[s->n++];
        h->id = hits.ids[i];
        uint32_t slot = bd_find(b, &h->id);
        if (slot != BD_NONE && bd_card_at(b, slot)->live)
            h->opp = &bd_card_at(b, slot)->opp;
        else
            missing[nmissing++] = h->id;
    }
    twenty_search_hits_free(&hits);
    if (nmissing) {
        pb_request rq;
        if (twenty_build_get_many(missing, nmissing, 1, &rq, &err)) {
            s->token = bd_send(b, &rq, BD_RQ_SEARCH_FETCH, true);
        } else {
            bd_set_str(&s->error, err.message);
            s->loading = false;
        }
    } else {
        s->loading = false;
    }
    free(missing);
    bd_touch(b);
}

void bd_on_search_fetch(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_search *s = &b->search;
    if (r->token != s->token)
        return;
    s->token = 0;
    s->loading = false;
    pb_strpool tmp;
    pb_opp_page page;
    pb_error err;
    if (!bd_read_opp_page(a, &tmp, &page, &err)) {
        char why[PB_ERROR_MSG_MAX + 80];
        bd_describe(&err, why, sizeof why);
        search_failed(b, why);
        return;
    }
    for (size_t i = 0; i < page.n; i++) {
        bd_adopt(b, &page.items[i]);
        uint32_t slot = bd_find(b, &page.items[i].id);
        if (slot == BD_NONE || bd_card_at(b, slot)->touched <= r->tick)
            slot = bd_take_record(b, &page.items[i], true);   /* else our newer write wins */
        if (slot == BD_NONE)
            continue;
        if (!bd_card_at(b, slot)->busy_op)
            bd_place(b, slot);   /* where its (maybe changed) values put it */
        for (size_t k = 0; k < s->n; k++)
            if (pb_id_equal(&s->hits[k].id, &page.items[i].id))
                s->hits[k].opp = &bd_card_at(b, slot)->opp;
    }
    /* ids the search knew but the list did not return (deleted meanwhile) */
    size_t w = 0;
    for (size_t k = 0; k < s->n; k++)
        if (s->hits[k].opp)
            s->hits[w++] = s->hits[k];
    s->n = w;
    twenty_opp_page_free(&page);
    pb_strpool_free(&tmp);
    bd_touch(b);
}

bool board_search_results(const pb_board *b, pb_search_view *out)
{
    memset(out, 0, sizeof *out);
    const bd_search *s = &b->search;
    if (!s->active)
        return false;
    out->query = s->query;
    out->loading = s->loading;
    out->error = s->error;
    out->hits = s->hits;
    out->n = s->n;
    return true;
}

/* ---- pickers ------------------------------------------------------------- */

void board_pick_lookup(pb_board *b, pb_pick_kind kind, const char *text)
{
    bd_pick *p = &b->pick;
    p->kind = kind;
    bd_set_str(&p->query, text ? text : "");
    free(p->error);
    p->error = NULL;
    p->active = true;
    p->loading = true;
    pb_request rq;
    pb_error err;
    if (!twenty_build_pick(kind, p->query, BD_PICK_LIMIT, &rq, &err)) {
        bd_set_str(&p->error, err.message);
        p->loading = false;
        p->token = 0;
        bd_touch(b);
        return;
    }
    bool inexact = rq.inexact;
    p->token = bd_send(b, &rq, BD_RQ_PICK, true);
    bd_req *r = bd_req_find(b, p->token);
    if (r) {
        r->inexact = inexact;
        r->pick_kind = (int)kind;
    }
    bd_touch(b);
}

void bd_on_pick(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_pick *p = &b->pick;
    if (r->token != p->token)
        return;
    p->token = 0;
    p->loading = false;
    pb_strpool tmp;
    pb_strpool_init(&tmp);
    pb_named_list l;
    pb_error err;
    bool ok = a->status != 0
              && twenty_parse_named_list(a->status, a->body, a->body_len,
                                         twenty_pick_plural((pb_pick_kind)r->pick_kind), &tmp, &l,
                                         &err);
    if (!ok) {
        char why[PB_ERROR_MSG_MAX + 80];
        bd_describe_answer(a, &err, why, sizeof why);
        bd_set_str(&p->error, why);
        pb_strpool_free(&tmp);
        bd_touch(b);
        return;
    }
    pb_named *items = calloc(l.n ? l.n : 1, sizeof *items);
    size_t n = 0;
    for (size_t i = 0; items && i < l.n; i++) {
        if (r->inexact && !twenty_text_contains_ci(l.v[i].name, p->query))
            continue;   /* the filter was widened: keep true matches only */
        items[n].id = l.v[i].id;
        items[n].name = bd_intern(b, l.v[i].name);
        items[n].detail = bd_intern(b, l.v[i].detail);
        n++;
    }
    free(p->items);
    p->items = items;
    p->n = items ? n : 0;
    twenty_named_list_free(&l);
    pb_strpool_free(&tmp);
    bd_touch(b);
}

bool board_pick_results(const pb_board *b, pb_pick_view *out)
{
    memset(out, 0, sizeof *out);
    const bd_pick *p = &b->pick;
    if (!p->active)
        return false;
    out->kind = p->kind;
    out->query = p->query;
    out->loading = p->loading;
    out->error = p->error;
    out->items = p->items;
    out->n = p->n;
    return true;
}

/* ---- detail -------------------------------------------------------------- */

void board_fetch_detail(pb_board *b, const pb_id *id)
{
    bd_detail *d = &b->detail;
    d->id = *id;
    d->active = true;
    d->loading = true;
    free(d->error);
    d->error = NULL;
    uint32_t s = bd_find(b, id);
    d->has = s != BD_NONE;   /* show what we have while the fresh copy comes */
    if (d->has)
        d->opp = bd_card_at(b, s)->opp;
    pb_request rq;
    pb_error err;
    if (!twenty_build_get(id, 1, &rq, &err)) {
        bd_set_str(&d->error, err.message);
        d->loading = false;
        return;
    }
    d->token = bd_send(b, &rq, BD_RQ_DETAIL, true);
    bd_touch(b);
}

void bd_on_detail(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_detail *d = &b->detail;
    if (r->token != d->token)
        return;
    d->token = 0;
    d->loading = false;
    pb_strpool tmp;
    pb_strpool_init(&tmp);
    pb_opp o;
    pb_error err;
    bool ok = a->status != 0 && twenty_parse_opp_one(a->status, a->body, a->body_len, &tmp, &o,
                                                     &err);
    if (!ok) {
        char why[PB_ERROR_MSG_MAX + 80];
        bd_describe_answer(a, &err, why, sizeof why);
        if (a->status == 404)
            snprintf(why, sizeof why, "This deal was deleted (it is not in Twenty any more)");
        bd_set_str(&d->error, why);
        pb_strpool_free(&tmp);
        bd_touch(b);
        return;
    }
    bd_adopt(b, &o);
    pb_strpool_free(&tmp);
    d->opp = o;
    d->has = true;
    /* the cached card learns the names too (unless a write of ours is on its way) */
    uint32_t s = bd_find(b, &o.id);
    if (s != BD_NONE && !bd_card_at(b, s)->busy_op && bd_card_at(b, s)->touched <= r->tick) {
        bd_take_record(b, &o, true);
        bd_place(b, s);
    }
    bd_touch(b);
}

bool board_detail(const pb_board *b, pb_detail *out)
{
    memset(out, 0, sizeof *out);
    const bd_detail *d = &b->detail;
    if (!d->active)
        return false;
    out->loading = d->loading;
    out->error = d->error;
    out->opp = d->has ? &d->opp : NULL;
    out->created_by = NULL;   /* the codec does not read createdBy yet */
    return true;
}

/* ---- bookkeeping --------------------------------------------------------- */

void bd_forget_card(pb_board *b, uint32_t slot)
{
    const pb_opp *o = &bd_card_at(b, slot)->opp;
    bd_search *s = &b->search;
    size_t w = 0;
    for (size_t k = 0; k < s->n; k++)
        if (s->hits[k].opp != o)
            s->hits[w++] = s->hits[k];
    s->n = w;
    bd_trash_remove(b, slot);
}

void bd_views_free(pb_board *b)
{
    free(b->search.query);
    free(b->search.error);
    free(b->search.hits);
    free(b->pick.query);
    free(b->pick.error);
    free(b->pick.items);
    free(b->detail.error);
    free(b->trash.error);
    free(b->trash.cards);
    free(b->trash.view);
}
