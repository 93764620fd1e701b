/* gql_validate.c - graphql-js 16's validation rules over a gql_schema; see
 * gql_validate.h. The document is walked once in document order; rules that
 * graphql-js runs on "leave" (required arguments, operation variables,
 * unused fragments) report after their node's children, as graphql-js does. */
#include "sim/gql_validate.h"

#include <stdio.h>
#include <string.h>

#include "sim/gql_coerce.h"

#define CODE "GRAPHQL_VALIDATION_FAILED"

typedef struct usage {
    const char *name;
    size_t loc;
    gql_tref type;        /* .t == NULL: position of unknown type */
    bool loc_default;     /* the position has a default value */
} usage;

typedef struct vlist {    /* variable usages and fragment spreads of one definition */
    usage *uses;
    size_t nuses, ucap;
    const char **spreads;
    size_t nspreads, scap;
} vlist;

typedef struct vctx {
    const gql_schema *s;
    const gql_doc *d;
    gql_errs *errs;
    gql_arena *a;
    bool mute;            /* pre-pass over fragments: collect usages only */
    vlist *frag_lists;    /* per fragment (index in d->frags) */
    vlist *cur;
    const gql_type *string_nn;
} vctx;

static gql_err *verr(vctx *c, const char *msg)
{
    if (c->mute)
        return NULL;
    return gql_errs_add(c->errs, CODE, msg ? msg : "out of memory");
}

static void verr1(vctx *c, size_t loc, const char *msg)
{
    gql_err_loc(verr(c, msg), loc);
}

static const char **type_names(vctx *c)
{
    const char **names = gql_arena_alloc(c->a, (c->s->ntypes + 1) * sizeof *names);
    for (size_t i = 0; names && i < c->s->ntypes; i++)
        names[i] = c->s->types[i]->name;
    return names;
}

/* KnownTypeNames on a NamedType; returns the type or NULL. */
static const gql_type *known_type(vctx *c, const char *name, size_t loc)
{
    const gql_type *t = gql_schema_type(c->s, name);
    if (!t) {
        const char **names = type_names(c);
        verr1(c, loc, gql_arena_printf(c->a, "Unknown type \"%s\".%s", name,
                                       names ? gql_did_you_mean(c->a, NULL, name, names, c->s->ntypes) : ""));
    }
    return t;
}

/* typeFromAST, reporting an unknown named type (KnownTypeNames) when asked. */
static gql_tref tref_from_ast(vctx *c, const gql_typeref *tr, bool report)
{
    gql_tref r = gql_tref_of(c->s, tr);
    const gql_typeref *named = tr;
    while (named->kind != GTR_NAMED)
        named = named->of;
    if (!r.t && report && !gql_schema_type(c->s, named->name))
        known_type(c, named->name, named->loc);
    return r;
}

static void add_usage(vctx *c, const gql_value *v, const gql_tref *type, bool loc_default)
{
    usage *u = gql_arena_grow(c->a, (void **)&c->cur->uses, &c->cur->nuses, &c->cur->ucap, sizeof *u);
    if (!u)
        return;
    u->name = v->s;
    u->loc = v->loc;
    if (type)
        u->type = *type;
    u->loc_default = loc_default;
}

/* --- values (ValuesOfCorrectType, UniqueInputFieldNames, variable usages) --- */

static void value_leaf_check(vctx *c, const gql_value *v, gql_tref loc)
{
    if (!gql_is_leaf(loc.t)) {
        verr1(c, v->loc, gql_arena_printf(c->a, "Expected value of type \"%s\", found %s.",
                                          gql_tref_str(c->a, loc), gql_print_value(c->a, v)));
        return;
    }
    gql_lit_error e = gql_literal_error(c->a, loc, v);
    if (e.message) {
        gql_err *err = verr(c, e.message);
        if (e.located)
            gql_err_loc(err, v->loc);
    }
}

