/* world.h - a running simulated workspace: its store plus the routing of
 * authenticated requests to REST, metadata and GraphQL handlers.
 *
 * Promises: sim_world_handle answers every route of contract sections 2-5
 * for an already authenticated, rate-limited request (server.c does auth,
 * rate limits, faults, latency and logging before calling it). Unknown
 * routes get Twenty's 404/400 bodies. Callers serialise calls (one lock). */
#ifndef SIM_WORLD_H
#define SIM_WORLD_H

#include "http.h"
#include "store.h"

typedef struct sim_world {
    sim_store store;
} sim_world;

bool sim_world_open(sim_world *w, const sim_store_config *cfg, sim_error *err);
void sim_world_close(sim_world *w);   /* saves (compacts) and frees */
void sim_world_handle(sim_world *w, const sim_request *rq, sim_response *rs);

/* Route handlers, one file each family; each returns true if it owned the path. */
bool sim_rest_records_handle(sim_world *w, const sim_request *rq, sim_response *rs);   /* /rest/<objects>… */
bool sim_rest_metadata_handle(sim_world *w, const sim_request *rq, sim_response *rs);  /* /rest/metadata/… */
bool sim_graphql_handle(sim_world *w, const sim_request *rq, sim_response *rs);        /* POST /graphql */
bool sim_graphql_metadata_handle(sim_world *w, const sim_request *rq, sim_response *rs);/* POST /metadata */

#endif
