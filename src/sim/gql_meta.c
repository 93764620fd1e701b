/* gql_meta.c - POST /metadata: the part of Twenty's metadata GraphQL schema a
 * client needs to discover objects, fields and stage options (contract
 * section 4): objects(paging, filter) and fields(paging, filter) as
 * nestjs-query cursor connections (default page 10, at most 1000, cursors
 * base64 "arrayconnection:N"), object(id), field(id), and on each object
 * fieldsList and fields(paging). Field values match GET /rest/metadata/fields. */
#include "sim/gql_twenty.h"
#include "sim/meta_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/query_internal.h"   /* sim_base64_encode / sim_base64_decode */

#define PAGE_DEFAULT "{\"first\":10}"
#define PAGE_MAX 1000

enum {
    MT_OBJECTS = 1, MT_OBJECT, MT_FIELDS, MT_FIELD,          /* Query */
    MT_OBJ_PROP, MT_OBJ_FIELDS_LIST, MT_OBJ_FIELDS,          /* Object */
    MT_FIELD_PROP,                                           /* Field */
    MT_EDGES, MT_PAGE_INFO, MT_NODE, MT_CURSOR,              /* connections */
    MT_HAS_NEXT, MT_HAS_PREV, MT_START, MT_END,
};

typedef struct mitem {
    const sim_object *o;
    const sim_field *f;       /* NULL for an object */
} mitem;

typedef struct mconn {
    mitem *items;             /* the page */
    size_t n, offset;         /* offset of items[0] in the whole list */
    bool has_next, has_prev;
} mconn;

typedef struct medge {
    const mconn *c;
    size_t i;
} medge;

static gql_tref R(const gql_type *t, const char *w) { return gql_ref(t, w); }

static void tagged(gql_schema *s, gql_type *t, const char *name, gql_tref type, int tag)
{
    gql_field *f = gql_add_field(s, t, name, type);
    if (f)
        f->tag = tag;
}

static void paging_args(gql_schema *s, gql_field *f, const gql_type *paging, const gql_type *filter)
{
    gql_add_arg(s, f, "paging", R(paging, "N"), PAGE_DEFAULT);
    gql_add_arg(s, f, "filter", R(filter, "N"), "{}");
}

static gql_type *connection(gql_schema *s, const char *name, const char *edge_name, gql_type *node,
                            gql_type *page_info)
{
    gql_type *edge = (gql_type *)gql_schema_type(s, edge_name);
    gql_type *conn = gql_add_type(s, GK_OBJECT, name);
    if (!edge && (edge = gql_add_type(s, GK_OBJECT, edge_name))) {
        edge->resolve = gt_resolve_meta;
        tagged(s, edge, "node", R(node, "N"), MT_NODE);
        tagged(s, edge, "cursor", R(gql_schema_type(s, "ConnectionCursor"), "N"), MT_CURSOR);
    }
    if (!conn || !edge)
        return NULL;
    conn->resolve = gt_resolve_meta;
    tagged(s, conn, "pageInfo", R(page_info, "N"), MT_PAGE_INFO);
    tagged(s, conn, "edges", R(edge, "NLN"), MT_EDGES);
    return conn;
}

