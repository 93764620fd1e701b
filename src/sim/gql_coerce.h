/* gql_coerce.h - input coercion: literals and variable values to JSON.
 *
 * Promises: the scalar rules of graphql-js 16 for Int Float String Boolean ID
 * and of Twenty's custom scalars (UUID, DateTime, BigFloat, Position, JSON,
 * Cursor), for literals (gql_literal_error, used by validation) and for
 * variable values (gql_coerce_variable, graphql-js getVariableValues with its
 * messages: `Variable "$x" got invalid value …; …`). Coerced values are plain
 * cJSON: numbers, strings (enums, UUIDs, dates and BigFloats as text),
 * booleans, null, arrays and objects. */
#ifndef SIM_GQL_COERCE_H
#define SIM_GQL_COERCE_H

#include <cjson/cJSON.h>

#include "sim/gql_json.h"
#include "sim/gql_parse.h"
#include "sim/gql_schema.h"

typedef struct gql_lit_error {
    const char *message;   /* NULL: the literal is valid */
    bool located;          /* false for errors graphql-js reports without locations */
} gql_lit_error;

/* Checks a scalar/enum literal against the leaf type of `loc` (the location's
 * full type, used in messages). */
gql_lit_error gql_literal_error(gql_arena *a, gql_tref loc, const gql_value *v);

/* valueFromAST for an already validated literal. A variable absent from
 * `vars` gives NULL (undefined); object fields that are undefined are left out. */
cJSON *gql_value_from_ast(const gql_value *v, gql_tref type, const cJSON *vars);

/* Coerces a variable's JSON value to `type`; on failure adds
 * `Variable "$name" got invalid value …` errors (code BAD_USER_INPUT, at loc)
 * and returns NULL. */
cJSON *gql_coerce_variable(gql_errs *errs, const char *name, size_t loc, const cJSON *in,
                           gql_tref type);

#endif
