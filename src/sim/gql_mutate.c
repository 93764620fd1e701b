/* gql_mutate.c - the Mutation root of /graphql: create (one, many, upsert),
 * update (one, many), delete (soft), destroy (hard) and restore, for every
 * object. Writes go through the store, which validates as Twenty does; the
 * results are records (a destroyed one as its last JSON). See gql_twenty.h. */
#include "sim/gql_twenty.h"

#include <stdlib.h>
#include <string.h>


static int cmp_id(const void *a, const void *b)
{
    const sim_record *x = *(sim_record *const *)a, *y = *(sim_record *const *)b;
    return sim_uuid_cmp(&x->v[0].as.u, &y->v[0].as.u);
}

/* The `id` argument; reports a bad one. */
static bool id_arg(gql_exec *ex, const cJSON *args, sim_uuid *id)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, "id");
    if (cJSON_IsString(v) && sim_uuid_parse(v->valuestring, id))
        return true;
    return gql_fail(ex, "BAD_USER_INPUT", "Invalid UUID");
}

static bool one_rec(gql_exec *ex, sim_obj_kind k, const sim_record *r, gql_rv *out)
{
    *out = gql_rv_obj(gt_rec_new(ex, k, r));
    return true;
}

/* The rows a many-mutation touches: live rows matching the filter (deleted
 * ones too when it mentions deletedAt), or, for restore, the deleted ones,
 * and, for destroy, every row. Sorted by id. */
typedef enum rows_mode { ROWS_LIVE, ROWS_DELETED, ROWS_ANY } rows_mode;

static bool matching_rows(gql_exec *ex, const sim_object *o, const cJSON *args, rows_mode mode,
                          sim_record ***out, size_t *n)
{
    bool ok;
    sim_filter *f = gt_filter(ex, o, cJSON_GetObjectItemCaseSensitive(args, "filter"), &ok);
    if (!ok)
        return false;
    sim_store *st = gt_of(ex)->st;
    sim_record **rows = NULL;
    if (mode == ROWS_LIVE) {
        *n = sim_find_all(st, o->kind, f, &rows);
    } else {
        sim_table *t = sim_store_table(st, o->kind);
        rows = malloc((t->n ? t->n : 1) * sizeof *rows);
        *n = 0;
        for (size_t i = 0; rows && i < t->n; i++) {
            sim_record *r = t->rows[i];
            if ((mode == ROWS_ANY || sim_record_deleted(t, r)) && sim_filter_match(f, r))
                rows[(*n)++] = r;
        }
    }
    if (!rows && *n > 0)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    if (rows)
        qsort(rows, *n, sizeof *rows, cmp_id);
    *out = gt_defer(gt_of(ex), free, rows);
    return true;
}

static bool create_one(gql_exec *ex, const sim_object *o, const cJSON *args, gql_rv *out)
{
    sim_store *st = gt_of(ex)->st;
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(args, "data");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(data, "id");
    sim_error err = {0};
    sim_uuid u;
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(args, "upsert")) && cJSON_IsString(id) &&
        sim_uuid_parse(id->valuestring, &u)) {
        sim_table *t = sim_store_table(st, o->kind);
        sim_record *r = sim_table_get(t, &u);
        if (r && !sim_record_deleted(t, r)) {
            cJSON *rest = cJSON_Duplicate(data, true);
            cJSON_DeleteItemFromObjectCaseSensitive(rest, "id");
            r = sim_store_update(st, o->kind, &u, rest, &err);
            cJSON_Delete(rest);
            return r ? one_rec(ex, o->kind, r, out) : gt_fail_sim(ex, &err);
        }
    }
    sim_record *r = sim_store_create(st, o->kind, data, &err);
    return r ? one_rec(ex, o->kind, r, out) : gt_fail_sim(ex, &err);
}

static bool create_many(gql_exec *ex, const sim_object *o, const cJSON *args, gql_rv *out)
{
    sim_record **rows = NULL;
    size_t n = 0;
    sim_error err = {0};
    if (!sim_store_create_many(gt_of(ex)->st, o->kind, cJSON_GetObjectItemCaseSensitive(args, "data"), &rows,
                               &n, &err))
        return gt_fail_sim(ex, &err);
    gt_defer(gt_of(ex), free, rows);
    return gt_records_rv(ex, o->kind, rows, n, out);
}

