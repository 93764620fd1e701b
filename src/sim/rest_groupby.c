/* rest_groupby.c - GET /rest/<objects>/groupBy (contract 2.10): a bare
 * array of {"groupByDimensionValues":[…], <aggregates…>, "records":[…]}. */
#include "sim/rest_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/query_internal.h"

#define GROUPS_DEFAULT_LIMIT 50     /* DEFAULT_NUMBER_OF_GROUPS_LIMIT */
#define GROUPS_MAX_LIMIT 200        /* QUERY_MAX_RECORDS */
#define RECORDS_PER_GROUP 10        /* RECORDS_PER_GROUP_LIMIT */
#define MAX_DIMS 8
#define MAX_AGGREGATES 32

static const char k_bad_group_by[] =
    "Invalid group_by query parameter - should be a valid array of objects - ex: "
    "[{\"firstField\": true}, {\"secondField\": {\"subField\": true}}, "
    "{\"dateField\": {\"granularity\": 'DAY'}}]";
static const char k_bad_aggregate[] =
    "Invalid aggregate query parameter - should be a valid array of string - ex: "
    "[\"countNotEmptyId\", \"countEmptyField\"]";
static const char k_bad_order_by[] =
    "Invalid order_by query parameter - should be a valid array of objects - ex: "
    "[{\"firstField\": \"AscNullsFirst\"}, {\"secondField\": {\"subField\": \"DescNullsLast\"}}, "
    "{\"aggregate\": {\"aggregateField\": \"DescNullsLast\"}}, {dateField: {\"orderBy\": "
    "\"AscNullsFirst\", \"granularity\": \"DAY\"}}]";

/* `aggregate=["sumAmountAmountMicros","totalCount"]`: names Twenty does not
 * know for this object are skipped, as unselectable fields are. */
static bool parse_aggregates(const sim_object *o, const char *text, sim_aggregate *out, int *n,
                             sim_error *e)
{
    *n = 0;
    if (!text)
        return true;
    cJSON *arr = cJSON_Parse(text);
    if (!cJSON_IsArray(arr)) {
        cJSON_Delete(arr);
        return sim_bad_request(e, "%s", k_bad_aggregate);
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, arr) {
        if (!cJSON_IsString(item))
            continue;
        bool seen = false;
        for (int i = 0; i < *n; i++)
            if (strcmp(out[i].name, item->valuestring) == 0)
                seen = true;
        if (!seen && *n < MAX_AGGREGATES && sim_aggregate_parse(o, item->valuestring, &out[*n]))
            (*n)++;
    }
    cJSON_Delete(arr);
    return true;
}

static cJSON *group_json(const rest_ctx *c, const sim_group *g, int ndims,
                         const sim_aggregate *aggs, int naggs, bool with_records)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *dims = o ? cJSON_AddArrayToObject(o, "groupByDimensionValues") : NULL;
    if (!dims) {
        cJSON_Delete(o);
        return NULL;
    }
    for (int d = 0; d < ndims; d++)
        cJSON_AddItemToArray(dims, sim_group_dim_json(&g->dims[d]));
    for (int a = 0; a < naggs; a++) {
        cJSON *v = sim_aggregate_eval(&aggs[a], g->rows, g->nrows, true);
        cJSON_AddItemToObject(o, aggs[a].name, v ? v : cJSON_CreateNull());
    }
    if (with_records) {
        cJSON *recs = cJSON_AddArrayToObject(o, "records");
        size_t n = g->nrows < RECORDS_PER_GROUP ? g->nrows : RECORDS_PER_GROUP;
        for (size_t i = 0; recs && i < n; i++)
            cJSON_AddItemToArray(recs, rest_record_json(c, g->rows[i], 0, NULL));
    }
    return o;
}

/* The records' order cannot change the answer: no records are shown and no
 * aggregate adds up floating-point values (a float sum depends on the order). */
static bool order_free(const sim_object *o, const sim_aggregate *aggs, int naggs,
                       bool with_records)
{
    if (with_records)
        return false;
    for (int a = 0; a < naggs; a++) {
        if (aggs[a].op != AGG_SUM && aggs[a].op != AGG_AVG)
            continue;
        sim_vkind kind = SV_NULL;
        for (int i = 0; i < o->nfields; i++) {
            const sim_field *f = &o->fields[i];
            if (f->nsub == 0 && f->slot == aggs[a].slot)
                kind = f->kind;
            for (int j = 0; j < f->nsub; j++)
                if (f->subs[j].slot == aggs[a].slot)
                    kind = f->subs[j].kind;
        }
        if (kind != SV_INT)
            return false;
    }
    return true;
}

