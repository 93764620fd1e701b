/* query_cache.c - per-table caches of the query engine, all keyed by the
 * table's generation so a write invalidates them:
 *  - sorted views (every row in one order, with normalized keys), a few per
 *    table, least recently used evicted; a view a few writes behind is
 *    brought up to date in place from the store's notes of what those writes
 *    did (the records changed leave the view and come back in their new
 *    place: O(n) moves, no sort), else rebuilt;
 *  - match counts per filter meaning (its signature);
 *  - per-option counts of the stage field, so the board's "stage[eq]:X"
 *    columns cost one pass for all columns after a write;
 *  - rendered answers (groupBy JSON) per request key, a few per table. */
#include "sim/filter_internal.h"
#include "sim/query_internal.h"
#include "sim/store_internal.h"

#include <stdlib.h>
#include <string.h>

#define QC_VIEWS 6
#define QC_COUNTS 64
#define QC_ANSWERS 8
#define QC_NOTES 32      /* writes remembered for bringing views up to date */
#define RUN 16


typedef struct count_entry {
    char *sig;
    uint64_t generation;
    bool incl_deleted;
    size_t count;
    uint64_t used;
} count_entry;

typedef struct stage_hist {
    int slot;                /* -1: empty */
    uint64_t generation;      /* kept current across single-record writes (notes) */
    bool incl_deleted;
    size_t *counts;          /* per option */
    int n;
    bool pending;            /* a write took r's old value out: the note adds the new */
} stage_hist;

typedef struct answer_entry {
    char *key;               /* NULL: empty */
    uint64_t generation;
    cJSON *json;
    uint64_t used;
} answer_entry;

typedef struct change_note {
    uint64_t generation;     /* the table's generation after the write */
    const sim_record *r;     /* compared, never read, for a dropped record */
    sim_change_kind what;
} change_note;

struct sim_qcache {
    const sim_schema *schema; /* set by the first count (notes need the stage options) */
    change_note notes[QC_NOTES];
    uint64_t nnotes;         /* notes taken so far (the ring holds the last QC_NOTES) */
    sim_view views[QC_VIEWS];
    int nviews;
    count_entry counts[QC_COUNTS];
    stage_hist hist[2];
    answer_entry answers[QC_ANSWERS];
    uint64_t tick;
};

static void view_clear(sim_view *v)
{
    free(v->rows);
    free(v->keys);
    memset(v, 0, sizeof *v);
}

void sim_qcache_free(struct sim_qcache *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nviews; i++)
        view_clear(&c->views[i]);
    for (int i = 0; i < QC_COUNTS; i++)
        free(c->counts[i].sig);
    for (int i = 0; i < 2; i++)
        free(c->hist[i].counts);
    for (int i = 0; i < QC_ANSWERS; i++) {
        free(c->answers[i].key);
        cJSON_Delete(c->answers[i].json);
    }
    free(c);
}

static struct sim_qcache *cache_of(sim_table *t)
{
    if (!t->qcache) {
        t->qcache = calloc(1, sizeof *t->qcache);
        if (t->qcache)
            t->qcache->hist[0].slot = t->qcache->hist[1].slot = -1;
    }
    return t->qcache;
}

static bool same_order(const sim_order *a, const sim_order *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++)
        if (a->keys[i].slot != b->keys[i].slot || a->keys[i].desc != b->keys[i].desc ||
            a->keys[i].nulls_first != b->keys[i].nulls_first)
            return false;
    return true;
}

/* ---------- sorting ---------- */

/* Rows are sorted as flat elements: the row's w key words followed by its
 * index in the table, so comparisons and moves stay in one memory block. */
typedef struct sort_ctx {
    const sim_order *ord;
    const sim_key_layout *lay;
    sim_record *const *rows;
    int w, stride;
} sort_ctx;