gql_schema *gt_meta_schema(const sim_schema *ss)
{
    (void)ss;
    gql_schema *s = gql_schema_new();
    if (!s)
        return NULL;
    const gql_type *Int = gql_schema_type(s, "Int"), *Bool = gql_schema_type(s, "Boolean");
    const gql_type *UUID = gql_schema_type(s, "UUID");
    const gql_type *Cur = gql_schema_type(s, "ConnectionCursor");
    static const char *const ftypes[] = {"UUID", "TEXT", "PHONES", "EMAILS", "DATE_TIME", "DATE", "BOOLEAN",
                                         "NUMBER", "NUMERIC", "LINKS", "CURRENCY", "FULL_NAME", "RATING",
                                         "SELECT", "MULTI_SELECT", "POSITION", "ADDRESS", "RAW_JSON",
                                         "RICH_TEXT", "RICH_TEXT_V2", "ACTOR", "ARRAY", "RELATION",
                                         "MORPH_RELATION", "TS_VECTOR", "FILES"};
    gql_type *fmt = gql_add_type(s, GK_ENUM, "FieldMetadataType");
    for (size_t i = 0; i < sizeof ftypes / sizeof *ftypes; i++)
        gql_add_enum_value(s, fmt, ftypes[i]);
    gql_type *paging = gql_add_type(s, GK_INPUT, "CursorPaging");
    gql_add_input(s, paging, "before", R(Cur, ""));
    gql_add_input(s, paging, "after", R(Cur, ""));
    gql_add_input(s, paging, "first", R(Int, ""));
    gql_add_input(s, paging, "last", R(Int, ""));
    gql_type *uuid_cmp = gql_add_type(s, GK_INPUT, "UUIDFilterComparison");
    gql_add_input(s, uuid_cmp, "eq", R(UUID, ""));
    gql_add_input(s, uuid_cmp, "neq", R(UUID, ""));
    gql_add_input(s, uuid_cmp, "in", R(UUID, "LN"));
    gql_add_input(s, uuid_cmp, "notIn", R(UUID, "LN"));
    gql_type *bool_cmp = gql_add_type(s, GK_INPUT, "BooleanFieldComparison");
    gql_add_input(s, bool_cmp, "is", R(Bool, ""));
    gql_add_input(s, bool_cmp, "isNot", R(Bool, ""));
    gql_type *filters[2] = {gql_add_type(s, GK_INPUT, "ObjectFilter"), gql_add_type(s, GK_INPUT, "FieldFilter")};
    for (int i = 0; i < 2; i++) {
        gql_add_input(s, filters[i], "and", R(filters[i], "LN"));
        gql_add_input(s, filters[i], "or", R(filters[i], "LN"));
        gql_add_input(s, filters[i], "id", R(uuid_cmp, ""));
        gql_add_input(s, filters[i], "isCustom", R(bool_cmp, ""));
        gql_add_input(s, filters[i], "isActive", R(bool_cmp, ""));
        gql_add_input(s, filters[i], "isSystem", R(bool_cmp, ""));
    }
    gql_type *page_info = gql_add_type(s, GK_OBJECT, "PageInfo");
    if (page_info) {
        page_info->resolve = gt_resolve_meta;
        tagged(s, page_info, "hasNextPage", R(Bool, ""), MT_HAS_NEXT);
        tagged(s, page_info, "hasPreviousPage", R(Bool, ""), MT_HAS_PREV);
        tagged(s, page_info, "startCursor", R(Cur, ""), MT_START);
        tagged(s, page_info, "endCursor", R(Cur, ""), MT_END);
    }
    gql_type *obj = gql_add_type(s, GK_OBJECT, "Object"), *fld = gql_add_type(s, GK_OBJECT, "Field");
    if (!obj || !fld || s->oom) {
        gql_schema_free(s);
        return NULL;
    }
    obj->resolve = fld->resolve = gt_resolve_meta;
    static const struct {
        const char *name, *type, *w;
    } oprops[] = {{"id", "UUID", "N"}, {"dataSourceId", "String", "N"}, {"nameSingular", "String", "N"},
                  {"namePlural", "String", "N"}, {"labelSingular", "String", "N"}, {"labelPlural", "String", "N"},
                  {"description", "String", ""}, {"icon", "String", ""}, {"shortcut", "String", ""},
                  {"isCustom", "Boolean", "N"}, {"isRemote", "Boolean", "N"}, {"isActive", "Boolean", "N"},
                  {"isSystem", "Boolean", "N"}, {"isSearchable", "Boolean", "N"}, {"createdAt", "DateTime", "N"},
                  {"updatedAt", "DateTime", "N"}, {"labelIdentifierFieldMetadataId", "String", ""},
                  {"imageIdentifierFieldMetadataId", "String", ""}},
      fprops[] = {{"id", "UUID", "N"}, {"type", "FieldMetadataType", "N"}, {"name", "String", "N"},
                  {"label", "String", "N"}, {"description", "String", ""}, {"icon", "String", ""},
                  {"isCustom", "Boolean", ""}, {"isActive", "Boolean", ""}, {"isSystem", "Boolean", ""},
                  {"isNullable", "Boolean", ""}, {"isUnique", "Boolean", ""}, {"createdAt", "DateTime", "N"},
                  {"updatedAt", "DateTime", "N"}, {"defaultValue", "JSON", ""}, {"options", "JSON", ""},
                  {"settings", "JSON", ""}, {"isLabelSyncedWithName", "Boolean", ""},
                  {"objectMetadataId", "String", "N"}};
    for (size_t i = 0; i < sizeof oprops / sizeof *oprops; i++)
        tagged(s, obj, oprops[i].name, R(gql_schema_type(s, oprops[i].type), oprops[i].w), MT_OBJ_PROP);
    for (size_t i = 0; i < sizeof fprops / sizeof *fprops; i++)
        tagged(s, fld, fprops[i].name, R(gql_schema_type(s, fprops[i].type), fprops[i].w), MT_FIELD_PROP);
    tagged(s, obj, "fieldsList", R(fld, "NLN"), MT_OBJ_FIELDS_LIST);
    gql_type *ofc = connection(s, "ObjectFieldsConnection", "FieldEdge", fld, page_info);
    gql_field *f = gql_add_field(s, obj, "fields", R(ofc, "N"));
    if (f) {
        f->tag = MT_OBJ_FIELDS;
        paging_args(s, f, paging, filters[1]);
    }
    gql_type *oc = connection(s, "ObjectConnection", "ObjectEdge", obj, page_info);
    gql_type *fc = connection(s, "FieldConnection", "FieldEdge", fld, page_info);
    gql_type *q = gql_add_type(s, GK_OBJECT, "Query");
    if (q) {
        q->resolve = gt_resolve_meta;
        if ((f = gql_add_field(s, q, "objects", R(oc, "N")))) {
            f->tag = MT_OBJECTS;
            paging_args(s, f, paging, filters[0]);
        }
        if ((f = gql_add_field(s, q, "object", R(obj, "N")))) {
            f->tag = MT_OBJECT;
            gql_add_arg(s, f, "id", R(UUID, "N"), NULL);
        }
        if ((f = gql_add_field(s, q, "fields", R(fc, "N")))) {
            f->tag = MT_FIELDS;
            paging_args(s, f, paging, filters[1]);
        }
        if ((f = gql_add_field(s, q, "field", R(fld, "N")))) {
            f->tag = MT_FIELD;
            gql_add_arg(s, f, "id", R(UUID, "N"), NULL);
        }
    }
    s->query = q;
    if (s->oom) {
        gql_schema_free(s);
        return NULL;
    }
    return s;
}

