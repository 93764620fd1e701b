/* gql_resolve.c - read resolvers of /graphql: the Query root (find many,
 * find one; groupBy and search dispatch), records, composites, connections,
 * edges and page info; plus the request context and the filter/order
 * conversions every resolver shares. See gql_twenty.h. */
#include "sim/gql_twenty.h"

#include <stdlib.h>
#include <string.h>

#include "sim/jscompat.h"

#define GT_DEFAULT_LIMIT 60

/* ------------------------------------------------------------ context */

void *gt_defer(gt_ctx *c, void (*fn)(void *), void *p)
{
    if (!p)
        return NULL;
    gt_cleanup *e = gql_arena_grow(c->a, (void **)&c->items, &c->n, &c->cap, sizeof *e);
    if (!e) {
        fn(p);
        return NULL;
    }
    e->fn = fn;
    e->p = p;
    return p;
}

void gt_ctx_cleanup(gt_ctx *c)
{
    for (size_t i = c->n; i-- > 0;)
        c->items[i].fn(c->items[i].p);
    c->n = 0;
}

static void free_filter(void *p) { sim_filter_free(p); }
void gt_free_json(void *p) { cJSON_Delete(p); }
static void free_page(void *p) { sim_page_free(p); }

bool gt_fail_sim(gql_exec *ex, const sim_error *e)
{
    const char *code = e->status == 404 ? "NOT_FOUND" : e->status == 403 ? "FORBIDDEN"
                     : e->status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_USER_INPUT";
    return gql_fail(ex, code, "%s", e->message);
}

gt_rec *gt_rec_new(gql_exec *ex, sim_obj_kind k, const sim_record *r)
{
    gt_rec *rec = gql_arena_alloc(ex->a, sizeof *rec);
    if (rec) {
        rec->k = k;
        rec->r = r;
    }
    return rec;
}

const cJSON *gt_rec_json(gql_exec *ex, gt_rec *rec)
{
    if (!rec->json && rec->r) {
        gt_ctx *c = gt_of(ex);
        rec->json = gt_defer(c, gt_free_json, sim_record_to_json(c->st, rec->k, rec->r, 0));
    }
    return rec->json;
}

bool gt_records_rv(gql_exec *ex, sim_obj_kind k, sim_record *const *rows, size_t n, gql_rv *out)
{
    gql_rv *items = gql_rv_list(ex, out, n);
    if (!items)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    for (size_t i = 0; i < n; i++)
        items[i] = gql_rv_obj(gt_rec_new(ex, k, rows[i]));
    return true;
}

/* ------------------------------------------------------------ filters */

static const char *const k_ops[] = {
    [FOP_EQ] = "eq", [FOP_NEQ] = "neq", [FOP_IN] = "in", [FOP_CONTAINS_ANY] = "containsAny",
    [FOP_IS] = "is", [FOP_GT] = "gt", [FOP_GTE] = "gte", [FOP_LT] = "lt", [FOP_LTE] = "lte",
    [FOP_STARTS_WITH] = "startsWith", [FOP_ENDS_WITH] = "endsWith", [FOP_LIKE] = "like",
    [FOP_ILIKE] = "ilike",
};

/* A GraphQL operand as the text REST would have sent. */
static const char *operand_text(gql_arena *a, const cJSON *v)
{
    char num[40];
    if (cJSON_IsString(v))
        return v->valuestring;
    if (cJSON_IsNumber(v)) {
        sim_js_number_str(v->valuedouble, num, sizeof num);
        return gql_arena_strdup(a, num);
    }
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v) ? "true" : "false";
    return NULL;
}

typedef struct kids {
    sim_filter **items;
    size_t n, cap;
} kids;

static bool add_kid(gql_exec *ex, kids *k, sim_filter *f)
{
    sim_filter **slot = gql_arena_grow(ex->a, (void **)&k->items, &k->n, &k->cap, sizeof *slot);
    if (!slot) {
        sim_filter_free(f);
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    }
    *slot = f;
    return true;
}

static void free_kids(kids *k)
{
    for (size_t i = 0; i < k->n; i++)
        sim_filter_free(k->items[i]);
    k->n = 0;
}

