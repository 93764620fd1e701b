/* fuzz_sim_stages.c - the stages file (twenty-sim --stages FILE: a JSON list
 * of {value,label,color,position}) through sim_schema_init. A loaded set is
 * non-empty, sorted by position, with UPPER_SNAKE_CASE values; a rejected
 * file is a proper error. */
#include "fuzz_tmpdir.h"
#include "sim/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_tmp_path("stages.json");
    fz_tmp_write(path, data, size);
    sim_schema s;
    sim_error err = {0};
    if (!sim_schema_init(&s, path, &err)) {
        FZ_CHECK(err.status >= 400 && err.message[0], "status %d", err.status);
        return 0;
    }
    FZ_CHECK(s.nstages > 0 && s.default_stage >= 0 && s.default_stage < s.nstages,
             "%d stages, default %d", s.nstages, s.default_stage);
    for (int i = 0; i < s.nstages; i++) {
        const char *v = s.stages[i].value;
        FZ_CHECK(v && *v && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == strlen(v),
                 "value %s", v ? v : "(null)");
        FZ_CHECK(s.stages[i].label && s.stages[i].color, "label/color");
        FZ_CHECK(i == 0 || s.stages[i - 1].position <= s.stages[i].position, "not sorted");
        FZ_CHECK(sim_schema_stage_index(&s, v) == i, "index of %s", v);
    }
    char list[512];
    sim_schema_stage_list(&s, list, sizeof list);
    FZ_CHECK(memchr(list, '\0', sizeof list) != NULL, "stage list not terminated");
    sim_schema_free(&s);
    return 0;
}
