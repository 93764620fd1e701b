/* fuzz_sim_order.c - sim_order_parse on any `order_by` text, for each
 * object. A parsed order holds the id key (appended last unless ordered
 * already) and at most SIM_MAX_ORDER keys; its cursors round-trip (encode
 * a record, decode the same values), and a find-many after such a cursor
 * works. */
#include "fuzz_sim.h"

static void check_cursor(sim_store *st, sim_obj_kind k, const sim_order *ord, const sim_record *r)
{
    const sim_object *o = fz_object(k);
    char *cur = sim_cursor_encode(o, ord, r);
    FZ_CHECK(cur != NULL, "encode failed");
    sim_value vals[SIM_MAX_ORDER];
    sim_error err = {0};
    FZ_CHECK(sim_cursor_decode(&st->schema, ord, cur, vals, &err), "own cursor %s: %s", cur,
             err.message);
    for (int j = 0; j < ord->n; j++) {
        const sim_value *want = &r->v[ord->keys[j].slot];
        FZ_CHECK(sim_value_equal(&vals[j], want), "key %d (%s) of cursor %s changed", j,
                 ord->keys[j].name, cur);
        sim_value_free(&vals[j]);
    }
    sim_find_args a = {.order = ord, .starting_after = cur, .limit = 3};
    sim_page page = {0};
    if (sim_find_many(st, k, &a, &page, &err))
        sim_page_free(&page);
    else
        fz_check_sim_error(&err);
    free(cur);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sim_store *st = fz_store();
    char *text = fz_cstr(data, size);
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = fz_object((sim_obj_kind)k);
        sim_order ord;
        sim_error err = {0};
        if (!sim_order_parse(o, text, &ord, &err)) {
            fz_check_sim_error(&err);
            continue;
        }
        FZ_CHECK(ord.n >= 1 && ord.n <= SIM_MAX_ORDER, "%d keys", ord.n);
        for (int j = 0; j < ord.n; j++)
            FZ_CHECK(ord.keys[j].slot >= 0 && ord.keys[j].slot < o->nslots, "slot %d",
                     ord.keys[j].slot);
        bool has_id = false;   /* id last, unless the text ordered by id already */
        for (int j = 0; j < ord.n; j++)
            has_id |= ord.keys[j].slot == 0;
        FZ_CHECK(has_id, "no id tie-breaker");
        const sim_table *t = sim_store_table(st, (sim_obj_kind)k);
        for (size_t i = 0; i < t->n && i < 3; i++)
            check_cursor(st, (sim_obj_kind)k, &ord, t->rows[i]);
    }
    free(text);
    return 0;
}
