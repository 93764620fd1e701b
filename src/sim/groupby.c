/* groupby.c - groupBy (contract 2.10, GraphQL 5): the REST `group_by` JSON
 * read as Twenty's parseGroupByArgs reads it, and the grouping itself:
 * records matching the filter (soft-deleted ones only when it names
 * deletedAt) are walked in the records order and hashed on their dimension
 * values; dates are bucketed in UTC by granularity. Groups come out ordered
 * by their values: stage by option position, NULL last. */
#define _GNU_SOURCE   /* qsort_r */
#include "sim/query_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char k_invalid[] =
    "Invalid group_by query parameter - should be a valid array of objects - ex: "
    "[{\"firstField\": true}, {\"secondField\": {\"subField\": true}}, {\"dateField\": "
    "{\"granularity\": 'DAY'}}]";

static const char *const k_granularities[] = {
    "DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "DAY_OF_THE_WEEK", "MONTH_OF_THE_YEAR",
    "QUARTER_OF_THE_YEAR", "NONE"};

static const char *granularity(const char *s)
{
    for (size_t i = 0; i < sizeof k_granularities / sizeof *k_granularities; i++)
        if (strcmp(s, k_granularities[i]) == 0)
            return k_granularities[i];
    return NULL;
}

static const sim_field *field_by_name_or_relation(const sim_object *o, const char *name)
{
    const sim_field *f = sim_object_field(o, name);
    if (f)
        return f;
    for (int i = 0; i < o->nfields; i++)
        if (o->fields[i].type == SF_RELATION && o->fields[i].relation_name &&
            strcmp(o->fields[i].relation_name, name) == 0)
            return &o->fields[i];
    return NULL;
}

static bool parse_item(const sim_object *o, const cJSON *item, sim_group_dim *dims, int *ndims,
                       int maxdims, sim_error *err)
{
    if (!cJSON_IsObject(item))
        return sim_bad_request(err, "%s", k_invalid);
    int nkeys = cJSON_GetArraySize(item);
    if (nkeys > 1)
        return sim_bad_request(err, "You cannot provide multiple fields in one GroupByInput, "
                                    "split them into multiple GroupByInput");
    if (nkeys == 0)
        return true;
    const cJSON *val = item->child;
    const char *name = val->string;
    const sim_field *f = field_by_name_or_relation(o, name);
    if (!f)
        return sim_bad_request(err, "Unidentified field in groupBy: %s", name);
    sim_group_dim d = {.slot = -1};
    const cJSON *gran = cJSON_IsObject(val) ? cJSON_GetObjectItemCaseSensitive(val, "granularity")
                                            : NULL;
    if (f->type == SF_RELATION && cJSON_IsObject(val) && !gran)
        return sim_bad_request(err, "Grouping by a field of the related record (%s) is not "
                                    "supported by twenty-sim; group by %s",
                               name, f->name);
    if (f->type == SF_DATE_TIME && gran) {
        d.granularity = cJSON_IsString(gran) ? granularity(gran->valuestring) : NULL;
        if (!d.granularity)
            return sim_bad_request(err, "Invalid date granularity for field \"%s\"", f->name);
        const cJSON *ws = cJSON_GetObjectItemCaseSensitive(val, "weekStartDay");
        if (cJSON_IsString(ws))
            d.week_start = strcmp(ws->valuestring, "SUNDAY") == 0     ? 6
                           : strcmp(ws->valuestring, "SATURDAY") == 0 ? 5
                                                                      : 0;
        d.slot = f->slot;
    } else if (cJSON_IsTrue(val)) {
        d.slot = f->nsub > 0 ? f->subs[0].slot : f->slot;
    } else if (cJSON_IsObject(val)) {
        int nsub = cJSON_GetArraySize(val);
        if (nsub > 1)
            return sim_bad_request(err, "You cannot provide multiple subfields in one "
                                        "GroupByInput, split them into multiple GroupByInput");
        if (nsub == 0 || !cJSON_IsTrue(val->child))
            return true;
        for (int j = 0; j < f->nsub; j++)
            if (strcmp(f->subs[j].name, val->child->string) == 0)
                d.slot = f->subs[j].slot;
        if (d.slot < 0)
            return sim_bad_request(err, "Unidentified field in groupBy: %s.%s", name,
                                   val->child->string);
    } else {
        return true;
    }
    if (*ndims >= maxdims)
        return sim_bad_request(err, "%s", k_invalid);
    dims[(*ndims)++] = d;
    return true;
}

