/* gql_coerce.c - literal checks, valueFromAST and variable coercion; see
 * gql_coerce.h. Scalar behaviour follows graphql-js 16 and Twenty's scalars
 * (workspace-schema-builder/graphql-types/scalars). */
#include "sim/gql_coerce.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/jscompat.h"
#include "sim/value.h"

static bool int32_text(const char *s)
{
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    return errno == 0 && *end == '\0' && v >= -2147483648LL && v <= 2147483647LL;
}

static const char *enum_suggest(gql_arena *a, const gql_type *t, const char *input)
{
    return gql_did_you_mean(a, "the enum value", input, t->values, t->nvalues);
}

gql_lit_error gql_literal_error(gql_arena *a, gql_tref loc, const gql_value *v)
{
    const gql_type *t = loc.t;
    gql_lit_error e = {NULL, true};
    const char *p = gql_print_value(a, v);
    if (!p)
        p = "?";
    if (t->kind == GK_ENUM) {
        if (v->kind != GV_ENUM)
            e.message = gql_arena_printf(a, "Enum \"%s\" cannot represent non-enum value: %s.%s",
                                         t->name, p, enum_suggest(a, t, p));
        else if (!gql_enum_has(t, v->s))
            e.message = gql_arena_printf(a, "Value \"%s\" does not exist in \"%s\" enum.%s", p,
                                         t->name, enum_suggest(a, t, p));
        return e;
    }
    const char *ts = gql_tref_str(a, loc);
    switch (t->scalar) {
    case GSC_INT:
        if (v->kind != GV_INT)
            e.message = gql_arena_printf(a, "Int cannot represent non-integer value: %s", p);
        else if (!int32_text(v->s))
            e.message = gql_arena_printf(a, "Int cannot represent non 32-bit signed integer value: %s", v->s);
        break;
    case GSC_FLOAT:
        if (v->kind != GV_INT && v->kind != GV_FLOAT)
            e.message = gql_arena_printf(a, "Float cannot represent non numeric value: %s", p);
        break;
    case GSC_STRING:
        if (v->kind != GV_STRING)
            e.message = gql_arena_printf(a, "String cannot represent a non string value: %s", p);
        break;
    case GSC_BOOLEAN:
        if (v->kind != GV_BOOLEAN)
            e.message = gql_arena_printf(a, "Boolean cannot represent a non boolean value: %s", p);
        break;
    case GSC_ID:
        if (v->kind != GV_STRING && v->kind != GV_INT)
            e.message = gql_arena_printf(a, "ID cannot represent a non-string and non-integer value: %s", p);
        break;
    case GSC_UUID:
        if (v->kind != GV_STRING)
            e.message = gql_arena_printf(a, "Expected value of type \"%s\", found %s; UUID must be a string", ts, p);
        break;
    case GSC_CURSOR:
        if (v->kind != GV_STRING)
            e.message = gql_arena_printf(a, "Expected value of type \"%s\", found %s; Cursor must be a string", ts, p);
        break;
    case GSC_CONN_CURSOR:
        if (v->kind != GV_STRING)
            e.message = gql_arena_printf(a, "Expected value of type \"%s\", found %s.", ts, p);
        break;
    case GSC_DATETIME: {
        int64_t ms;
        if (v->kind != GV_STRING || !sim_time_parse(v->s, &ms))
            e.message = gql_arena_printf(a, "Expected value of type \"%s\", found %s; Invalid date "
                                            "format, expected ISO date string", ts, p);
        break;
    }
    case GSC_POSITION:
        if (!(v->kind == GV_INT || v->kind == GV_FLOAT ||
              (v->kind == GV_STRING && (!strcmp(v->s, "first") || !strcmp(v->s, "last"))))) {
            e.message = "Invalid position value";   /* Twenty's ValidationError: no locations */
            e.located = false;
        }
        break;
    case GSC_BIGFLOAT:   /* parseLiteral returns null for non-numbers: never an error */
    case GSC_JSON:
        break;
    }
    return e;
}

