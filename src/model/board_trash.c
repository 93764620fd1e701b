/* board_trash.c - the trash: soft-deleted records listed newest first
 * (deletedAt[is]:NOT_NULL), kept as detached cards so restore and destroy
 * work on them like any other write. */
#include "model/board_internal.h"

#include <stdlib.h>
#include <string.h>

#include "twenty/encode.h"
#include "util/buf.h"

void bd_trash_remove(pb_board *b, uint32_t slot)
{
    bd_trash *t = &b->trash;
    for (size_t i = 0; i < t->n; i++)
        if (t->cards[i] == slot) {
            memmove(&t->cards[i], &t->cards[i + 1], (t->n - i - 1) * sizeof *t->cards);
            memmove(&t->view[i], &t->view[i + 1], (t->n - i - 1) * sizeof *t->view);
            t->n--;
            bd_card_at(b, slot)->in_trash_view = false;
            bd_touch(b);
            return;
        }
}

void bd_trash_add(pb_board *b, uint32_t slot)
{
    bd_trash *t = &b->trash;
    bd_card *c = bd_card_at(b, slot);
    if (c->in_trash_view)
        return;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        uint32_t *v = realloc(t->cards, cap * sizeof *v);
        if (!v)
            return;
        t->cards = v;
        const pb_opp **w = realloc(t->view, cap * sizeof *w);
        if (!w)
            return;
        t->view = w;
        t->cap = cap;
    }
    /* newest first */
    memmove(&t->cards[1], &t->cards[0], t->n * sizeof *t->cards);
    memmove(&t->view[1], &t->view[0], t->n * sizeof *t->view);
    t->cards[0] = slot;
    t->view[0] = &c->opp;
    t->n++;
    c->in_trash_view = true;
    bd_touch(b);
}

void board_trash_load(pb_board *b)
{
    bd_trash *t = &b->trash;
    t->active = true;
    t->loading = true;
    free(t->error);
    t->error = NULL;
    pb_buf f = PB_BUF_INIT;
    twenty_filter_is(&f, "deletedAt", false);
    pb_list_params p;
    twenty_list_params_init(&p);
    p.limit = BD_TRASH_LIMIT;
    p.order_by = "deletedAt[DescNullsLast]";
    p.filter = pb_buf_cstr(&f);
    p.depth = 1;
    pb_request rq;
    pb_error err;
    bool ok = !f.oom && twenty_build_list(&p, &rq, &err);
    pb_buf_free(&f);
    if (!ok) {
        bd_set_str(&t->error, "could not build the trash request");
        t->loading = false;
        return;
    }
    t->token = bd_send(b, &rq, BD_RQ_TRASH, true);
}

void bd_on_trash(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_trash *t = &b->trash;
    if (r->token != t->token)
        return;
    t->token = 0;
    t->loading = false;
    pb_strpool tmp;
    pb_opp_page page;
    pb_error err;
    if (!bd_read_opp_page(a, &tmp, &page, &err)) {
        char why[PB_ERROR_MSG_MAX + 80];
        bd_describe(&err, why, sizeof why);
        bd_set_str(&t->error, why);
        bd_touch(b);
        return;
    }
    while (t->n)
        bd_trash_remove(b, t->cards[t->n - 1]);
    for (size_t i = page.n; i-- > 0;) {   /* newest first after the pushes */
        pb_opp *o = &page.items[i];
        if (!o->deleted)
            continue;
        bd_adopt(b, o);
        uint32_t s = bd_find(b, &o->id);
        if (s != BD_NONE && bd_card_at(b, s)->busy_op)
            continue;
        s = bd_take_record(b, o, true);
        if (s == BD_NONE)
            continue;
        bd_detach(b, s);
        bd_trash_add(b, s);
    }
    twenty_opp_page_free(&page);
    pb_strpool_free(&tmp);
    bd_touch(b);
}

bool board_trash(const pb_board *b, pb_trash_view *out)
{
    memset(out, 0, sizeof *out);
    const bd_trash *t = &b->trash;
    if (!t->active)
        return false;
    out->loading = t->loading;
    out->error = t->error;
    out->items = t->view;
    out->n = t->n;
    return true;
}

