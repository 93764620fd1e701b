/* board_refresh.c - re-reading the board: totals, and for every loaded
 * column at least as many cards as were loaded (a cursor walk with pages of
 * up to 200). Records are kept by id, cards with a local write newer than the
 * refresh keep their local state, and what changed elsewhere becomes one
 * notice: `2 deals changed elsewhere: "X" moved to Proposal, "Y" deleted`.
 * Cards that vanished from their column are looked up once by id (id[in]):
 * found means they moved beyond the loaded cards, missing means deleted. */
#include "model/board_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

void bd_refresh_free(pb_board *b)
{
    bd_refresh *R = &b->refresh;
    for (size_t i = 0; i < R->ncols; i++) {
        free(R->cols[i].v);
        free(R->cols[i].cursor);
    }
    free(R->cols);
    free(R->changes);
    free(R->missing);
    uint64_t serial = R->serial;
    memset(R, 0, sizeof *R);
    R->serial = serial;
}

static void add_change(pb_board *b, const char *fmt, const char *name, const char *what)
{
    bd_refresh *R = &b->refresh;
    if (R->nchanges == R->capchanges) {
        size_t cap = R->capchanges ? R->capchanges * 2 : 8;
        bd_change *v = realloc(R->changes, cap * sizeof *v);
        if (!v)
            return;
        R->changes = v;
        R->capchanges = cap;
    }
    char full[600];
    snprintf(full, sizeof full, fmt, name, what);
    char *t = R->changes[R->nchanges++].text;
    size_t cap = sizeof R->changes[0].text;
    if (strlen(full) < cap) {
        memcpy(t, full, strlen(full) + 1);
    } else {   /* a very long name: cut it, and say so */
        pb_utf8_copy_trunc(t, cap - 3, full, strlen(full));
        strcat(t, "\xE2\x80\xA6");
    }
}

static void send_refresh_page(pb_board *b, size_t col)
{
    bd_refresh *R = &b->refresh;
    bd_fresh *f = &R->cols[col];
    size_t want = f->target > f->n ? f->target - f->n : 1;
    int limit = want > TWENTY_MAX_LIMIT ? TWENTY_MAX_LIMIT : (int)want;
    pb_request rq;
    pb_error err;
    uint64_t t = 0;
    if (bd_build_column_list(b, col, f->n ? f->cursor : NULL, limit, &rq, &err))
        t = bd_send(b, &rq, BD_RQ_REFRESH_PAGE, false);
    if (!t) {
        f->failed = f->done = true;
        return;
    }
    bd_req *r = bd_req_find(b, t);
    r->stage = b->stages.v[col].value;
    r->serial = R->serial;
}

static void finish(pb_board *b);

void board_refresh(pb_board *b)
{
    if (b->stage_source == BD_STAGES_NONE) {
        if (b->meta_pending || b->totals_token)
            return;   /* the opening is still on its way */
        b->opened = false;
        board_open(b, NULL);
        return;
    }
    bd_refresh *R = &b->refresh;
    /* asked again while one runs (its requests failing or slow, the user
     * pressing r once the server is back): start over; the serial bump below
     * makes the answers to the old one stale */
    R->running = false;
    bd_refresh_free(b);
    R->serial++;
    R->running = true;
    R->tick0 = b->tick;
    R->ncols = b->stages.n;
    R->cols = calloc(R->ncols ? R->ncols : 1, sizeof *R->cols);
    if (!R->cols) {
        R->running = false;
        return;
    }
    bd_request_totals(b);
    bool any = false;
    for (size_t i = 0; i < b->stages.n; i++) {
        bd_column *c = &b->cols[i];
        c->serial++;           /* pages in flight are stale now */
        c->page_token = 0;
        c->jumping = false;
        if (!c->first_loaded) {
            bd_request_page(b, i, b->cfg.page_size);
            continue;
        }
        bd_fresh *f = &R->cols[i];
        f->active = true;
        f->target = c->n > (size_t)b->cfg.page_size ? c->n : (size_t)b->cfg.page_size;
        f->old_complete = bd_column_complete(c);
        if (c->n) {
            f->had_last = true;
            f->old_last = bd_card_at(b, c->cards[c->n - 1])->opp;
        }
        send_refresh_page(b, i);
        any = true;
    }
    if (!any)
        finish(b);
    bd_touch(b);
}