static void v_value(vctx *c, const gql_value *v, const gql_tref *type, bool loc_default)
{
    switch (v->kind) {
    case GV_VARIABLE:
        add_usage(c, v, type, loc_default);
        return;
    case GV_NULL:
        if (type && type->t && gql_tref_nonnull(*type))
            verr1(c, v->loc, gql_arena_printf(c->a, "Expected value of type \"%s\", found null.",
                                              gql_tref_str(c->a, *type)));
        return;
    case GV_LIST: {
        gql_tref item = {0};
        bool known = type && type->t;
        if (known) {
            gql_tref nt = gql_tref_nullable(*type);
            if (nt.w[0] != 'L') {
                value_leaf_check(c, v, nt);
                known = false;   /* graphql-js stops checking inside */
            } else {
                item = gql_tref_inner(nt);
            }
        }
        for (size_t i = 0; i < v->nitems; i++)
            v_value(c, v->items[i], known ? &item : NULL, false);
        return;
    }
    case GV_OBJECT: {
        const gql_type *it = type && type->t ? type->t : NULL;
        if (it && it->kind != GK_INPUT) {
            value_leaf_check(c, v, *type);
            it = NULL;
        } else if (type && type->t && gql_tref_is_list(*type)) {
            /* an object where a list is expected: checked against the item type */
            it = type->t;
        }
        if (it) {
            for (size_t i = 0; i < it->ninputs; i++) {
                const gql_ivalue *fd = &it->inputs[i];
                bool given = false;
                for (size_t k = 0; k < v->nfields && !given; k++)
                    given = strcmp(v->fields[k].name, fd->name) == 0;
                if (!given && gql_tref_nonnull(fd->type) && !fd->def_json)
                    verr1(c, v->loc, gql_arena_printf(c->a, "Field \"%s.%s\" of required type \"%s\" was not provided.",
                                                      it->name, fd->name, gql_tref_str(c->a, fd->type)));
            }
        }
        for (size_t i = 0; i < v->nfields; i++) {
            const gql_ofield *of = &v->fields[i];
            const gql_ivalue *fd = it ? gql_type_input(it, of->name) : NULL;
            if (it && !fd) {
                const char **names = gql_arena_alloc(c->a, (it->ninputs + 1) * sizeof *names);
                for (size_t k = 0; names && k < it->ninputs; k++)
                    names[k] = it->inputs[k].name;
                verr1(c, of->loc, gql_arena_printf(c->a, "Field \"%s\" is not defined by type \"%s\".%s", of->name,
                                                   it->name, names ? gql_did_you_mean(c->a, NULL, of->name, names, it->ninputs) : ""));
            }
            for (size_t k = 0; k < i; k++)
                if (strcmp(v->fields[k].name, of->name) == 0) {
                    gql_err *e = verr(c, gql_arena_printf(c->a, "There can be only one input field named \"%s\".", of->name));
                    gql_err_loc(e, v->fields[k].loc);
                    gql_err_loc(e, of->loc);
                    break;
                }
            v_value(c, of->value, fd ? &fd->type : NULL, fd && fd->def_json);
        }
        return;
    }
    default:
        if (type && type->t)
            value_leaf_check(c, v, *type);
        return;
    }
}

/* --- arguments and directives --- */

static void unique_args(vctx *c, const gql_arg *args, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool first = true;
        for (size_t k = 0; k < i; k++)
            if (strcmp(args[k].name, args[i].name) == 0)
                first = false;
        if (!first)
            continue;
        gql_err *e = NULL;
        for (size_t k = i + 1; k < n; k++)
            if (strcmp(args[k].name, args[i].name) == 0) {
                if (!e) {
                    e = verr(c, gql_arena_printf(c->a, "There can be only one argument named \"%s\".", args[i].name));
                    gql_err_loc(e, args[i].loc);
                }
                gql_err_loc(e, args[k].loc);
            }
    }
}

/* KnownArgumentNames + values. `defs`: the field's or directive's arguments. */
static void v_args(vctx *c, const gql_arg *args, size_t n, const gql_ivalue *defs, size_t ndefs,
                   const char *owner_desc)
{
    for (size_t i = 0; i < n; i++) {
        const gql_ivalue *ad = NULL;
        for (size_t k = 0; k < ndefs && !ad; k++)
            if (strcmp(defs[k].name, args[i].name) == 0)
                ad = &defs[k];
        if (!ad && owner_desc) {
            const char **names = gql_arena_alloc(c->a, (ndefs + 1) * sizeof *names);
            for (size_t k = 0; names && k < ndefs; k++)
                names[k] = defs[k].name;
            verr1(c, args[i].loc, gql_arena_printf(c->a, "Unknown argument \"%s\" on %s.%s", args[i].name, owner_desc,
                                                   names ? gql_did_you_mean(c->a, NULL, args[i].name, names, ndefs) : ""));
        }
        v_value(c, args[i].value, ad ? &ad->type : NULL, ad && ad->def_json);
    }
}

static void unique_directives(vctx *c, const gql_directive *dirs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < i; k++)
            if (strcmp(dirs[k].name, dirs[i].name) == 0) {
                gql_err *e = verr(c, gql_arena_printf(c->a, "The directive \"@%s\" can only be used once at this location.",
                                                      dirs[i].name));
                gql_err_loc(e, dirs[k].loc);
                gql_err_loc(e, dirs[i].loc);
                break;
            }
}

