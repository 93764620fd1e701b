/* rest_write.c - POST /rest/<objects> (create, 2.7), POST /rest/batch/<objects>
 * (create many), PATCH|PUT /rest/<objects>/{id} (update, 2.8) and
 * PATCH /rest/<objects>?filter=… (update many). Validation itself is the
 * store's (sim_store_*); this file reads the request and shapes the answer. */
#include "sim/rest_internal.h"

#include <stdlib.h>

/* Parses depth, fields and the body; false after answering with the error. */
static bool read_write_args(rest_ctx *c, int *depth, rest_fields *fields, cJSON **body)
{
    sim_error e = {0};
    *body = NULL;
    if (!rest_parse_depth(c->rq, depth, &e) || !rest_parse_fields(c->obj, c->rq, fields, &e) ||
        !rest_parse_body(c->rq, body, &e)) {
        rest_fields_free(fields);
        rest_fail(c->rs, &e);
        return false;
    }
    return true;
}

static void respond_record(rest_ctx *c, int status, const char *prefix, const sim_record *r,
                           int depth, const rest_fields *fields)
{
    char key[96];
    rest_envelope_key(key, sizeof key, prefix, c->obj->singular);
    rest_respond_data(c->rs, status, key, rest_record_json(c, r, depth, fields));
}

static void respond_records(rest_ctx *c, int status, const char *prefix, sim_record **rows,
                            size_t n, int depth, const rest_fields *fields)
{
    char key[96];
    rest_envelope_key(key, sizeof key, prefix, c->obj->plural);
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < n; i++) {
        cJSON *rec = rest_record_json(c, rows[i], depth, fields);
        if (!rec) {
            cJSON_Delete(arr);
            arr = NULL;
            break;
        }
        cJSON_AddItemToArray(arr, rec);
    }
    rest_respond_data(c->rs, status, key, arr);
}

/* ?upsert=true with the id of a live record updates it instead. */
static sim_record *upsert_target(rest_ctx *c, const cJSON *body)
{
    if (!rest_param_true(c->rq, "upsert"))
        return NULL;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(body, "id");
    sim_uuid u;
    if (!cJSON_IsString(id) || !sim_uuid_parse(id->valuestring, &u))
        return NULL;
    sim_table *t = sim_store_table(c->st, c->kind);
    sim_record *r = t ? sim_table_get(t, &u) : NULL;
    return r && !sim_record_deleted(t, r) ? r : NULL;
}

void rest_create_one(rest_ctx *c)
{
    int depth = 0;
    rest_fields fields = {0};
    cJSON *body;
    if (!read_write_args(c, &depth, &fields, &body))
        return;
    sim_error e = {0};
    sim_record *r = NULL;
    if (!cJSON_IsObject(body)) {
        sim_bad_request(&e, "Body must be an object");
    } else {
        sim_record *existing = upsert_target(c, body);
        if (existing) {
            cJSON *patch = cJSON_Duplicate(body, true);
            cJSON_DeleteItemFromObjectCaseSensitive(patch, "id");
            r = sim_store_update(c->st, c->kind, &existing->v[0].as.u, patch, &e);
            cJSON_Delete(patch);
        } else {
            r = sim_store_create(c->st, c->kind, body, &e);
        }
    }
    cJSON_Delete(body);
    if (r)
        respond_record(c, 201, "create", r, depth, &fields);
    else
        rest_fail(c->rs, &e);
    rest_fields_free(&fields);
}

void rest_create_many(rest_ctx *c)
{
    int depth = 0;
    rest_fields fields = {0};
    cJSON *body;
    if (!read_write_args(c, &depth, &fields, &body))
        return;
    sim_error e = {0};
    sim_record **rows = NULL;
    size_t n = 0;
    bool ok = false;
    if (!cJSON_IsArray(body))
        sim_bad_request(&e, "Body must be an array");
    else if (cJSON_GetArraySize(body) == 0)
        sim_bad_request(&e, "Input must not be empty");
    else
        ok = sim_store_create_many(c->st, c->kind, body, &rows, &n, &e);
    cJSON_Delete(body);
    if (ok)
        respond_records(c, 201, "create", rows, n, depth, &fields);
    else
        rest_fail(c->rs, &e);
    free(rows);
    rest_fields_free(&fields);
}

void rest_update_one(rest_ctx *c)
{
    int depth = 0;
    rest_fields fields = {0};
    cJSON *body;
    if (!read_write_args(c, &depth, &fields, &body))
        return;
    sim_error e = {0};
    sim_record *r = NULL;
    if (!cJSON_IsObject(body))
        sim_bad_request(&e, "Body must be an object");
    else
        r = sim_store_update(c->st, c->kind, &c->id, body, &e);
    cJSON_Delete(body);
    if (r)
        respond_record(c, 200, "update", r, depth, &fields);
    else
        rest_fail(c->rs, &e);
    rest_fields_free(&fields);
}

/* Applies `body` to every live record matching the filter (at most
 * REST_MUTATION_MAX_AFFECTED), after validating it once. */
void rest_update_many(rest_ctx *c)
{
    int depth = 0;
    rest_fields fields = {0};
    cJSON *body;
    if (!read_write_args(c, &depth, &fields, &body))
        return;
    sim_error e = {0};
    sim_filter *filter = NULL;
    sim_record **found = NULL, **updated = NULL;
    size_t nfound = 0, nupdated = 0;
    bool ok = false;

    const char *ftext = sim_request_param(c->rq, "filter");
    if (ftext && *ftext) {
        filter = sim_filter_parse_rest(&c->st->schema, c->obj, ftext, &e);
        if (!filter)
            goto done;
    }
    if (!cJSON_IsObject(body)) {
        sim_bad_request(&e, "Body must be an object");
        goto done;
    }
    if (!sim_store_validate_update(c->st, c->kind, body, &e))
        goto done;
    nfound = sim_find_all(c->st, c->kind, filter, &found);
    sim_table *t = sim_store_table(c->st, c->kind);
    size_t live = 0;
    for (size_t i = 0; i < nfound; i++)
        if (!sim_record_deleted(t, found[i]))
            found[live++] = found[i];
    if (live > REST_MUTATION_MAX_AFFECTED) {
        sim_bad_request(&e, "Cannot update more than %d records at once",
                        REST_MUTATION_MAX_AFFECTED);
        goto done;
    }
    rest_sort_by_id(found, live);
    updated = calloc(live ? live : 1, sizeof *updated);
    if (!updated) {
        sim_fail(&e, 500, "InternalServerErrorException", "out of memory");
        goto done;
    }
    for (size_t i = 0; i < live; i++) {
        sim_uuid id = found[i]->v[0].as.u;
        sim_record *r = sim_store_update(c->st, c->kind, &id, body, &e);
        if (!r)
            goto done;
        updated[nupdated++] = r;
    }
    ok = true;
done:
    cJSON_Delete(body);
    if (ok)
        respond_records(c, 200, "update", updated, nupdated, depth, &fields);
    else
        rest_fail(c->rs, &e);
    free(found);
    free(updated);
    sim_filter_free(filter);
    rest_fields_free(&fields);
}