static inline int cmp_el(const sort_ctx *c, const uint64_t *a, const uint64_t *b)
{
    if (!c->lay->any_str) {
        for (int i = 0; i < c->w; i++)
            if (a[i] != b[i])
                return a[i] < b[i] ? -1 : 1;
        return 0;
    }
    return sim_key_cmp(c->ord, c->lay, a, c->rows[a[c->w]], NULL, b, c->rows[b[c->w]], NULL);
}

static inline void copy_el(uint64_t *d, const uint64_t *s, int stride)
{
    for (int k = 0; k < stride; k++)
        d[k] = s[k];
}

/* Bottom-up merge sort (stable, n log n worst case) with insertion-sorted runs. */
static void sort_elements(const sort_ctx *c, uint64_t *a, uint64_t *tmp, size_t n)
{
    int st = c->stride;
    uint64_t hold[3 * SIM_MAX_ORDER + 1];
    for (size_t lo = 0; lo < n; lo += RUN) {
        size_t hi = lo + RUN < n ? lo + RUN : n;
        for (size_t i = lo + 1; i < hi; i++) {
            if (cmp_el(c, a + (i - 1) * st, a + i * st) <= 0)
                continue;
            copy_el(hold, a + i * st, st);
            size_t j = i;
            while (j > lo && cmp_el(c, a + (j - 1) * st, hold) > 0) {
                copy_el(a + j * st, a + (j - 1) * st, st);
                j--;
            }
            copy_el(a + j * st, hold, st);
        }
    }
    uint64_t *src = a, *dst = tmp;
    for (size_t width = RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            if (mid >= hi || cmp_el(c, src + (mid - 1) * st, src + mid * st) <= 0) {
                memcpy(dst + lo * st, src + lo * st, (hi - lo) * st * sizeof *src);
                continue;
            }
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi) {
                if (cmp_el(c, src + i * st, src + j * st) <= 0)
                    copy_el(dst + o++ * st, src + i++ * st, st);
                else
                    copy_el(dst + o++ * st, src + j++ * st, st);
            }
            if (i < mid)
                memcpy(dst + o * st, src + i * st, (mid - i) * st * sizeof *src);
            if (j < hi)
                memcpy(dst + o * st, src + j * st, (hi - j) * st * sizeof *src);
        }
        uint64_t *sw = src;
        src = dst;
        dst = sw;
    }
    if (src != a)
        memcpy(a, src, n * st * sizeof *a);
}

/* LSD radix sort of the elements on word k alone (stable), 11-bit digits;
 * digits that are the same in every element are skipped. */
static bool radix_word(uint64_t *a, uint64_t *tmp, size_t n, int st, int k)
{
    enum { BITS = 11, BUCKETS = 1 << BITS, PASSES = (64 + BITS - 1) / BITS };
    size_t *cnt = calloc((size_t)PASSES * BUCKETS, sizeof *cnt);
    if (!cnt)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint64_t x = a[i * st + k];
        for (int d = 0; d < PASSES; d++)
            cnt[d * BUCKETS + (x >> (BITS * d) & (BUCKETS - 1))]++;
    }
    uint64_t *src = a, *dst = tmp;
    for (int d = 0; d < PASSES; d++) {
        size_t *c = cnt + d * BUCKETS;
        if (c[src[k] >> (BITS * d) & (BUCKETS - 1)] == n)
            continue;   /* every element has this digit */
        size_t sum = 0;
        for (int b = 0; b < BUCKETS; b++) {
            size_t x = c[b];
            c[b] = sum;
            sum += x;
        }
        for (size_t i = 0; i < n; i++) {
            const uint64_t *e = src + i * st;
            copy_el(dst + c[e[k] >> (BITS * d) & (BUCKETS - 1)]++ * st, e, st);
        }
        uint64_t *sw = src;
        src = dst;
        dst = sw;
    }
    if (src != a)
        memcpy(a, src, n * st * sizeof *a);
    free(cnt);
    return true;
}

/* Lexicographic sort on words k.. (no string keys): radix on word k, then
 * each run of equal words sorted on the next word. */
