/* gql_exec.c - graphql-js 16 style execution; see gql_exec.h. */
#include "sim/gql_exec.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim/gql_coerce.h"

typedef struct fgroup {
    const char *key;
    const gql_sel **nodes;
    size_t n, cap;
} fgroup;

typedef struct fgroups {
    fgroup *items;
    size_t n, cap;
} fgroups;

static void add_error(gql_exec *ex, const char *code, const char *msg, size_t loc, bool with_path)
{
    gql_err *e = gql_errs_add(ex->errs, code, msg);
    if (!e)
        return;
    gql_err_loc(e, loc);
    if (with_path && ex->path)
        e->path = cJSON_Duplicate(ex->path, true);
}

bool gql_fail(gql_exec *ex, const char *code, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    add_error(ex, code, msg, ex->field_loc, true);
    if (ex->errs->n > 0 && strcmp(code, "GRAPHQL_VALIDATION_FAILED") != 0)
        ex->errs->items[ex->errs->n - 1].user_message = "An error occurred.";
    return false;
}

gql_rv *gql_rv_list(gql_exec *ex, gql_rv *out, size_t n)
{
    gql_rv *items = gql_arena_alloc(ex->a, (n ? n : 1) * sizeof *items);
    *out = (gql_rv){.kind = RV_LIST, .items = items, .n = n};
    if (!items)
        *out = gql_rv_null();
    return items;
}

static void rv_free(gql_rv *rv)
{
    if (rv->kind == RV_JSON)
        cJSON_Delete(rv->json);
    else if (rv->kind == RV_LIST)
        for (size_t i = 0; i < rv->n; i++)
            rv_free(&rv->items[i]);
    rv->kind = RV_NULL;
}

/* --- directives and field collection --- */

/* The value of an `if:` argument (literal or variable). */
static bool if_arg(gql_exec *ex, const gql_directive *d)
{
    for (size_t i = 0; i < d->nargs; i++) {
        if (strcmp(d->args[i].name, "if") != 0)
            continue;
        const gql_value *v = d->args[i].value;
        if (v->kind == GV_BOOLEAN)
            return v->b;
        if (v->kind == GV_VARIABLE)
            return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ex->vars, v->s));
    }
    return false;
}

static bool included(gql_exec *ex, const gql_directive *dirs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(dirs[i].name, "skip") && if_arg(ex, &dirs[i]))
            return false;
        if (!strcmp(dirs[i].name, "include") && !if_arg(ex, &dirs[i]))
            return false;
    }
    return true;
}

static void collect(gql_exec *ex, const gql_type *t, const gql_selset *ss, fgroups *out,
                    const char ***visited, size_t *nvisited, size_t *vcap)
{
    for (size_t i = 0; ss && i < ss->n; i++) {
        const gql_sel *s = &ss->items[i];
        if (!included(ex, s->dirs, s->ndirs))
            continue;
        if (s->kind == GS_FIELD) {
            const char *key = s->alias ? s->alias : s->name;
            fgroup *g = NULL;
            for (size_t k = 0; k < out->n && !g; k++)
                if (!strcmp(out->items[k].key, key))
                    g = &out->items[k];
            if (!g && (g = gql_arena_grow(ex->a, (void **)&out->items, &out->n, &out->cap, sizeof *g)))
                g->key = key;
            const gql_sel **slot = g ? gql_arena_grow(ex->a, (void **)&g->nodes, &g->n, &g->cap, sizeof *slot) : NULL;
            if (slot)
                *slot = s;
        } else if (s->kind == GS_INLINE) {
            if (!s->type_cond || !strcmp(s->type_cond, t->name))
                collect(ex, t, s->sel, out, visited, nvisited, vcap);
        } else {
            bool seen = false;
            for (size_t k = 0; k < *nvisited && !seen; k++)
                seen = !strcmp((*visited)[k], s->name);
            if (seen)
                continue;
            const char **v = gql_arena_grow(ex->a, (void **)visited, nvisited, vcap, sizeof *v);
            if (v)
                *v = s->name;
            const gql_frag *f = gql_doc_fragment(ex->d, s->name, NULL);
            if (f && !strcmp(f->type_cond, t->name))
                collect(ex, t, f->sel, out, visited, nvisited, vcap);
        }
    }
}

