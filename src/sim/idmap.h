/* idmap.h - the id -> record hash map behind sim_table_get (store-internal).
 *
 * Promises: O(1) expected look-up, insert and removal keyed on a record's id
 * (the 16 bytes of v[0]); the map borrows records, never frees them. Open
 * addressing with linear probing and backward-shift deletion, kept at most
 * 70% full, so look-ups stay fast after many deletes. */
#ifndef SIM_IDMAP_H
#define SIM_IDMAP_H

#include "sim/store.h"

struct sim_idmap *sim_idmap_new(void);
void sim_idmap_free(struct sim_idmap *m);
sim_record *sim_idmap_get(const struct sim_idmap *m, const sim_uuid *id);
/* Adds r under r->v[0].as.u (replacing a record with the same id); false when out of memory. */
bool sim_idmap_put(struct sim_idmap *m, sim_record *r);
void sim_idmap_remove(struct sim_idmap *m, const sim_uuid *id);
size_t sim_idmap_count(const struct sim_idmap *m);
/* Pre-sizes the map for n records (an optimisation for bulk loads). */
bool sim_idmap_reserve(struct sim_idmap *m, size_t n);

#endif