static void sort_lex(const sort_ctx *c, uint64_t *a, uint64_t *tmp, size_t n, int k)
{
    int st = c->stride;
    if (n < 64 || !radix_word(a, tmp, n, st, k)) {
        sort_elements(c, a, tmp, n);
        return;
    }
    if (k + 1 >= c->w)
        return;
    for (size_t lo = 0; lo < n;) {
        size_t hi = lo + 1;
        while (hi < n && a[hi * st + k] == a[lo * st + k])
            hi++;
        if (hi - lo > 1)
            sort_lex(c, a + lo * st, tmp, hi - lo, k + 1);
        lo = hi;
    }
}

static bool view_build(sim_view *v, const sim_table *t, const sim_schema *s, const sim_order *ord)
{
    size_t n = t->n;
    sim_key_layout lay;
    sim_key_layout_init(s, ord, &lay);
    int w = lay.w, st = w + 1;
    size_t alloc_n = n ? n : 1;
    uint64_t *el = malloc(alloc_n * (size_t)st * sizeof *el);
    uint64_t *tmp = malloc(alloc_n * (size_t)st * sizeof *tmp);
    sim_record **rows = malloc(alloc_n * sizeof *rows);
    uint64_t *keys = malloc(alloc_n * (size_t)w * sizeof *keys);
    if (!el || !tmp || !rows || !keys) {
        free(el), free(tmp), free(rows), free(keys);
        return false;
    }
    const sim_value *vals[SIM_MAX_ORDER];
    for (size_t i = 0; i < n; i++) {
        if (i + 8 < n)
            for (int j = 0; j < ord->n; j++)
                __builtin_prefetch(&t->rows[i + 8]->v[ord->keys[j].slot]);
        sim_key_values(ord, t->rows[i], vals);
        sim_key_normalize(s, ord, &lay, vals, el + i * (size_t)st);
        el[i * (size_t)st + w] = i;
    }
    sort_ctx c = {ord, &lay, t->rows, w, st};
    if (lay.any_str)
        sort_elements(&c, el, tmp, n);
    else
        sort_lex(&c, el, tmp, n, 0);
    for (size_t i = 0; i < n; i++) {
        const uint64_t *e = el + i * (size_t)st;
        rows[i] = t->rows[e[w]];
        memcpy(keys + i * (size_t)w, e, (size_t)w * sizeof *keys);
    }
    free(el), free(tmp);
    view_clear(v);
    v->order = *ord;
    v->generation = t->generation;
    v->n = n;
    v->rows = rows;
    v->keys = keys;
    v->w = w;
    return true;
}

/* The option a record counts for in a stage histogram, or -1. */
static int hist_index(const sim_schema *s, const sim_table *t, const stage_hist *h,
                      const sim_record *r)
{
    if (!h->incl_deleted && r->v[sim_object_deleted_at_slot(t->obj)].kind != SV_NULL)
        return -1;
    const sim_value *v = &r->v[h->slot];
    return v->kind == SV_STR ? sim_schema_stage_index(s, v->as.s) : -1;
}

void sim_qcache_note_before(sim_table *t, const sim_record *r)
{
    struct sim_qcache *c = t->qcache;
    if (!c || !r || !c->schema)
        return;
    for (int i = 0; i < 2; i++) {   /* a histogram of this generation loses r's old value */
        stage_hist *h = &c->hist[i];
        if (h->slot < 0 || !h->counts || h->generation != t->generation ||
            h->n != c->schema->nstages)
            continue;
        int k = hist_index(c->schema, t, h, r);
        if (k >= 0 && h->counts[k] > 0)
            h->counts[k]--;
        h->pending = true;
    }
}