/* The answer's cache key: every parameter that shapes it, verbatim (an
 * absent one differs from an empty one). NULL on out-of-memory. */
static char *answer_key(const sim_request *rq)
{
    static const char *const names[] = {"order_by", "order_by_for_records", "filter", "group_by",
                                        "include_records_sample", "aggregate", "limit"};
    size_t n = 1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = sim_request_param(rq, names[i]);
        n += 2 + (v ? strlen(v) : 0);
    }
    char *key = malloc(n), *p = key;
    if (!key)
        return NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = sim_request_param(rq, names[i]);
        *p++ = v ? '\x01' : '\x02';
        if (v) {
            size_t l = strlen(v);
            memcpy(p, v, l);
            p += l;
        }
        *p++ = '\x03';
    }
    *p = '\0';
    return key;
}

void rest_group_by(rest_ctx *c)
{
    sim_error e = {0};
    sim_order rec_order;
    sim_filter *filter = NULL;
    sim_group_dim dims[MAX_DIMS];
    int ndims = 0, naggs = 0;
    sim_aggregate aggs[MAX_AGGREGATES];
    long limit = GROUPS_DEFAULT_LIMIT;
    sim_groups groups = {0};
    bool have_groups = false;

    /* Twenty's order: order_by, order_by_for_records, filter, group_by,
     * include_records_sample, aggregate, limit */
    const char *group_order = sim_request_param(c->rq, "order_by");
    if (group_order) {
        cJSON *j = cJSON_Parse(group_order);
        bool ok = j != NULL;
        cJSON_Delete(j);
        if (!ok) {
            sim_bad_request(&e, "%s", k_bad_order_by);
            goto fail;
        }
    }
    if (!sim_order_parse(c->obj, sim_request_param(c->rq, "order_by_for_records"), &rec_order, &e))
        goto fail;
    const char *ftext = sim_request_param(c->rq, "filter");
    if (ftext && *ftext) {
        filter = sim_filter_parse_rest(&c->st->schema, c->obj, ftext, &e);
        if (!filter)
            goto fail;
    }
    const char *gtext = sim_request_param(c->rq, "group_by");
    if (!gtext) {
        sim_bad_request(&e, "%s", k_bad_group_by);
        goto fail;
    }
    if (!sim_group_by_parse_rest(c->obj, gtext, dims, &ndims, MAX_DIMS, &e))
        goto fail;
    bool with_records = rest_param_true(c->rq, "include_records_sample");
    if (!parse_aggregates(c->obj, sim_request_param(c->rq, "aggregate"), aggs, &naggs, &e) ||
        !rest_parse_limit(c->rq, GROUPS_DEFAULT_LIMIT, GROUPS_MAX_LIMIT, &limit, &e))
        goto fail;

    /* the same question about the same generation of the table: the same
     * answer (a records sample, which renders records, is not kept) */
    char *key = with_records ? NULL : answer_key(c->rq);
    cJSON *cached = key ? sim_qcache_answer_get(c->st, c->kind, key) : NULL;
    if (cached) {
        free(key);
        sim_filter_free(filter);
        sim_respond_json(c->rs, 200, cached);
        return;
    }
    const sim_order *walk = order_free(c->obj, aggs, naggs, with_records) ? NULL : &rec_order;
    if (!sim_group_by(c->st, c->kind, filter, dims, ndims, walk, &groups, &e)) {
        free(key);
        goto fail;
    }
    have_groups = true;

    cJSON *arr = cJSON_CreateArray();
    size_t n = groups.n < (size_t)limit ? groups.n : (size_t)limit;
    for (size_t i = 0; arr && i < n; i++) {
        cJSON *g = group_json(c, &groups.g[i], groups.ndims, aggs, naggs, with_records);
        if (!g) {
            cJSON_Delete(arr);
            arr = NULL;
            break;
        }
        cJSON_AddItemToArray(arr, g);
    }
    sim_groups_free(&groups);
    sim_filter_free(filter);
    if (arr && key)
        sim_qcache_answer_put(c->st, c->kind, key, arr);
    free(key);
    if (!arr) {
        sim_fail(&e, 500, "InternalServerErrorException", "out of memory");
        rest_fail(c->rs, &e);
        return;
    }
    sim_respond_json(c->rs, 200, arr);
    return;
fail:
    if (have_groups)
        sim_groups_free(&groups);
    sim_filter_free(filter);
    rest_fail(c->rs, &e);
}
