/* fuzz_sim_filter.c - sim_filter_parse_rest on any `filter` text, for each
 * object of the default schema. A parsed filter is matched against every
 * record (live and soft-deleted) and, for opportunities, drives a find-many
 * (counting, index pinning); a rejected one is a proper 4xx error. */
#include "fuzz_sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sim_store *st = fz_store();
    char *text = fz_cstr(data, size);
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = fz_object((sim_obj_kind)k);
        sim_error err = {0};
        sim_filter *f = sim_filter_parse_rest(&st->schema, o, text, &err);
        if (!f) {
            fz_check_sim_error(&err);
            continue;
        }
        FZ_CHECK(err.status == 0, "success with status %d", err.status);
        const sim_table *t = sim_store_table(st, (sim_obj_kind)k);
        size_t matched = 0;
        for (size_t i = 0; i < t->n; i++)
            matched += sim_filter_match(f, t->rows[i]);
        (void)sim_filter_mentions_deleted_at(f);
        for (int s = 0; s < o->nslots; s++)
            (void)sim_filter_pinned(f, s);
        if (k == SIM_OBJ_OPPORTUNITY) {
            sim_find_args a = {.filter = f, .limit = 5};
            sim_page page = {0};
            if (sim_find_many(st, (sim_obj_kind)k, &a, &page, &err)) {
                FZ_CHECK(page.total <= matched, "totalCount %zu > %zu matches", page.total,
                         matched);
                FZ_CHECK(page.n <= 5 && page.n <= page.total, "page of %zu", page.n);
                sim_page_free(&page);
            } else {
                fz_check_sim_error(&err);
            }
        }
        sim_filter_free(f);
    }
    free(text);
    return 0;
}
