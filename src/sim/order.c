/* order.c - `order_by` (contract 2.4): the REST text as Twenty's
 * parseOrderByRestRequest splits it, then each key resolved as the common
 * layer's resolveOrderByLeaves does (strict validation, Twenty's messages),
 * duplicates dropped, id appended as the tie-breaker. */
#include "sim/query_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char k_dir_msg[] =
    "'order_by' direction '%s' invalid. Allowed values are 'AscNullsFirst', 'AscNullsLast', "
    "'DescNullsFirst', 'DescNullsLast'. eg: "
    "?order_by=field_1[AscNullsFirst],field_2[DescNullsLast],field_3";

static const char k_dir_values[] = "(AscNullsFirst, AscNullsLast, DescNullsFirst, DescNullsLast)";

static bool dir_parse(const char *d, bool *desc, bool *nulls_first)
{
    static const char *const names[] = {"AscNullsFirst", "AscNullsLast", "DescNullsFirst",
                                        "DescNullsLast"};
    for (int i = 0; i < 4; i++)
        if (strcmp(d, names[i]) == 0) {
            *desc = i >= 2;
            *nulls_first = i % 2 == 0;
            return true;
        }
    return false;
}

static bool has_slot(const sim_order *ord, int slot)
{
    for (int i = 0; i < ord->n; i++)
        if (ord->keys[i].slot == slot)
            return true;
    return false;
}

static bool is_relation_name(const sim_object *o, const char *name)
{
    for (int i = 0; i < o->nfields; i++)
        if (o->fields[i].type == SF_RELATION && o->fields[i].relation_name &&
            strcmp(o->fields[i].relation_name, name) == 0)
            return true;
    for (int i = 0; i < o->nto_many; i++)
        if (strcmp(o->to_many[i], name) == 0)
            return true;
    return false;
}

/* One leaf of resolveOrderByLeaves; `parts` is the path split on '.'. */
static bool add_key(const sim_object *o, sim_order *ord, char **parts, int nparts, bool desc,
                    bool nulls_first, sim_error *err)
{
    const char *name = parts[0];
    const sim_field *f = sim_object_field(o, name);
    if (!f) {
        if (is_relation_name(o, name)) {
            if (nparts == 1)
                return sim_bad_request(err,
                                       "Relation field \"%s\" requires nested field ordering "
                                       "(e.g., { %s: { fieldName: 'AscNullsFirst' } })",
                                       name, name);
            return sim_bad_request(err,
                                   "Ordering through the relation field \"%s\" is not supported "
                                   "by twenty-sim",
                                   name);
        }
        return sim_bad_request(err, "Field \"%s\" does not exist or is not sortable", name);
    }
    sim_order_key key = {.name = f->name, .desc = desc, .nulls_first = nulls_first};
    if (f->nsub > 0) {
        if (nparts == 1)
            return sim_bad_request(err,
                                   "Composite field \"%s\" requires subfield ordering (e.g., { "
                                   "%s: { subFieldName: 'AscNullsFirst' } })",
                                   name, name);
        const sim_subfield *sub = NULL;
        for (int j = 0; j < f->nsub; j++)
            if (strcmp(f->subs[j].name, parts[1]) == 0)
                sub = &f->subs[j];
        if (!sub)
            return sim_bad_request(err, "Sub field \"%s\" not found for composite field \"%s\"",
                                   parts[1], name);
        if (nparts > 2)
            return sim_bad_request(err,
                                   "Composite sub field \"%s.%s\" requires a direction value %s",
                                   name, parts[1], k_dir_values);
        key.slot = sub->slot;
        key.sub = sub->name;
        key.kind = sub->kind;
    } else {
        if (nparts > 1)
            return sim_bad_request(err, "Scalar field \"%s\" requires a direction value %s", name,
                                   k_dir_values);
        key.slot = f->slot;
        key.kind = f->kind;
        key.select = f->type == SF_SELECT;
    }
    if (has_slot(ord, key.slot))
        return true;   /* duplicates keep their first occurrence */
    if (ord->n >= SIM_MAX_ORDER - (key.slot == 0 ? 0 : 1))
        return sim_bad_request(err, "'order_by' invalid. At most %d fields can be ordered",
                               SIM_MAX_ORDER - 1);
    ord->keys[ord->n++] = key;
    return true;
}

static bool add_path(const sim_object *o, sim_order *ord, const char *path, bool desc,
                     bool nulls_first, sim_error *err)
{
    char *copy = strdup(path);
    char *parts[64];
    int nparts = 0;
    if (!copy)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    parts[nparts++] = copy;
    for (char *p = copy; *p && nparts < 64; p++)
        if (*p == '.') {
            *p = '\0';
            parts[nparts++] = p + 1;
        }
    bool ok = add_key(o, ord, parts, nparts, desc, nulls_first, err);
    free(copy);
    return ok;
}

void sim_order_default(const sim_object *o, sim_order *ord)
{
    memset(ord, 0, sizeof *ord);
    sim_order_finish(o, ord);
}

void sim_order_finish(const sim_object *o, sim_order *ord)
{
    if (has_slot(ord, 0) || ord->n >= SIM_MAX_ORDER)
        return;
    const sim_field *id = &o->fields[0];
    ord->keys[ord->n++] = (sim_order_key){
        .slot = 0, .name = id->name, .desc = false, .nulls_first = true, .kind = SV_UUID};
}

bool sim_order_add(const sim_object *o, sim_order *ord, const char *path, const char *direction,
                   sim_error *err)
{
    bool desc = false, nulls_first = true;
    if (direction && !dir_parse(direction, &desc, &nulls_first))
        return sim_bad_request(err, k_dir_msg, direction);
    return add_path(o, ord, path ? path : "", desc, nulls_first, err);
}

typedef struct order_item {
    const char *path;
    bool desc, nulls_first;
} order_item;

bool sim_order_parse(const sim_object *o, const char *text, sim_order *out, sim_error *err)
{
    memset(out, 0, sizeof *out);
    if (!text || !*text) {
        sim_order_default(o, out);
        return true;
    }
    char *copy = strdup(text);
    size_t nitems = 1;
    for (const char *p = text; *p; p++)
        nitems += *p == ',';
    order_item *items = calloc(nitems, sizeof *items);
    bool ok = false;
    if (!copy || !items) {
        sim_fail(err, 500, "InternalServerErrorException", "out of memory");
        goto out;
    }
    /* parseOrderByRestRequest: every item's direction first */
    char *item = copy;
    for (size_t i = 0; i < nitems; i++) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        items[i].desc = false;
        items[i].nulls_first = true;
        char *lb = strchr(item, '['), *rb = strchr(item, ']');
        if (lb && rb) {
            *lb = '\0';
            char *dir = lb + 1;
            char *next = strchr(dir, '[');
            if (next)
                *next = '\0';
            char *close = strchr(dir, ']');
            if (close)
                memmove(close, close + 1, strlen(close + 1) + 1);
            if (!dir_parse(dir, &items[i].desc, &items[i].nulls_first)) {
                sim_bad_request(err, k_dir_msg, dir);
                goto out;
            }
        }
        items[i].path = item;
        item = comma ? comma + 1 : item + strlen(item);
    }
    /* resolveOrderByLeaves */
    for (size_t i = 0; i < nitems; i++)
        if (!add_path(o, out, items[i].path, items[i].desc, items[i].nulls_first, err))
            goto out;
    sim_order_finish(o, out);
    ok = true;
out:
    free(copy);
    free(items);
    return ok;
}