/* valueFromASTUntyped, for JSON scalars. */
static cJSON *untyped(const gql_value *v, const cJSON *vars)
{
    switch (v->kind) {
    case GV_VARIABLE: {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(vars, v->s);
        return x ? cJSON_Duplicate(x, true) : NULL;
    }
    case GV_INT:
    case GV_FLOAT:
        return cJSON_CreateNumber(strtod(v->s, NULL));
    case GV_STRING:
    case GV_ENUM:
        return cJSON_CreateString(v->s);
    case GV_BOOLEAN:
        return cJSON_CreateBool(v->b);
    case GV_NULL:
        return cJSON_CreateNull();
    case GV_LIST: {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; arr && i < v->nitems; i++) {
            cJSON *it = untyped(v->items[i], vars);
            cJSON_AddItemToArray(arr, it ? it : cJSON_CreateNull());
        }
        return arr;
    }
    case GV_OBJECT: {
        cJSON *o = cJSON_CreateObject();
        for (size_t i = 0; o && i < v->nfields; i++) {
            cJSON *it = untyped(v->fields[i].value, vars);
            if (it)
                cJSON_AddItemToObject(o, v->fields[i].name, it);
        }
        return o;
    }
    }
    return NULL;
}

static cJSON *leaf_from_ast(const gql_value *v, const gql_type *t)
{
    if (t->kind == GK_ENUM)
        return cJSON_CreateString(v->s);
    switch (t->scalar) {
    case GSC_INT:
    case GSC_FLOAT:
        return cJSON_CreateNumber(strtod(v->s, NULL));
    case GSC_BOOLEAN:
        return cJSON_CreateBool(v->b);
    case GSC_BIGFLOAT:
        return v->kind == GV_INT || v->kind == GV_FLOAT ? cJSON_CreateString(v->s) : cJSON_CreateNull();
    case GSC_POSITION:
        return v->kind == GV_STRING ? cJSON_CreateString(v->s) : cJSON_CreateNumber(strtod(v->s, NULL));
    case GSC_JSON:
        return untyped(v, NULL);
    default:
        return cJSON_CreateString(v->s);
    }
}

cJSON *gql_value_from_ast(const gql_value *v, gql_tref type, const cJSON *vars)
{
    if (v->kind == GV_VARIABLE) {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(vars, v->s);
        return x ? cJSON_Duplicate(x, true) : NULL;
    }
    if (v->kind == GV_NULL)
        return cJSON_CreateNull();
    gql_tref nt = gql_tref_nullable(type);
    if (nt.w[0] == 'L') {
        gql_tref item = gql_tref_inner(nt);
        cJSON *arr = cJSON_CreateArray();
        if (v->kind != GV_LIST) {
            cJSON *one = gql_value_from_ast(v, item, vars);
            cJSON_AddItemToArray(arr, one ? one : cJSON_CreateNull());
            return arr;
        }
        for (size_t i = 0; arr && i < v->nitems; i++) {
            cJSON *it = gql_value_from_ast(v->items[i], item, vars);
            cJSON_AddItemToArray(arr, it ? it : cJSON_CreateNull());
        }
        return arr;
    }
    if (nt.t->kind == GK_INPUT) {
        cJSON *o = cJSON_CreateObject();
        for (size_t i = 0; o && i < v->nfields; i++) {
            const gql_ivalue *fd = gql_type_input(nt.t, v->fields[i].name);
            if (!fd)
                continue;
            cJSON *it = gql_value_from_ast(v->fields[i].value, fd->type, vars);
            if (it)
                cJSON_AddItemToObject(o, v->fields[i].name, it);
        }
        return o;
    }
    return leaf_from_ast(v, nt.t);
}

/* --- variable values --- */

typedef struct coerce {
    gql_errs *errs;
    const char *name;
    size_t loc;
    bool failed;
} coerce;

static void co_fail(coerce *c, const cJSON *invalid, const char *path, const char *msg)
{
    gql_arena *a = c->errs->a;
    const char *inv = gql_inspect(a, invalid);
    const char *m = *path ? gql_arena_printf(a, "Variable \"$%s\" got invalid value %s at \"%s%s\"; %s",
                                             c->name, inv, c->name, path, msg)
                          : gql_arena_printf(a, "Variable \"$%s\" got invalid value %s; %s", c->name, inv, msg);
    gql_err_loc(gql_errs_add(c->errs, "BAD_USER_INPUT", m ? m : "out of memory"), c->loc);
    c->failed = true;
}

