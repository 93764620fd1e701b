/* filter_internal.h - the filter tree shared by filter_rest.c (REST text),
 * filter_leaf.c (validation, typed operands) and filter_match.c (matching).
 * Not for routes: they use filter.h.
 *
 * Promises: a leaf holds everything matching needs, already converted to the
 * slot's kind (numbers as double, dates as ms, UUIDs as bytes, select values as
 * option indexes), so sim_filter_match never parses. */
#ifndef SIM_FILTER_INTERNAL_H
#define SIM_FILTER_INTERNAL_H

#include "sim/filter.h"

/* Twenty's field metadata types as leaf validation sees them. */
typedef enum sim_ltype {
    LT_TEXT, LT_NUMBER, LT_NUMERIC, LT_POSITION, LT_BOOLEAN, LT_DATE_TIME, LT_SELECT,
    LT_UUID, LT_RELATION
} sim_ltype;

struct sim_filter {
    sim_fnode kind;
    /* and / or / not */
    struct sim_filter **kids;
    size_t nkids;
    /* leaf */
    sim_fop op;
    int slot;
    sim_ltype ltype;
    sim_vkind vkind;         /* kind stored in the slot */
    bool null_equiv;         /* text operand '' or 'NULL' (eq/neq/like/ilike) or is NULL:
                              * Twenty adds "OR col IS NULL" / "AND col IS NOT NULL" */
    bool is_not_null;        /* FOP_IS */
    bool deleted_at;         /* the leaf names deletedAt */
    size_t nops;
    sim_value *ops;          /* typed operands */
    char *pattern;           /* like / ilike (ilike: case-folded) */
};

/* Builds a leaf from a path already split on '.', validated as Twenty's
 * common layer does (errors in its words). `list` tells that the operand was
 * an array ([in]/[containsAny]). A path longer than the field allows makes
 * the next part the operator, as in Twenty's nested filter objects. */
sim_filter *sim_filter_build_leaf(const sim_schema *s, const sim_object *o, char **parts,
                                  size_t nparts, sim_fop op, char **vals, size_t nvals,
                                  bool list, sim_error *err);

/* A stable text naming the filter's meaning (for count caches). */
char *sim_filter_signature(const sim_filter *f);

/* SQL LIKE with backslash escapes; `fold` compares case-insensitively
 * (ASCII and the common Latin, Greek and Cyrillic letters). */
bool sim_like_match(const char *subject, const char *pattern, bool fold);
/* Lower-cases s into a new string with the same folding as sim_like_match. */
char *sim_fold_dup(const char *s);

/* Operator names in Twenty's spelling, and parsing them. */
bool sim_fop_parse(const char *name, sim_fop *out);

#endif