static void collect_groups(gql_exec *ex, const gql_type *t, const gql_sel *const *nodes, size_t n, fgroups *out)
{
    const char **visited = NULL;
    size_t nv = 0, vcap = 0;
    *out = (fgroups){0};
    for (size_t i = 0; i < n; i++)
        collect(ex, t, nodes[i]->sel, out, &visited, &nv, &vcap);
}

/* --- arguments --- */

static cJSON *track(gql_exec *ex, cJSON *j)
{
    if (j)
        cJSON_AddItemToArray(ex->tracked, j);
    return j;
}

/* getArgumentValues; NULL after recording a field error. */
static cJSON *coerce_args(gql_exec *ex, const gql_field *fd, const gql_sel *node)
{
    cJSON *args = track(ex, cJSON_CreateObject());
    if (!args)
        return NULL;
    for (size_t i = 0; i < fd->nargs; i++) {
        const gql_ivalue *ad = &fd->args[i];
        const gql_arg *an = NULL;
        for (size_t k = 0; k < node->nargs && !an; k++)
            if (!strcmp(node->args[k].name, ad->name))
                an = &node->args[k];
        const char *ts = gql_tref_str(ex->a, ad->type);
        const gql_value *v = an ? an->value : NULL;
        bool missing = !an || (v->kind == GV_VARIABLE && !cJSON_GetObjectItemCaseSensitive(ex->vars, v->s));
        if (missing) {
            if (ad->def_json) {
                cJSON *dv = cJSON_Parse(ad->def_json);
                if (dv)
                    cJSON_AddItemToObject(args, ad->name, dv);
            } else if (gql_tref_nonnull(ad->type)) {
                if (!an)
                    add_error(ex, "BAD_USER_INPUT", gql_arena_printf(ex->a, "Argument \"%s\" of required type \"%s\" was not provided.", ad->name, ts),
                              node->loc, true);
                else
                    add_error(ex, "BAD_USER_INPUT", gql_arena_printf(ex->a, "Argument \"%s\" of required type \"%s\" was provided the variable \"$%s\" "
                                                                "which was not provided a runtime value.", ad->name, ts, v->s),
                              v->loc, true);
                return NULL;
            }
            continue;
        }
        bool is_null = v->kind == GV_NULL ||
                       (v->kind == GV_VARIABLE && cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(ex->vars, v->s)));
        if (is_null && gql_tref_nonnull(ad->type)) {
            add_error(ex, "BAD_USER_INPUT", gql_arena_printf(ex->a, "Argument \"%s\" of non-null type \"%s\" must not be null.", ad->name, ts),
                      v->loc, true);
            return NULL;
        }
        cJSON *cv = gql_value_from_ast(v, ad->type, ex->vars);
        if (cv)
            cJSON_AddItemToObject(args, ad->name, cv);
    }
    return args;
}

/* --- completion --- */

static cJSON *exec_selset(gql_exec *ex, const gql_type *t, const void *src, const fgroups *groups);

static cJSON *complete(gql_exec *ex, gql_tref type, const fgroup *g, gql_rv *rv, const gql_type *parent,
                       bool errored);