/* Leaves of one field (or composite subfield) path: {eq: …, in: […]}. */
static bool leaves(gql_exec *ex, const sim_object *o, const char *path, const cJSON *ops, kids *out)
{
    gt_ctx *c = gt_of(ex);
    for (const cJSON *op = ops ? ops->child : NULL; op; op = op->next) {
        if (cJSON_IsNull(op))
            continue;
        int fop = -1;
        for (size_t i = 0; i < sizeof k_ops / sizeof *k_ops; i++)
            if (k_ops[i] && !strcmp(k_ops[i], op->string))
                fop = (int)i;
        if (fop < 0)
            return gql_fail(ex, "BAD_USER_INPUT", "Operator \"%s\" is not supported", op->string);
        const char *vals[256];
        size_t n = 0;
        if (cJSON_IsArray(op)) {
            for (const cJSON *it = op->child; it && n < 256; it = it->next) {
                const char *t = operand_text(ex->a, it);
                if (t)
                    vals[n++] = t;
            }
        } else {
            const char *t = operand_text(ex->a, op);
            if (!t)
                continue;
            vals[n++] = t;
        }
        sim_error err = {0};
        sim_filter *leaf = sim_filter_leaf(&c->st->schema, o, path, (sim_fop)fop, vals, n, &err);
        if (!leaf)
            return gt_fail_sim(ex, &err);
        if (!add_kid(ex, out, leaf))
            return false;
    }
    return true;
}

/* The conditions of one filter object, ANDed; *out NULL when there are none. */
static bool filter_node(gql_exec *ex, const sim_object *o, const cJSON *in, sim_filter **out, int depth)
{
    kids k = {0};
    *out = NULL;
    if (depth > 32)
        return gql_fail(ex, "BAD_USER_INPUT", "Filter is nested too deeply");
    for (const cJSON *it = in ? in->child : NULL; it; it = it->next) {
        if (cJSON_IsNull(it))
            continue;
        bool is_and = !strcmp(it->string, "and"), is_or = !strcmp(it->string, "or");
        if (is_and || is_or) {
            kids sub = {0};
            for (const cJSON *el = cJSON_IsArray(it) ? it->child : NULL; el; el = el->next) {
                sim_filter *f;
                if (!filter_node(ex, o, el, &f, depth + 1)) {
                    free_kids(&sub);
                    free_kids(&k);
                    return false;
                }
                if (f && !add_kid(ex, &sub, f)) {
                    free_kids(&sub);
                    free_kids(&k);
                    return false;
                }
            }
            if (sub.n > 0 && !add_kid(ex, &k, sim_filter_node(is_and ? FN_AND : FN_OR, sub.items, sub.n))) {
                free_kids(&k);
                return false;
            }
            continue;
        }
        if (!strcmp(it->string, "not")) {
            sim_filter *f;
            if (!filter_node(ex, o, it, &f, depth + 1)) {
                free_kids(&k);
                return false;
            }
            if (f && !add_kid(ex, &k, sim_filter_node(FN_NOT, &f, 1))) {
                free_kids(&k);
                return false;
            }
            continue;
        }
        const sim_field *sf = sim_object_field(o, it->string);
        bool ok = true;
        if (sf && sf->nsub > 0) {
            for (const cJSON *sub = it->child; sub && ok; sub = sub->next) {
                if (cJSON_IsNull(sub))
                    continue;
                char *path = gql_arena_printf(ex->a, "%s.%s", it->string, sub->string);
                ok = path && leaves(ex, o, path, sub, &k);
            }
        } else {
            ok = leaves(ex, o, it->string, it, &k);
        }
        if (!ok) {
            free_kids(&k);
            return false;
        }
    }
    if (k.n == 1)
        *out = k.items[0];
    else if (k.n > 1)
        *out = sim_filter_node(FN_AND, k.items, k.n);
    return true;
}

/* The filter argument as an owned tree (NULL: no condition). */
static bool build_filter(gql_exec *ex, const sim_object *o, const cJSON *in, sim_filter **out)
{
    *out = NULL;
    if (!in || !cJSON_IsObject(in))
        return true;
    return filter_node(ex, o, in, out, 0);
}