bool sim_group_by_parse_rest(const sim_object *o, const char *json, sim_group_dim *dims, int *ndims,
                             int maxdims, sim_error *err)
{
    *ndims = 0;
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    if (!cJSON_IsArray(root)) {
        cJSON_Delete(root);
        return sim_bad_request(err, "%s", k_invalid);
    }
    bool ok = true;
    const cJSON *item;
    cJSON_ArrayForEach(item, root)
    {
        if (!(ok = parse_item(o, item, dims, ndims, maxdims, err)))
            break;
    }
    cJSON_Delete(root);
    return ok;
}

/* ---------- grouping ---------- */

typedef struct bgroup {
    sim_value *dims;
    int64_t *sortkeys;     /* date buckets: their order */
    char *key;             /* hash key bytes */
    size_t keylen;
    uint64_t hash;
    sim_record **rows;
    size_t n, cap;
} bgroup;

typedef struct grouper {
    const sim_schema *s;
    const sim_object *o;
    const sim_group_dim *dims;
    int ndims;
    bgroup *g;
    size_t n, cap;
    int *table;            /* open addressing: group index or -1 */
    size_t tcap;
} grouper;

static const char *const k_days[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
static const char *const k_months[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

static int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

/* The bucket of a timestamp: its text and a sort key. */
static void date_bucket(const sim_group_dim *d, int64_t ms, char *out, size_t outlen,
                        int64_t *sortkey)
{
    int64_t day = floor_div(ms, 86400000);
    int weekday = (int)(((day + 3) % 7 + 7) % 7);   /* 0 = Monday (1970-01-01 was a Thursday) */
    char iso[32];
    sim_time_format(day * 86400000, iso);
    int year = atoi(iso), month = atoi(iso + 5);
    const char *g = d->granularity;
    if (strcmp(g, "DAY") == 0) {
        snprintf(out, outlen, "%.10s", iso);
        *sortkey = day;
    } else if (strcmp(g, "WEEK") == 0) {
        int shift = d->week_start == 6 ? 1 : d->week_start == 5 ? 2 : 0;
        int64_t sd = day + shift;
        int64_t start = sd - (((sd + 3) % 7 + 7) % 7) - shift;
        sim_time_format(start * 86400000, iso);
        snprintf(out, outlen, "%.10s", iso);
        *sortkey = start;
    } else if (strcmp(g, "MONTH") == 0) {
        snprintf(out, outlen, "%04d-%02d-01", year, month);
        *sortkey = (int64_t)year * 12 + month;
    } else if (strcmp(g, "QUARTER") == 0) {
        int qm = (month - 1) / 3 * 3 + 1;
        snprintf(out, outlen, "%04d-%02d-01", year, qm);
        *sortkey = (int64_t)year * 12 + qm;
    } else if (strcmp(g, "YEAR") == 0) {
        snprintf(out, outlen, "%04d-01-01", year);
        *sortkey = year;
    } else if (strcmp(g, "DAY_OF_THE_WEEK") == 0) {
        snprintf(out, outlen, "%s", k_days[weekday]);
        *sortkey = weekday;
    } else if (strcmp(g, "MONTH_OF_THE_YEAR") == 0) {
        snprintf(out, outlen, "%s", k_months[month - 1]);
        *sortkey = month;
    } else {   /* QUARTER_OF_THE_YEAR */
        snprintf(out, outlen, "Q%d", (month - 1) / 3 + 1);
        *sortkey = (month - 1) / 3;
    }
}

static bool bucketed(const sim_group_dim *d)
{
    return d->granularity && strcmp(d->granularity, "NONE") != 0;
}

/* Appends a dimension value's bytes to the hash key. */
static bool key_add(char **key, size_t *len, size_t *cap, const void *data, size_t n)
{
    if (*len + n > *cap) {
        size_t nc = *cap ? *cap * 2 : 128;
        while (nc < *len + n)
            nc *= 2;
        char *nk = realloc(*key, nc);
        if (!nk)
            return false;
        *key = nk;
        *cap = nc;
    }
    memcpy(*key + *len, data, n);
    *len += n;
    return true;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* The dimension values of r (strings borrowed or in bufs) and the hash key. */
static bool row_key(const grouper *gr, const sim_record *r, sim_value *vals, char bufs[][32],
                    int64_t *sortkeys, char **key, size_t *len, size_t *cap)
{
    *len = 0;
    for (int i = 0; i < gr->ndims; i++) {
        const sim_group_dim *d = &gr->dims[i];
        const sim_value *v = &r->v[d->slot];
        vals[i] = *v;
        sortkeys[i] = 0;
        if (bucketed(d) && v->kind == SV_TIME) {
            date_bucket(d, v->as.t, bufs[i], sizeof bufs[i], &sortkeys[i]);
            vals[i].kind = SV_STR;
            vals[i].as.s = bufs[i];
        }
        unsigned char tag = (unsigned char)vals[i].kind;
        if (!key_add(key, len, cap, &tag, 1))
            return false;
        switch (vals[i].kind) {
        case SV_NULL: break;
        case SV_STR:
            if (!key_add(key, len, cap, vals[i].as.s, strlen(vals[i].as.s) + 1))
                return false;
            break;
        case SV_UUID:
            if (!key_add(key, len, cap, vals[i].as.u.b, 16))
                return false;
            break;
        case SV_INT:
        case SV_TIME:
            if (!key_add(key, len, cap, &vals[i].as.i, sizeof vals[i].as.i))
                return false;
            break;
        case SV_NUM:
            if (!key_add(key, len, cap, &vals[i].as.n, sizeof vals[i].as.n))
                return false;
            break;
        case SV_BOOL: {
            unsigned char b = vals[i].as.b;
            if (!key_add(key, len, cap, &b, 1))
                return false;
            break;
        }
        }
    }
    return true;
}

static bool table_grow(grouper *gr)
{
    size_t ncap = gr->tcap ? gr->tcap * 2 : 64;
    int *t = malloc(ncap * sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < ncap; i++)
        t[i] = -1;
    for (size_t gi = 0; gi < gr->n; gi++) {
        size_t p = gr->g[gi].hash & (ncap - 1);
        while (t[p] >= 0)
            p = (p + 1) & (ncap - 1);
        t[p] = (int)gi;
    }
    free(gr->table);
    gr->table = t;
    gr->tcap = ncap;
    return true;
}

static bgroup *find_or_add(grouper *gr, const char *key, size_t len, const sim_value *vals,
                           const int64_t *sortkeys)
{
    uint64_t h = hash_bytes(key, len);
    if ((gr->n + 1) * 2 > gr->tcap && !table_grow(gr))
        return NULL;
    size_t p = h & (gr->tcap - 1);
    while (gr->table[p] >= 0) {
        bgroup *g = &gr->g[gr->table[p]];
        if (g->hash == h && g->keylen == len && (len == 0 || memcmp(g->key, key, len) == 0))
            return g;
        p = (p + 1) & (gr->tcap - 1);
    }
    if (gr->n == gr->cap) {
        size_t nc = gr->cap ? gr->cap * 2 : 16;
        bgroup *ng = realloc(gr->g, nc * sizeof *ng);
        if (!ng)
            return NULL;
        gr->g = ng;
        gr->cap = nc;
    }
    bgroup *g = &gr->g[gr->n];
    memset(g, 0, sizeof *g);
    g->hash = h;
    g->keylen = len;
    g->key = malloc(len ? len : 1);
    g->dims = calloc((size_t)gr->ndims + 1, sizeof *g->dims);
    g->sortkeys = calloc((size_t)gr->ndims + 1, sizeof *g->sortkeys);
    if (!g->key || !g->dims || !g->sortkeys) {
        free(g->key), free(g->dims), free(g->sortkeys);
        return NULL;
    }
    memcpy(g->key, key, len);
    for (int i = 0; i < gr->ndims; i++) {
        g->dims[i] = sim_value_copy(&vals[i]);
        g->sortkeys[i] = sortkeys[i];
    }
    gr->table[p] = (int)gr->n;
    gr->n++;
    return g;
}

static bool group_push(bgroup *g, sim_record *r)
{
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 16;
        sim_record **nr = realloc(g->rows, nc * sizeof *nr);
        if (!nr)
            return false;
        g->rows = nr;
        g->cap = nc;
    }
    g->rows[g->n++] = r;
    return true;
}

static bool dim_is_select(const sim_object *o, int slot)
{
    for (int i = 0; i < o->nfields; i++)
        if (o->fields[i].slot == slot && o->fields[i].type == SF_SELECT)
            return true;
    return false;
}

static int cmp_groups(const void *pa, const void *pb, void *ctx)
{
    const grouper *gr = ctx;
    const bgroup *a = pa, *b = pb;
    for (int i = 0; i < gr->ndims; i++) {
        const sim_value *x = &a->dims[i], *y = &b->dims[i];
        if (x->kind == SV_NULL || y->kind == SV_NULL) {
            if (x->kind == y->kind)
                continue;
            return x->kind == SV_NULL ? 1 : -1;   /* NULL last */
        }
        int c = 0;
        if (bucketed(&gr->dims[i])) {
            c = (a->sortkeys[i] > b->sortkeys[i]) - (a->sortkeys[i] < b->sortkeys[i]);
        } else if (x->kind == SV_STR && dim_is_select(gr->o, gr->dims[i].slot)) {
            int ix = sim_schema_stage_index(gr->s, x->as.s), iy = sim_schema_stage_index(gr->s, y->as.s);
            if (ix < 0)
                ix = gr->s->nstages;
            if (iy < 0)
                iy = gr->s->nstages;
            c = ix != iy ? (ix < iy ? -1 : 1) : sim_value_cmp(x, y);
        } else {
            c = sim_value_cmp(x, y);
        }
        if (c)
            return c;
    }
    return 0;
}

static void grouper_free(grouper *gr, bool keep_groups)
{
    for (size_t i = 0; i < gr->n; i++) {
        free(gr->g[i].key);
        free(gr->g[i].sortkeys);
        if (!keep_groups) {
            for (int d = 0; d < gr->ndims; d++)
                sim_value_free(&gr->g[i].dims[d]);
            free(gr->g[i].dims);
            free(gr->g[i].rows);
        }
    }
    free(gr->g);
    free(gr->table);
}

bool sim_group_by(sim_store *st, sim_obj_kind k, const sim_filter *f, const sim_group_dim *dims,
                  int ndims, const sim_order *records_order, sim_groups *out, sim_error *err)
{
    memset(out, 0, sizeof *out);
    out->ndims = ndims;
    sim_table *t = sim_store_table(st, k);
    for (int i = 0; i < ndims; i++)
        if (dims[i].slot < 0 || dims[i].slot >= t->obj->nslots)
            return sim_bad_request(err, "%s", k_invalid);
    /* records_order NULL: any order will do, so the rows are walked as the
     * table holds them (in memory order: far fewer cache misses than a
     * sorted view's, and no view to build after a write) */
    const sim_view *v = NULL;
    sim_view table_order = {.n = t->n, .rows = t->rows};
    if (records_order) {
        sim_order ord = *records_order;
        sim_order_finish(t->obj, &ord);
        v = sim_qcache_view(st, k, &ord);
    } else {
        v = &table_order;
    }
    grouper gr = {.s = &st->schema, .o = t->obj, .dims = dims, .ndims = ndims};
    sim_value vals[SIM_MAX_ORDER + 8] = {{0}};
    int64_t sortkeys[SIM_MAX_ORDER + 8] = {0};
    char bufs[SIM_MAX_ORDER + 8][32];
    char *key = NULL;
    size_t keylen = 0, keycap = 0;
    bool ok = v != NULL && ndims <= SIM_MAX_ORDER + 8;
    if (ok && ndims == 0)
        ok = find_or_add(&gr, "", 0, vals, sortkeys) != NULL;
    bool incl = sim_filter_mentions_deleted_at(f);
    int ds = sim_object_deleted_at_slot(t->obj);
    for (size_t i = 0; ok && i < v->n; i++) {
        sim_record *r = v->rows[i];
        if ((!incl && r->v[ds].kind != SV_NULL) || !sim_filter_match(f, r))
            continue;
        bgroup *g;
        ok = row_key(&gr, r, vals, bufs, sortkeys, &key, &keylen, &keycap) &&
             (g = find_or_add(&gr, key, keylen, vals, sortkeys)) != NULL && group_push(g, r);
    }
    free(key);
    if (!ok) {
        grouper_free(&gr, false);
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    }
    if (gr.n > 1) /* an empty table has no group array: qsort_r(NULL) is undefined */
        qsort_r(gr.g, gr.n, sizeof *gr.g, cmp_groups, &gr);
    out->g = calloc(gr.n ? gr.n : 1, sizeof *out->g);
    if (!out->g) {
        grouper_free(&gr, false);
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    }
    for (size_t i = 0; i < gr.n; i++) {
        out->g[i].dims = gr.g[i].dims;
        out->g[i].rows = gr.g[i].rows;
        out->g[i].nrows = out->g[i].count = gr.g[i].n;
    }
    out->n = gr.n;
    grouper_free(&gr, true);
    return true;
}

void sim_groups_free(sim_groups *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        for (int d = 0; d < g->ndims; d++)
            sim_value_free(&g->g[i].dims[d]);
        free(g->g[i].dims);
        free(g->g[i].rows);
    }
    free(g->g);
    memset(g, 0, sizeof *g);
}

cJSON *sim_group_dim_json(const sim_value *v)
{
    char buf[64];
    switch (v->kind) {
    case SV_STR:
        return cJSON_CreateString(v->as.s ? v->as.s : "");
    case SV_INT:
        snprintf(buf, sizeof buf, "%lld", (long long)v->as.i);
        return cJSON_CreateString(buf);
    case SV_NUM:
        return cJSON_CreateNumber(v->as.n);
    case SV_BOOL:
        return cJSON_CreateBool(v->as.b);
    case SV_UUID:
        sim_uuid_format(&v->as.u, buf);
        return cJSON_CreateString(buf);
    case SV_TIME:
        sim_time_format(v->as.t, buf);
        return cJSON_CreateString(buf);
    case SV_NULL:
    default:
        return cJSON_CreateNull();
    }
}
