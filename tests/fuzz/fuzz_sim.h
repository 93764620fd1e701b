/* fuzz_sim.h - what the simulator targets share: one in-memory workspace
 * (default stages, 40 seeded opportunities with their companies, people and
 * members, two of the opportunities soft-deleted), opened on first use and
 * kept for the whole run, and the checks every sim_error must pass. */
#ifndef FUZZ_SIM_H
#define FUZZ_SIM_H

#include "fuzz_common.h"
#include "sim/query.h"
#include "sim/store.h"

static sim_store fz_store_v;
static bool fz_store_open;

static inline sim_store *fz_store(void)
{
    if (fz_store_open)
        return &fz_store_v;
    sim_store_config cfg = {.stages = "default", .data_path = NULL, .seed_count = 40,
                            .seed = 7, .api_key_name = "fuzz key"};
    sim_error err = {0};
    if (!sim_store_open(&fz_store_v, &cfg, &err)) {
        fprintf(stderr, "sim_store_open: %s\n", err.message);
        abort();
    }
    sim_table *t = sim_store_table(&fz_store_v, SIM_OBJ_OPPORTUNITY);
    for (size_t i = 0; i < 2 && i < t->n; i++) {
        sim_uuid id = t->rows[i]->v[0].as.u;
        if (!sim_store_soft_delete(&fz_store_v, SIM_OBJ_OPPORTUNITY, &id, &err)) {
            fprintf(stderr, "soft delete: %s\n", err.message);
            abort();
        }
    }
    fz_store_open = true;
    return &fz_store_v;
}

static inline const sim_object *fz_object(sim_obj_kind k)
{
    return sim_schema_object(&fz_store()->schema, k);
}

/* A failure reports an HTTP error status, Twenty's error name and a message. */
static inline void fz_check_sim_error(const sim_error *e)
{
    FZ_CHECK(e->status >= 400 && e->status <= 599, "status %d", e->status);
    FZ_CHECK(memchr(e->error, '\0', sizeof e->error) != NULL && e->error[0], "error name");
    FZ_CHECK(memchr(e->message, '\0', sizeof e->message) != NULL && e->message[0], "message");
}

#endif