sim_filter *gt_filter(gql_exec *ex, const sim_object *o, const cJSON *in, bool *ok)
{
    sim_filter *f;
    *ok = build_filter(ex, o, in, &f);
    return *ok ? gt_defer(gt_of(ex), free_filter, f) : NULL;
}

bool gt_order(gql_exec *ex, const sim_object *o, const cJSON *in, sim_order *out)
{
    memset(out, 0, sizeof *out);
    for (const cJSON *el = cJSON_IsArray(in) ? in->child : NULL; el; el = el->next) {
        for (const cJSON *key = cJSON_IsObject(el) ? el->child : NULL; key; key = key->next) {
            sim_error err = {0};
            if (cJSON_IsString(key)) {
                if (!sim_order_add(o, out, key->string, key->valuestring, &err))
                    return gt_fail_sim(ex, &err);
                continue;
            }
            for (const cJSON *sub = cJSON_IsObject(key) ? key->child : NULL; sub; sub = sub->next) {
                if (!cJSON_IsString(sub))
                    continue;
                char *path = gql_arena_printf(ex->a, "%s.%s", key->string, sub->string);
                if (!path || !sim_order_add(o, out, path, sub->valuestring, &err))
                    return path ? gt_fail_sim(ex, &err) : gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
            }
        }
    }
    sim_order_finish(o, out);
    return true;
}

/* ------------------------------------------------------------ connections */

bool gt_int_arg(const cJSON *args, const char *name, long *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, name);
    if (!cJSON_IsNumber(v))
        return false;
    *out = (long)v->valuedouble;
    return true;
}

static const char *str_arg(const cJSON *args, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool gt_conn_load(gql_exec *ex, gt_conn *c)
{
    if (c->loaded)
        return true;
    sim_find_args fa = {.filter = c->filter, .order = &c->order, .limit = c->limit};
    if (c->backward)
        fa.ending_before = c->before;
    else
        fa.starting_after = c->after;
    sim_error err = {0};
    if (!sim_find_many(gt_of(ex)->st, c->k, &fa, &c->page, &err))
        return gt_fail_sim(ex, &err);
    gt_defer(gt_of(ex), free_page, &c->page);
    c->loaded = true;
    return true;
}

/* A connection over `o` (find many and one-to-many fields); `extra` (owned,
 * may be NULL) is ANDed with the filter argument. */
static bool connection(gql_exec *ex, const sim_object *o, const cJSON *args, sim_filter *extra, gql_rv *out)
{
    long first = -1, last = -1;
    bool has_first = gt_int_arg(args, "first", &first), has_last = gt_int_arg(args, "last", &last);
    const char *before = str_arg(args, "before"), *after = str_arg(args, "after");
    const char *conflict = NULL;
    if (has_first && first && has_last && last)
        conflict = "Cannot provide both first and last";
    else if (before && *before && after && *after)
        conflict = "Cannot provide both before and after";
    else if (before && *before && has_first && first)
        conflict = "Cannot provide both before and first";
    else if (after && *after && has_last && last)
        conflict = "Cannot provide both after and last";
    else if (has_first && first < 0)
        conflict = "First argument must be non-negative";
    else if (has_last && last < 0)
        conflict = "Last argument must be non-negative";
    gt_conn *c = conflict ? NULL : gql_arena_alloc(ex->a, sizeof *c);
    sim_filter *f = NULL;
    if (!c || !build_filter(ex, o, cJSON_GetObjectItemCaseSensitive(args, "filter"), &f)) {
        sim_filter_free(extra);
        if (conflict)
            return gql_fail(ex, "BAD_USER_INPUT", "%s", conflict);
        return c ? false : gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    }
    if (extra && f) {
        sim_filter *pair[2] = {f, extra};
        f = sim_filter_node(FN_AND, pair, 2);
    } else if (extra) {
        f = extra;
    }
    c->k = o->kind;
    c->filter = gt_defer(gt_of(ex), free_filter, f);
    if (!gt_order(ex, o, cJSON_GetObjectItemCaseSensitive(args, "orderBy"), &c->order))
        return false;
    c->limit = has_first ? first : has_last ? last : GT_DEFAULT_LIMIT;
    c->before = before && *before ? before : NULL;
    c->after = after && *after ? after : NULL;
    c->backward = c->before != NULL;
    if (!gt_conn_load(ex, c))
        return false;
    *out = gql_rv_obj(c);
    return true;
}

static bool find_one(gql_exec *ex, const sim_object *o, const cJSON *args, gql_rv *out)
{
    const cJSON *filter = cJSON_GetObjectItemCaseSensitive(args, "filter");
    if (!cJSON_IsObject(filter) || !filter->child)
        return gql_fail(ex, "BAD_USER_INPUT", "Missing filter argument");
    bool ok;
    sim_filter *f = gt_filter(ex, o, filter, &ok);
    if (!ok)
        return false;
    sim_find_args fa = {.filter = f, .limit = 1};
    sim_page page = {0};
    sim_error err = {0};
    if (!sim_find_many(gt_of(ex)->st, o->kind, &fa, &page, &err))
        return gt_fail_sim(ex, &err);
    const sim_record *r = page.n > 0 ? page.rows[0] : NULL;
    sim_page_free(&page);
    if (!r) {
        gql_fail(ex, "NOT_FOUND", "Record not found");
        ex->errs->items[ex->errs->n - 1].user_message = "This record does not exist or has been deleted.";
        return false;
    }
    *out = gql_rv_obj(gt_rec_new(ex, o->kind, r));
    return true;
}

bool gt_resolve_query(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)src;
    const sim_object *o = f->data;
    switch (f->tag) {
    case GT_FIND_MANY:
        return connection(ex, o, args, NULL, out);
    case GT_FIND_ONE:
        return find_one(ex, o, args, out);
    case GT_GROUP_BY:
        return gt_group_by(ex, o, args, out);
    case GT_SEARCH:
        return gt_resolve_search(ex, NULL, f, args, out);
    }
    return gql_fail(ex, "INTERNAL_SERVER_ERROR", "Unknown query field %s", f->name);
}

