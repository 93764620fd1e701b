/* parse_meta.c - metadata: the opportunity object and its stage options (see parse.h). */
#include "twenty/parse_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void twenty_meta_result_free(pb_meta_result *m)
{
    pb_stage_list_free(&m->stages);
    twenty_page_info_free(&m->info);
    memset(m, 0, sizeof *m);
}

/* "'NEW'" -> "NEW" (SQL-quoted select defaults); other strings as they are. */
static bool default_value(const cJSON *x, pb_strpool *sp, const char **out)
{
    *out = NULL;
    if (!cJSON_IsString(x) || !x->valuestring)
        return true;   /* null or a JSON value we do not use */
    const char *s = x->valuestring;
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '\'' && s[n - 1] == '\'') {
        s++;
        n -= 2;
    }
    *out = pb_strpool_dup(sp, s, n, true);
    return *out != NULL;
}

/* The options of a SELECT field into a sorted stage list. */
static bool options(const cJSON *field, pb_strpool *sp, pb_meta_result *out, pb_error *err)
{
    const cJSON *opts = pj_get(field, "options");
    if (!cJSON_IsArray(opts))
        return pj_fail(err, "stage.options", "expected an array");
    pb_stage *v = pj_alloc_items(opts, sizeof *v, err);
    if (!v)
        return false;
    size_t k = 0;
    const cJSON *o;
    cJSON_ArrayForEach(o, opts)
    {
        char w[48];
        snprintf(w, sizeof w, "stage.options[%zu]", k);
        if (!cJSON_IsObject(o)) {
            free(v);
            return pj_fail(err, w, "expected an object");
        }
        const char *value, *label, *color;
        double pos;
        bool has;
        if (!pj_string(pj_get(o, "value"), sp, true, &value, w, err)
            || !pj_string(pj_get(o, "label"), sp, true, &label, w, err)
            || !pj_string(pj_get(o, "color"), sp, true, &color, w, err)
            || !pj_double(pj_get(o, "position"), &pos, &has, w, err)) {
            free(v);
            return false;
        }
        if (!value || !*value) {
            free(v);
            return pj_fail(err, w, "option without a value");
        }
        v[k].value = value;
        v[k].label = label ? label : value;
        v[k].color = color ? color : "";
        v[k].position = has && pos > -1e9 && pos < 1e9 ? (int)pos : (int)k;
        k++;
    }
    pb_stage_list_free(&out->stages);
    out->stages.v = v;
    out->stages.n = k;
    pb_stage_list_sort(&out->stages);
    if (!default_value(pj_get(field, "defaultValue"), sp, &out->stages.default_value))
        return pb_error_set(err, PB_ERR_NOMEM, 0, "out of memory");
    if (!pj_id(pj_get(field, "id"), false, &out->stage_field_id, "stage.id", err))
        return false;
    out->found_stage = true;
    return true;
}

static bool is_stage_field(const cJSON *f)
{
    const cJSON *name = pj_get(f, "name"), *type = pj_get(f, "type");
    return cJSON_IsString(name) && strcmp(name->valuestring, "stage") == 0
           && (!type || (cJSON_IsString(type) && strcmp(type->valuestring, "SELECT") == 0));
}

/* Fields as an array, {edges:[{node}]} or absent; returns the node list
 * iterator via a callback-free walk: each element (or its node). */
static const cJSON *field_node(const cJSON *elem)
{
    const cJSON *node = pj_get(elem, "node");
    return node ? node : elem;
}

static const cJSON *field_list(const cJSON *fields)
{
    if (cJSON_IsArray(fields))
        return fields;
    const cJSON *edges = pj_get(fields, "edges");
    return cJSON_IsArray(edges) ? edges : NULL;
}

/* Looks for the stage field among an object's embedded fields. */
static bool embedded_stage(const cJSON *obj, const char *key, pb_strpool *sp, pb_meta_result *out,
                           pb_error *err)
{
    const cJSON *list = field_list(pj_get(obj, key));
    if (!list)
        return true;
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        const cJSON *f = field_node(e);
        if (is_stage_field(f))
            return options(f, sp, out, err);
    }
    return true;
}

static bool is_opportunity(const cJSON *obj)
{
    const cJSON *ns = pj_get(obj, "nameSingular");
    return cJSON_IsString(ns) && strcmp(ns->valuestring, "opportunity") == 0;
}