void sim_qcache_note(sim_table *t, const sim_record *r, sim_change_kind what)
{
    struct sim_qcache *c = t->qcache;
    if (!c)
        return;
    for (int i = 0; i < 2; i++) {   /* ... and gains its new one */
        stage_hist *h = &c->hist[i];
        bool was_current = h->generation + 1 == t->generation &&
                           (what == SIM_CHG_ADD || h->pending);
        h->pending = false;
        if (h->slot < 0 || !h->counts || !was_current || what == SIM_CHG_ANY || !c->schema ||
            h->n != c->schema->nstages)
            continue;
        if (what != SIM_CHG_DROP) {
            int k = hist_index(c->schema, t, h, r);
            if (k >= 0)
                h->counts[k]++;
        }
        h->generation = t->generation;
    }
    c->notes[c->nnotes % QC_NOTES] = (change_note){t->generation, r, what};
    c->nnotes++;
}

/* The records written since generation `from`, each once, and whether each
 * is in the table now; false when the notes do not tell every write since. */
static bool changes_since(const struct sim_qcache *c, const sim_table *t, uint64_t from,
                          const sim_record **recs, bool *present, size_t *n)
{
    *n = 0;
    uint64_t need = t->generation - from;
    if (t->generation < from || need == 0 || need > QC_NOTES || need > c->nnotes)
        return false;
    for (uint64_t i = c->nnotes - need; i < c->nnotes; i++) {
        const change_note *x = &c->notes[i % QC_NOTES];
        if (x->generation != from + 1 + (i - (c->nnotes - need)) || x->what == SIM_CHG_ANY)
            return false;
        size_t j = 0;
        while (j < *n && recs[j] != x->r)
            j++;
        if (j == *n) {
            recs[j] = x->r;
            (*n)++;
        }
        present[j] = x->what != SIM_CHG_DROP;   /* the last write says */
    }
    return true;
}

/* Brings a view of generation v->generation up to the table's: the records
 * written since leave it, and those still in the table come back by binary
 * search on their new keys. False: rebuild it instead. */
