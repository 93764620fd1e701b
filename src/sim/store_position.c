/* store_position.c - the min and max position of a table's live records,
 * which every create needs ("first" = min - 1, "last" = max + 1).
 *
 * Two binary heaps (min and max) of (position, id) entries, filled lazily:
 * the first query scans the table once; afterwards every record written is
 * pushed again. Entries are never removed when a record moves, is trashed or
 * destroyed: a query pops the top while it no longer matches its record
 * (gone, soft-deleted, or at another position). When stale entries outnumber
 * the rows the heaps are rebuilt. So a write costs O(log n), not a scan. */
#include "sim/store_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct pentry {
    double key;          /* position (min heap) or -position (max heap) */
    sim_uuid id;
} pentry;

typedef struct heap {
    pentry *e;
    size_t n, cap;
} heap;

struct sim_posindex {
    heap lo, hi;
    int slot;
};

static int position_slot(const sim_object *o)
{
    const sim_field *f = sim_object_field(o, "position");
    return f && f->type == SF_POSITION ? f->slot : -1;
}

static bool counts(const sim_table *t, const sim_record *r, int slot, double *p)
{
    if (slot < 0 || r->v[slot].kind != SV_NUM || sim_record_deleted(t, r))
        return false;
    *p = r->v[slot].as.n;
    return true;
}

static bool push(heap *h, double key, const sim_uuid *id)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 1024;
        pentry *e = realloc(h->e, cap * sizeof *e);
        if (!e)
            return false;
        h->e = e;
        h->cap = cap;
    }
    size_t i = h->n++;
    while (i > 0 && h->e[(i - 1) / 2].key > key) {
        h->e[i] = h->e[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->e[i] = (pentry){key, *id};
    return true;
}

static void pop(heap *h)
{
    pentry last = h->e[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->e[c + 1].key < h->e[c].key)
            c++;
        if (h->e[c].key >= last.key)
            break;
        h->e[i] = h->e[c];
        i = c;
    }
    if (h->n)
        h->e[i] = last;
}

static void rebuild(sim_table *t, struct sim_posindex *x)
{
    x->lo.n = x->hi.n = 0;
    for (size_t i = 0; i < t->n; i++) {
        double p;
        if (counts(t, t->rows[i], x->slot, &p) && push(&x->lo, p, &t->rows[i]->v[0].as.u))
            push(&x->hi, -p, &t->rows[i]->v[0].as.u);
    }
}

static struct sim_posindex *index_of(sim_table *t)
{
    if (!t->posidx) {
        t->posidx = calloc(1, sizeof *t->posidx);
        if (!t->posidx)
            return NULL;
        t->posidx->slot = position_slot(t->obj);
        rebuild(t, t->posidx);
    }
    return t->posidx;
}

void sim_pos_note(sim_table *t, const sim_record *r)
{
    struct sim_posindex *x = t->posidx;
    double p;
    if (!x || !counts(t, r, x->slot, &p))
        return;
    if (x->lo.n > 2 * t->n + 1024) {
        rebuild(t, x); /* r is in the table already, so it is included */
        return;
    }
    if (!push(&x->lo, p, &r->v[0].as.u) || !push(&x->hi, -p, &r->v[0].as.u)) {
        sim_pos_free(t); /* out of memory: forget, the next query rebuilds */
    }
}

static bool top(sim_table *t, heap *h, int slot, double sign, double *out)
{
    while (h->n) {
        const sim_record *r = sim_table_get(t, &h->e[0].id);
        double p;
        if (r && counts(t, r, slot, &p) && p * sign == h->e[0].key) {
            *out = p;
            return true;
        }
        pop(h);
    }
    return false;
}

bool sim_pos_extreme(sim_table *t, bool want_max, double *out)
{
    *out = 0;
    struct sim_posindex *x = index_of(t);
    if (!x) { /* out of memory: one plain scan */
        bool any = false;
        int slot = position_slot(t->obj);
        for (size_t i = 0; i < t->n; i++) {
            double p;
            if (counts(t, t->rows[i], slot, &p) && (!any || (want_max ? p > *out : p < *out))) {
                *out = p;
                any = true;
            }
        }
        return any;
    }
    return want_max ? top(t, &x->hi, x->slot, -1, out) : top(t, &x->lo, x->slot, 1, out);
}

void sim_pos_free(sim_table *t)
{
    if (!t->posidx)
        return;
    free(t->posidx->lo.e);
    free(t->posidx->hi.e);
    free(t->posidx);
    t->posidx = NULL;
}
