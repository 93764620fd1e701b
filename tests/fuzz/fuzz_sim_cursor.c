/* fuzz_sim_cursor.c - sim_cursor_decode on any cursor text, under a few
 * orders (the default id order, position, amount with nulls last, name,
 * stage, closeDate). The input is tried as it is (base64 decoding) and
 * base64-encoded (so the fuzzer also reaches the JSON inside). A decoded
 * cursor drives a find-many in both directions. */
#include "fuzz_sim.h"
#include "sim/query_internal.h"

static const char *const k_orders[] = {
    "", "position", "amount.amountMicros[DescNullsLast],closeDate[AscNullsLast]",
    "name[DescNullsFirst]", "stage,position[DescNullsLast]", "closeDate,createdAt"};
#define NORDERS (sizeof k_orders / sizeof k_orders[0])

static sim_order g_orders[NORDERS];
static bool g_ready;

static void setup(void)
{
    if (g_ready)
        return;
    const sim_object *o = fz_object(SIM_OBJ_OPPORTUNITY);
    for (size_t i = 0; i < NORDERS; i++) {
        sim_error err = {0};
        if (!sim_order_parse(o, k_orders[i], &g_orders[i], &err)) {
            fprintf(stderr, "order %s: %s\n", k_orders[i], err.message);
            abort();
        }
    }
    g_ready = true;
}

static void try_cursor(sim_store *st, const sim_order *ord, const char *cur)
{
    sim_value vals[SIM_MAX_ORDER];
    sim_error err = {0};
    if (!sim_cursor_decode(&st->schema, ord, cur, vals, &err)) {
        fz_check_sim_error(&err);
        FZ_CHECK(err.status == 400 || err.status == 500, "status %d", err.status);
        for (int j = 0; j < ord->n; j++)
            FZ_CHECK(vals[j].kind == SV_NULL, "value %d kept after a failure", j);
        return;
    }
    for (int j = 0; j < ord->n; j++)
        sim_value_free(&vals[j]);
    sim_find_args after = {.order = ord, .starting_after = cur, .limit = 4};
    sim_find_args before = {.order = ord, .ending_before = cur, .limit = 4};
    sim_page page = {0};
    if (sim_find_many(st, SIM_OBJ_OPPORTUNITY, &after, &page, &err))
        sim_page_free(&page);
    else
        fz_check_sim_error(&err);
    memset(&page, 0, sizeof page);
    if (sim_find_many(st, SIM_OBJ_OPPORTUNITY, &before, &page, &err))
        sim_page_free(&page);
    else
        fz_check_sim_error(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sim_store *st = fz_store();
    setup();
    char *raw = fz_cstr(data, size);
    char *enc = sim_base64_encode(data, size);
    FZ_CHECK(enc != NULL, "base64 encode");
    for (size_t i = 0; i < NORDERS; i++) {
        try_cursor(st, &g_orders[i], raw);
        try_cursor(st, &g_orders[i], enc);
    }
    free(enc);
    free(raw);
    return 0;
}
