/* rest_metadata.c - GET /rest/metadata/… in Twenty's legacy format
 * (contract section 4): objects (each with its fields), fields (with SELECT
 * options and SQL-quoted defaults), and the opportunity board's viewGroups.
 * Lists are ordered by id and paged with ids as cursors (limit,
 * starting_after, ending_before); every list answer is
 * {"data":{"<plural>":[…]},"pageInfo":{…},"totalCount":N}. */
#include "sim/rest_internal.h"
#include "sim/meta_json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MD_DEFAULT_LIMIT 1000   /* the legacy metadata API's default page */
#define MD_MAX_LIMIT 1000

typedef enum md_kind { MD_OBJECTS, MD_FIELDS, MD_VIEW_GROUPS, MD_RELATIONS } md_kind;

/* One listable metadata item. */
typedef struct md_item {
    sim_uuid id;
    const sim_object *obj;
    const sim_field *field;   /* MD_FIELDS */
    int stage;                /* MD_VIEW_GROUPS: index into the stage options */
} md_item;

typedef struct md_ctx {
    const sim_schema *s;
    char view_id[37];
} md_ctx;

/* ---------------------------------------------------------------- ids */

/* A stable UUID-shaped id for metadata twenty-sim invents (views, view groups). */
static void derive_id(const char *key, char out[37])
{
    uint64_t h1 = 0xcbf29ce484222325ull, h2 = 0x84222325cbf29ce4ull;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h1 = (h1 ^ *p) * 0x100000001b3ull;
        h2 = (h2 ^ *p) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
    }
    sim_uuid u;
    for (int i = 0; i < 8; i++) {
        u.b[i] = (unsigned char)(h1 >> (56 - 8 * i));
        u.b[8 + i] = (unsigned char)(h2 >> (56 - 8 * i));
    }
    u.b[6] = (unsigned char)((u.b[6] & 0x0f) | 0x40);
    u.b[8] = (unsigned char)((u.b[8] & 0x3f) | 0x80);
    sim_uuid_format(&u, out);
}

static void view_group_id(const sim_select_option *opt, char out[37])
{
    char key[160];
    snprintf(key, sizeof key, "viewGroup:opportunity:stage:%s", opt->value);
    derive_id(key, out);
}

/* ---------------------------------------------------------------- JSON */

static const char *object_icon(sim_obj_kind k)
{
    switch (k) {
    case SIM_OBJ_OPPORTUNITY: return "IconTargetArrow";
    case SIM_OBJ_COMPANY: return "IconBuildingSkyscraper";
    case SIM_OBJ_PERSON: return "IconUser";
    case SIM_OBJ_MEMBER: return "IconUserCircle";
    default: return "IconBox";
    }
}

static const char *object_description(sim_obj_kind k)
{
    switch (k) {
    case SIM_OBJ_OPPORTUNITY: return "An opportunity";
    case SIM_OBJ_COMPANY: return "A company";
    case SIM_OBJ_PERSON: return "A person";
    case SIM_OBJ_MEMBER: return "A workspace member";
    default: return "";
    }
}

static cJSON *object_ref(const sim_object *o)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "id", o->metadata_id);
    cJSON_AddStringToObject(r, "nameSingular", o->singular);
    cJSON_AddStringToObject(r, "namePlural", o->plural);
    return r;
}

static cJSON *relation_json(const md_ctx *m, const sim_object *o, const sim_field *f)
{
    if (f->type != SF_RELATION)
        return cJSON_CreateNull();
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "type", "MANY_TO_ONE");
    cJSON_AddItemToObject(r, "sourceObjectMetadata", object_ref(o));
    cJSON_AddItemToObject(r, "targetObjectMetadata",
                          object_ref(sim_schema_object(m->s, f->relation_target)));
    cJSON *sf = cJSON_AddObjectToObject(r, "sourceFieldMetadata");
    cJSON_AddStringToObject(sf, "id", f->metadata_id);
    cJSON_AddStringToObject(sf, "name", sim_meta_field_name(f));
    cJSON_AddNullToObject(r, "targetFieldMetadata");
    return r;
}