/* ------------------------------------------------------------ records */

bool gt_resolve_record(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    gt_rec *rec = (gt_rec *)src;
    const sim_field *sf = f->data;
    const cJSON *json = gt_rec_json(ex, rec);
    gt_ctx *c = gt_of(ex);
    if (!json)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    switch (f->tag) {
    case GT_SCALAR:
    case GT_FK: {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(json, sf->name);
        *out = v ? gql_rv_json(cJSON_Duplicate(v, true)) : gql_rv_null();
        return true;
    }
    case GT_COMPOSITE: {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(json, sf->name);
        gt_comp *cs = cJSON_IsObject(v) ? gql_arena_alloc(ex->a, sizeof *cs) : NULL;
        if (cs)
            cs->json = v;
        *out = gql_rv_obj(cs);
        return true;
    }
    case GT_RELATION: {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(json, sf->name);
        sim_uuid id;
        *out = gql_rv_null();
        if (!cJSON_IsString(v) || !sim_uuid_parse(v->valuestring, &id))
            return true;
        sim_table *t = sim_store_table(c->st, sf->relation_target);
        sim_record *r = sim_table_get(t, &id);
        if (r && !sim_record_deleted(t, r))
            *out = gql_rv_obj(gt_rec_new(ex, sf->relation_target, r));
        return true;
    }
    case GT_TO_MANY: {
        const gt_to_many *tm = f->data;
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(json, "id");
        const sim_object *target = sim_schema_object(&c->st->schema, tm->target);
        const char *vals[1] = {cJSON_IsString(id) ? id->valuestring : ""};
        sim_error err = {0};
        sim_filter *fk = sim_filter_leaf(&c->st->schema, target, tm->fk->name, FOP_EQ, vals, 1, &err);
        if (!fk)
            return gt_fail_sim(ex, &err);
        return connection(ex, target, args, fk, out);
    }
    }
    return gql_fail(ex, "INTERNAL_SERVER_ERROR", "Unknown field %s", f->name);
}

