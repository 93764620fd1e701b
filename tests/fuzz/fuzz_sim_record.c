/* fuzz_sim_record.c - the record input validation (contract 2.7, 2.8) on
 * any request body, for each object of an in-memory workspace: an object
 * body goes to sim_store_create, sim_store_validate_update and, once
 * created, sim_store_update of that record; an array to
 * sim_store_create_many. What is created is rendered (depth 0 and 1, as a
 * tree and in the printed answers' form, which must print the same) and
 * destroyed again, so the workspace stays the seeded one. A failure leaves
 * the table as it was. */
#include <cjson/cJSON.h>

#include "fuzz_sim.h"

static void render_and_destroy(sim_store *st, sim_obj_kind k, sim_record *r)
{
    for (int depth = 0; depth < 2; depth++) {
        cJSON *j = sim_record_to_json(st, k, r, depth);
        FZ_CHECK(j != NULL, "no JSON for a created record");
        char *txt = cJSON_PrintUnformatted(j);
        FZ_CHECK(txt != NULL, "print");
        /* the REST answers' form prints the same values */
        cJSON *w = sim_record_to_wire_json(st, k, r, depth);
        char *wtxt = w ? cJSON_PrintUnformatted(w) : NULL;
        FZ_CHECK(wtxt != NULL, "print (wire form)");
        cJSON *a = cJSON_Parse(txt), *b = cJSON_Parse(wtxt);
        FZ_CHECK(a && b && cJSON_Compare(a, b, true), "wire form differs: %s / %s", txt, wtxt);
        cJSON_Delete(a);
        cJSON_Delete(b);
        free(wtxt);
        cJSON_Delete(w);
        free(txt);
        cJSON_Delete(j);
    }
    sim_uuid id = r->v[0].as.u;
    sim_error err = {0};
    FZ_CHECK(sim_store_destroy(st, k, &id, &err), "destroy: %s", err.message);
}

static void one_object(sim_store *st, sim_obj_kind k, const cJSON *body)
{
    sim_table *t = sim_store_table(st, k);
    size_t before = t->n;
    sim_error err = {0};
    if (!sim_store_validate_update(st, k, body, &err))
        fz_check_sim_error(&err);
    memset(&err, 0, sizeof err);
    sim_record *r = sim_store_create(st, k, body, &err);
    if (!r) {
        fz_check_sim_error(&err);
        FZ_CHECK(t->n == before, "a failed create changed the table");
        return;
    }
    FZ_CHECK(t->n == before + 1, "create added %zu rows", t->n - before);
    sim_uuid id = r->v[0].as.u;
    memset(&err, 0, sizeof err);
    sim_record *u = sim_store_update(st, k, &id, body, &err);
    if (u)
        r = u;
    else
        fz_check_sim_error(&err);
    render_and_destroy(st, k, r);
    FZ_CHECK(t->n == before, "destroy left %zu rows", t->n - before);
}

static void many(sim_store *st, sim_obj_kind k, const cJSON *body)
{
    sim_table *t = sim_store_table(st, k);
    size_t before = t->n;
    sim_record **rows = NULL;
    size_t n = 0;
    sim_error err = {0};
    if (!sim_store_create_many(st, k, body, &rows, &n, &err)) {
        fz_check_sim_error(&err);
        FZ_CHECK(t->n == before, "a failed batch changed the table");
        return;
    }
    FZ_CHECK(n == (size_t)cJSON_GetArraySize(body) && t->n == before + n, "batch of %zu", n);
    for (size_t i = 0; i < n; i++)
        render_and_destroy(st, k, rows[i]);
    free(rows);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sim_store *st = fz_store();
    cJSON *body = cJSON_ParseWithLength((const char *)data, size);
    if (!body)
        return 0;
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        if (cJSON_IsObject(body))
            one_object(st, (sim_obj_kind)k, body);
        else if (cJSON_IsArray(body))
            many(st, (sim_obj_kind)k, body);
    }
    cJSON_Delete(body);
    return 0;
}