static cJSON *field_json(const md_ctx *m, const sim_object *o, const sim_field *f)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "id", f->metadata_id);
    cJSON_AddStringToObject(j, "type", sim_meta_type_name(f->type));
    cJSON_AddStringToObject(j, "name", sim_meta_field_name(f));
    cJSON_AddStringToObject(j, "label", f->label ? f->label : f->name);
    cJSON_AddNullToObject(j, "description");
    cJSON_AddNullToObject(j, "icon");
    cJSON_AddBoolToObject(j, "isCustom", false);
    cJSON_AddBoolToObject(j, "isActive", true);
    cJSON_AddBoolToObject(j, "isSystem", f->system);
    cJSON_AddBoolToObject(j, "isNullable", f->nullable);
    cJSON_AddStringToObject(j, "createdAt", SIM_META_TIMESTAMP);
    cJSON_AddStringToObject(j, "updatedAt", SIM_META_TIMESTAMP);
    cJSON_AddItemToObject(j, "defaultValue", sim_meta_default_json(f->default_value));
    cJSON_AddItemToObject(j, "options", sim_meta_options_json(m->s, f));
    cJSON_AddItemToObject(j, "relation", relation_json(m, o, f));
    cJSON_AddStringToObject(j, "objectMetadataId", o->metadata_id);
    return j;
}

static cJSON *object_json(const md_ctx *m, const sim_object *o)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "id", o->metadata_id);
    cJSON_AddStringToObject(j, "nameSingular", o->singular);
    cJSON_AddStringToObject(j, "namePlural", o->plural);
    cJSON_AddStringToObject(j, "labelSingular", o->label_singular);
    cJSON_AddStringToObject(j, "labelPlural", o->label_plural);
    cJSON_AddStringToObject(j, "description", object_description(o->kind));
    cJSON_AddStringToObject(j, "icon", object_icon(o->kind));
    cJSON_AddBoolToObject(j, "isCustom", false);
    cJSON_AddBoolToObject(j, "isActive", true);
    cJSON_AddBoolToObject(j, "isSystem", o->kind == SIM_OBJ_MEMBER);
    cJSON_AddStringToObject(j, "createdAt", SIM_META_TIMESTAMP);
    cJSON_AddStringToObject(j, "updatedAt", SIM_META_TIMESTAMP);
    const sim_field *label = sim_object_field(o, "name");
    if (label)
        cJSON_AddStringToObject(j, "labelIdentifierFieldMetadataId", label->metadata_id);
    else
        cJSON_AddNullToObject(j, "labelIdentifierFieldMetadataId");
    cJSON_AddNullToObject(j, "imageIdentifierFieldMetadataId");
    cJSON *fields = cJSON_AddArrayToObject(j, "fields");
    for (int i = 0; i < o->nfields; i++)
        cJSON_AddItemToArray(fields, field_json(m, o, &o->fields[i]));
    return j;
}

static cJSON *view_group_json(const md_ctx *m, int stage)
{
    const sim_select_option *opt = &m->s->stages[stage];
    const sim_field *sf = sim_object_field(sim_schema_object(m->s, SIM_OBJ_OPPORTUNITY), "stage");
    char id[37];
    view_group_id(opt, id);
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "id", id);
    cJSON_AddStringToObject(j, "fieldMetadataId", sf ? sf->metadata_id : "");
    cJSON_AddBoolToObject(j, "isVisible", true);
    cJSON_AddStringToObject(j, "fieldValue", opt->value);
    cJSON_AddNumberToObject(j, "position", opt->position);
    cJSON_AddStringToObject(j, "viewId", m->view_id);
    cJSON_AddStringToObject(j, "createdAt", SIM_META_TIMESTAMP);
    cJSON_AddStringToObject(j, "updatedAt", SIM_META_TIMESTAMP);
    cJSON_AddNullToObject(j, "deletedAt");
    return j;
}

static cJSON *item_json(const md_ctx *m, md_kind kind, const md_item *it)
{
    switch (kind) {
    case MD_OBJECTS: return object_json(m, it->obj);
    case MD_FIELDS: return field_json(m, it->obj, it->field);
    case MD_VIEW_GROUPS: return view_group_json(m, it->stage);
    case MD_RELATIONS: break;
    }
    return cJSON_CreateNull();
}

/* ---------------------------------------------------------------- items */

static int cmp_items(const void *a, const void *b)
{
    return sim_uuid_cmp(&((const md_item *)a)->id, &((const md_item *)b)->id);
}

