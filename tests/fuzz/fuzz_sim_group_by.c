/* fuzz_sim_group_by.c - sim_group_by_parse_rest on any REST `group_by` JSON,
 * for each object. Parsed dimensions (at most the maximum given) group the
 * seeded records; every group has members and a total that adds up. */
#include "fuzz_sim.h"

#define MAX_DIMS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sim_store *st = fz_store();
    char *text = fz_cstr(data, size);
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = fz_object((sim_obj_kind)k);
        sim_group_dim dims[MAX_DIMS];
        int ndims = -1;
        sim_error err = {0};
        if (!sim_group_by_parse_rest(o, text, dims, &ndims, MAX_DIMS, &err)) {
            fz_check_sim_error(&err);
            continue;
        }
        FZ_CHECK(ndims >= 0 && ndims <= MAX_DIMS, "%d dims", ndims);
        for (int d = 0; d < ndims; d++)
            FZ_CHECK(dims[d].slot >= 0 && dims[d].slot < o->nslots, "dim slot %d", dims[d].slot);
        sim_groups g = {0};
        if (!sim_group_by(st, (sim_obj_kind)k, NULL, dims, ndims, NULL, &g, &err)) {
            fz_check_sim_error(&err);
            continue;
        }
        size_t sum = 0;
        for (size_t i = 0; i < g.n; i++) {
            FZ_CHECK(g.g[i].count > 0, "empty group %zu", i);
            sum += g.g[i].count;
        }
        const sim_table *t = sim_store_table(st, (sim_obj_kind)k);
        FZ_CHECK(sum <= t->n, "%zu grouped of %zu", sum, t->n);
        sim_groups_free(&g);
    }
    free(text);
    return 0;
}
