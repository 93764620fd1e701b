/* world.c - a simulated workspace: opening its store and routing each
 * request to the REST, metadata REST or GraphQL handlers (see world.h). */
#include "sim/world.h"

#include <stdio.h>
#include <string.h>

bool sim_world_open(sim_world *w, const sim_store_config *cfg, sim_error *err)
{
    if (!w || !cfg)
        return sim_fail(err, 500, "InternalServerErrorException", "no world or configuration");
    memset(w, 0, sizeof *w);
    return sim_store_open(&w->store, cfg, err);
}

void sim_world_close(sim_world *w)
{
    if (!w)
        return;
    sim_store_close(&w->store);
}

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* NestJS answers a route no controller owns with
 * {"statusCode":404,"error":"NotFoundException","messages":["Cannot GET /foo"]}. */
static void respond_no_route(const sim_request *rq, sim_response *rs)
{
    sim_error e = {0};
    sim_fail(&e, 404, "NotFoundException", "Cannot %s %s", rq->method ? rq->method : "GET",
             rq->path ? rq->path : "/");
    sim_respond_json(rs, 404, sim_error_body(&e));
}

void sim_world_handle(sim_world *w, const sim_request *rq, sim_response *rs)
{
    if (!w || !rq || !rs)
        return;
    const char *path = rq->path ? rq->path : "";
    bool owned = false;
    if (has_prefix(path, "/rest/metadata/"))
        owned = sim_rest_metadata_handle(w, rq, rs);
    else if (strcmp(path, "/rest") == 0 || has_prefix(path, "/rest/"))
        owned = sim_rest_records_handle(w, rq, rs);
    else if (strcmp(path, "/graphql") == 0)
        owned = sim_graphql_handle(w, rq, rs);
    else if (strcmp(path, "/metadata") == 0)
        owned = sim_graphql_metadata_handle(w, rq, rs);
    if (!owned)
        respond_no_route(rq, rs);
}
