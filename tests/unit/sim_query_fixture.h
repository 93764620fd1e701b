/* sim_query_fixture.h - helpers shared by the query engine's unit tests
 * (test_sim_filter.c, test_sim_order.c, test_sim_cursor.c, test_sim_query.c):
 * an in-memory store with the demo stages, and opportunities inserted
 * directly (no validation, no journal) so tables of 100,000 rows build fast. */
#ifndef SIM_QUERY_FIXTURE_H
#define SIM_QUERY_FIXTURE_H

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/query.h"
#include "sim/store_internal.h"

#define FX_NO_AMOUNT INT64_MIN
#define FX_NO_DATE INT64_MIN

static uint64_t fx_rng = 42;

static inline void fx_open(sim_store *st, const char *stages)
{
    sim_store_config cfg = {.stages = stages, .seed_count = -1, .seed = 1,
                            .api_key_name = "fixture"};
    sim_error e = {0};
    ck_assert_msg(sim_store_open(st, &cfg, &e), "open: %s", e.message);
}

static inline int fx_slot(const sim_object *o, const char *path)
{
    int s = sim_object_resolve(o, path, NULL, NULL);
    ck_assert_msg(s >= 0, "no slot for %s", path);
    return s;
}

/* Inserts an opportunity; name NULL, amount FX_NO_AMOUNT, position NAN and
 * close FX_NO_DATE leave those slots NULL. Returns the record. */
static inline sim_record *fx_add(sim_store *st, const char *name, const char *stage,
                                 int64_t micros, const char *currency, double position,
                                 int64_t close_ms)
{
    sim_table *t = sim_store_table(st, SIM_OBJ_OPPORTUNITY);
    const sim_object *o = t->obj;
    sim_record *r = sim_record_new(o);
    ck_assert_ptr_nonnull(r);
    r->v[0].kind = SV_UUID;
    sim_uuid_generate(&fx_rng, &r->v[0].as.u);
    if (name)
        r->v[fx_slot(o, "name")] = sim_value_str(name);
    if (stage)
        r->v[fx_slot(o, "stage")] = sim_value_str(stage);
    if (micros != FX_NO_AMOUNT) {
        sim_value *v = &r->v[fx_slot(o, "amount.amountMicros")];
        v->kind = SV_INT;
        v->as.i = micros;
    }
    if (currency)
        r->v[fx_slot(o, "amount.currencyCode")] = sim_value_str(currency);
    if (!isnan(position)) {
        sim_value *v = &r->v[fx_slot(o, "position")];
        v->kind = SV_NUM;
        v->as.n = position;
    }
    if (close_ms != FX_NO_DATE) {
        sim_value *v = &r->v[fx_slot(o, "closeDate")];
        v->kind = SV_TIME;
        v->as.t = close_ms;
    }
    ck_assert(sim_table_add(t, r));
    return r;
}

/* Marks a record soft-deleted (deletedAt set) through the table API. */
static inline void fx_soft_delete(sim_store *st, sim_record *r, int64_t when)
{
    sim_table *t = sim_store_table(st, SIM_OBJ_OPPORTUNITY);
    const sim_object *o = t->obj;
    sim_value *work = calloc((size_t)o->nslots, sizeof *work);
    ck_assert_ptr_nonnull(work);
    ck_assert(sim_slots_copy(work, r->v, o->nslots));
    int ds = sim_object_deleted_at_slot(o);
    work[ds].kind = SV_TIME;
    work[ds].as.t = when;
    sim_table_replace(t, r, work);
    free(work);
}

static inline int64_t fx_ms(const char *iso)
{
    int64_t ms = 0;
    ck_assert_msg(sim_time_parse(iso, &ms), "bad date %s", iso);
    return ms;
}

#endif
