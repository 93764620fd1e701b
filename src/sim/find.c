/* find.c - find-many (contract 2.2) over a cached sorted view: the cursor is
 * found by binary search on normalized keys, then rows are scanned forward
 * (or backward for ending_before) through the filter until limit + 1 match;
 * totalCount comes from the count cache. Page flags follow the newest
 * Twenty (buildCursorPage). A filter that pins the ids (`id[in]:[…]` alone or
 * inside the top-level AND) skips both: its few records are looked up in the
 * id map, matched, sorted and paged on their own. */
#define _GNU_SOURCE   /* qsort_r */
#include "sim/filter_internal.h"
#include "sim/query_internal.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT 60
#define MAX_LIMIT 200

typedef struct cursor_key {
    uint64_t words[SIM_KEY_WORDS];
    const sim_value *vals[SIM_MAX_ORDER];
} cursor_key;

/* First index whose row is > the cursor (strict=true) or >= it (false). */
static size_t bound(const sim_view *v, const sim_key_layout *lay, const cursor_key *ck,
                    bool strict)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = sim_key_cmp(&v->order, lay, v->keys + mid * (size_t)v->w, v->rows[mid], NULL,
                            ck->words, NULL, ck->vals);
        if (c < 0 || (strict && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool eligible(const sim_record *r, int ds, bool incl_deleted, const sim_filter *f)
{
    return (incl_deleted || r->v[ds].kind == SV_NULL) && sim_filter_match(f, r);
}

static bool oom(sim_error *err)
{
    return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
}

/* ---- the id[in] path ------------------------------------------------------ */

/* The `id[in]` leaf the filter is, or holds in its top-level AND; else NULL. */
static const sim_filter *id_in_leaf(const sim_filter *f)
{
    if (!f)
        return NULL;
    if (f->kind == FN_LEAF) {
        if (f->op != FOP_IN || f->slot != 0 || f->vkind != SV_UUID)
            return NULL;
        for (size_t i = 0; i < f->nops; i++)
            if (f->ops[i].kind != SV_UUID)
                return NULL;
        return f;
    }
    if (f->kind != FN_AND)
        return NULL;
    for (size_t i = 0; i < f->nkids; i++) {
        const sim_filter *l = id_in_leaf(f->kids[i]);
        if (l)
            return l;
    }
    return NULL;
}

typedef struct picked {
    sim_record *r;
    uint64_t words[SIM_KEY_WORDS];
} picked;

typedef struct pick_ctx {
    const sim_order *ord;
    const sim_key_layout *lay;
} pick_ctx;

static int cmp_picked(const void *pa, const void *pb, void *vctx)
{
    const pick_ctx *c = vctx;
    const picked *a = pa, *b = pb;
    return sim_key_cmp(c->ord, c->lay, a->words, a->r, NULL, b->words, b->r, NULL);
}

static int cmp_ptr(const void *pa, const void *pb)
{
    uintptr_t a = (uintptr_t) * (sim_record *const *)pa, b = (uintptr_t) * (sim_record *const *)pb;
    return (a > b) - (a < b);
}

/* The eligible records of the id list, sorted by `ord` (malloc'd; *n of them). */
static picked *pick_ids(sim_store *st, const sim_table *t, const sim_filter *leaf,
                        const sim_find_args *a, const sim_order *ord, const sim_key_layout *lay,
                        size_t *n, bool *ok)
{
    *n = 0;
    *ok = false;
    size_t m = leaf->nops;
    sim_record **rs = malloc((m ? m : 1) * sizeof *rs);
    picked *p = malloc((m ? m : 1) * sizeof *p);
    if (!rs || !p) {
        free(rs);
        free(p);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        sim_record *r = sim_table_get(t, &leaf->ops[i].as.u);
        if (r)
            rs[k++] = r;
    }
    qsort(rs, k, sizeof *rs, cmp_ptr);   /* an id listed twice is one record */
    bool incl = sim_filter_mentions_deleted_at(a->filter);
    int ds = sim_object_deleted_at_slot(t->obj);
    for (size_t i = 0; i < k; i++) {
        if ((i > 0 && rs[i] == rs[i - 1]) || !eligible(rs[i], ds, incl, a->filter))
            continue;
        const sim_value *vals[SIM_MAX_ORDER];
        sim_key_values(ord, rs[i], vals);
        p[*n].r = rs[i];
        sim_key_normalize(&st->schema, ord, lay, vals, p[*n].words);
        (*n)++;
    }
    free(rs);
    pick_ctx c = {ord, lay};
    qsort_r(p, *n, sizeof *p, cmp_picked, &c);
    *ok = true;
    return p;
}

/* Pages the picked records as the view path pages the table. */
static void page_picked(const picked *p, size_t n, const sim_order *ord,
                        const sim_key_layout *lay, const cursor_key *ck, bool after, bool before,
                        size_t limit, sim_page *out)
{
    size_t got = 0, want = limit + 1;
    if (!before) {
        size_t i = 0;
        if (after)
            while (i < n && sim_key_cmp(ord, lay, p[i].words, p[i].r, NULL, ck->words, NULL,
                                        ck->vals) <= 0)
                i++;
        for (; i < n && got < want; i++)
            out->rows[got++] = p[i].r;
        out->n = got < limit ? got : limit;
        out->has_next = got > limit;
        out->has_prev = after;
    } else {
        size_t end = 0;
        while (end < n && sim_key_cmp(ord, lay, p[end].words, p[end].r, NULL, ck->words, NULL,
                                      ck->vals) < 0)
            end++;
        for (size_t i = end; i-- > 0 && got < want;)
            out->rows[got++] = p[i].r;
        out->n = got < limit ? got : limit;
        for (size_t i = 0; i < out->n / 2; i++) {
            sim_record *x = out->rows[i];
            out->rows[i] = out->rows[out->n - 1 - i];
            out->rows[out->n - 1 - i] = x;
        }
        out->has_prev = got > limit;
        out->has_next = true;
    }
}

bool sim_find_many(sim_store *st, sim_obj_kind k, const sim_find_args *a, sim_page *out,
                   sim_error *err)
{
    memset(out, 0, sizeof *out);
    sim_table *t = sim_store_table(st, k);
    const sim_object *o = t->obj;
    const char *after = a->starting_after && *a->starting_after ? a->starting_after : NULL;
    const char *before = a->ending_before && *a->ending_before ? a->ending_before : NULL;
    if (after && before)
        return sim_bad_request(err, "Cannot provide both before and after");
    long max = a->max_limit > 0 ? a->max_limit : MAX_LIMIT;
    long limit = a->limit < 0 ? DEFAULT_LIMIT : a->limit;
    if (limit > max)
        limit = max;

    sim_order ord;
    if (a->order)
        ord = *a->order;
    else
        sim_order_default(o, &ord);
    sim_order_finish(o, &ord);   /* the id tie-breaker makes every position unique */

    sim_value cvals[SIM_MAX_ORDER];
    const char *cursor = after ? after : before;
    if (cursor && !sim_cursor_decode(&st->schema, &ord, cursor, cvals, err))
        return false;

    bool ok = false;
    const sim_filter *ids = id_in_leaf(a->filter);
    const sim_view *v = ids ? NULL : sim_qcache_view(st, k, &ord);
    out->rows = malloc((size_t)(limit + 1) * sizeof *out->rows);
    if ((!ids && !v) || !out->rows) {
        oom(err);
        goto done;
    }
    sim_key_layout lay;
    sim_key_layout_init(&st->schema, &ord, &lay);
    cursor_key ck = {0};
    if (cursor) {
        for (int j = 0; j < ord.n; j++)
            ck.vals[j] = &cvals[j];
        sim_key_normalize(&st->schema, &ord, &lay, ck.vals, ck.words);
    }
    if (ids) {
        size_t n;
        bool picked_ok;
        picked *p = pick_ids(st, t, ids, a, &ord, &lay, &n, &picked_ok);
        if (!picked_ok) {
            oom(err);
            goto done;
        }
        page_picked(p, n, &ord, &lay, &ck, after != NULL, before != NULL, (size_t)limit, out);
        free(p);
        out->total = n;
        goto cursors;
    }
    bool incl = sim_filter_mentions_deleted_at(a->filter);
    int ds = sim_object_deleted_at_slot(o);
    size_t got = 0, want = (size_t)limit + 1;
    if (!before) {
        size_t start = after ? bound(v, &lay, &ck, true) : 0;
        for (size_t i = start; i < v->n && got < want; i++)
            if (eligible(v->rows[i], ds, incl, a->filter))
                out->rows[got++] = v->rows[i];
        out->n = got < (size_t)limit ? got : (size_t)limit;
        out->has_next = got > (size_t)limit;
        out->has_prev = after != NULL;
    } else {
        size_t end = bound(v, &lay, &ck, false);
        for (size_t i = end; i-- > 0 && got < want;)
            if (eligible(v->rows[i], ds, incl, a->filter))
                out->rows[got++] = v->rows[i];
        out->n = got < (size_t)limit ? got : (size_t)limit;
        for (size_t i = 0; i < out->n / 2; i++) {   /* back to display order */
            sim_record *x = out->rows[i];
            out->rows[i] = out->rows[out->n - 1 - i];
            out->rows[out->n - 1 - i] = x;
        }
        out->has_prev = got > (size_t)limit;
        out->has_next = true;
    }
    if (!sim_qcache_count(st, k, a->filter, incl, &out->total)) {
        oom(err);
        goto done;
    }
cursors:
    if (out->n > 0) {
        out->start_cursor = sim_cursor_encode(o, &ord, out->rows[0]);
        out->end_cursor = sim_cursor_encode(o, &ord, out->rows[out->n - 1]);
        if (!out->start_cursor || !out->end_cursor) {
            oom(err);
            goto done;
        }
    }
    ok = true;
done:
    if (cursor)
        for (int j = 0; j < ord.n; j++)
            sim_value_free(&cvals[j]);
    if (!ok)
        sim_page_free(out);
    return ok;
}

void sim_page_free(sim_page *p)
{
    if (!p)
        return;
    free(p->rows);
    free(p->start_cursor);
    free(p->end_cursor);
    memset(p, 0, sizeof *p);
}

size_t sim_find_all(sim_store *st, sim_obj_kind k, const sim_filter *f, sim_record ***out)
{
    sim_table *t = sim_store_table(st, k);
    bool incl = sim_filter_mentions_deleted_at(f);
    int ds = sim_object_deleted_at_slot(t->obj);
    *out = NULL;
    sim_record **rows = malloc((t->n ? t->n : 1) * sizeof *rows);
    if (!rows)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (eligible(t->rows[i], ds, incl, f))
            rows[n++] = t->rows[i];
    if (n == 0) {
        free(rows);
        return 0;
    }
    *out = rows;
    return n;
}