/* ------------------------------------------------------------ values */

static cJSON *field_prop(const sim_schema *ss, const mitem *it, const char *p)
{
    const sim_field *f = it->f;
    if (!strcmp(p, "id"))
        return cJSON_CreateString(f->metadata_id);
    if (!strcmp(p, "type"))
        return cJSON_CreateString(sim_meta_type_name(f->type));
    if (!strcmp(p, "name"))
        return cJSON_CreateString(sim_meta_field_name(f));
    if (!strcmp(p, "label"))
        return cJSON_CreateString(f->label ? f->label : f->name);
    if (!strcmp(p, "isActive"))
        return cJSON_CreateTrue();
    if (!strcmp(p, "isSystem"))
        return cJSON_CreateBool(f->system);
    if (!strcmp(p, "isNullable"))
        return cJSON_CreateBool(f->nullable);
    if (!strcmp(p, "isCustom") || !strcmp(p, "isUnique") || !strcmp(p, "isLabelSyncedWithName"))
        return cJSON_CreateFalse();
    if (!strcmp(p, "createdAt") || !strcmp(p, "updatedAt"))
        return cJSON_CreateString(SIM_META_TIMESTAMP);
    if (!strcmp(p, "defaultValue"))
        return sim_meta_default_json(f->default_value);
    if (!strcmp(p, "options"))
        return sim_meta_options_json(ss, f);
    if (!strcmp(p, "objectMetadataId"))
        return cJSON_CreateString(it->o->metadata_id);
    return cJSON_CreateNull();
}

static cJSON *object_prop(const mitem *it, const char *p)
{
    const sim_object *o = it->o;
    if (!strcmp(p, "id"))
        return cJSON_CreateString(o->metadata_id);
    if (!strcmp(p, "dataSourceId"))
        return cJSON_CreateString("00000000-0000-4000-8000-000000000000");
    if (!strcmp(p, "nameSingular"))
        return cJSON_CreateString(o->singular);
    if (!strcmp(p, "namePlural"))
        return cJSON_CreateString(o->plural);
    if (!strcmp(p, "labelSingular"))
        return cJSON_CreateString(o->label_singular);
    if (!strcmp(p, "labelPlural"))
        return cJSON_CreateString(o->label_plural);
    if (!strcmp(p, "isActive") || !strcmp(p, "isSearchable"))
        return cJSON_CreateTrue();
    if (!strcmp(p, "isSystem"))
        return cJSON_CreateBool(o->kind == SIM_OBJ_MEMBER);
    if (!strcmp(p, "isCustom") || !strcmp(p, "isRemote"))
        return cJSON_CreateFalse();
    if (!strcmp(p, "createdAt") || !strcmp(p, "updatedAt"))
        return cJSON_CreateString(SIM_META_TIMESTAMP);
    if (!strcmp(p, "labelIdentifierFieldMetadataId")) {
        const sim_field *f = sim_object_field(o, "name");
        return f ? cJSON_CreateString(f->metadata_id) : cJSON_CreateNull();
    }
    return cJSON_CreateNull();
}

