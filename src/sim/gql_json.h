/* gql_json.h - GraphQL responses: the error list and JSON helpers.
 *
 * Promises: a gql_errs collects errors as graphql-js/Yoga report them
 * (message, source locations, response path, extensions.code); gql_errs_json
 * renders them as [{"message","locations":[{"line","column"}],"path",
 * "extensions":{"code"}}] in the order they were added. gql_inspect prints a
 * JSON value the way graphql-js's inspect() does in messages ({ a: 1 },
 * "str", [1, 2]). gql_json_float4 gives a cJSON number that prints as the
 * shortest text reading back to the same float (as Postgres prints float4). */
#ifndef SIM_GQL_JSON_H
#define SIM_GQL_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "sim/gql_arena.h"
#include "sim/gql_parse.h"

#define GQL_MAX_LOCS 4
#define GQL_MAX_ERRORS 100

typedef struct gql_err {
    const char *message;
    size_t locs[GQL_MAX_LOCS];   /* byte offsets into the document */
    int nlocs;
    const char *code;            /* extensions.code, or NULL for none */
    const char *user_message;    /* extensions.userFriendlyMessage, or NULL */
    cJSON *path;                 /* response path (owned), or NULL */
} gql_err;

typedef struct gql_errs {
    gql_arena *a;                /* messages are copied here */
    gql_err *items;
    size_t n, cap;
} gql_errs;

/* Adds an error (message copied); NULL when out of memory or over GQL_MAX_ERRORS. */
gql_err *gql_errs_add(gql_errs *e, const char *code, const char *message);
void gql_err_loc(gql_err *err, size_t loc);
void gql_errs_free(gql_errs *e);
/* The "errors" array; locations need the document (d may be NULL: no locations). */
cJSON *gql_errs_json(const gql_errs *e, const gql_doc *d);

/* graphql-js inspect() of a JSON value. */
const char *gql_inspect(gql_arena *a, const cJSON *v);

cJSON *gql_json_float4(float f);

#endif