/* Every item of a kind, sorted by id; *n set. NULL with n = 0 when empty. */
static md_item *collect(const md_ctx *m, md_kind kind, size_t *n)
{
    size_t cap = 0;
    *n = 0;
    for (int k = 0; k < SIM_OBJ_COUNT; k++)
        cap += 1 + (size_t)sim_schema_object(m->s, (sim_obj_kind)k)->nfields;
    cap += (size_t)m->s->nstages;
    md_item *items = calloc(cap, sizeof *items);
    if (!items)
        return NULL;
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = sim_schema_object(m->s, (sim_obj_kind)k);
        if (kind == MD_OBJECTS && sim_uuid_parse(o->metadata_id, &items[*n].id)) {
            items[*n].obj = o;
            (*n)++;
        }
        for (int i = 0; kind == MD_FIELDS && i < o->nfields; i++) {
            if (!sim_uuid_parse(o->fields[i].metadata_id, &items[*n].id))
                continue;
            items[*n].obj = o;
            items[*n].field = &o->fields[i];
            (*n)++;
        }
    }
    for (int i = 0; kind == MD_VIEW_GROUPS && i < m->s->nstages; i++) {
        char id[37];
        view_group_id(&m->s->stages[i], id);
        sim_uuid_parse(id, &items[*n].id);
        items[*n].stage = i;
        (*n)++;
    }
    qsort(items, *n, sizeof *items, cmp_items);
    return items;
}

/* ---------------------------------------------------------------- lists */

typedef struct md_page {
    size_t first, count;
    bool has_next, has_prev;
} md_page;

static bool parse_cursor(const char *text, bool *present, sim_uuid *out, sim_error *e)
{
    *present = text && *text;
    if (*present && !sim_uuid_parse(text, out))
        return sim_bad_request(e, "Invalid cursor: %s", text);
    return true;
}

/* Twenty's parseMetadataRestPagination, over items sorted by id. */
static bool paginate(const sim_request *rq, const md_item *items, size_t n, md_page *pg,
                     sim_error *e)
{
    const char *after_text = sim_request_param(rq, "starting_after");
    const char *before_text = sim_request_param(rq, "ending_before");
    bool has_after, has_before;
    sim_uuid after, before;
    if ((after_text && *after_text) && (before_text && *before_text))
        return sim_bad_request(e, "'starting_after' and 'ending_before' cannot be used together.");
    if (!parse_cursor(after_text, &has_after, &after, e) ||
        !parse_cursor(before_text, &has_before, &before, e))
        return false;
    const char *raw = sim_request_param(rq, "limit");
    double v;
    if (raw && *raw && (!rest_js_number(raw, &v) || isinf(v) || v != floor(v)))
        return sim_bad_request(e, "limit '%s' is invalid. Should be an integer", raw);
    long limit;
    if (!rest_parse_limit(rq, MD_DEFAULT_LIMIT, MD_MAX_LIMIT, &limit, e))
        return false;
    memset(pg, 0, sizeof *pg);
    if (has_before) {
        size_t end = 0;   /* items [0, end) lie before the cursor */
        while (end < n && sim_uuid_cmp(&items[end].id, &before) < 0)
            end++;
        size_t count = end < (size_t)limit ? end : (size_t)limit;
        pg->first = end - count;
        pg->count = count;
        pg->has_prev = pg->first > 0;
        pg->has_next = true;
        return true;
    }
    size_t start = 0;
    if (has_after)
        while (start < n && sim_uuid_cmp(&items[start].id, &after) <= 0)
            start++;
    size_t left = n - start;
    pg->first = start;
    pg->count = left < (size_t)limit ? left : (size_t)limit;
    pg->has_next = start + pg->count < n;
    pg->has_prev = has_after;
    return true;
}

