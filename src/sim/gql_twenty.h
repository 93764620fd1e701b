/* gql_twenty.h - what the /graphql and /metadata files share: the request
 * context, the field tags the schema builders set and the resolvers read,
 * the resolver sources, and the builders. Not a public API (world.h is).
 *
 * Promises:
 *  - gt_core_schema builds Twenty's workspace schema for the store's objects
 *    (contract section 5): per object its type, connection, edge, filter,
 *    order-by, create/update and group-by inputs, aggregate fields, the
 *    find/findOne/groupBy queries, the create/update/delete/destroy/restore
 *    mutations (one and many), plus `search`.
 *  - Sources live in the request arena; everything else they hold (filters,
 *    pages, record JSON) is released by gt_ctx_cleanup.
 *  - Records reach GraphQL through sim_record_to_json, so values are
 *    formatted exactly as REST formats them. */
#ifndef SIM_GQL_TWENTY_H
#define SIM_GQL_TWENTY_H

#include "sim/gql_exec.h"
#include "sim/query.h"
#include "sim/world.h"

/* Field tags (gql_field.tag). */
enum {
    /* Query / Mutation (data = the sim_object) */
    GT_FIND_MANY = 1, GT_FIND_ONE, GT_GROUP_BY, GT_SEARCH,
    GT_CREATE_ONE, GT_CREATE_MANY, GT_UPDATE_ONE, GT_UPDATE_MANY, GT_DELETE_ONE, GT_DELETE_MANY,
    GT_DESTROY_ONE, GT_DESTROY_MANY, GT_RESTORE_ONE, GT_RESTORE_MANY,
    /* record object (data = the sim_field) */
    GT_SCALAR, GT_COMPOSITE, GT_FK, GT_RELATION, GT_TO_MANY,
    /* composite object (data = NULL; the field name is the subfield) */
    GT_SUB,
    /* connection / group connection */
    GT_EDGES, GT_PAGE_INFO, GT_TOTAL_COUNT, GT_AGGREGATE, GT_DIMENSIONS,
    /* edge, page info */
    GT_NODE, GT_CURSOR, GT_HAS_NEXT, GT_HAS_PREV, GT_START_CURSOR, GT_END_CURSOR,
};

typedef struct gt_cleanup {
    void (*fn)(void *);
    void *p;
} gt_cleanup;

typedef struct gt_ctx {
    sim_world *w;
    sim_store *st;
    gql_arena *a;
    gt_cleanup *items;
    size_t n, cap;
} gt_ctx;

/* Registers p to be released by fn at the end of the request; returns p. */
void *gt_defer(gt_ctx *c, void (*fn)(void *), void *p);
void gt_ctx_cleanup(gt_ctx *c);
void gt_free_json(void *p);   /* cJSON_Delete, for gt_defer */

/* A one-to-many relation: records of `target` whose `fk` points here. */
typedef struct gt_to_many {
    sim_obj_kind target;
    const sim_field *fk;
} gt_to_many;

/* --- sources --- */
typedef struct gt_rec {
    sim_obj_kind k;
    const sim_record *r;      /* NULL for a snapshot (destroyed record) */
    cJSON *json;              /* the REST depth-0 JSON, built on demand */
} gt_rec;

typedef struct gt_comp {      /* a composite value: the object of its subfields */
    const cJSON *json;
} gt_comp;

typedef struct gt_conn {      /* a connection, or one group of a groupBy */
    sim_obj_kind k;
    sim_filter *filter;       /* owned (cleanup) */
    sim_order order;
    const char *after, *before;
    long limit;
    bool backward;
    bool loaded;              /* page below computed */
    sim_page page;
    bool have_all;            /* every matching row, for aggregates */
    sim_record **all;
    size_t nall;
    /* group mode */
    bool group;
    cJSON *dims;              /* groupByDimensionValues */
    size_t group_count;
} gt_conn;

typedef struct gt_edge {
    const gt_conn *c;
    const gt_rec *rec;
} gt_edge;

typedef struct gt_pinfo {
    bool has_next, has_prev;
    const char *start, *end;
} gt_pinfo;

/* --- builders --- */
gql_schema *gt_core_schema(const sim_schema *ss);
gql_schema *gt_meta_schema(const sim_schema *ss);

/* --- resolvers (gql_resolve.c, gql_mutate.c, gql_groupby.c, gql_search.c, gql_meta.c) --- */
bool gt_resolve_query(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_mutation(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_record(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_composite(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_connection(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_edge(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_page_info(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_search(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_search_conn(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_search_edge(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_search_record(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);
bool gt_resolve_meta(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out);

/* --- helpers shared by the resolvers --- */
static inline gt_ctx *gt_of(gql_exec *ex) { return ex->app; }
/* A record source (arena). */
gt_rec *gt_rec_new(gql_exec *ex, sim_obj_kind k, const sim_record *r);
/* The record's JSON (built once). */
const cJSON *gt_rec_json(gql_exec *ex, gt_rec *rec);
/* Builds a filter tree from a GraphQL filter input (NULL or {} -> NULL with
 * *ok true). On a Twenty rejection, reports BAD_USER_INPUT and sets *ok false. */
sim_filter *gt_filter(gql_exec *ex, const sim_object *o, const cJSON *in, bool *ok);
/* orderBy input ([{position: AscNullsFirst}, {amount: {amountMicros: DescNullsLast}}]). */
bool gt_order(gql_exec *ex, const sim_object *o, const cJSON *in, sim_order *out);
/* An Int argument (false when absent or null). */
bool gt_int_arg(const cJSON *args, const char *name, long *out);
/* Reports a sim_error as a GraphQL error with the matching code. */
bool gt_fail_sim(gql_exec *ex, const sim_error *e);
/* Loads the connection's page (once). */
bool gt_conn_load(gql_exec *ex, gt_conn *c);
/* A list value of record sources. */
bool gt_records_rv(gql_exec *ex, sim_obj_kind k, sim_record *const *rows, size_t n, gql_rv *out);
/* groupBy (gql_groupby.c) */
bool gt_group_by(gql_exec *ex, const sim_object *o, const cJSON *args, gql_rv *out);

#endif