static void v_directives(vctx *c, const gql_directive *dirs, size_t n, const char *location)
{
    static const char *const schema_only[] = {"deprecated", "specifiedBy", "oneOf"};
    for (size_t i = 0; i < n; i++) {
        const gql_directive *d = &dirs[i];
        bool skip_include = !strcmp(d->name, "skip") || !strcmp(d->name, "include");
        bool known = skip_include;
        for (size_t k = 0; k < 3; k++)
            known = known || !strcmp(d->name, schema_only[k]);
        if (!known) {
            verr1(c, d->loc, gql_arena_printf(c->a, "Unknown directive \"@%s\".", d->name));
        } else if (!skip_include || (strcmp(location, "FIELD") && strcmp(location, "FRAGMENT_SPREAD") &&
                                     strcmp(location, "INLINE_FRAGMENT"))) {
            verr1(c, d->loc, gql_arena_printf(c->a, "Directive \"@%s\" may not be used on %s.", d->name, location));
        }
        unique_args(c, d->args, d->nargs);
        if (skip_include) {
            gql_ivalue ifarg = {"if", gql_ref(gql_schema_type(c->s, "Boolean"), "N"), NULL};
            const char *desc = gql_arena_printf(c->a, "directive \"@%s\"", d->name);
            v_args(c, d->args, d->nargs, &ifarg, 1, desc);
            bool given = false;
            for (size_t k = 0; k < d->nargs; k++)
                given = given || !strcmp(d->args[k].name, "if");
            if (!given)
                verr1(c, d->loc, gql_arena_printf(c->a, "Directive \"@%s\" argument \"if\" of type \"Boolean!\" is "
                                                        "required, but it was not provided.", d->name));
        } else {
            v_args(c, d->args, d->nargs, NULL, 0, NULL);
        }
    }
}

/* --- OverlappingFieldsCanBeMerged (fields of one selection set, fragments expanded) --- */

typedef struct cfield {
    const gql_sel *sel;
    const gql_type *parent;
} cfield;

typedef struct cfields {
    cfield *items;
    size_t n, cap;
} cfields;

/* Collects the fields of a selection set with its fragments expanded. Each
 * fragment is expanded once per top-level collection (graphql-js collects
 * fragment names as a set): without that, two fragments that spread each
 * other twice grow the list exponentially (the cycle itself is reported by
 * NoFragmentCycles). `seen` has one flag per fragment of the document. */
static void collect_seen(vctx *c, const gql_type *parent, const gql_selset *ss, cfields *out,
                         int depth, bool *seen);

static void collect(vctx *c, const gql_type *parent, const gql_selset *ss, cfields *out, int depth)
{
    size_t n = c->d->nfrags ? c->d->nfrags : 1;
    bool *seen = gql_arena_alloc(c->a, n * sizeof *seen);
    if (!seen)
        return;
    memset(seen, 0, n * sizeof *seen);
    collect_seen(c, parent, ss, out, depth, seen);
}

static void collect_seen(vctx *c, const gql_type *parent, const gql_selset *ss, cfields *out,
                         int depth, bool *seen)
{
    if (!ss || depth > 16)
        return;
    for (size_t i = 0; i < ss->n; i++) {
        const gql_sel *s = &ss->items[i];
        if (s->kind == GS_FIELD) {
            cfield *f = gql_arena_grow(c->a, (void **)&out->items, &out->n, &out->cap, sizeof *f);
            if (f) {
                f->sel = s;
                f->parent = parent;
            }
        } else if (s->kind == GS_INLINE) {
            const gql_type *t = s->type_cond ? gql_schema_type(c->s, s->type_cond) : parent;
            collect_seen(c, t, s->sel, out, depth + 1, seen);
        } else {
            size_t fi = 0;
            const gql_frag *fr = gql_doc_fragment(c->d, s->name, &fi);
            if (fr && !seen[fi]) {
                seen[fi] = true;
                collect_seen(c, gql_schema_type(c->s, fr->type_cond), fr->sel, out, depth + 1, seen);
            }
        }
    }
}

static const char *response_key(const gql_sel *s) { return s->alias ? s->alias : s->name; }

