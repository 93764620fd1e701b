/* rest_delete.c - DELETE /rest/<objects>/{id}[?soft_delete=true],
 * DELETE /rest/<objects>?filter=…[&soft_delete=true] and
 * PATCH /rest/<objects>[/{id}]/restore[?filter=…] (contract 2.9).
 * A plain DELETE destroys; answers carry ids only; restores carry records. */
#include "sim/rest_internal.h"

#include <stdlib.h>

static void delete_one(rest_ctx *c, bool soft)
{
    sim_error e = {0};
    sim_table *t = sim_store_table(c->st, c->kind);
    sim_record *r = t ? sim_table_get(t, &c->id) : NULL;
    if (!r || (soft && sim_record_deleted(t, r))) {
        sim_not_found(&e);
        rest_fail(c->rs, &e);
        return;
    }
    cJSON *idj = rest_id_json(r);   /* before a destroy frees the record */
    bool ok = soft ? sim_store_soft_delete(c->st, c->kind, &c->id, &e)
                   : sim_store_destroy(c->st, c->kind, &c->id, &e);
    if (!ok) {
        cJSON_Delete(idj);
        rest_fail(c->rs, &e);
        return;
    }
    char key[96];
    rest_envelope_key(key, sizeof key, "delete", c->obj->singular);
    rest_respond_data(c->rs, 200, key, idj);
}

static void delete_many(rest_ctx *c, bool soft)
{
    sim_error e = {0};
    const char *ftext = sim_request_param(c->rq, "filter");
    if (!ftext || !*ftext) {
        sim_bad_request(&e,
                        "Filters are mandatory for bulk %s operations. Please provide at least one "
                        "filter to prevent accidental deletion of all records.",
                        soft ? "delete" : "destroy");
        rest_fail(c->rs, &e);
        return;
    }
    sim_filter *filter = sim_filter_parse_rest(&c->st->schema, c->obj, ftext, &e);
    if (!filter) {
        rest_fail(c->rs, &e);
        return;
    }
    sim_record **found = NULL;
    size_t n = sim_find_all(c->st, c->kind, filter, &found);
    sim_filter_free(filter);
    sim_table *t = sim_store_table(c->st, c->kind);
    size_t keep = 0;
    for (size_t i = 0; i < n; i++)   /* soft-deleting a deleted record changes nothing */
        if (!soft || !sim_record_deleted(t, found[i]))
            found[keep++] = found[i];
    n = keep;
    rest_sort_by_id(found, n);

    /* copy the ids first: a destroy frees its record */
    sim_uuid *ids = calloc(n ? n : 1, sizeof *ids);
    cJSON *arr = cJSON_CreateArray();
    if (!ids || !arr) {
        free(ids);
        free(found);
        cJSON_Delete(arr);
        sim_fail(&e, 500, "InternalServerErrorException", "out of memory");
        rest_fail(c->rs, &e);
        return;
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = found[i]->v[0].as.u;
    free(found);
    for (size_t i = 0; i < n; i++) {
        bool ok = soft ? sim_store_soft_delete(c->st, c->kind, &ids[i], &e)
                       : sim_store_destroy(c->st, c->kind, &ids[i], &e);
        if (!ok) {
            free(ids);
            cJSON_Delete(arr);
            rest_fail(c->rs, &e);
            return;
        }
        char text[37];
        sim_uuid_format(&ids[i], text);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", text);
        cJSON_AddItemToArray(arr, o);
    }
    free(ids);
    char key[96];
    rest_envelope_key(key, sizeof key, "delete", c->obj->plural);
    rest_respond_data(c->rs, 200, key, arr);
}

void rest_delete(rest_ctx *c)
{
    bool soft = rest_param_true(c->rq, "soft_delete");
    if (c->has_id)
        delete_one(c, soft);
    else
        delete_many(c, soft);
}

static void restore_one(rest_ctx *c, int depth, const rest_fields *fields)
{
    sim_error e = {0};
    sim_record *r = sim_store_restore(c->st, c->kind, &c->id, &e);
    if (!r) {
        rest_fail(c->rs, &e);
        return;
    }
    char key[96];
    rest_envelope_key(key, sizeof key, "restore", c->obj->singular);
    rest_respond_data(c->rs, 200, key, rest_record_json(c, r, depth, fields));
}

/* Restores every soft-deleted record that matches the filter (all of them
 * without one) and returns those records. */
static void restore_many(rest_ctx *c, int depth, const rest_fields *fields)
{
    sim_error e = {0};
    sim_filter *filter = NULL;
    const char *ftext = sim_request_param(c->rq, "filter");
    if (ftext && *ftext) {
        filter = sim_filter_parse_rest(&c->st->schema, c->obj, ftext, &e);
        if (!filter) {
            rest_fail(c->rs, &e);
            return;
        }
    }
    sim_table *t = sim_store_table(c->st, c->kind);
    size_t n = 0;
    sim_record **rows = calloc(t->n ? t->n : 1, sizeof *rows);
    if (!rows) {
        sim_filter_free(filter);
        sim_fail(&e, 500, "InternalServerErrorException", "out of memory");
        rest_fail(c->rs, &e);
        return;
    }
    for (size_t i = 0; i < t->n; i++)
        if (sim_record_deleted(t, t->rows[i]) && sim_filter_match(filter, t->rows[i]))
            rows[n++] = t->rows[i];
    sim_filter_free(filter);
    rest_sort_by_id(rows, n);
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < n; i++) {
        sim_uuid id = rows[i]->v[0].as.u;
        sim_record *r = sim_store_restore(c->st, c->kind, &id, &e);
        if (!r) {
            free(rows);
            cJSON_Delete(arr);
            rest_fail(c->rs, &e);
            return;
        }
        cJSON_AddItemToArray(arr, rest_record_json(c, r, depth, fields));
    }
    free(rows);
    char key[96];
    rest_envelope_key(key, sizeof key, "restore", c->obj->plural);
    rest_respond_data(c->rs, 200, key, arr);
}

void rest_restore(rest_ctx *c)
{
    sim_error e = {0};
    int depth = 0;
    rest_fields fields = {0};
    if (!rest_parse_depth(c->rq, &depth, &e) || !rest_parse_fields(c->obj, c->rq, &fields, &e)) {
        rest_fail(c->rs, &e);
        return;
    }
    if (c->has_id)
        restore_one(c, depth, &fields);
    else
        restore_many(c, depth, &fields);
    rest_fields_free(&fields);
}