static bool is_int_number(const cJSON *v)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble == floor(v->valuedouble);
}

static cJSON *co_leaf(coerce *c, const cJSON *in, const gql_type *t, const char *path)
{
    gql_arena *a = c->errs->a;
    const char *ins = gql_inspect(a, in);
    char num[40];
    if (t->kind == GK_ENUM) {
        if (!cJSON_IsString(in))
            co_fail(c, in, path, gql_arena_printf(a, "Enum \"%s\" cannot represent non-string value: %s.%s",
                                                  t->name, ins, enum_suggest(a, t, ins)));
        else if (!gql_enum_has(t, in->valuestring))
            co_fail(c, in, path, gql_arena_printf(a, "Value \"%s\" does not exist in \"%s\" enum.%s",
                                                  in->valuestring, t->name,
                                                  enum_suggest(a, t, in->valuestring)));
        else
            return cJSON_CreateString(in->valuestring);
        return NULL;
    }
    switch (t->scalar) {
    case GSC_INT:
        if (!is_int_number(in))
            co_fail(c, in, path, gql_arena_printf(a, "Int cannot represent non-integer value: %s", ins));
        else if (in->valuedouble > 2147483647.0 || in->valuedouble < -2147483648.0)
            co_fail(c, in, path, gql_arena_printf(a, "Int cannot represent non 32-bit signed integer value: %s", ins));
        else
            return cJSON_CreateNumber(in->valuedouble);
        return NULL;
    case GSC_FLOAT:
        if (!cJSON_IsNumber(in) || !isfinite(in->valuedouble)) {
            co_fail(c, in, path, gql_arena_printf(a, "Float cannot represent non numeric value: %s", ins));
            return NULL;
        }
        return cJSON_CreateNumber(in->valuedouble);
    case GSC_STRING:
        if (!cJSON_IsString(in)) {
            co_fail(c, in, path, gql_arena_printf(a, "String cannot represent a non string value: %s", ins));
            return NULL;
        }
        return cJSON_CreateString(in->valuestring);
    case GSC_BOOLEAN:
        if (!cJSON_IsBool(in)) {
            co_fail(c, in, path, gql_arena_printf(a, "Boolean cannot represent a non boolean value: %s", ins));
            return NULL;
        }
        return cJSON_CreateBool(cJSON_IsTrue(in));
    case GSC_ID:
        if (cJSON_IsString(in))
            return cJSON_CreateString(in->valuestring);
        if (is_int_number(in)) {
            sim_js_number_str(in->valuedouble, num, sizeof num);
            return cJSON_CreateString(num);
        }
        co_fail(c, in, path, gql_arena_printf(a, "ID cannot represent value: %s", ins));
        return NULL;
    case GSC_UUID: {
        sim_uuid u;
        if (!cJSON_IsString(in))
            co_fail(c, in, path, "Expected type \"UUID\". UUID must be a string");
        else if (!sim_uuid_parse(in->valuestring, &u))
            co_fail(c, in, path, "Expected type \"UUID\". Invalid UUID");
        else
            return cJSON_CreateString(in->valuestring);
        return NULL;
    }
    case GSC_DATETIME: {
        int64_t ms;
        if (!cJSON_IsString(in) || !sim_time_parse(in->valuestring, &ms)) {
            co_fail(c, in, path, "Expected type \"DateTime\". Invalid date format, expected ISO date string");
            return NULL;
        }
        return cJSON_CreateString(in->valuestring);
    }
    case GSC_CURSOR:
    case GSC_CONN_CURSOR:
        if (!cJSON_IsString(in)) {
            co_fail(c, in, path, gql_arena_printf(a, "Expected type \"%s\". %s must be a string", t->name,
                                                  t->scalar == GSC_CURSOR ? "Cursor" : "ConnectionCursor"));
            return NULL;
        }
        return cJSON_CreateString(in->valuestring);
    case GSC_POSITION:
        if (cJSON_IsNumber(in))
            return cJSON_CreateNumber(in->valuedouble);
        if (cJSON_IsString(in) && (!strcmp(in->valuestring, "first") || !strcmp(in->valuestring, "last")))
            return cJSON_CreateString(in->valuestring);
        co_fail(c, in, path, gql_arena_printf(a, "Invalid position value: '%s'. Position must be 'first', "
                                                 "'last', or a number",
                                              cJSON_IsString(in) ? in->valuestring : ins));
        return NULL;
    case GSC_BIGFLOAT: /* parseValue: String(value) */
        if (cJSON_IsNumber(in)) {
            sim_js_number_str(in->valuedouble, num, sizeof num);
            return cJSON_CreateString(num);
        }
        if (cJSON_IsString(in))
            return cJSON_CreateString(in->valuestring);
        if (cJSON_IsBool(in))
            return cJSON_CreateString(cJSON_IsTrue(in) ? "true" : "false");
        return cJSON_CreateString(cJSON_IsArray(in) ? "" : "[object Object]");
    case GSC_JSON:
        return cJSON_Duplicate(in, true);
    }
    return NULL;
}