void bd_on_refresh_page(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_refresh *R = &b->refresh;
    size_t col = bd_stage_col(b, r->stage);
    if (!R->running || r->serial != R->serial || col >= R->ncols)
        return;
    bd_fresh *f = &R->cols[col];
    pb_strpool tmp;
    pb_opp_page page;
    pb_error err;
    if (!bd_read_opp_page(a, &tmp, &page, &err)) {
        char why[PB_ERROR_MSG_MAX + 80];
        bd_describe(&err, why, sizeof why);
        bd_set_str(&b->cols[col].error, why);
        bd_notice(b, PB_NOTICE_ERROR, false, "Could not refresh %s: %s", b->stages.v[col].label,
                  why);
        f->failed = f->done = true;
    } else {
        if (f->n + page.n > f->cap) {
            size_t cap = (f->n + page.n) * 2;
            pb_opp *v = realloc(f->v, cap * sizeof *v);
            if (v) {
                f->v = v;
                f->cap = cap;
            }
        }
        for (size_t i = 0; i < page.n && f->n < f->cap; i++) {
            bd_adopt(b, &page.items[i]);
            f->v[f->n++] = page.items[i];
        }
        pb_strpool_free(&tmp);
        if (page.info.end_cursor) {
            free(f->cursor);
            f->cursor = page.info.end_cursor;
            page.info.end_cursor = NULL;
        }
        f->has_more = page.info.has_next && page.n > 0;
        if (!b->totals_known && page.total_count >= 0)
            b->cols[col].count = (long)page.total_count;
        twenty_opp_page_free(&page);
        if (f->has_more && f->n < f->target)
            send_refresh_page(b, col);
        else
            f->done = true;
    }
    for (size_t i = 0; i < R->ncols; i++)
        if (R->cols[i].active && !R->cols[i].done)
            return;
    finish(b);
}

static bool protected_card(const pb_board *b, const bd_card *c)
{
    return c->busy_op || c->touched > b->refresh.tick0;
}

/* What a user would call a change to the card. */
static void note_change(pb_board *b, const bd_card *c, const pb_opp *fresh)
{
    const char *name = fresh->name && *fresh->name ? fresh->name : c->opp.name;
    if (!c->live) {
        add_change(b, "\"%s\" restored%s", name, "");
        return;
    }
    if (strcmp(c->opp.stage, fresh->stage) != 0) {
        const pb_stage *st = pb_stage_find(&b->stages, fresh->stage);
        add_change(b, "\"%s\" moved to %s", name, st ? st->label : fresh->stage);
        return;
    }
    unsigned d = bd_opp_differs(&c->opp, fresh) & ~(unsigned)PB_OPP_F_POSITION;
    if (d & PB_OPP_F_NAME)
        add_change(b, "\"%s\" renamed to \"%s\"", c->opp.name, fresh->name);
    else if (d)
        add_change(b, "\"%s\" edited%s", name, "");
}

/* Rebuilds one column from what was read. Old cards are collected in `old`. */
static void rebuild(pb_board *b, size_t col, uint32_t **old, size_t *nold, size_t *capold)
{
    bd_refresh *R = &b->refresh;
    bd_fresh *f = &R->cols[col];
    bd_column *c = &b->cols[col];
    size_t keep = 0;
    for (size_t i = 0; i < c->n; i++) {
        uint32_t s = c->cards[i];
        bd_card *card = bd_card_at(b, s);
        if (protected_card(b, card)) {
            c->cards[keep++] = s;
            continue;
        }
        card->col = BD_NONE;
        if (*nold == *capold) {
            size_t cap = *capold ? *capold * 2 : 64;
            uint32_t *v = realloc(*old, cap * sizeof *v);
            if (!v)
                continue;
            *old = v;
            *capold = cap;
        }
        (*old)[(*nold)++] = s;
    }
    c->n = keep;
    for (size_t i = 0; i < f->n; i++) {
        const pb_opp *o = &f->v[i];
        uint32_t s = bd_find(b, &o->id);
        if (s != BD_NONE) {
            bd_card *card = bd_card_at(b, s);
            card->seen = R->serial;
            if (protected_card(b, card))
                continue;
            note_change(b, card, o);
        } else {
            bool added = f->old_complete || (f->had_last && bd_opp_cmp(o, &f->old_last) < 0);
            if (added)
                add_change(b, "\"%s\" added%s", o->name, "");
        }
        s = bd_take_record(b, o, false);
        if (s == BD_NONE)
            continue;
        bd_card_at(b, s)->seen = R->serial;
        bd_attach(b, s, col);
    }
    c->has_front = f->n > 0;
    if (f->n) {
        c->front_pos = f->v[f->n - 1].position;
        c->front_id = f->v[f->n - 1].id;
    }
    free(c->cursor);
    c->cursor = f->cursor;
    f->cursor = NULL;
    c->has_more = f->has_more;
    c->first_loaded = true;
    free(c->error);
    c->error = NULL;
}