bool gt_resolve_composite(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)ex;
    (void)args;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(((const gt_comp *)src)->json, f->name);
    *out = v ? gql_rv_json(cJSON_Duplicate(v, true)) : gql_rv_null();
    return true;
}

/* ------------------------------------------------------------ connections */

static bool all_rows(gql_exec *ex, gt_conn *c)
{
    if (c->have_all)
        return true;
    sim_record **rows = NULL;
    c->nall = sim_find_all(gt_of(ex)->st, c->k, c->filter, &rows);
    c->all = gt_defer(gt_of(ex), free, rows);
    c->have_all = true;
    return true;
}

bool gt_resolve_connection(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)args;
    gt_conn *c = (gt_conn *)src;
    const sim_object *o = sim_schema_object(&gt_of(ex)->st->schema, c->k);
    if (!gt_conn_load(ex, c))
        return false;
    switch (f->tag) {
    case GT_EDGES: {
        gql_rv *items = gql_rv_list(ex, out, c->page.n);
        if (!items)
            return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
        for (size_t i = 0; i < c->page.n; i++) {
            gt_edge *e = gql_arena_alloc(ex->a, sizeof *e);
            if (e) {
                e->c = c;
                e->rec = gt_rec_new(ex, c->k, c->page.rows[i]);
            }
            items[i] = gql_rv_obj(e);
        }
        return true;
    }
    case GT_PAGE_INFO: {
        gt_pinfo *p = gql_arena_alloc(ex->a, sizeof *p);
        if (!p)
            return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
        if (c->group || !c->backward) {
            p->has_next = c->page.has_next;
            p->has_prev = c->group ? c->page.has_prev : false;
        } else {
            p->has_prev = c->page.has_prev;
        }
        p->start = c->page.start_cursor;
        p->end = c->page.end_cursor;
        *out = gql_rv_obj(p);
        return true;
    }
    case GT_TOTAL_COUNT:
        *out = gql_rv_json(cJSON_CreateNumber((double)(c->group ? c->group_count : c->page.total)));
        return true;
    case GT_DIMENSIONS: {
        gql_rv *items = c->dims ? gql_rv_list(ex, out, (size_t)cJSON_GetArraySize(c->dims)) : NULL;
        size_t i = 0;
        for (const cJSON *d = c->dims ? c->dims->child : NULL; items && d; d = d->next)
            items[i++] = gql_rv_json(cJSON_Duplicate(d, true));
        if (!c->dims)
            *out = gql_rv_null();
        return true;
    }
    case GT_AGGREGATE: {
        sim_aggregate agg;
        if (!sim_aggregate_parse(o, f->name, &agg))
            return gql_fail(ex, "INTERNAL_SERVER_ERROR", "Unknown aggregate %s", f->name);
        if (!all_rows(ex, c))
            return false;
        *out = gql_rv_json(sim_aggregate_eval(&agg, c->all, c->nall, false));
        return true;
    }
    }
    return gql_fail(ex, "INTERNAL_SERVER_ERROR", "Unknown field %s", f->name);
}

bool gt_resolve_edge(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)args;
    const gt_edge *e = src;
    if (f->tag == GT_NODE) {
        *out = gql_rv_obj(e->rec);
        return true;
    }
    const sim_object *o = sim_schema_object(&gt_of(ex)->st->schema, e->c->k);
    char *cur = sim_cursor_encode(o, &e->c->order, e->rec->r);
    if (!cur)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    *out = gql_rv_json(cJSON_CreateString(cur));
    free(cur);
    return true;
}

bool gt_resolve_page_info(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    (void)ex;
    (void)args;
    const gt_pinfo *p = src;
    switch (f->tag) {
    case GT_HAS_NEXT:
        *out = gql_rv_json(cJSON_CreateBool(p->has_next));
        return true;
    case GT_HAS_PREV:
        *out = gql_rv_json(cJSON_CreateBool(p->has_prev));
        return true;
    case GT_START_CURSOR:
        *out = p->start ? gql_rv_json(cJSON_CreateString(p->start)) : gql_rv_null();
        return true;
    case GT_END_CURSOR:
        *out = p->end ? gql_rv_json(cJSON_CreateString(p->end)) : gql_rv_null();
        return true;
    }
    return false;
}