/* ------------------------------------------------------------ lists */

/* nestjs-query's filters on id / isCustom / isActive / isSystem. */
static bool matches(const cJSON *filter, const sim_schema *ss, const mitem *it)
{
    for (const cJSON *c = filter ? filter->child : NULL; c; c = c->next) {
        if (!strcmp(c->string, "and") || !strcmp(c->string, "or")) {
            bool is_and = c->string[0] == 'a', any = false, all = true;
            for (const cJSON *el = c->child; el; el = el->next) {
                bool m = matches(el, ss, it);
                any = any || m;
                all = all && m;
            }
            if (c->child && !(is_and ? all : any))
                return false;
            continue;
        }
        cJSON *v = it->f ? field_prop(ss, it, c->string) : object_prop(it, c->string);
        bool ok = true;
        for (const cJSON *op = c->child; op && ok; op = op->next) {
            if (!strcmp(op->string, "eq") || !strcmp(op->string, "is"))
                ok = cJSON_Compare(v, op, true);
            else if (!strcmp(op->string, "neq") || !strcmp(op->string, "isNot"))
                ok = !cJSON_Compare(v, op, true);
            else if (!strcmp(op->string, "in") || !strcmp(op->string, "notIn")) {
                bool found = false;
                for (const cJSON *e = op->child; e && !found; e = e->next)
                    found = cJSON_Compare(v, e, true);
                ok = op->string[0] == 'i' ? found : !found;
            }
        }
        cJSON_Delete(v);
        if (!ok)
            return false;
    }
    return true;
}

static long cursor_index(const char *c)
{
    size_t n;
    unsigned char *raw = c ? sim_base64_decode(c, &n) : NULL;
    long i = -1;
    if (raw && !strncmp((const char *)raw, "arrayconnection:", 16))
        i = strtol((const char *)raw + 16, NULL, 10);
    free(raw);
    return i;
}

static bool page(gql_exec *ex, const mitem *all, size_t n, const cJSON *args, gql_rv *out)
{
    const cJSON *paging = cJSON_GetObjectItemCaseSensitive(args, "paging");
    const cJSON *first = cJSON_GetObjectItemCaseSensitive(paging, "first");
    const cJSON *last = cJSON_GetObjectItemCaseSensitive(paging, "last");
    const cJSON *after = cJSON_GetObjectItemCaseSensitive(paging, "after");
    const cJSON *before = cJSON_GetObjectItemCaseSensitive(paging, "before");
    size_t lo = 0, hi = n;
    if (cJSON_IsString(after)) {
        long i = cursor_index(after->valuestring);
        lo = i < 0 ? 0 : (size_t)i + 1 > n ? n : (size_t)i + 1;
    }
    if (cJSON_IsString(before)) {
        long i = cursor_index(before->valuestring);
        hi = i < 0 || (size_t)i > n ? n : (size_t)i;
    }
    if (hi < lo)
        hi = lo;
    size_t count = hi - lo;
    if (cJSON_IsNumber(first) && first->valuedouble >= 0 && (size_t)first->valuedouble < count)
        count = (size_t)first->valuedouble;
    else if (cJSON_IsNumber(last) && last->valuedouble >= 0 && (size_t)last->valuedouble < count) {
        lo = hi - (size_t)last->valuedouble;
        count = hi - lo;
    }
    if (count > PAGE_MAX)
        count = PAGE_MAX;
    mconn *c = gql_arena_alloc(ex->a, sizeof *c);
    if (!c)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    c->items = (mitem *)all + lo;
    c->n = count;
    c->offset = lo;
    c->has_prev = lo > 0;
    c->has_next = lo + count < n;
    *out = gql_rv_obj(c);
    return true;
}

static bool list(gql_exec *ex, const sim_object *only, bool fields, const cJSON *args, gql_rv *out)
{
    const sim_schema *ss = &gt_of(ex)->st->schema;
    const cJSON *filter = cJSON_GetObjectItemCaseSensitive(args, "filter");
    size_t cap = 0, n = 0;
    for (int k = 0; k < SIM_OBJ_COUNT; k++)
        cap += 1 + (size_t)ss->objects[k].nfields;
    mitem *items = gql_arena_alloc(ex->a, cap * sizeof *items);
    if (!items)
        return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = &ss->objects[k];
        if (only && o != only)
            continue;
        for (int i = fields ? 0 : -1; i < (fields ? o->nfields : 0); i++) {
            mitem it = {o, i >= 0 ? &o->fields[i] : NULL};
            if (matches(filter, ss, &it))
                items[n++] = it;
        }
    }
    return page(ex, items, n, args, out);
}