static bool update_many(gql_exec *ex, const sim_object *o, const cJSON *args, gql_rv *out)
{
    sim_store *st = gt_of(ex)->st;
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(args, "data");
    sim_error err = {0};
    if (!sim_store_validate_update(st, o->kind, data, &err))
        return gt_fail_sim(ex, &err);
    sim_record **rows;
    size_t n;
    if (!matching_rows(ex, o, args, ROWS_LIVE, &rows, &n))
        return false;
    for (size_t i = 0; i < n; i++) {
        sim_uuid id = rows[i]->v[0].as.u;
        if (!(rows[i] = sim_store_update(st, o->kind, &id, data, &err)))
            return gt_fail_sim(ex, &err);
    }
    return gt_records_rv(ex, o->kind, rows, n, out);
}

/* delete (soft), destroy and restore, one or many */
static bool remove_rows(gql_exec *ex, const sim_object *o, const cJSON *args, int tag, gql_rv *out)
{
    gt_ctx *c = gt_of(ex);
    bool one = tag == GT_DELETE_ONE || tag == GT_DESTROY_ONE || tag == GT_RESTORE_ONE;
    bool destroy = tag == GT_DESTROY_ONE || tag == GT_DESTROY_MANY;
    bool restore = tag == GT_RESTORE_ONE || tag == GT_RESTORE_MANY;
    sim_table *t = sim_store_table(c->st, o->kind);
    sim_record *single[1];
    sim_record **rows = single;
    size_t n = 0;
    if (one) {
        sim_uuid id;
        if (!id_arg(ex, args, &id))
            return false;
        single[0] = sim_table_get(t, &id);
        n = 1;
        if (!single[0] || (!destroy && !restore && sim_record_deleted(t, single[0]))) {
            gql_fail(ex, "NOT_FOUND", "Record not found");
            return false;
        }
    } else if (!matching_rows(ex, o, args, destroy ? ROWS_ANY : restore ? ROWS_DELETED : ROWS_LIVE, &rows, &n)) {
        return false;
    }
    gql_rv *items = one ? out : gql_rv_list(ex, out, n);
    if (!items)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    for (size_t i = 0; i < n; i++) {
        sim_uuid id = rows[i]->v[0].as.u;
        sim_error err = {0};
        gt_rec *rec = gt_rec_new(ex, o->kind, rows[i]);
        if (!rec)
            return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
        if (destroy) {
            rec->json = gt_defer(c, gt_free_json, sim_record_to_json(c->st, o->kind, rows[i], 0));
            rec->r = NULL;
            if (!sim_store_destroy(c->st, o->kind, &id, &err))
                return gt_fail_sim(ex, &err);
        } else if (restore) {
            if (!(rec->r = sim_store_restore(c->st, o->kind, &id, &err)))
                return gt_fail_sim(ex, &err);
        } else if (!sim_store_soft_delete(c->st, o->kind, &id, &err)) {
            return gt_fail_sim(ex, &err);
        }
        items[i] = gql_rv_obj(rec);
    }
    return true;
}

bool gt_resolve_mutation(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)src;
    const sim_object *o = f->data;
    sim_error err = {0};
    switch (f->tag) {
    case GT_CREATE_ONE:
        return create_one(ex, o, args, out);
    case GT_CREATE_MANY:
        return create_many(ex, o, args, out);
    case GT_UPDATE_ONE: {
        sim_uuid id;
        if (!id_arg(ex, args, &id))
            return false;
        sim_record *r = sim_store_update(gt_of(ex)->st, o->kind, &id, cJSON_GetObjectItemCaseSensitive(args, "data"), &err);
        return r ? one_rec(ex, o->kind, r, out) : gt_fail_sim(ex, &err);
    }
    case GT_UPDATE_MANY:
        return update_many(ex, o, args, out);
    case GT_DELETE_ONE:
    case GT_DELETE_MANY:
    case GT_DESTROY_ONE:
    case GT_DESTROY_MANY:
    case GT_RESTORE_ONE:
    case GT_RESTORE_MANY:
        return remove_rows(ex, o, args, f->tag, out);
    }
    return gql_fail(ex, "INTERNAL_SERVER_ERROR", "Unknown mutation %s", f->name);
}
