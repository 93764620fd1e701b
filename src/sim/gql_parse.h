/* gql_parse.h - GraphQL executable documents: the AST and its parser.
 *
 * Promises: gql_parse reads a whole executable document as graphql-js 16
 * does (operations with names, variable definitions with list/non-null types,
 * defaults and directives; selection sets; fields with aliases, arguments and
 * directives; fragment spreads, inline fragments and fragment definitions;
 * every literal kind, block strings included). The document owns all its
 * nodes (one arena) and a copy of the source. Every node keeps the byte
 * offset of its first token; gql_doc_location turns it into line/column.
 * A syntax error fails with graphql-js's message ("Syntax Error: Expected
 * Name, found <EOF>.") and the offset where graphql-js reports it. */
#ifndef SIM_GQL_PARSE_H
#define SIM_GQL_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/gql_arena.h"

typedef enum gql_vkind {
    GV_VARIABLE, GV_INT, GV_FLOAT, GV_STRING, GV_BOOLEAN, GV_NULL, GV_ENUM, GV_LIST, GV_OBJECT
} gql_vkind;

typedef struct gql_value gql_value;

typedef struct gql_ofield {      /* one `name: value` of an object literal */
    const char *name;
    size_t loc;
    gql_value *value;
} gql_ofield;

struct gql_value {
    gql_vkind kind;
    size_t loc;
    const char *s;               /* VARIABLE name, INT/FLOAT text, STRING value, ENUM name */
    bool b;                      /* BOOLEAN */
    bool block;                  /* STRING written as a block string */
    gql_value **items;           /* LIST */
    size_t nitems;
    gql_ofield *fields;          /* OBJECT */
    size_t nfields;
};

typedef enum gql_trkind { GTR_NAMED, GTR_LIST, GTR_NON_NULL } gql_trkind;

typedef struct gql_typeref {
    gql_trkind kind;
    const char *name;            /* GTR_NAMED */
    struct gql_typeref *of;      /* GTR_LIST, GTR_NON_NULL */
    size_t loc;
} gql_typeref;

typedef struct gql_arg {
    const char *name;
    size_t loc;
    gql_value *value;
} gql_arg;

typedef struct gql_directive {
    const char *name;
    size_t loc;
    gql_arg *args;
    size_t nargs;
} gql_directive;

typedef struct gql_selset gql_selset;

typedef enum gql_skind { GS_FIELD, GS_SPREAD, GS_INLINE } gql_skind;

typedef struct gql_sel {
    gql_skind kind;
    size_t loc;
    const char *alias;           /* GS_FIELD: NULL if none */
    const char *name;            /* GS_FIELD: field name; GS_SPREAD: fragment name */
    size_t name_loc;             /* the name (for a field with an alias: the field name) */
    gql_arg *args;
    size_t nargs;
    gql_directive *dirs;
    size_t ndirs;
    const char *type_cond;       /* GS_INLINE: NULL if none */
    size_t type_cond_loc;
    gql_selset *sel;             /* NULL for leaf fields and spreads */
} gql_sel;

struct gql_selset {
    gql_sel *items;
    size_t n;
    size_t loc;
};

typedef struct gql_vardef {
    const char *name;
    size_t loc;                  /* the `$` */
    gql_typeref *type;
    gql_value *def;              /* NULL if no default */
    gql_directive *dirs;
    size_t ndirs;
} gql_vardef;

typedef enum gql_optype { GQL_QUERY, GQL_MUTATION, GQL_SUBSCRIPTION } gql_optype;

typedef struct gql_op {
    gql_optype type;
    const char *name;            /* NULL if anonymous */
    size_t loc;
    gql_vardef *vars;
    size_t nvars;
    gql_directive *dirs;
    size_t ndirs;
    gql_selset *sel;
} gql_op;

typedef struct gql_frag {
    const char *name;
    size_t loc;
    size_t name_loc;
    const char *type_cond;
    size_t type_cond_loc;
    gql_directive *dirs;
    size_t ndirs;
    gql_selset *sel;
} gql_frag;

typedef struct gql_doc {
    gql_arena arena;             /* owns everything below */
    const char *src;
    size_t len;
    gql_op *ops;
    size_t nops;
    gql_frag *frags;
    size_t nfrags;
} gql_doc;

typedef struct gql_parse_error {
    char message[300];
    size_t loc;
} gql_parse_error;

/* NULL on failure (err set; "out of memory" too). */
gql_doc *gql_parse(const char *src, size_t len, gql_parse_error *err);
void gql_doc_free(gql_doc *d);
void gql_doc_location(const gql_doc *d, size_t loc, int *line, int *column);
/* The first fragment definition with that name (and its index), or NULL. */
const gql_frag *gql_doc_fragment(const gql_doc *d, const char *name, size_t *index);

/* graphql-js `print` of a value ({a: 1, b: [true, null]}, "str", ENUM, $var). */
char *gql_print_value(gql_arena *a, const gql_value *v);
/* "[Int!]!" */
char *gql_print_typeref(gql_arena *a, const gql_typeref *t);
/* graphql-js printString: a JSON-like quoted string. */
char *gql_print_string(gql_arena *a, const char *s);

#endif