static bool same_args(vctx *c, const gql_sel *a, const gql_sel *b)
{
    if (a->nargs != b->nargs)
        return false;
    for (size_t i = 0; i < a->nargs; i++) {
        const gql_arg *m = NULL;
        for (size_t k = 0; k < b->nargs && !m; k++)
            if (!strcmp(a->args[i].name, b->args[k].name))
                m = &b->args[k];
        if (!m)
            return false;
        const char *x = gql_print_value(c->a, a->args[i].value), *y = gql_print_value(c->a, m->value);
        if (!x || !y || strcmp(x, y) != 0)
            return false;
    }
    return true;
}

static const gql_type *field_named_type(vctx *c, const cfield *f)
{
    const gql_field *fd = gql_type_field(f->parent, f->sel->name);
    (void)c;
    return fd ? fd->type.t : NULL;
}

/* Reason two same-key fields conflict, or NULL. Adds nested field locations to locs. */
static const char *conflict(vctx *c, const cfield *f1, const cfield *f2, size_t *locs, int *nlocs, int depth)
{
    if (f1->parent != f2->parent || depth > 16)
        return NULL;
    if (strcmp(f1->sel->name, f2->sel->name) != 0)
        return gql_arena_printf(c->a, "\"%s\" and \"%s\" are different fields", f1->sel->name, f2->sel->name);
    if (!same_args(c, f1->sel, f2->sel))
        return "they have differing arguments";
    if (!f1->sel->sel || !f2->sel->sel)
        return NULL;
    const gql_type *t = field_named_type(c, f1);
    cfields s1 = {0}, s2 = {0};
    collect(c, t, f1->sel->sel, &s1, 0);
    collect(c, t, f2->sel->sel, &s2, 0);
    const char *reasons = NULL;
    for (size_t i = 0; i < s1.n; i++)
        for (size_t k = 0; k < s2.n; k++) {
            if (s1.items[i].sel == s2.items[k].sel ||
                strcmp(response_key(s1.items[i].sel), response_key(s2.items[k].sel)) != 0)
                continue;
            const char *r = conflict(c, &s1.items[i], &s2.items[k], locs, nlocs, depth + 1);
            if (!r)
                continue;
            const char *one = gql_arena_printf(c->a, "subfields \"%s\" conflict because %s",
                                               response_key(s1.items[i].sel), r);
            reasons = reasons ? gql_arena_printf(c->a, "%s and %s", reasons, one) : one;
            if (*nlocs + 2 <= GQL_MAX_LOCS) {
                locs[(*nlocs)++] = s1.items[i].sel->loc;
                locs[(*nlocs)++] = s2.items[k].sel->loc;
            }
        }
    return reasons;
}

static void overlapping(vctx *c, const gql_type *parent, const gql_selset *ss)
{
    cfields fs = {0};
    collect(c, parent, ss, &fs, 0);
    for (size_t i = 0; i < fs.n; i++)
        for (size_t k = i + 1; k < fs.n; k++) {
            if (fs.items[i].sel == fs.items[k].sel ||
                strcmp(response_key(fs.items[i].sel), response_key(fs.items[k].sel)) != 0)
                continue;
            size_t nested[GQL_MAX_LOCS];
            int nn = 0;
            const char *r = conflict(c, &fs.items[i], &fs.items[k], nested, &nn, 0);
            if (!r)
                continue;
            gql_err *e = verr(c, gql_arena_printf(c->a, "Fields \"%s\" conflict because %s. Use different aliases on "
                                                        "the fields to fetch both if this was intentional.",
                                                  response_key(fs.items[i].sel), r));
            gql_err_loc(e, fs.items[i].sel->loc);
            for (int m = 0; m < nn; m += 2)
                gql_err_loc(e, nested[m]);
            gql_err_loc(e, fs.items[k].sel->loc);
            for (int m = 1; m < nn; m += 2)
                gql_err_loc(e, nested[m]);
        }
}

/* --- selections --- */

static void v_selset(vctx *c, const gql_type *parent, const gql_selset *ss);

