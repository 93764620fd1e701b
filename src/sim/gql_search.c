/* gql_search.c - the `search` query of /graphql, as Twenty's SearchService
 * runs it: per searchable object (person, company, opportunity, workspace
 * member) the records whose name matches the input, ranked by tsRankCD then
 * tsRank then id, at most limit + 1 each after the `after` cursor; then all
 * of them sorted by tsRankCD, tsRank and the objects' priority (person 5,
 * company 4, opportunity 3) and cut to `limit`. Cursors are base64 of
 * {"lastRanks":{"tsRankCD","tsRank"},"lastRecordIdsPerObject":{…}}. */
#include "sim/gql_twenty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/gql_fts.h"
#include "sim/query_internal.h"   /* sim_base64_encode / sim_base64_decode */

#define SEARCH_MAX_LIMIT 100

typedef struct hit {
    sim_obj_kind k;
    const sim_record *r;
    float cd, rank;
    int prio;
    size_t seq;
} hit;

typedef struct result {
    hit *hits;
    size_t n;
    bool has_next;
    const char **cursors;
} result;

typedef struct sedge {
    const result *res;
    size_t i;
} sedge;

static int priority(sim_obj_kind k)
{
    switch (k) {
    case SIM_OBJ_PERSON: return 5;
    case SIM_OBJ_COMPANY: return 4;
    case SIM_OBJ_OPPORTUNITY: return 3;
    default: return 0;
    }
}

static const char *slot_str(const sim_record *r, int slot)
{
    return slot >= 0 && r->v[slot].kind == SV_STR ? r->v[slot].as.s : NULL;
}

/* The label identifier texts of a record: name, or first and last name
 * (f: the object's "name" field). */
static size_t label_texts(const sim_field *f, const sim_record *r, const char **out)
{
    if (!f)
        return 0;
    if (f->type == SF_FULL_NAME) {
        out[0] = slot_str(r, f->subs[0].slot);
        out[1] = slot_str(r, f->subs[1].slot);
        return 2;
    }
    out[0] = slot_str(r, f->slot);
    return 1;
}

/* SQL order inside one object: tsRankCD DESC, tsRank DESC, id ASC. */
static int hit_cmp_sql(const hit *a, const hit *b)
{
    if (a->cd != b->cd)
        return a->cd > b->cd ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank > b->rank ? -1 : 1;
    return sim_uuid_cmp(&a->r->v[0].as.u, &b->r->v[0].as.u);
}

