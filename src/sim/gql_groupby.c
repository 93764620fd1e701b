/* gql_groupby.c - <objects>GroupBy on /graphql: one connection per group of
 * records (Twenty's GraphqlQueryGroupByResolverService and
 * GroupByWithRecordsService): at most `limit` groups (default 50), each with
 * groupByDimensionValues, aggregates over the whole group, and up to 10
 * records from `offsetForRecords` in `orderByForRecords` order. */
#include "sim/gql_twenty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define GROUPS_DEFAULT_LIMIT 50   /* DEFAULT_NUMBER_OF_GROUPS_LIMIT */
#define RECORDS_PER_GROUP 10      /* RECORDS_PER_GROUP_LIMIT */
#define MAX_DIMS 8

static void free_groups(void *p) { sim_groups_free(p); }

/* Twenty's parseGroupByArgs checks, then the REST parser on the same JSON. */
static bool parse_dims(gql_exec *ex, const sim_object *o, const cJSON *in, sim_group_dim *dims, int *n)
{
    cJSON *clean = cJSON_CreateArray();
    gt_defer(gt_of(ex), gt_free_json, clean);
    for (const cJSON *el = cJSON_IsArray(in) ? in->child : NULL; el; el = el->next) {
        if (cJSON_GetArraySize(el) > 1)
            return gql_fail(ex, "BAD_USER_INPUT", "You cannot provide multiple fields in one GroupByInput, "
                                                  "split them into multiple GroupByInput");
        const cJSON *v = el->child;
        if (!v || cJSON_IsFalse(v) || cJSON_IsNull(v))
            continue;
        if (cJSON_IsObject(v) && !cJSON_GetObjectItemCaseSensitive(v, "granularity")) {
            int subs = 0;
            for (const cJSON *s = v->child; s; s = s->next)
                subs += cJSON_IsTrue(s);
            if (cJSON_GetArraySize(v) > 1)
                return gql_fail(ex, "BAD_USER_INPUT", "You cannot provide multiple subfields in one GroupByInput, "
                                                      "split them into multiple GroupByInput");
            if (subs == 0)
                continue;
        }
        cJSON_AddItemToArray(clean, cJSON_Duplicate(el, true));
    }
    *n = 0;
    if (cJSON_GetArraySize(clean) == 0)
        return true;
    char *text = cJSON_PrintUnformatted(clean);
    sim_error err = {0};
    bool ok = text && sim_group_by_parse_rest(o, text, dims, n, MAX_DIMS, &err);
    free(text);
    return ok ? true : text ? gt_fail_sim(ex, &err) : gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
}

/* One group as a connection source. */
static gt_conn *group_conn(gql_exec *ex, const sim_object *o, const sim_order *ord, const sim_group *g, int ndims,
                           long offset)
{
    gt_conn *c = gql_arena_alloc(ex->a, sizeof *c);
    if (!c)
        return NULL;
    c->k = o->kind;
    c->order = *ord;
    c->group = true;
    c->loaded = true;
    c->have_all = true;
    c->all = g->rows;
    c->nall = g->nrows;
    c->group_count = g->count;
    c->dims = gt_defer(gt_of(ex), gt_free_json, cJSON_CreateArray());
    for (int d = 0; c->dims && d < ndims; d++)
        cJSON_AddItemToArray(c->dims, sim_group_dim_json(&g->dims[d]));
    size_t from = offset > 0 ? (size_t)offset : 0;
    if (from > g->nrows)
        from = g->nrows;
    size_t n = g->nrows - from < RECORDS_PER_GROUP ? g->nrows - from : RECORDS_PER_GROUP;
    c->page.rows = gql_arena_alloc(ex->a, (n ? n : 1) * sizeof *c->page.rows);
    if (!c->page.rows)
        return NULL;
    memcpy(c->page.rows, g->rows + from, n * sizeof *c->page.rows);
    c->page.n = n;
    c->page.total = g->count;
    c->page.has_next = from + n < g->nrows;
    c->page.has_prev = from > 0;
    if (n > 0) {
        char *s = sim_cursor_encode(o, ord, c->page.rows[0]), *e = sim_cursor_encode(o, ord, c->page.rows[n - 1]);
        c->page.start_cursor = s ? gql_arena_strdup(ex->a, s) : NULL;
        c->page.end_cursor = e ? gql_arena_strdup(ex->a, e) : NULL;
        free(s);
        free(e);
    }
    return c;
}

bool gt_group_by(gql_exec *ex, const sim_object *o, const cJSON *args, gql_rv *out)
{
    sim_group_dim dims[MAX_DIMS];
    int ndims = 0;
    if (!parse_dims(ex, o, cJSON_GetObjectItemCaseSensitive(args, "groupBy"), dims, &ndims))
        return false;
    bool ok;
    sim_filter *f = gt_filter(ex, o, cJSON_GetObjectItemCaseSensitive(args, "filter"), &ok);
    sim_order ord;
    if (!ok || !gt_order(ex, o, cJSON_GetObjectItemCaseSensitive(args, "orderByForRecords"), &ord))
        return false;
    long limit = GROUPS_DEFAULT_LIMIT, offset = 0;
    if (!gt_int_arg(args, "limit", &limit) || limit <= 0)
        limit = GROUPS_DEFAULT_LIMIT;
    gt_int_arg(args, "offsetForRecords", &offset);
    sim_groups *groups = gql_arena_alloc(ex->a, sizeof *groups);
    sim_error err = {0};
    if (!groups)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    if (!sim_group_by(gt_of(ex)->st, o->kind, f, dims, ndims, &ord, groups, &err))
        return gt_fail_sim(ex, &err);
    gt_defer(gt_of(ex), free_groups, groups);
    size_t n = groups->n < (size_t)limit ? groups->n : (size_t)limit;
    gql_rv *items = gql_rv_list(ex, out, n);
    if (!items)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    for (size_t i = 0; i < n; i++) {
        gt_conn *c = group_conn(ex, o, &ord, &groups->g[i], groups->ndims, offset);
        if (!c)
            return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
        items[i] = gql_rv_obj(c);
    }
    return true;
}