static void v_field(vctx *c, const gql_type *parent, const gql_sel *s)
{
    const gql_field *fd = parent ? gql_type_field(parent, s->name) : NULL;
    gql_tref ft = {0};
    bool typename_field = strcmp(s->name, "__typename") == 0;
    if (fd)
        ft = fd->type;
    else if (typename_field && parent)
        ft = gql_ref(c->string_nn, "N");
    if (ft.t) { /* ScalarLeafs */
        if (gql_is_leaf(ft.t) && s->sel)
            verr1(c, s->sel->loc, gql_arena_printf(c->a, "Field \"%s\" must not have a selection since type \"%s\" has no subfields.",
                                                   s->name, gql_tref_str(c->a, ft)));
        else if (!gql_is_leaf(ft.t) && !s->sel)
            verr1(c, s->loc, gql_arena_printf(c->a, "Field \"%s\" of type \"%s\" must have a selection of subfields. "
                                                    "Did you mean \"%s { ... }\"?",
                                              s->name, gql_tref_str(c->a, ft), s->name));
    }
    if (parent && !fd && !typename_field) { /* FieldsOnCorrectType */
        const char **names = gql_arena_alloc(c->a, (parent->nfields + 1) * sizeof *names);
        for (size_t i = 0; names && i < parent->nfields; i++)
            names[i] = parent->fields[i].name;
        verr1(c, s->loc, gql_arena_printf(c->a, "Cannot query field \"%s\" on type \"%s\".%s", s->name, parent->name,
                                          names ? gql_did_you_mean(c->a, NULL, s->name, names, parent->nfields) : ""));
    }
    unique_directives(c, s->dirs, s->ndirs);
    unique_args(c, s->args, s->nargs);
    const char *owner = fd ? gql_arena_printf(c->a, "field \"%s.%s\"", parent->name, fd->name) : NULL;
    v_args(c, s->args, s->nargs, fd ? fd->args : NULL, fd ? fd->nargs : 0, owner);
    v_directives(c, s->dirs, s->ndirs, "FIELD");
    if (s->sel)
        v_selset(c, ft.t && ft.t->kind == GK_OBJECT ? ft.t : NULL, s->sel);
    for (size_t i = 0; fd && i < fd->nargs; i++) { /* ProvidedRequiredArguments (leave) */
        const gql_ivalue *ad = &fd->args[i];
        if (!gql_tref_nonnull(ad->type) || ad->def_json)
            continue;
        bool given = false;
        for (size_t k = 0; k < s->nargs && !given; k++)
            given = strcmp(s->args[k].name, ad->name) == 0;
        if (!given)
            verr1(c, s->loc, gql_arena_printf(c->a, "Field \"%s\" argument \"%s\" of type \"%s\" is required, but it was not provided.",
                                              fd->name, ad->name, gql_tref_str(c->a, ad->type)));
    }
}

static void spread_on(vctx *c, const gql_type *parent, const gql_type *ft, const char *frag_name, size_t loc)
{
    if (!parent || !ft || ft->kind != GK_OBJECT || ft == parent)
        return;
    if (frag_name)
        verr1(c, loc, gql_arena_printf(c->a, "Fragment \"%s\" cannot be spread here as objects of type \"%s\" can "
                                             "never be of type \"%s\".", frag_name, parent->name, ft->name));
    else
        verr1(c, loc, gql_arena_printf(c->a, "Fragment cannot be spread here as objects of type \"%s\" can never "
                                             "be of type \"%s\".", parent->name, ft->name));
}

static void v_selset(vctx *c, const gql_type *parent, const gql_selset *ss)
{
    if (parent)
        overlapping(c, parent, ss);
    for (size_t i = 0; i < ss->n; i++) {
        const gql_sel *s = &ss->items[i];
        if (s->kind == GS_FIELD) {
            v_field(c, parent, s);
        } else if (s->kind == GS_SPREAD) {
            const char **sp = gql_arena_grow(c->a, (void **)&c->cur->spreads, &c->cur->nspreads, &c->cur->scap, sizeof *sp);
            if (sp)
                *sp = s->name;
            const gql_frag *fr = gql_doc_fragment(c->d, s->name, NULL);
            if (!fr)
                verr1(c, s->name_loc, gql_arena_printf(c->a, "Unknown fragment \"%s\".", s->name));
            else
                spread_on(c, parent, gql_schema_type(c->s, fr->type_cond), s->name, s->loc);
            unique_directives(c, s->dirs, s->ndirs);
            v_directives(c, s->dirs, s->ndirs, "FRAGMENT_SPREAD");
        } else {
            const gql_type *t = parent;
            if (s->type_cond) {
                t = known_type(c, s->type_cond, s->type_cond_loc);
                if (t && t->kind != GK_OBJECT) {
                    verr1(c, s->type_cond_loc, gql_arena_printf(c->a, "Fragment cannot condition on non composite type \"%s\".", t->name));
                    t = NULL;
                }
                spread_on(c, parent, t, NULL, s->loc);
            }
            unique_directives(c, s->dirs, s->ndirs);
            v_directives(c, s->dirs, s->ndirs, "INLINE_FRAGMENT");
            v_selset(c, t, s->sel);
        }
    }
}

/* --- definitions --- */

