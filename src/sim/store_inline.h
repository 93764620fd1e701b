/* store_inline.h - small inline accessors for store.h; include store.h instead. */
#ifndef SIM_STORE_INLINE_H
#define SIM_STORE_INLINE_H

/* deletedAt lives in the slot of the field "deletedAt" of every object. */
int sim_object_deleted_at_slot(const sim_object *o);

static inline bool sim_record_deleted(const sim_table *t, const sim_record *r)
{
    return r->v[sim_object_deleted_at_slot(t->obj)].kind != SV_NULL;
}

#endif
