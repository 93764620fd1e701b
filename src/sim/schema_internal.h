/* schema_internal.h - helpers shared by schema.c and stages.c (not for routes).
 *
 * Promises: sim_metadata_id derives a stable, UUID-shaped metadata id from a
 * key ("object:opportunity", "field:opportunity.stage", "option:NEW"), the same
 * on every run; sim_stages_load fills s->stages/nstages/default_stage from
 * "default", "demo" or a JSON file, with a clear error otherwise. */
#ifndef SIM_SCHEMA_INTERNAL_H
#define SIM_SCHEMA_INTERNAL_H

#include "sim/schema.h"

void sim_metadata_id(const char *key, char out[37]);
bool sim_stages_load(sim_schema *s, const char *spec, sim_error *err);
void sim_stages_free(sim_schema *s);

#endif