static void v_fragment(vctx *c, size_t index)
{
    const gql_frag *f = &c->d->frags[index];
    for (size_t i = 0; i < index; i++) /* UniqueFragmentNames */
        if (strcmp(c->d->frags[i].name, f->name) == 0) {
            gql_err *e = verr(c, gql_arena_printf(c->a, "There can be only one fragment named \"%s\".", f->name));
            gql_err_loc(e, c->d->frags[i].name_loc);
            gql_err_loc(e, f->name_loc);
            break;
        }
    const gql_type *t = known_type(c, f->type_cond, f->type_cond_loc);
    if (t && t->kind != GK_OBJECT) {
        verr1(c, f->type_cond_loc, gql_arena_printf(c->a, "Fragment \"%s\" cannot condition on non composite type \"%s\".",
                                                    f->name, t->name));
        t = NULL;
    }
    unique_directives(c, f->dirs, f->ndirs);
    v_directives(c, f->dirs, f->ndirs, "FRAGMENT_DEFINITION");
    vlist scratch = {0};
    c->cur = c->mute ? &c->frag_lists[index] : &scratch;
    v_selset(c, t, f->sel);
}

/* NoFragmentCycles, from one fragment (graphql-js detectCycleRecursive). */
typedef struct cycles {
    bool *visited;
    long *index_of;        /* position in path, or -1 */
    const gql_sel **path;
    size_t npath;
} cycles;

static void spreads_of(vctx *c, const gql_selset *ss, const gql_sel ***out, size_t *n, size_t *cap)
{
    for (size_t i = 0; ss && i < ss->n; i++) {
        const gql_sel *s = &ss->items[i];
        if (s->kind == GS_SPREAD) {
            const gql_sel **p = gql_arena_grow(c->a, (void **)out, n, cap, sizeof *p);
            if (p)
                *p = s;
        } else {
            spreads_of(c, s->sel, out, n, cap);
        }
    }
}

static void detect_cycles(vctx *c, cycles *cy, size_t fi)
{
    if (cy->visited[fi])
        return;
    cy->visited[fi] = true;
    const gql_sel **sp = NULL;
    size_t n = 0, cap = 0;
    spreads_of(c, c->d->frags[fi].sel, &sp, &n, &cap);
    if (n == 0)
        return;
    cy->index_of[fi] = (long)cy->npath;
    for (size_t i = 0; i < n; i++) {
        size_t target;
        const gql_frag *fr = gql_doc_fragment(c->d, sp[i]->name, &target);
        cy->path[cy->npath++] = sp[i];
        if (fr && cy->index_of[target] < 0) {
            detect_cycles(c, cy, target);
        } else if (fr) {
            size_t from = (size_t)cy->index_of[target];
            const char *via = "";
            for (size_t k = from; k + 1 < cy->npath; k++)
                via = gql_arena_printf(c->a, "%s%s\"%s\"", via, *via ? ", " : "", cy->path[k]->name);
            gql_err *e = verr(c, *via ? gql_arena_printf(c->a, "Cannot spread fragment \"%s\" within itself via %s.", sp[i]->name, via)
                                      : gql_arena_printf(c->a, "Cannot spread fragment \"%s\" within itself.", sp[i]->name));
            for (size_t k = from; k < cy->npath; k++)
                gql_err_loc(e, cy->path[k]->loc);
        }
        cy->npath--;
    }
    cy->index_of[fi] = -1;
}

/* Fragments reachable from a definition's spreads (indexes), without repeats. */
static size_t reachable(vctx *c, const vlist *root, bool *seen, size_t *order)
{
    size_t n = 0, sp = 0;
    const vlist **stack = gql_arena_alloc(c->a, (c->d->nfrags + 1) * sizeof *stack);
    if (!stack)
        return 0;
    stack[sp++] = root;
    while (sp > 0) {
        const vlist *l = stack[--sp];
        for (size_t i = 0; i < l->nspreads; i++) {
            size_t fi;
            if (!gql_doc_fragment(c->d, l->spreads[i], &fi) || seen[fi])
                continue;
            seen[fi] = true;
            order[n++] = fi;
            stack[sp++] = &c->frag_lists[fi];   /* each fragment is pushed once */
        }
    }
    return n;
}

static bool sub_type(gql_tref sub, gql_tref super)
{
    if (gql_tref_equal(sub, super))
        return true;
    if (gql_tref_nonnull(super))
        return gql_tref_nonnull(sub) && sub_type(gql_tref_inner(sub), gql_tref_inner(super));
    if (gql_tref_nonnull(sub))
        return sub_type(gql_tref_inner(sub), super);
    if (super.w[0] == 'L')
        return sub.w[0] == 'L' && sub_type(gql_tref_inner(sub), gql_tref_inner(super));
    return false;
}

