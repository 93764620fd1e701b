/* request.h - builders for every request pipeboard sends to Twenty.
 *
 * Promises: builders are pure: they return a pb_request (method, path with
 * its URL-encoded query, JSON body or NULL) and do no I/O. Query values are
 * always URL-encoded (encode.h); ids are formatted lower case; JSON bodies
 * are built with cJSON (so strings are escaped); amountMicros is written as
 * an exact integer and position in the shortest decimal form that reads back
 * as the same double (cJSON's printer may drop the last bits). A builder refuses bad input with a PB_ERR_ENCODE
 * pb_error (e.g. an empty name on create, a NaN position, an amount beyond
 * ±2^53 micros, a currency that is not three capitals, depth other than
 * 0/1, a limit above 200) and leaves *out zeroed; it never sends something
 * approximate. Free every request with twenty_request_free.
 *
 * Paths are relative to the workspace URL ("/rest/…", "/graphql", "/metadata").
 * retry_safe is the builder's advice to the network layer: true for reads
 * (GET, GraphQL queries) and for updates that set fixed values (PATCH), false
 * for creates, deletes, destroys and restores. */
#ifndef PB_TWENTY_REQUEST_H
#define PB_TWENTY_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "model/opp.h"
#include "twenty/error.h"
#include "util/uuid.h"

typedef struct pb_request {
    const char *method;      /* "GET", "POST", "PATCH", "DELETE" (static strings) */
    char *path_and_query;    /* malloc'd */
    char *body;              /* malloc'd JSON, or NULL */
    bool retry_safe;
    bool inexact;            /* a picker filter was widened: re-check names with
                                twenty_text_contains_ci (encode.h) */
} pb_request;

void twenty_request_free(pb_request *r);

#define TWENTY_MAX_LIMIT 200
#define TWENTY_DEPTH_DEFAULT (-1)   /* leave `depth` out (the server uses 0) */

/* GET /rest/opportunities?limit=…&starting_after=…&ending_before=…&order_by=…&filter=…&depth=…
 * (parameters in that order; each left out when negative/NULL). */
typedef struct pb_list_params {
    int limit;                    /* 0..200, or -1 for the server default (60) */
    const char *starting_after;   /* opaque cursor (a page's endCursor) or NULL */
    const char *ending_before;    /* opaque cursor or NULL; not both */
    const char *order_by;         /* "position[AscNullsFirst]", "amount.amountMicros[DescNullsLast],name" */
    const char *filter;           /* built with encode.h, or NULL */
    int depth;                    /* 0, 1 or TWENTY_DEPTH_DEFAULT */
} pb_list_params;

void twenty_list_params_init(pb_list_params *p);   /* all defaults */
bool twenty_build_list(const pb_list_params *p, pb_request *out, pb_error *err);
/* GET /rest/opportunities/{id}[?depth=d] */
bool twenty_build_get(const pb_id *id, int depth, pb_request *out, pb_error *err);
/* GET /rest/opportunities?filter=id[in]:["…",…]&limit=n[&depth=d]  (1 <= n <= 200) */
bool twenty_build_get_many(const pb_id *ids, size_t n, int depth, pb_request *out,
                           pb_error *err);

/* POST /rest/opportunities[?depth=d] with the fields in `mask` (PB_OPP_F_*),
 * plus "id" when client_id is not NULL. The name is required (non-blank);
 * position, when sent, must be finite; when left out Twenty puts the card
 * first. Null FKs are sent as null, amount as
 * {"amountMicros":N,"currencyCode":"USD"} ({"amountMicros":null,…} when unset). */
bool twenty_build_create(const pb_opp *values, unsigned mask, const pb_id *client_id, int depth,
                         pb_request *out, pb_error *err);
/* PATCH /rest/opportunities/{id}[?depth=d] with only the masked fields (mask != 0). */
bool twenty_build_update(const pb_id *id, const pb_opp *values, unsigned mask, int depth,
                         pb_request *out, pb_error *err);
/* PATCH /rest/opportunities/{id} {"stage":…,"position":…} */
bool twenty_build_move(const pb_id *id, const char *stage, double position, pb_request *out,
                       pb_error *err);
/* DELETE /rest/opportunities/{id}?soft_delete=true  (to the trash) */
bool twenty_build_soft_delete(const pb_id *id, pb_request *out, pb_error *err);
/* PATCH /rest/opportunities/{id}/restore  (no body) */
bool twenty_build_restore(const pb_id *id, pb_request *out, pb_error *err);
/* DELETE /rest/opportunities/{id}  (permanent; for records in the trash) */
bool twenty_build_destroy(const pb_id *id, pb_request *out, pb_error *err);
/* GET /rest/opportunities/groupBy?group_by=[{"stage":true},{"amount":{"currencyCode":true}}]
 *     &aggregate=["sumAmountAmountMicros","totalCount"][&filter=…] */
bool twenty_build_group_totals(const char *filter, pb_request *out, pb_error *err);

/* Metadata (contract 4). limit < 0 leaves it out; starting_after may be NULL. */
bool twenty_build_meta_objects(int limit, pb_request *out, pb_error *err);
bool twenty_build_meta_object(const pb_id *object_id, pb_request *out, pb_error *err);
bool twenty_build_meta_fields(int limit, const char *starting_after, pb_request *out,
                              pb_error *err);
/* POST /metadata: objects(paging:{first:1000}) with fieldsList, or with the
 * older fields(paging:{first:1000}){edges{node{…}}} when legacy_fields. */
bool twenty_build_meta_graphql(bool legacy_fields, pb_request *out, pb_error *err);

/* POST /graphql: search(searchInput: $searchInput, limit: <literal>,
 * includedObjectNameSingulars: ["opportunity"]) with `after` as a variable
 * when given. 1 <= limit <= 100. */
bool twenty_build_search(const char *text, int limit, const char *after, pb_request *out,
                         pb_error *err);

/* Name look-ups for pickers: GET /rest/companies | /rest/people |
 * /rest/workspaceMembers ?limit=…&order_by=…[&filter=…]. An empty text lists
 * the first `limit` records by name; otherwise companies filter on
 * name[ilike]:"%text%", people and members on
 * or(name.firstName[ilike]:…,name.lastName[ilike]:…). out->inexact tells
 * whether the filter had to be widened (encode.h). */
typedef enum pb_pick_kind { PB_PICK_COMPANY, PB_PICK_PERSON, PB_PICK_MEMBER } pb_pick_kind;
bool twenty_build_pick(pb_pick_kind kind, const char *text, int limit, pb_request *out,
                       pb_error *err);
const char *twenty_pick_plural(pb_pick_kind kind);   /* "companies", "people", "workspaceMembers" */

#endif