static void respond_list(const md_ctx *m, md_kind kind, const char *plural,
                         const sim_request *rq, sim_response *rs)
{
    sim_error e = {0};
    size_t n = 0;
    md_item *items = kind == MD_RELATIONS ? NULL : collect(m, kind, &n);
    md_page pg = {0};
    if (!paginate(rq, items, n, &pg, &e)) {
        free(items);
        rest_fail(rs, &e);
        return;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON *data = cJSON_AddObjectToObject(root, "data");
    cJSON *arr = cJSON_AddArrayToObject(data, plural);
    for (size_t i = 0; i < pg.count; i++)
        cJSON_AddItemToArray(arr, item_json(m, kind, &items[pg.first + i]));
    cJSON *pi = cJSON_AddObjectToObject(root, "pageInfo");
    cJSON_AddBoolToObject(pi, "hasNextPage", pg.has_next);
    cJSON_AddBoolToObject(pi, "hasPreviousPage", pg.has_prev);
    char cur[37];
    if (pg.count) {
        sim_uuid_format(&items[pg.first].id, cur);
        cJSON_AddStringToObject(pi, "startCursor", cur);
        sim_uuid_format(&items[pg.first + pg.count - 1].id, cur);
        cJSON_AddStringToObject(pi, "endCursor", cur);
    } else {
        cJSON_AddNullToObject(pi, "startCursor");
        cJSON_AddNullToObject(pi, "endCursor");
    }
    cJSON_AddNumberToObject(root, "totalCount", (double)n);
    free(items);
    sim_respond_json(rs, 200, root);
}

static void respond_one(const md_ctx *m, md_kind kind, const char *singular, const char *id_text,
                        sim_response *rs)
{
    sim_error e = {0};
    sim_uuid id;
    if (!sim_uuid_parse(id_text, &id)) {
        sim_bad_request(&e, "'%s' is not a valid UUID", id_text);
        rest_fail(rs, &e);
        return;
    }
    size_t n = 0;
    md_item *items = kind == MD_RELATIONS ? NULL : collect(m, kind, &n);
    for (size_t i = 0; i < n; i++) {
        if (sim_uuid_cmp(&items[i].id, &id) == 0) {
            cJSON *j = item_json(m, kind, &items[i]);
            free(items);
            rest_respond_data(rs, 200, singular, j);
            return;
        }
    }
    free(items);
    static const char *const names[] = {"Object", "Field", "View group", "Relation"};
    sim_fail(&e, 404, "NotFoundException", "%s metadata not found", names[kind]);
    rest_fail(rs, &e);
}

/* ---------------------------------------------------------------- routing */

bool sim_rest_metadata_handle(sim_world *w, const sim_request *rq, sim_response *rs)
{
    static const char prefix[] = "/rest/metadata/";
    const char *path = rq->path ? rq->path : "";
    if (strncmp(path, prefix, sizeof prefix - 1) != 0)
        return false;
    sim_error e = {0};

    /* Twenty splits on '/' without dropping empty segments */
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path + sizeof prefix - 1);
    char *seg[3] = {buf, NULL, NULL};
    int n = 1;
    for (char *p = buf; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (n < 3)
            seg[n] = p + 1;
        n++;
    }
    if (n >= 3) {
        sim_bad_request(&e,
                        "Query path '%s' invalid. Valid examples: /rest/metadata/fields or "
                        "/rest/metadata/objects/id",
                        path);
        rest_fail(rs, &e);
        return true;
    }
    md_kind kind;
    const char *plural, *singular;
    if (strcmp(seg[0], "objects") == 0) {
        kind = MD_OBJECTS, plural = "objects", singular = "object";
    } else if (strcmp(seg[0], "fields") == 0) {
        kind = MD_FIELDS, plural = "fields", singular = "field";
    } else if (strcmp(seg[0], "viewGroups") == 0) {
        kind = MD_VIEW_GROUPS, plural = "viewGroups", singular = "viewGroup";
    } else if (strcmp(seg[0], "relations") == 0) {
        kind = MD_RELATIONS, plural = "relationMetadata", singular = "relationMetadata";
    } else {
        sim_bad_request(&e,
                        "Query path '%s' invalid. Metadata path \"%s\" does not exist. Valid "
                        "examples: /rest/metadata/fields or /rest/metadata/objects or "
                        "/rest/metadata/relations",
                        path, seg[0]);
        rest_fail(rs, &e);
        return true;
    }
    if (!rq->method || strcmp(rq->method, "GET") != 0) {
        sim_bad_request(&e, "twenty-sim does not implement %s on the metadata API",
                        rq->method ? rq->method : "?");
        rest_fail(rs, &e);
        return true;
    }

    md_ctx m = {.s = &w->store.schema};
    derive_id("view:opportunity:byStage", m.view_id);
    if (n == 2)
        respond_one(&m, kind, singular, seg[1], rs);
    else
        respond_list(&m, kind, plural, rq, rs);
    return true;
}