static void say_changes(pb_board *b)
{
    bd_refresh *R = &b->refresh;
    if (!R->nchanges)
        return;
    pb_buf t = PB_BUF_INIT;
    pb_buf_printf(&t, "%zu deal%s changed elsewhere: ", R->nchanges, R->nchanges == 1 ? "" : "s");
    for (size_t i = 0; i < R->nchanges; i++)
        pb_buf_printf(&t, "%s%s", i ? ", " : "", R->changes[i].text);
    if (!t.oom)
        bd_notice(b, PB_NOTICE_INFO, false, "%s", pb_buf_cstr(&t));
    pb_buf_free(&t);
}

static void end_refresh(pb_board *b)
{
    say_changes(b);
    for (size_t i = 0; i < b->stages.n; i++)
        if (b->cols[i].want_all && b->cols[i].has_more)
            bd_request_page(b, i, TWENTY_MAX_LIMIT);
    bd_refresh_free(b);
    bd_touch(b);
}

static void finish(pb_board *b)
{
    bd_refresh *R = &b->refresh;
    uint32_t *old = NULL;
    size_t nold = 0, capold = 0;
    for (size_t i = 0; i < R->ncols && i < b->stages.n; i++)
        if (R->cols[i].active && !R->cols[i].failed)
            rebuild(b, i, &old, &nold, &capold);
    /* cards no longer where they were: look them up by id */
    R->missing = calloc(nold ? nold : 1, sizeof *R->missing);
    for (size_t i = 0; R->missing && i < nold; i++) {
        bd_card *card = bd_card_at(b, old[i]);
        if (!card->used || card->seen == R->serial || card->col != BD_NONE)
            continue;
        if (R->nmissing < TWENTY_MAX_LIMIT)
            R->missing[R->nmissing++] = card->opp.id;
    }
    free(old);
    bd_pipeline_update(b);
    if (R->nmissing) {
        pb_request rq;
        pb_error err;
        if (twenty_build_get_many(R->missing, R->nmissing, 1, &rq, &err)) {
            uint64_t t = bd_send(b, &rq, BD_RQ_REFRESH_CHECK, false);
            if (t) {
                bd_req_find(b, t)->serial = R->serial;
                R->running = true;
                return;   /* end_refresh once the check is back */
            }
        }
    }
    end_refresh(b);
}

void bd_on_refresh_check(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_refresh *R = &b->refresh;
    if (!R->running || r->serial != R->serial)
        return;
    pb_strpool tmp;
    pb_opp_page page;
    pb_error err;
    if (!bd_read_opp_page(a, &tmp, &page, &err)) {   /* cannot tell: they stay cached, off the board */
        end_refresh(b);
        return;
    }
    for (size_t i = 0; i < page.n; i++) {
        pb_opp *o = &page.items[i];
        bd_adopt(b, o);
        uint32_t s = bd_find(b, &o->id);
        if (s == BD_NONE || protected_card(b, bd_card_at(b, s)))
            continue;
        bd_card *card = bd_card_at(b, s);
        card->seen = R->serial;
        note_change(b, card, o);
        bd_take_record(b, o, false);
        bd_place(b, s);
    }
    for (size_t i = 0; i < R->nmissing; i++) {
        uint32_t s = bd_find(b, &R->missing[i]);
        if (s == BD_NONE)
            continue;
        bd_card *card = bd_card_at(b, s);
        if (card->seen == R->serial || protected_card(b, card))
            continue;
        add_change(b, "\"%s\" deleted%s", card->opp.name, "");
        bd_card_free(b, s);
    }
    twenty_opp_page_free(&page);
    pb_strpool_free(&tmp);
    end_refresh(b);
}