static int hit_cmp_final(const void *x, const void *y)
{
    const hit *a = x, *b = y;
    if (a->cd != b->cd)
        return a->cd > b->cd ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank > b->rank ? -1 : 1;
    if (a->prio != b->prio)
        return b->prio - a->prio;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

typedef struct after {
    bool set;
    float cd, rank;
    cJSON *ids;                 /* lastRecordIdsPerObject (owned by the cleanup list) */
} after;


static bool decode_after(gql_exec *ex, const char *cursor, after *a)
{
    memset(a, 0, sizeof *a);
    if (!cursor)
        return true;
    size_t n;
    unsigned char *raw = sim_base64_decode(cursor, &n);
    cJSON *j = raw ? cJSON_Parse((const char *)raw) : NULL;
    free(raw);
    gt_defer(gt_of(ex), gt_free_json, j);
    const cJSON *ranks = cJSON_GetObjectItemCaseSensitive(j, "lastRanks");
    const cJSON *cd = cJSON_GetObjectItemCaseSensitive(ranks, "tsRankCD");
    const cJSON *rk = cJSON_GetObjectItemCaseSensitive(ranks, "tsRank");
    if (!cJSON_IsNumber(cd) || !cJSON_IsNumber(rk))
        return gql_fail(ex, "BAD_USER_INPUT", "Invalid cursor");
    a->set = true;
    a->cd = (float)cd->valuedouble;
    a->rank = (float)rk->valuedouble;
    a->ids = cJSON_GetObjectItemCaseSensitive(j, "lastRecordIdsPerObject");
    return true;
}

/* computeCursorWhereCondition */
static bool after_cursor(const after *a, const sim_object *o, const hit *h)
{
    if (!a->set || h->cd < a->cd || (h->cd == a->cd && h->rank < a->rank))
        return true;
    if (h->cd != a->cd || h->rank != a->rank)
        return false;
    const cJSON *last = cJSON_GetObjectItemCaseSensitive(a->ids, o->singular);
    sim_uuid id;
    if (!cJSON_IsString(last) || !sim_uuid_parse(last->valuestring, &id))
        return true;
    return sim_uuid_cmp(&h->r->v[0].as.u, &id) > 0;
}

static bool listed(const cJSON *list, const char *name)
{
    for (const cJSON *it = cJSON_IsArray(list) ? list->child : NULL; it; it = it->next)
        if (cJSON_IsString(it) && !strcmp(it->valuestring, name))
            return true;
    return false;
}

/* The best `keep` hits of one object, in SQL order, appended to out. */
static bool search_object(gql_exec *ex, const sim_object *o, const fts_query *q, const cJSON *filter,
                          const after *a, size_t keep, hit *out, size_t *nout)
{
    bool ok;
    sim_filter *f = gt_filter(ex, o, filter, &ok);
    if (!ok)
        return false;
    sim_table *t = sim_store_table(gt_of(ex)->st, o->kind);
    bool incl_deleted = sim_filter_mentions_deleted_at(f);
    hit *best = out + *nout;
    size_t nb = 0;
    const sim_field *name = sim_object_field(o, "name");
    for (size_t i = 0; i < t->n && keep > 0; i++) {
        const sim_record *r = t->rows[i];
        if (!incl_deleted && sim_record_deleted(t, r))
            continue;
        const char *texts[2];
        size_t nt = label_texts(name, r, texts);
        hit h = {.k = o->kind, .r = r, .prio = priority(o->kind)};
        if (!fts_rank(q, texts, nt, &h.cd, &h.rank))
            continue;
        if (nb == keep && hit_cmp_sql(&h, &best[nb - 1]) >= 0)
            continue;
        if ((f && !sim_filter_match(f, r)) || !after_cursor(a, o, &h))
            continue;
        size_t pos = nb < keep ? nb++ : nb - 1;   /* insertion into the sorted best list */
        while (pos > 0 && hit_cmp_sql(&h, &best[pos - 1]) < 0) {
            best[pos] = best[pos - 1];
            pos--;
        }
        best[pos] = h;
    }
    *nout += nb;
    return true;
}

static const char *encode_cursor(gql_exec *ex, const hit *h, cJSON *ids)
{
    cJSON *j = cJSON_CreateObject();
    cJSON *ranks = cJSON_AddObjectToObject(j, "lastRanks");
    cJSON_AddItemToObject(ranks, "tsRankCD", gql_json_float4(h->cd));
    cJSON_AddItemToObject(ranks, "tsRank", gql_json_float4(h->rank));
    cJSON_AddItemToObject(j, "lastRecordIdsPerObject", cJSON_Duplicate(ids, true));
    char *text = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    char *b64 = text ? sim_base64_encode((const unsigned char *)text, strlen(text)) : NULL;
    free(text);
    const char *out = b64 ? gql_arena_strdup(ex->a, b64) : NULL;
    free(b64);
    return out;
}

bool gt_resolve_search(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)src;
    (void)f;
    const cJSON *lim = cJSON_GetObjectItemCaseSensitive(args, "limit");
    long limit = cJSON_IsNumber(lim) ? (long)lim->valuedouble : 0;
    if (limit > SEARCH_MAX_LIMIT)
        return gql_fail(ex, "BAD_USER_INPUT", "Limit cannot exceed %d items", SEARCH_MAX_LIMIT);
    if (limit < 0)
        limit = 0;
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(args, "searchInput");
    const cJSON *aft = cJSON_GetObjectItemCaseSensitive(args, "after");
    const cJSON *incl = cJSON_GetObjectItemCaseSensitive(args, "includedObjectNameSingulars");
    const cJSON *excl = cJSON_GetObjectItemCaseSensitive(args, "excludedObjectNameSingulars");
    const cJSON *filter = cJSON_GetObjectItemCaseSensitive(args, "filter");
    after a;
    if (!decode_after(ex, cJSON_IsString(aft) && *aft->valuestring ? aft->valuestring : NULL, &a))
        return false;
    fts_query *q = gql_arena_alloc(ex->a, sizeof *q);
    result *res = gql_arena_alloc(ex->a, sizeof *res);
    size_t keep = (size_t)limit + 1;
    hit *hits = gql_arena_alloc(ex->a, SIM_OBJ_COUNT * keep * sizeof *hits);
    if (!q || !res || !hits)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    fts_query_parse(q, cJSON_IsString(input) ? input->valuestring : "");
    const sim_schema *ss = &gt_of(ex)->st->schema;
    size_t n = 0;
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = sim_schema_object(ss, (sim_obj_kind)k);
        if (listed(excl, o->singular) || (cJSON_GetArraySize(incl) > 0 && !listed(incl, o->singular)))
            continue;
        if (!search_object(ex, o, q, filter, &a, keep, hits, &n))
            return false;
    }
    for (size_t i = 0; i < n; i++)
        hits[i].seq = i;
    qsort(hits, n, sizeof *hits, hit_cmp_final);
    res->has_next = n > (size_t)limit;
    res->n = n < (size_t)limit ? n : (size_t)limit;
    res->hits = hits;
    res->cursors = gql_arena_alloc(ex->a, (res->n + 1) * sizeof *res->cursors);
    cJSON *ids = gt_defer(gt_of(ex), gt_free_json, a.ids ? cJSON_Duplicate(a.ids, true) : cJSON_CreateObject());
    if (!res->cursors || !ids)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    for (size_t i = 0; i < res->n; i++) {
        const sim_object *o = sim_schema_object(ss, hits[i].k);
        char id[37];
        sim_uuid_format(&hits[i].r->v[0].as.u, id);
        if (cJSON_GetObjectItemCaseSensitive(ids, o->singular))
            cJSON_ReplaceItemInObjectCaseSensitive(ids, o->singular, cJSON_CreateString(id));
        else
            cJSON_AddStringToObject(ids, o->singular, id);
        res->cursors[i] = encode_cursor(ex, &hits[i], ids);
    }
    *out = gql_rv_obj(res);
    return true;
}

