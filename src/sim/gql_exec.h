/* gql_exec.h - executes a validated GraphQL operation over a gql_schema.
 *
 * Promises: graphql-js 16 execution semantics for what twenty-sim serves:
 * operation selection by name, variable coercion (getVariableValues, with its
 * messages, code BAD_USER_INPUT), @skip/@include, fragments, field merging by
 * response key, argument coercion with defaults, serial mutation fields,
 * resolver errors recorded with locations and response path, and null
 * propagation through non-null positions. Resolvers are the object types'
 * gql_resolve_fn; they return a gql_rv: a JSON leaf, an object source (run
 * through the field type's resolver), a list, or null. The result is the
 * response object {"errors"?, "data"} (or {"errors"} alone when the request
 * fails before execution). */
#ifndef SIM_GQL_EXEC_H
#define SIM_GQL_EXEC_H

#include <cjson/cJSON.h>

#include "sim/gql_json.h"
#include "sim/gql_parse.h"
#include "sim/gql_schema.h"

typedef enum gql_rvkind { RV_NULL, RV_JSON, RV_OBJ, RV_LIST } gql_rvkind;

typedef struct gql_rv {
    gql_rvkind kind;
    cJSON *json;              /* RV_JSON: a leaf, owned by the executor once returned */
    const void *src;          /* RV_OBJ: the source handed to the field type's resolver */
    struct gql_rv *items;     /* RV_LIST: arena array */
    size_t n;
} gql_rv;

typedef struct gql_exec {
    gql_arena *a;             /* per-request arena (sources may live here) */
    const gql_schema *s;
    const gql_doc *d;
    gql_errs *errs;
    cJSON *vars;              /* coerced variables */
    void *app;                /* the application (the sim_world) */
    /* the field being resolved, for errors */
    cJSON *path;
    size_t field_loc;
    cJSON *tracked;           /* cJSON trees freed with the request (arguments) */
} gql_exec;

/* Runs the operation `op_name` (NULL: the only one) with raw JSON variables. */
cJSON *gql_execute(const gql_schema *s, const gql_doc *d, const char *op_name, const cJSON *variables,
                   void *app, gql_errs *errs);

/* For resolvers: records an error at the current field (message formatted);
 * code e.g. "BAD_USER_INPUT", "NOT_FOUND", "INTERNAL_SERVER_ERROR". Returns false. */
bool gql_fail(gql_exec *ex, const char *code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* gql_rv builders */
static inline gql_rv gql_rv_null(void) { return (gql_rv){.kind = RV_NULL}; }
static inline gql_rv gql_rv_json(cJSON *j) { return j ? (gql_rv){.kind = RV_JSON, .json = j} : gql_rv_null(); }
static inline gql_rv gql_rv_obj(const void *src) { return src ? (gql_rv){.kind = RV_OBJ, .src = src} : gql_rv_null(); }
/* A list of n items to fill in (arena); NULL when out of memory. */
gql_rv *gql_rv_list(gql_exec *ex, gql_rv *out, size_t n);

#endif
