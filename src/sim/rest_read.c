/* rest_read.c - GET /rest/<objects> (find many, contract 2.2) and
 * GET /rest/<objects>/{id} (find one, contract 2.6). */
#include "sim/rest_internal.h"

#include <stdlib.h>

#define REST_DEFAULT_LIMIT 60   /* QUERY_DEFAULT_LIMIT_RECORDS */
#define REST_MAX_LIMIT 200      /* QUERY_MAX_RECORDS */

static cJSON *page_info_json(const sim_page *pg)
{
    cJSON *pi = cJSON_CreateObject();
    if (!pi)
        return NULL;
    cJSON_AddBoolToObject(pi, "hasNextPage", pg->has_next);
    cJSON_AddBoolToObject(pi, "hasPreviousPage", pg->has_prev);
    if (pg->n > 0 && pg->start_cursor)
        cJSON_AddStringToObject(pi, "startCursor", pg->start_cursor);
    else
        cJSON_AddNullToObject(pi, "startCursor");
    if (pg->n > 0 && pg->end_cursor)
        cJSON_AddStringToObject(pi, "endCursor", pg->end_cursor);
    else
        cJSON_AddNullToObject(pi, "endCursor");
    return pi;
}

static cJSON *list_json(const rest_ctx *c, const sim_page *pg, int depth, const rest_fields *f)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *data = root ? cJSON_AddObjectToObject(root, "data") : NULL;
    cJSON *arr = data ? cJSON_AddArrayToObject(data, c->obj->plural) : NULL;
    if (!arr) {
        cJSON_Delete(root);
        return NULL;
    }
    for (size_t i = 0; i < pg->n; i++) {
        cJSON *rec = rest_record_json(c, pg->rows[i], depth, f);
        if (!rec) {
            cJSON_Delete(root);
            return NULL;
        }
        cJSON_AddItemToArray(arr, rec);
    }
    cJSON_AddNumberToObject(root, "totalCount", (double)pg->total);
    cJSON *pi = page_info_json(pg);
    if (!pi) {
        cJSON_Delete(root);
        return NULL;
    }
    cJSON_AddItemToObject(root, "pageInfo", pi);
    return root;
}

void rest_find_many(rest_ctx *c)
{
    sim_error e = {0};
    int depth = 0;
    long limit = REST_DEFAULT_LIMIT;
    sim_order order;
    sim_filter *filter = NULL;
    rest_fields fields = {0};
    sim_page page = {0};

    /* the order Twenty parses them in: depth, limit, order_by, filter, cursors */
    if (!rest_parse_depth(c->rq, &depth, &e) ||
        !rest_parse_limit(c->rq, REST_DEFAULT_LIMIT, REST_MAX_LIMIT, &limit, &e) ||
        !sim_order_parse(c->obj, sim_request_param(c->rq, "order_by"), &order, &e))
        goto fail;
    const char *ftext = sim_request_param(c->rq, "filter");
    if (ftext && *ftext) {
        filter = sim_filter_parse_rest(&c->st->schema, c->obj, ftext, &e);
        if (!filter)
            goto fail;
    }
    if (!rest_parse_fields(c->obj, c->rq, &fields, &e))
        goto fail;

    sim_find_args args = {
        .filter = filter,
        .order = &order,
        .starting_after = rest_param_nonempty(c->rq, "starting_after"),
        .ending_before = rest_param_nonempty(c->rq, "ending_before"),
        .limit = limit,
        .max_limit = REST_MAX_LIMIT,
    };
    if (!sim_find_many(c->st, c->kind, &args, &page, &e))
        goto fail;

    cJSON *body = list_json(c, &page, depth, &fields);
    if (!body) {
        sim_fail(&e, 500, "InternalServerErrorException", "out of memory");
        goto fail;
    }
    sim_respond_json(c->rs, 200, body);
    sim_page_free(&page);
    sim_filter_free(filter);
    rest_fields_free(&fields);
    return;
fail:
    sim_page_free(&page);
    sim_filter_free(filter);
    rest_fields_free(&fields);
    rest_fail(c->rs, &e);
}

void rest_find_one(rest_ctx *c)
{
    sim_error e = {0};
    int depth = 0;
    rest_fields fields = {0};
    if (!rest_parse_depth(c->rq, &depth, &e) || !rest_parse_fields(c->obj, c->rq, &fields, &e)) {
        rest_fail(c->rs, &e);
        return;
    }
    sim_table *t = sim_store_table(c->st, c->kind);
    sim_record *r = t ? sim_table_get(t, &c->id) : NULL;
    if (!r || sim_record_deleted(t, r)) {
        rest_fields_free(&fields);
        sim_not_found(&e);
        rest_fail(c->rs, &e);
        return;
    }
    cJSON *rec = rest_record_json(c, r, depth, &fields);
    rest_fields_free(&fields);
    rest_respond_data(c->rs, 200, c->obj->singular, rec);
}
