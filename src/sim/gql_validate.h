/* gql_validate.h - GraphQL document validation against a gql_schema.
 *
 * Promises: gql_validate applies graphql-js 16's specified rules that matter
 * for executable documents over this schema, with graphql-js's messages and
 * locations, in document order: unique/lone operation names, known type
 * names, fragments on composite types, variables are input types, scalar
 * leafs, fields on correct type (with "Did you mean"), unique/known fragment
 * names, unused fragments, possible spreads, fragment cycles, unique
 * variable names, undefined and unused variables, known and unique
 * directives, known/unique argument names, values of correct type, provided
 * required arguments, variables in allowed positions, overlapping fields, and
 * unique input field names. Each error gets code GRAPHQL_VALIDATION_FAILED.
 * Returns true when the document is valid. */
#ifndef SIM_GQL_VALIDATE_H
#define SIM_GQL_VALIDATE_H

#include "sim/gql_json.h"
#include "sim/gql_parse.h"
#include "sim/gql_schema.h"

bool gql_validate(const gql_schema *s, const gql_doc *d, gql_errs *errs);

#endif
