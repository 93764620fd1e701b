/* gql_schema.h - the GraphQL type system twenty-sim serves.
 *
 * Promises: a gql_schema holds named types (scalars, enums, input objects,
 * output objects) with their fields, arguments and input fields, in
 * declaration order, and the root Query/Mutation types. Type references carry
 * their list/non-null wrappers. gql_schema_new installs the built-in scalars
 * (Int Float String Boolean ID) and Twenty's custom ones (UUID DateTime
 * BigFloat Position JSON RawJSON Cursor ConnectionCursor); the rest is built
 * with the gql_add_* functions by the schema builders (gql_core_schema.c for
 * /graphql, gql_meta.c for /metadata). Object types carry a resolver used by
 * the executor. Everything is owned by the schema's arena. */
#ifndef SIM_GQL_SCHEMA_H
#define SIM_GQL_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/gql_arena.h"
#include "sim/gql_parse.h"

typedef enum gql_tkind { GK_SCALAR, GK_ENUM, GK_INPUT, GK_OBJECT } gql_tkind;

typedef enum gql_scalar {
    GSC_INT, GSC_FLOAT, GSC_STRING, GSC_BOOLEAN, GSC_ID,
    GSC_UUID, GSC_DATETIME, GSC_BIGFLOAT, GSC_POSITION, GSC_JSON, GSC_CURSOR, GSC_CONN_CURSOR
} gql_scalar;

typedef struct gql_type gql_type;

#define GQL_MAX_WRAP 6

/* A type reference: the named type plus wrappers, outermost first:
 * "" = T, "N" = T!, "L" = [T], "LN" = [T!], "NLN" = [T!]!. */
typedef struct gql_tref {
    const gql_type *t;
    char w[GQL_MAX_WRAP + 1];
} gql_tref;

/* An argument or an input field. def_json: the default value as JSON text, or NULL. */
typedef struct gql_ivalue {
    const char *name;
    gql_tref type;
    const char *def_json;
} gql_ivalue;

struct gql_exec;
struct gql_rv;
struct gql_field;

/* Resolves one field of an object type for the source value `src`; `args`
 * is the coerced argument object (cJSON, never NULL). Returns false after
 * reporting an error through the executor. */
typedef bool (*gql_resolve_fn)(struct gql_exec *ex, const void *src, const struct gql_field *f,
                               const void *args, struct gql_rv *out);

typedef struct gql_field {
    const char *name;
    gql_tref type;
    gql_ivalue *args;
    size_t nargs, argcap;
    int tag;                   /* resolver's own discriminator */
    const void *data;          /* resolver's own data (e.g. a sim_field) */
} gql_field;

struct gql_type {
    gql_tkind kind;
    const char *name;
    gql_scalar scalar;         /* GK_SCALAR */
    gql_field *fields;         /* GK_OBJECT */
    size_t nfields, fcap;
    gql_ivalue *inputs;        /* GK_INPUT */
    size_t ninputs, icap;
    const char **values;       /* GK_ENUM */
    size_t nvalues, vcap;
    gql_resolve_fn resolve;    /* GK_OBJECT */
    int tag;
    const void *data;
};

typedef struct gql_schema {
    gql_arena arena;
    gql_type **types;
    size_t ntypes, cap;
    const gql_type *query, *mutation;
    bool oom;                  /* a builder call ran out of memory */
} gql_schema;

gql_schema *gql_schema_new(void);
void gql_schema_free(gql_schema *s);

/* Builders. Names are copied. A gql_field pointer stays valid until the next
 * gql_add_field on the same type: add its arguments right away. */
gql_type *gql_add_type(gql_schema *s, gql_tkind kind, const char *name);
gql_field *gql_add_field(gql_schema *s, gql_type *t, const char *name, gql_tref type);
void gql_add_arg(gql_schema *s, gql_field *f, const char *name, gql_tref type, const char *def_json);
void gql_add_input(gql_schema *s, gql_type *t, const char *name, gql_tref type);
void gql_add_enum_value(gql_schema *s, gql_type *t, const char *value);
gql_tref gql_ref(const gql_type *t, const char *wrappers);
/* typeFromAST: .t is NULL when the named type is unknown or wrapped too deeply. */
gql_tref gql_tref_of(const gql_schema *s, const gql_typeref *tr);

/* Look-ups (NULL if absent). */
const gql_type *gql_schema_type(const gql_schema *s, const char *name);
const gql_field *gql_type_field(const gql_type *t, const char *name);
const gql_ivalue *gql_type_input(const gql_type *t, const char *name);
bool gql_enum_has(const gql_type *t, const char *value);

/* Wrappers */
static inline bool gql_tref_nonnull(gql_tref r) { return r.w[0] == 'N'; }
/* Drops the outermost wrapper ([T]! -> [T], [T] -> T). */
gql_tref gql_tref_inner(gql_tref r);
gql_tref gql_tref_nullable(gql_tref r);
bool gql_tref_is_list(gql_tref r);            /* after an optional outer ! */
bool gql_tref_equal(gql_tref a, gql_tref b);
/* "[Int!]!" into out (arena copy). */
const char *gql_tref_str(gql_arena *a, gql_tref r);
static inline bool gql_is_leaf(const gql_type *t) { return t->kind == GK_SCALAR || t->kind == GK_ENUM; }
static inline bool gql_is_input(const gql_type *t) { return t->kind != GK_OBJECT; }

/* graphql-js suggestionList + didYouMean: " Did you mean \"a\" or \"b\"?" or "". */
const char *gql_did_you_mean(gql_arena *a, const char *sub, const char *input,
                             const char *const *options, size_t n);

#endif