static void op_variables_leave(vctx *c, const gql_op *op, const vlist *own)
{
    bool *seen = gql_arena_alloc(c->a, (c->d->nfrags + 1) * sizeof *seen);
    size_t *order = gql_arena_alloc(c->a, (c->d->nfrags + 1) * sizeof *order);
    if (!seen || !order)
        return;
    size_t nf = reachable(c, own, seen, order);
    const vlist *lists[1 + 256];
    size_t nl = 0;
    lists[nl++] = own;
    for (size_t i = 0; i < nf && nl < 257; i++)
        lists[nl++] = &c->frag_lists[order[i]];
    /* NoUndefinedVariables */
    for (size_t l = 0; l < nl; l++)
        for (size_t u = 0; u < lists[l]->nuses; u++) {
            const usage *us = &lists[l]->uses[u];
            bool defined = false;
            for (size_t k = 0; k < op->nvars && !defined; k++)
                defined = strcmp(op->vars[k].name, us->name) == 0;
            if (defined)
                continue;
            gql_err *e = verr(c, op->name ? gql_arena_printf(c->a, "Variable \"$%s\" is not defined by operation \"%s\".", us->name, op->name)
                                          : gql_arena_printf(c->a, "Variable \"$%s\" is not defined.", us->name));
            gql_err_loc(e, us->loc);
            gql_err_loc(e, op->loc);
        }
    /* NoUnusedVariables */
    for (size_t k = 0; k < op->nvars; k++) {
        bool used = false;
        for (size_t l = 0; l < nl && !used; l++)
            for (size_t u = 0; u < lists[l]->nuses && !used; u++)
                used = strcmp(lists[l]->uses[u].name, op->vars[k].name) == 0;
        if (!used)
            verr1(c, op->vars[k].loc, op->name ? gql_arena_printf(c->a, "Variable \"$%s\" is never used in operation \"%s\".", op->vars[k].name, op->name)
                                               : gql_arena_printf(c->a, "Variable \"$%s\" is never used.", op->vars[k].name));
    }
    /* VariablesInAllowedPosition */
    for (size_t l = 0; l < nl; l++)
        for (size_t u = 0; u < lists[l]->nuses; u++) {
            const usage *us = &lists[l]->uses[u];
            const gql_vardef *vd = NULL;
            for (size_t k = 0; k < op->nvars && !vd; k++)
                if (strcmp(op->vars[k].name, us->name) == 0)
                    vd = &op->vars[k];
            if (!vd || !us->type.t)
                continue;
            gql_tref vt = tref_from_ast(c, vd->type, false);
            if (!vt.t)
                continue;
            bool ok;
            if (gql_tref_nonnull(us->type) && !gql_tref_nonnull(vt)) {
                bool var_default = vd->def && vd->def->kind != GV_NULL;
                ok = (var_default || us->loc_default) && sub_type(vt, gql_tref_inner(us->type));
            } else {
                ok = sub_type(vt, us->type);
            }
            if (!ok) {
                gql_err *e = verr(c, gql_arena_printf(c->a, "Variable \"$%s\" of type \"%s\" used in position expecting type \"%s\".",
                                                      us->name, gql_tref_str(c->a, vt), gql_tref_str(c->a, us->type)));
                gql_err_loc(e, vd->loc);
                gql_err_loc(e, us->loc);
            }
        }
}