static cJSON *co_value(coerce *c, const cJSON *in, gql_tref type, const char *path)
{
    gql_arena *a = c->errs->a;
    if (gql_tref_nonnull(type)) {
        if (in && !cJSON_IsNull(in))
            return co_value(c, in, gql_tref_inner(type), path);
        co_fail(c, in, path, gql_arena_printf(a, "Expected non-nullable type \"%s\" not to be null.",
                                              gql_tref_str(a, type)));
        return NULL;
    }
    if (!in || cJSON_IsNull(in))
        return cJSON_CreateNull();
    if (type.w[0] == 'L') {
        gql_tref item = gql_tref_inner(type);
        if (!cJSON_IsArray(in))
            return co_value(c, in, item, path);
        cJSON *arr = cJSON_CreateArray();
        int i = 0;
        for (const cJSON *it = in->child; it; it = it->next, i++) {
            char *sub = gql_arena_printf(a, "%s[%d]", path, i);
            cJSON *v = co_value(c, it, item, sub ? sub : path);
            cJSON_AddItemToArray(arr, v ? v : cJSON_CreateNull());
        }
        return arr;
    }
    const gql_type *t = type.t;
    if (t->kind != GK_INPUT)
        return co_leaf(c, in, t, path);
    if (!cJSON_IsObject(in)) {
        co_fail(c, in, path, gql_arena_printf(a, "Expected type \"%s\" to be an object.", t->name));
        return NULL;
    }
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < t->ninputs; i++) {
        const gql_ivalue *fd = &t->inputs[i];
        const cJSON *fv = cJSON_GetObjectItemCaseSensitive(in, fd->name);
        if (!fv) {
            if (gql_tref_nonnull(fd->type))
                co_fail(c, in, path, gql_arena_printf(a, "Field \"%s\" of required type \"%s\" was not provided.",
                                                      fd->name, gql_tref_str(a, fd->type)));
            continue;
        }
        char *sub = gql_arena_printf(a, "%s.%s", path, fd->name);
        cJSON *v = co_value(c, fv, fd->type, sub ? sub : path);
        if (v)
            cJSON_AddItemToObject(o, fd->name, v);
    }
    for (const cJSON *it = in->child; it; it = it->next) {
        if (gql_type_input(t, it->string))
            continue;
        const char **names = gql_arena_alloc(a, (t->ninputs + 1) * sizeof *names);
        for (size_t i = 0; names && i < t->ninputs; i++)
            names[i] = t->inputs[i].name;
        co_fail(c, in, path, gql_arena_printf(a, "Field \"%s\" is not defined by type \"%s\".%s", it->string,
                                              t->name, names ? gql_did_you_mean(a, NULL, it->string, names, t->ninputs) : ""));
    }
    return o;
}

cJSON *gql_coerce_variable(gql_errs *errs, const char *name, size_t loc, const cJSON *in, gql_tref type)
{
    coerce c = {.errs = errs, .name = name, .loc = loc};
    cJSON *out = co_value(&c, in, type, "");
    if (c.failed) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}
