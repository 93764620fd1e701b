/* find.c - find-many (contract 2.2) over a cached sorted view: the cursor is
 * found by binary search on normalized keys, then rows are scanned forward
 * (or backward for ending_before) through the filter until limit + 1 match;
 * totalCount comes from the count cache. Page flags follow the newest
 * Twenty (buildCursorPage). */
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
    const sim_view *v = sim_qcache_view(st, k, &ord);
    out->rows = malloc((size_t)(limit + 1) * sizeof *out->rows);
    if (!v || !out->rows) {
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