/* SearchResultConnection and SearchResultPageInfo share the result as source. */
bool gt_resolve_search_conn(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)args;
    const result *res = src;
    if (!strcmp(f->name, "edges")) {
        gql_rv *items = gql_rv_list(ex, out, res->n);
        if (!items)
            return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
        for (size_t i = 0; i < res->n; i++) {
            sedge *e = gql_arena_alloc(ex->a, sizeof *e);
            if (e)
                *e = (sedge){res, i};
            items[i] = gql_rv_obj(e);
        }
        return true;
    }
    if (!strcmp(f->name, "pageInfo")) {
        *out = gql_rv_obj(res);
        return true;
    }
    if (!strcmp(f->name, "hasNextPage")) {
        *out = gql_rv_json(cJSON_CreateBool(res->has_next));
        return true;
    }
    /* endCursor */
    *out = res->n > 0 && res->cursors[res->n - 1] ? gql_rv_json(cJSON_CreateString(res->cursors[res->n - 1]))
                                                  : gql_rv_null();
    return true;
}

bool gt_resolve_search_edge(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)ex;
    (void)args;
    const sedge *e = src;
    if (!strcmp(f->name, "node"))
        *out = gql_rv_obj(e);
    else
        *out = e->res->cursors[e->i] ? gql_rv_json(cJSON_CreateString(e->res->cursors[e->i])) : gql_rv_null();
    return true;
}

/* getLogoUrlFromDomainName: https://twenty-icons.com/<host> */
static cJSON *logo_url(const sim_object *o, const sim_record *r)
{
    const sim_field *f = sim_object_field(o, "domainName");
    const char *url = f && f->nsub > 0 ? slot_str(r, f->subs[0].slot) : NULL;
    if (!url || !*url)
        return cJSON_CreateString("");
    if (!strncmp(url, "https://", 8))
        url += 8;
    else if (!strncmp(url, "http://", 7))
        url += 7;
    if (!strncmp(url, "www.", 4))
        url += 4;
    size_t n = strcspn(url, "/?#");
    if (n == 0)
        return cJSON_CreateString("");
    char buf[300];
    snprintf(buf, sizeof buf, "https://twenty-icons.com/%.*s", (int)(n < 200 ? n : 200), url);
    return cJSON_CreateString(buf);
}

bool gt_resolve_search_record(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)args;
    const sedge *e = src;
    const hit *h = &e->res->hits[e->i];
    const sim_object *o = sim_schema_object(&gt_of(ex)->st->schema, h->k);
    const char *n = f->name;
    if (!strcmp(n, "recordId")) {
        char id[37];
        sim_uuid_format(&h->r->v[0].as.u, id);
        *out = gql_rv_json(cJSON_CreateString(id));
    } else if (!strcmp(n, "objectNameSingular")) {
        *out = gql_rv_json(cJSON_CreateString(o->singular));
    } else if (!strcmp(n, "objectLabelSingular")) {
        *out = gql_rv_json(cJSON_CreateString(o->label_singular));
    } else if (!strcmp(n, "label")) {
        const char *texts[2];
        size_t nt = label_texts(sim_object_field(o, "name"), h->r, texts);
        char buf[1024];
        snprintf(buf, sizeof buf, "%s%s%s", nt > 0 && texts[0] ? texts[0] : "", nt > 1 ? " " : "",
                 nt > 1 && texts[1] ? texts[1] : "");
        *out = gql_rv_json(cJSON_CreateString(buf));
    } else if (!strcmp(n, "imageUrl")) {
        *out = gql_rv_json(h->k == SIM_OBJ_COMPANY ? logo_url(o, h->r) : cJSON_CreateString(""));
    } else if (!strcmp(n, "tsRankCD")) {
        *out = gql_rv_json(gql_json_float4(h->cd));
    } else {
        *out = gql_rv_json(gql_json_float4(h->rank));
    }
    return true;
}