static bool take_object(const cJSON *obj, pb_strpool *sp, pb_meta_result *out, pb_error *err)
{
    if (!pj_id(pj_get(obj, "id"), true, &out->object_id, "opportunity.id", err))
        return false;
    out->found_object = true;
    if (!embedded_stage(obj, "fields", sp, out, err))
        return false;
    if (!out->found_stage)
        return embedded_stage(obj, "fieldsList", sp, out, err);
    return true;
}

static bool meta_begin(int http_status, const char *body, size_t len, pb_meta_result *out,
                       cJSON **root, pb_error *err)
{
    memset(out, 0, sizeof *out);
    *root = pj_parse_ok(http_status, body, len, err);
    return *root != NULL;
}

static bool meta_end(cJSON *root, bool ok, pb_meta_result *out, pb_error *err)
{
    cJSON_Delete(root);
    if (ok)
        pb_error_clear(err);
    else
        twenty_meta_result_free(out);
    return ok;
}

bool twenty_parse_meta_objects(int http_status, const char *body, size_t len, pb_strpool *sp,
                               pb_meta_result *out, pb_error *err)
{
    cJSON *root;
    if (!meta_begin(http_status, body, len, out, &root, err))
        return false;
    bool ok = true;
    const cJSON *data = pj_get(root, "data");
    const cJSON *list = cJSON_IsArray(data) ? data : pj_get(data, "objects");
    const cJSON *single = pj_get(data, "object");
    if (!data && cJSON_IsObject(root) && pj_get(root, "nameSingular"))
        single = root;   /* new format, one item: the bare object */
    if (cJSON_IsArray(list)) {
        const cJSON *o;
        cJSON_ArrayForEach(o, list)
        {
            if (is_opportunity(o)) {
                ok = take_object(o, sp, out, err);
                break;
            }
        }
    } else if (cJSON_IsObject(single)) {
        if (is_opportunity(single))
            ok = take_object(single, sp, out, err);
    } else {
        ok = pj_fail(err, "data", "expected a list of objects or an object");
    }
    if (ok)
        ok = pj_page_info(pj_get(root, "pageInfo"), &out->info, err);
    return meta_end(root, ok, out, err);
}

bool twenty_parse_meta_fields(int http_status, const char *body, size_t len, pb_strpool *sp,
                              const pb_id *object_id, pb_meta_result *out, pb_error *err)
{
    cJSON *root;
    if (!meta_begin(http_status, body, len, out, &root, err))
        return false;
    bool ok = true;
    const cJSON *data = pj_get(root, "data");
    const cJSON *list = cJSON_IsArray(data) ? data : pj_get(data, "fields");
    if (!cJSON_IsArray(list)) {
        ok = pj_fail(err, "data", "expected a list of fields");
    } else {
        const cJSON *match = NULL, *f;
        int unowned = 0;
        cJSON_ArrayForEach(f, list)
        {
            if (!is_stage_field(f))
                continue;
            pb_id owner;
            const cJSON *om = pj_get(f, "objectMetadataId");
            if (pj_absent(om)) {
                unowned++;
                if (!match)
                    match = f;
            } else if (object_id && pb_id_parse(cJSON_IsString(om) ? om->valuestring : "", &owner)
                       && pb_id_equal(&owner, object_id)) {
                match = f;
                unowned = 0;
                break;
            }
        }
        if (match && unowned <= 1)
            ok = options(match, sp, out, err);
    }
    if (ok)
        ok = pj_page_info(pj_get(root, "pageInfo"), &out->info, err);
    return meta_end(root, ok, out, err);
}

bool twenty_parse_meta_graphql(int http_status, const char *body, size_t len, pb_strpool *sp,
                               pb_meta_result *out, pb_error *err)
{
    cJSON *root;
    if (!meta_begin(http_status, body, len, out, &root, err))
        return false;
    const cJSON *data = pj_graphql_data(http_status, root, err);
    bool ok = data != NULL;
    if (ok) {
        const cJSON *edges = pj_get(pj_get(data, "objects"), "edges");
        if (!cJSON_IsArray(edges)) {
            ok = pj_fail(err, "data.objects.edges", "expected an array");
        } else {
            const cJSON *e;
            cJSON_ArrayForEach(e, edges)
            {
                const cJSON *node = pj_get(e, "node");
                if (is_opportunity(node)) {
                    ok = take_object(node, sp, out, err);
                    break;
                }
            }
        }
    }
    return meta_end(root, ok, out, err);
}