static bool by_id(gql_exec *ex, bool field, const cJSON *args, gql_rv *out)
{
    const sim_schema *ss = &gt_of(ex)->st->schema;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(args, "id");
    for (int k = 0; k < SIM_OBJ_COUNT && cJSON_IsString(id); k++) {
        const sim_object *o = &ss->objects[k];
        mitem *it = gql_arena_alloc(ex->a, sizeof *it);
        if (!it)
            return gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
        it->o = o;
        if (!field && !strcmp(o->metadata_id, id->valuestring)) {
            *out = gql_rv_obj(it);
            return true;
        }
        for (int i = 0; field && i < o->nfields; i++)
            if (!strcmp(o->fields[i].metadata_id, id->valuestring)) {
                it->f = &o->fields[i];
                *out = gql_rv_obj(it);
                return true;
            }
    }
    return gql_fail(ex, "NOT_FOUND", "%s not found", field ? "Field" : "Object");
}

static cJSON *cursor_json(size_t index)
{
    char text[48];
    snprintf(text, sizeof text, "arrayconnection:%zu", index);
    char *b = sim_base64_encode((const unsigned char *)text, strlen(text));
    cJSON *j = b ? cJSON_CreateString(b) : cJSON_CreateNull();
    free(b);
    return j;
}

bool gt_resolve_meta(gql_exec *ex, const void *src, const gql_field *f, const void *args, gql_rv *out)
{
    const sim_schema *ss = &gt_of(ex)->st->schema;
    const mconn *c = src;
    switch (f->tag) {
    case MT_OBJECTS:
        return list(ex, NULL, false, args, out);
    case MT_FIELDS:
        return list(ex, NULL, true, args, out);
    case MT_OBJECT:
        return by_id(ex, false, args, out);
    case MT_FIELD:
        return by_id(ex, true, args, out);
    case MT_OBJ_PROP:
        *out = gql_rv_json(object_prop(src, f->name));
        return true;
    case MT_FIELD_PROP:
        *out = gql_rv_json(field_prop(ss, src, f->name));
        return true;
    case MT_OBJ_FIELDS:
        return list(ex, ((const mitem *)src)->o, true, args, out);
    case MT_OBJ_FIELDS_LIST: {
        const sim_object *o = ((const mitem *)src)->o;
        gql_rv *items = gql_rv_list(ex, out, (size_t)o->nfields);
        for (int i = 0; items && i < o->nfields; i++) {
            mitem *it = gql_arena_alloc(ex->a, sizeof *it);
            if (it)
                *it = (mitem){o, &o->fields[i]};
            items[i] = gql_rv_obj(it);
        }
        return items ? true : gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    }
    case MT_EDGES: {
        gql_rv *items = gql_rv_list(ex, out, c->n);
        for (size_t i = 0; items && i < c->n; i++) {
            medge *e = gql_arena_alloc(ex->a, sizeof *e);
            if (e)
                *e = (medge){c, i};
            items[i] = gql_rv_obj(e);
        }
        return items ? true : gql_fail(ex, "INTERNAL_SERVER_ERROR", "out of memory");
    }
    case MT_NODE: {
        const medge *e = src;
        *out = gql_rv_obj(&e->c->items[e->i]);
        return true;
    }
    case MT_CURSOR: {
        const medge *e = src;
        *out = gql_rv_json(cursor_json(e->c->offset + e->i));
        return true;
    }
    case MT_PAGE_INFO:
        *out = gql_rv_obj(c);
        return true;
    case MT_HAS_NEXT:
        *out = gql_rv_json(cJSON_CreateBool(c->has_next));
        return true;
    case MT_HAS_PREV:
        *out = gql_rv_json(cJSON_CreateBool(c->has_prev));
        return true;
    case MT_START:
    case MT_END:
        *out = c->n == 0 ? gql_rv_null() : gql_rv_json(cursor_json(c->offset + (f->tag == MT_START ? 0 : c->n - 1)));
        return true;
    }
    return gql_fail(ex, "INTERNAL_SERVER_ERROR", "Unknown field %s", f->name);
}
