/* filter.h - record filters: the REST `filter` grammar and a tree shared with GraphQL.
 *
 * Promises: sim_filter_parse_rest parses and validates a REST filter string
 * exactly as Twenty's common layer does (contract 2.3): implicit AND, nested
 * and/or/not, quoting with no escapes, [in]/[containsAny] lists split on every
 * comma, `is NULL|NOT_NULL`, composite paths, operators allowed per field type,
 * UUID operands, case-sensitive select values; every rejection is a 400 with
 * Twenty's message. The tree keeps typed operands, so matching a record costs
 * no parsing. GraphQL builds the same tree with sim_filter_leaf/sim_filter_node. */
#ifndef SIM_FILTER_H
#define SIM_FILTER_H

#include "store.h"

typedef enum sim_fop {
    FOP_EQ, FOP_NEQ, FOP_IN, FOP_CONTAINS_ANY, FOP_IS, FOP_GT, FOP_GTE, FOP_LT, FOP_LTE,
    FOP_STARTS_WITH, FOP_ENDS_WITH, FOP_LIKE, FOP_ILIKE
} sim_fop;

typedef enum sim_fnode { FN_AND, FN_OR, FN_NOT, FN_LEAF } sim_fnode;

typedef struct sim_filter sim_filter;   /* opaque tree */

sim_filter *sim_filter_parse_rest(const sim_schema *s, const sim_object *o, const char *text,
                                  sim_error *err);
/* A leaf from textual operands (as REST sends them); validates like REST.
 * For FOP_IS the single operand is "NULL" or "NOT_NULL". */
sim_filter *sim_filter_leaf(const sim_schema *s, const sim_object *o, const char *path, sim_fop op,
                            const char *const *operands, size_t noperands, sim_error *err);
/* and/or/not over children (ownership moves to the node; `not` takes exactly one). */
sim_filter *sim_filter_node(sim_fnode kind, sim_filter **children, size_t n);
void sim_filter_free(sim_filter *f);

bool sim_filter_match(const sim_filter *f, const sim_record *r);   /* f may be NULL: matches all */
/* True if any leaf names deletedAt: then soft-deleted records are eligible. */
bool sim_filter_mentions_deleted_at(const sim_filter *f);
/* If the filter pins one value of a slot at the top level (x[eq]:v inside the
 * top-level AND), returns that value, so a query can use an index. */
const sim_value *sim_filter_pinned(const sim_filter *f, int slot);

const char *sim_fop_name(sim_fop op);   /* "eq", "startsWith", … */

#endif
