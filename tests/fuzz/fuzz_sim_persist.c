/* fuzz_sim_persist.c - loading twenty-sim's data file and replaying its
 * journal (sim_persist_load, as sim_store_open does with --data FILE). The
 * input is the snapshot, optionally followed by a line "--journal--" and
 * the journal text. A load that succeeds gives a consistent workspace (every
 * record found by its id, rendering as JSON); a failure is a proper error.
 * The store is memory-only again before it is closed, so nothing is saved. */
#include "fuzz_tmpdir.h"
#include "sim/store_internal.h"

static const char k_sep[] = "\n--journal--\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_tmp_path("data.json");
    const char *jpath = fz_tmp_path("data.json.journal");
    const uint8_t *sep = NULL;
    for (size_t i = 0; i + sizeof k_sep - 1 <= size && !sep; i++)
        if (memcmp(data + i, k_sep, sizeof k_sep - 1) == 0)
            sep = data + i;
    size_t snap = sep ? (size_t)(sep - data) : size;
    fz_tmp_write(path, data, snap);
    if (sep)
        fz_tmp_write(jpath, sep + sizeof k_sep - 1, size - snap - (sizeof k_sep - 1));
    else
        unlink(jpath);

    sim_store st;
    sim_store_config cfg = {.stages = "default", .seed_count = -1, .seed = 1,
                            .api_key_name = "fuzz key"};
    sim_error err = {0};
    if (!sim_store_open(&st, &cfg, &err))
        abort();
    st.data_path = (char *)path;
    bool found = false, replayed = false;
    bool ok = sim_persist_load(&st, &found, &replayed, &err);
    st.data_path = NULL;
    if (!ok) {
        FZ_CHECK(err.status >= 400 && err.message[0], "status %d", err.status);
    } else {
        FZ_CHECK(found, "loaded without a file");
        for (int k = 0; k < SIM_OBJ_COUNT; k++) {
            sim_table *t = sim_store_table(&st, (sim_obj_kind)k);
            size_t deleted = 0;
            for (size_t i = 0; i < t->n; i++) {
                const sim_record *r = t->rows[i];
                FZ_CHECK(r->v[0].kind == SV_UUID, "record without an id");
                FZ_CHECK(sim_table_get(t, &r->v[0].as.u) == r, "id lookup");
                deleted += sim_record_deleted(t, r);
                cJSON *j = sim_record_to_json(&st, (sim_obj_kind)k, r, 1);
                FZ_CHECK(j != NULL, "record JSON");
                cJSON_Delete(j);
            }
            FZ_CHECK(deleted == t->deleted, "%zu soft-deleted, table says %zu", deleted,
                     t->deleted);
        }
    }
    sim_store_close(&st);
    return 0;
}
