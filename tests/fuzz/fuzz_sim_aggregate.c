/* fuzz_sim_aggregate.c - sim_aggregate_parse on any aggregate name (REST
 * `aggregate=[…]` items, GraphQL aggregate fields), for each object; a
 * known one is evaluated over every record, as REST (strings) and GraphQL
 * (numbers) serialise it. */
#include "fuzz_sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sim_store *st = fz_store();
    char *text = fz_cstr(data, size);
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = fz_object((sim_obj_kind)k);
        sim_aggregate a;
        if (!sim_aggregate_parse(o, text, &a))
            continue;
        FZ_CHECK(a.slot >= -1 && a.slot < o->nslots, "slot %d", a.slot);
        FZ_CHECK(a.nslots >= 0 && a.nslots <= SIM_MAX_SUB, "%d slots", a.nslots);
        FZ_CHECK(memchr(a.name, '\0', sizeof a.name) != NULL, "name not terminated");
        const sim_table *t = sim_store_table(st, (sim_obj_kind)k);
        for (int as_string = 0; as_string < 2; as_string++) {
            cJSON *v = sim_aggregate_eval(&a, t->rows, t->n, as_string);
            FZ_CHECK(v != NULL, "no value for %s", text);
            cJSON_Delete(v);
            v = sim_aggregate_eval(&a, t->rows, 0, as_string);
            FZ_CHECK(v != NULL, "no value for %s over nothing", text);
            cJSON_Delete(v);
        }
    }
    free(text);
    return 0;
}