static cJSON *complete_nullable(gql_exec *ex, gql_tref t, const fgroup *g, gql_rv *rv, const gql_type *parent)
{
    if (rv->kind == RV_NULL)
        return cJSON_CreateNull();
    if (t.w[0] == 'L') {
        if (rv->kind != RV_LIST) {
            rv_free(rv);
            add_error(ex, "INTERNAL_SERVER_ERROR", gql_arena_printf(ex->a, "Expected Iterable, but did not find one for field \"%s.%s\".",
                                                                    parent->name, g->nodes[0]->name),
                      g->nodes[0]->loc, true);
            return NULL;
        }
        cJSON *arr = cJSON_CreateArray();
        gql_tref item = gql_tref_inner(t);
        for (size_t i = 0; i < rv->n; i++) {
            cJSON_AddItemToArray(ex->path, cJSON_CreateNumber((double)i));
            cJSON *r = complete(ex, item, g, &rv->items[i], parent, false);
            cJSON_DeleteItemFromArray(ex->path, cJSON_GetArraySize(ex->path) - 1);
            if (!r) {
                for (size_t k = i + 1; k < rv->n; k++)
                    rv_free(&rv->items[k]);
                cJSON_Delete(arr);
                return NULL;
            }
            cJSON_AddItemToArray(arr, r);
        }
        return arr;
    }
    if (gql_is_leaf(t.t)) {
        if (rv->kind == RV_JSON) {
            cJSON *j = rv->json;
            rv->kind = RV_NULL;
            return j;
        }
        rv_free(rv);
        return cJSON_CreateNull();
    }
    if (rv->kind != RV_OBJ) {
        rv_free(rv);
        return cJSON_CreateNull();
    }
    fgroups sub;
    collect_groups(ex, t.t, g->nodes, g->n, &sub);
    return exec_selset(ex, t.t, rv->src, &sub);
}

/* NULL: a null that must propagate to the parent (non-null position). */
static cJSON *complete(gql_exec *ex, gql_tref type, const fgroup *g, gql_rv *rv, const gql_type *parent,
                       bool errored)
{
    bool nn = gql_tref_nonnull(type);
    if (errored) {
        rv_free(rv);
        return nn ? NULL : cJSON_CreateNull();
    }
    cJSON *r = complete_nullable(ex, nn ? gql_tref_inner(type) : type, g, rv, parent);
    if (!r)
        return nn ? NULL : cJSON_CreateNull();
    if (nn && cJSON_IsNull(r)) {
        cJSON_Delete(r);
        add_error(ex, "INTERNAL_SERVER_ERROR", gql_arena_printf(ex->a, "Cannot return null for non-nullable field %s.%s.",
                                                                parent->name, g->nodes[0]->name),
                  g->nodes[0]->loc, true);
        return NULL;
    }
    return r;
}

static cJSON *exec_field(gql_exec *ex, const gql_type *t, const void *src, const fgroup *g, bool *bubble)
{
    const gql_sel *node = g->nodes[0];
    *bubble = false;
    if (!strcmp(node->name, "__typename"))
        return cJSON_CreateString(t->name);
    const gql_field *fd = gql_type_field(t, node->name);
    if (!fd)
        return NULL; /* unreachable after validation: left out */
    ex->field_loc = node->loc;
    cJSON *args = coerce_args(ex, fd, node);
    gql_rv rv = gql_rv_null();
    bool ok = args && t->resolve && t->resolve(ex, src, fd, args, &rv);
    if (args && !t->resolve)
        add_error(ex, "INTERNAL_SERVER_ERROR", "No resolver.", node->loc, true);
    cJSON *r = complete(ex, fd->type, g, &rv, t, !ok);
    if (!r)
        *bubble = true;
    return r;
}

static cJSON *exec_selset(gql_exec *ex, const gql_type *t, const void *src, const fgroups *groups)
{
    cJSON *obj = cJSON_CreateObject();
    for (size_t i = 0; obj && i < groups->n; i++) {
        const fgroup *g = &groups->items[i];
        bool bubble;
        cJSON_AddItemToArray(ex->path, cJSON_CreateString(g->key));
        cJSON *v = exec_field(ex, t, src, g, &bubble);
        cJSON_DeleteItemFromArray(ex->path, cJSON_GetArraySize(ex->path) - 1);
        if (bubble) {
            cJSON_Delete(obj);
            return NULL;
        }
        if (v)
            cJSON_AddItemToObject(obj, g->key, v);
    }
    return obj;
}

/* --- operation --- */