static void v_operation(vctx *c, size_t index)
{
    const gql_op *op = &c->d->ops[index];
    if (op->name) /* UniqueOperationNames */
        for (size_t i = 0; i < index; i++)
            if (c->d->ops[i].name && strcmp(c->d->ops[i].name, op->name) == 0) {
                gql_err *e = verr(c, gql_arena_printf(c->a, "There can be only one operation named \"%s\".", op->name));
                gql_err_loc(e, c->d->ops[i].loc);
                gql_err_loc(e, op->loc);
                break;
            }
    if (!op->name && c->d->nops > 1) /* LoneAnonymousOperation */
        verr1(c, op->loc, "This anonymous operation must be the only defined operation.");
    for (size_t i = 0; i < op->nvars; i++) { /* UniqueVariableNames */
        bool first = true;
        for (size_t k = 0; k < i && first; k++)
            first = strcmp(op->vars[k].name, op->vars[i].name) != 0;
        gql_err *e = NULL;
        for (size_t k = i + 1; first && k < op->nvars; k++)
            if (strcmp(op->vars[k].name, op->vars[i].name) == 0) {
                if (!e) {
                    e = verr(c, gql_arena_printf(c->a, "There can be only one variable named \"$%s\".", op->vars[i].name));
                    gql_err_loc(e, op->vars[i].loc + 1);
                }
                gql_err_loc(e, op->vars[k].loc + 1);
            }
    }
    unique_directives(c, op->dirs, op->ndirs);
    vlist own = {0};
    c->cur = &own;
    for (size_t i = 0; i < op->nvars; i++) {
        const gql_vardef *vd = &op->vars[i];
        gql_tref vt = tref_from_ast(c, vd->type, true);
        if (vt.t && !gql_is_input(vt.t)) {
            verr1(c, vd->type->loc, gql_arena_printf(c->a, "Variable \"$%s\" cannot be non-input type \"%s\".", vd->name,
                                                     gql_print_typeref(c->a, vd->type)));
            vt.t = NULL;
        }
        unique_directives(c, vd->dirs, vd->ndirs);
        v_directives(c, vd->dirs, vd->ndirs, "VARIABLE_DEFINITION");
        if (vd->def)
            v_value(c, vd->def, vt.t ? &vt : NULL, false);
    }
    v_directives(c, op->dirs, op->ndirs, op->type == GQL_QUERY ? "QUERY" : op->type == GQL_MUTATION ? "MUTATION" : "SUBSCRIPTION");
    const gql_type *root = op->type == GQL_QUERY ? c->s->query : op->type == GQL_MUTATION ? c->s->mutation : NULL;
    v_selset(c, root, op->sel);
    op_variables_leave(c, op, &own);
}

bool gql_validate(const gql_schema *s, const gql_doc *d, gql_errs *errs)
{
    size_t before = errs->n;
    vctx c = {.s = s, .d = d, .errs = errs, .a = errs->a};
    c.string_nn = gql_schema_type(s, "String");
    c.frag_lists = gql_arena_alloc(c.a, (d->nfrags + 1) * sizeof *c.frag_lists);
    bool *visited = gql_arena_alloc(c.a, (d->nfrags + 1) * sizeof *visited);
    long *index_of = gql_arena_alloc(c.a, (d->nfrags + 1) * sizeof *index_of);
    const gql_sel **path = gql_arena_alloc(c.a, (d->nfrags + 2) * sizeof *path);
    if (!c.frag_lists || !visited || !index_of || !path) {
        gql_errs_add(errs, "INTERNAL_SERVER_ERROR", "out of memory");
        return false;
    }
    for (size_t i = 0; i < d->nfrags; i++)
        index_of[i] = -1;
    c.mute = true; /* pre-pass: each fragment's variable usages and spreads */
    for (size_t i = 0; i < d->nfrags; i++)
        v_fragment(&c, i);
    c.mute = false;
    cycles cy = {visited, index_of, path, 0};
    size_t io = 0, jf = 0;
    while (io < d->nops || jf < d->nfrags) { /* definitions in document order */
        if (jf >= d->nfrags || (io < d->nops && d->ops[io].loc < d->frags[jf].loc)) {
            v_operation(&c, io++);
        } else {
            v_fragment(&c, jf);
            detect_cycles(&c, &cy, jf);
            jf++;
        }
    }
    /* NoUnusedFragments (document leave) */
    bool *used = gql_arena_alloc(c.a, (d->nfrags + 1) * sizeof *used);
    size_t *order = gql_arena_alloc(c.a, (d->nfrags + 1) * sizeof *order);
    for (size_t i = 0; used && order && i < d->nops; i++) {
        const gql_sel **sp = NULL;
        size_t n = 0, cap = 0;
        spreads_of(&c, d->ops[i].sel, &sp, &n, &cap);
        vlist own = {0};
        for (size_t k = 0; k < n; k++) {
            const char **nm = gql_arena_grow(c.a, (void **)&own.spreads, &own.nspreads, &own.scap, sizeof *nm);
            if (nm)
                *nm = sp[k]->name;
        }
        reachable(&c, &own, used, order);
    }
    for (size_t i = 0; used && i < d->nfrags; i++) /* graphql-js marks names, not nodes */
        for (size_t k = 0; k < d->nfrags && !used[i]; k++)
            used[i] = used[k] && strcmp(d->frags[k].name, d->frags[i].name) == 0;
    for (size_t i = 0; used && i < d->nfrags; i++)
        if (!used[i])
            verr1(&c, d->frags[i].loc, gql_arena_printf(c.a, "Fragment \"%s\" is never used.", d->frags[i].name));
    return errs->n == before;
}