static bool view_update(sim_view *v, const struct sim_qcache *c, const sim_table *t,
                        const sim_schema *s)
{
    const sim_record *recs[QC_NOTES];
    bool present[QC_NOTES];
    size_t m;
    if (!changes_since(c, t, v->generation, recs, present, &m))
        return false;
    size_t w = (size_t)v->w, keep = 0;
    for (size_t i = 0; i < v->n; i++) {
        bool gone = false;
        for (size_t j = 0; j < m && !gone; j++)
            gone = v->rows[i] == recs[j];
        if (gone)
            continue;
        if (keep != i) {
            v->rows[keep] = v->rows[i];
            memmove(v->keys + keep * w, v->keys + i * w, w * sizeof *v->keys);
        }
        keep++;
    }
    size_t adds = 0;
    for (size_t j = 0; j < m; j++)
        adds += present[j];
    if (keep + adds != t->n)
        return false;
    size_t cap = t->n ? t->n : 1;
    sim_record **rows = realloc(v->rows, cap * sizeof *rows);
    if (!rows)
        return false;
    v->rows = rows;
    uint64_t *keys = realloc(v->keys, cap * w * sizeof *keys);
    if (!keys)
        return false;
    v->keys = keys;
    sim_key_layout lay;
    sim_key_layout_init(s, &v->order, &lay);
    for (size_t j = 0; j < m; j++) {
        if (!present[j])
            continue;
        sim_record *r = (sim_record *)recs[j];
        const sim_value *vals[SIM_MAX_ORDER];
        uint64_t words[SIM_KEY_WORDS];
        sim_key_values(&v->order, r, vals);
        sim_key_normalize(s, &v->order, &lay, vals, words);
        size_t lo = 0, hi = keep;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (sim_key_cmp(&v->order, &lay, v->keys + mid * w, v->rows[mid], NULL, words, r,
                            NULL) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        memmove(v->rows + lo + 1, v->rows + lo, (keep - lo) * sizeof *v->rows);
        memmove(v->keys + (lo + 1) * w, v->keys + lo * w, (keep - lo) * w * sizeof *v->keys);
        v->rows[lo] = r;
        memcpy(v->keys + lo * w, words, w * sizeof *words);
        keep++;
    }
    v->n = keep;
    v->generation = t->generation;
    return true;
}

const sim_view *sim_qcache_view(sim_store *st, sim_obj_kind k, const sim_order *ord)
{
    sim_table *t = sim_store_table(st, k);
    struct sim_qcache *c = cache_of(t);
    if (!c)
        return NULL;
    c->tick++;
    sim_view *slot = NULL;
    for (int i = 0; i < c->nviews; i++) {
        sim_view *v = &c->views[i];
        if (same_order(&v->order, ord)) {
            if (v->generation == t->generation && v->n == t->n) {
                v->used = c->tick;
                return v;
            }
            if (view_update(v, c, t, &st->schema)) {
                v->used = c->tick;
                return v;
            }
            slot = v;   /* stale: rebuild in place */
            break;
        }
    }
    if (!slot) {
        if (c->nviews < QC_VIEWS) {
            slot = &c->views[c->nviews++];
        } else {
            slot = &c->views[0];
            for (int i = 1; i < c->nviews; i++)
                if (c->views[i].used < slot->used)
                    slot = &c->views[i];
        }
    }
    if (!view_build(slot, t, &st->schema, ord)) {
        view_clear(slot);   /* an empty order never matches a real one */
        return NULL;
    }
    slot->used = c->tick;
    return slot;
}

/* ---------- counts ---------- */

static int deleted_slot(const sim_table *t) { return sim_object_deleted_at_slot(t->obj); }

/* The filter is exactly one stage[eq]:X (alone or as the only child of and). */
static const sim_filter *single_stage_eq(const sim_table *t, const sim_filter *f)
{
    while (f && f->kind == FN_AND && f->nkids == 1)
        f = f->kids[0];
    if (!f || f->kind != FN_LEAF || f->op != FOP_EQ || f->nops != 1 || f->ops[0].kind != SV_STR)
        return NULL;
    const sim_object *o = t->obj;
    for (int i = 0; i < o->nfields; i++)
        if (o->fields[i].slot == f->slot && o->fields[i].type == SF_SELECT)
            return f;
    return NULL;
}

static bool hist_count(sim_store *st, sim_table *t, struct sim_qcache *c, const sim_filter *leaf,
                       bool incl, size_t *out)
{
    c->schema = &st->schema;
    int idx = sim_schema_stage_index(&st->schema, leaf->ops[0].as.s);
    if (idx < 0) {
        *out = 0;
        return true;
    }
    stage_hist *h = NULL;
    for (int i = 0; i < 2; i++)
        if (c->hist[i].slot == leaf->slot && c->hist[i].incl_deleted == incl)
            h = &c->hist[i];
    if (!h)
        h = c->hist[0].slot < 0 ? &c->hist[0] : &c->hist[1];
    if (h->slot != leaf->slot || h->generation != t->generation || h->incl_deleted != incl ||
        !h->counts || h->n != st->schema.nstages) {
        size_t *counts = calloc((size_t)st->schema.nstages + 1, sizeof *counts);
        if (!counts)
            return false;
        int ds = deleted_slot(t);
        for (size_t i = 0; i < t->n; i++) {
            const sim_record *r = t->rows[i];
            if (i + 16 < t->n) {   /* the slots' lines first, the string once they are in */
                const sim_record *p = t->rows[i + 16];
                __builtin_prefetch(&p->v[ds]);
                __builtin_prefetch(&p->v[leaf->slot]);
            }
            if (i + 8 < t->n) {
                const sim_value *pv = &t->rows[i + 8]->v[leaf->slot];
                if (pv->kind == SV_STR)
                    __builtin_prefetch(pv->as.s);
            }
            if (!incl && r->v[ds].kind != SV_NULL)
                continue;
            const sim_value *v = &r->v[leaf->slot];
            if (v->kind != SV_STR)
                continue;
            int k = sim_schema_stage_index(&st->schema, v->as.s);
            if (k >= 0)
                counts[k]++;
        }
        free(h->counts);
        h->counts = counts;
        h->n = st->schema.nstages;
        h->slot = leaf->slot;
        h->generation = t->generation;
        h->incl_deleted = incl;
    }
    *out = h->counts[idx];
    return true;
}

static size_t scan_count(const sim_table *t, const sim_filter *f, bool incl)
{
    int ds = deleted_slot(t);
    size_t count = 0;
    for (size_t i = 0; i < t->n; i++) {
        const sim_record *r = t->rows[i];
        if ((incl || r->v[ds].kind == SV_NULL) && sim_filter_match(f, r))
            count++;
    }
    return count;
}

bool sim_qcache_count(sim_store *st, sim_obj_kind k, const sim_filter *f, bool incl_deleted,
                      size_t *out)
{
    sim_table *t = sim_store_table(st, k);
    if (!f && !incl_deleted) {
        *out = t->n - t->deleted;
        return true;
    }
    struct sim_qcache *c = cache_of(t);
    if (!c) {
        *out = scan_count(t, f, incl_deleted);
        return true;
    }
    c->tick++;
    const sim_filter *leaf = single_stage_eq(t, f);
    if (leaf && hist_count(st, t, c, leaf, incl_deleted, out))
        return true;
    char *sig = sim_filter_signature(f);
    if (!sig) {
        *out = scan_count(t, f, incl_deleted);
        return true;
    }
    count_entry *victim = &c->counts[0];
    for (int i = 0; i < QC_COUNTS; i++) {
        count_entry *e = &c->counts[i];
        if (e->sig && e->incl_deleted == incl_deleted && e->generation == t->generation &&
            strcmp(e->sig, sig) == 0) {
            e->used = c->tick;
            *out = e->count;
            free(sig);
            return true;
        }
        if (!e->sig || (victim->sig && e->used < victim->used))
            victim = e;
    }
    size_t n = scan_count(t, f, incl_deleted);
    free(victim->sig);
    victim->sig = sig;
    victim->generation = t->generation;
    victim->incl_deleted = incl_deleted;
    victim->count = n;
    victim->used = c->tick;
    *out = n;
    return true;
}

/* ---------- rendered answers ---------- */

cJSON *sim_qcache_answer_get(sim_store *st, sim_obj_kind k, const char *key)
{
    sim_table *t = sim_store_table(st, k);
    struct sim_qcache *c = t->qcache;
    if (!c || !key)
        return NULL;
    for (int i = 0; i < QC_ANSWERS; i++) {
        answer_entry *a = &c->answers[i];
        if (a->key && a->generation == t->generation && strcmp(a->key, key) == 0) {
            a->used = ++c->tick;
            return cJSON_Duplicate(a->json, true);
        }
    }
    return NULL;
}

void sim_qcache_answer_put(sim_store *st, sim_obj_kind k, const char *key, const cJSON *json)
{
    sim_table *t = sim_store_table(st, k);
    struct sim_qcache *c = cache_of(t);
    if (!c || !key || !json)
        return;
    /* the same key, else a stale or empty entry, else the least recently used */
    answer_entry *slot = NULL;
    for (int i = 0; i < QC_ANSWERS && !slot; i++)
        if (c->answers[i].key && strcmp(c->answers[i].key, key) == 0)
            slot = &c->answers[i];
    for (int i = 0; i < QC_ANSWERS && !slot; i++)
        if (!c->answers[i].key || c->answers[i].generation != t->generation)
            slot = &c->answers[i];
    for (int i = 0; i < QC_ANSWERS; i++)
        if (!slot || c->answers[i].used < slot->used)
            slot = &c->answers[i];
    char *kc = strdup(key);
    cJSON *jc = cJSON_Duplicate(json, true);
    if (!kc || !jc) {
        free(kc);
        cJSON_Delete(jc);
        return;
    }
    free(slot->key);
    cJSON_Delete(slot->json);
    slot->key = kc;
    slot->json = jc;
    slot->generation = t->generation;
    slot->used = ++c->tick;
}