static const gql_op *pick_operation(const gql_doc *d, const char *name, gql_errs *errs)
{
    const gql_op *op = NULL;
    for (size_t i = 0; i < d->nops; i++) {
        if (!name) {
            if (op) {
                gql_errs_add(errs, "BAD_USER_INPUT", "Must provide operation name if query contains multiple operations.");
                return NULL;
            }
            op = &d->ops[i];
        } else if (d->ops[i].name && !strcmp(d->ops[i].name, name)) {
            op = &d->ops[i];
        }
    }
    if (!op) {
        if (name)
            gql_errs_add(errs, "BAD_USER_INPUT", gql_arena_printf(errs->a, "Unknown operation named \"%s\".", name));
        else
            gql_errs_add(errs, "BAD_USER_INPUT", "Must provide an operation.");
    }
    return op;
}

static cJSON *coerce_variables(const gql_schema *s, const gql_op *op, const cJSON *in, gql_errs *errs)
{
    cJSON *out = cJSON_CreateObject();
    size_t before = errs->n;
    for (size_t i = 0; out && i < op->nvars; i++) {
        const gql_vardef *vd = &op->vars[i];
        gql_tref t = gql_tref_of(s, vd->type);
        if (!t.t)
            continue;
        const char *ts = gql_tref_str(errs->a, t);
        const cJSON *v = cJSON_IsObject(in) ? cJSON_GetObjectItemCaseSensitive(in, vd->name) : NULL;
        if (!v) {
            if (vd->def) {
                cJSON *dv = gql_value_from_ast(vd->def, t, NULL);
                if (dv)
                    cJSON_AddItemToObject(out, vd->name, dv);
            } else if (gql_tref_nonnull(t)) {
                gql_err_loc(gql_errs_add(errs, "BAD_USER_INPUT", gql_arena_printf(errs->a, "Variable \"$%s\" of required type \"%s\" was not provided.",
                                                                                  vd->name, ts)),
                            vd->loc);
            }
            continue;
        }
        if (cJSON_IsNull(v) && gql_tref_nonnull(t)) {
            gql_err_loc(gql_errs_add(errs, "BAD_USER_INPUT", gql_arena_printf(errs->a, "Variable \"$%s\" of non-null type \"%s\" must not be null.",
                                                                              vd->name, ts)),
                        vd->loc);
            continue;
        }
        cJSON *cv = gql_coerce_variable(errs, vd->name, vd->loc, v, t);
        if (cv)
            cJSON_AddItemToObject(out, vd->name, cv);
    }
    if (errs->n != before) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

cJSON *gql_execute(const gql_schema *s, const gql_doc *d, const char *op_name, const cJSON *variables,
                   void *app, gql_errs *errs)
{
    const gql_op *op = pick_operation(d, op_name, errs);
    if (!op)
        return NULL;
    cJSON *vars = coerce_variables(s, op, variables, errs);
    if (!vars)
        return NULL;
    const gql_type *root = op->type == GQL_QUERY ? s->query : op->type == GQL_MUTATION ? s->mutation : NULL;
    if (!root) {
        gql_errs_add(errs, "BAD_USER_INPUT", gql_arena_printf(errs->a, "Schema is not configured to execute %s operation.",
                                                              op->type == GQL_MUTATION ? "mutation" : "subscription"));
        cJSON_Delete(vars);
        return NULL;
    }
    gql_exec ex = {.a = errs->a, .s = s, .d = d, .errs = errs, .vars = vars, .app = app};
    ex.path = cJSON_CreateArray();
    ex.tracked = cJSON_CreateArray();
    fgroups groups = {0};
    const char **visited = NULL;
    size_t nv = 0, vcap = 0;
    collect(&ex, root, op->sel, &groups, &visited, &nv, &vcap);
    cJSON *data = ex.path && ex.tracked ? exec_selset(&ex, root, NULL, &groups) : NULL;
    cJSON_Delete(ex.path);
    cJSON_Delete(ex.tracked);
    cJSON_Delete(vars);
    return data ? data : cJSON_CreateNull();
}
