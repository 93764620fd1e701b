/* gql_json.c - GraphQL error lists and JSON helpers; see gql_json.h. */
#include "sim/gql_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/jscompat.h"

gql_err *gql_errs_add(gql_errs *e, const char *code, const char *message)
{
    if (e->n >= GQL_MAX_ERRORS)
        return NULL;
    gql_err *err = gql_arena_grow(e->a, (void **)&e->items, &e->n, &e->cap, sizeof *err);
    if (!err)
        return NULL;
    err->code = code;
    err->message = gql_arena_strdup(e->a, message);
    if (!err->message)
        err->message = "out of memory";
    return err;
}

void gql_err_loc(gql_err *err, size_t loc)
{
    if (err && err->nlocs < GQL_MAX_LOCS)
        err->locs[err->nlocs++] = loc;
}

void gql_errs_free(gql_errs *e)
{
    for (size_t i = 0; i < e->n; i++) {
        cJSON_Delete(e->items[i].path);
        e->items[i].path = NULL;
    }
    e->n = 0;
}

cJSON *gql_errs_json(const gql_errs *e, const gql_doc *d)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < e->n; i++) {
        const gql_err *err = &e->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, o);
        cJSON_AddStringToObject(o, "message", err->message);
        if (d && err->nlocs > 0) {
            cJSON *locs = cJSON_AddArrayToObject(o, "locations");
            for (int k = 0; k < err->nlocs; k++) {
                int line, col;
                gql_doc_location(d, err->locs[k], &line, &col);
                cJSON *l = cJSON_CreateObject();
                cJSON_AddNumberToObject(l, "line", line);
                cJSON_AddNumberToObject(l, "column", col);
                cJSON_AddItemToArray(locs, l);
            }
        }
        if (err->path)
            cJSON_AddItemToObject(o, "path", cJSON_Duplicate(err->path, true));
        if (err->code || err->user_message) {
            cJSON *ext = cJSON_AddObjectToObject(o, "extensions");
            if (err->code)
                cJSON_AddStringToObject(ext, "code", err->code);
            if (err->user_message)
                cJSON_AddStringToObject(ext, "userFriendlyMessage", err->user_message);
        }
    }
    return arr;
}

/* --- numbers --- */

cJSON *gql_json_float4(float f)
{
    if (!isfinite(f))
        return cJSON_CreateNull();
    char buf[32];
    for (int p = 1; p <= 9; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, (double)f);
        if (strtof(buf, NULL) == f)
            break;
    }
    return cJSON_CreateNumber(strtod(buf, NULL));
}

/* --- inspect --- */

typedef struct ibuf {
    gql_arena *a;
    char *p;
    size_t n, cap;
    bool oom;
} ibuf;

static void ib_add(ibuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *np = gql_arena_alloc(b->a, cap);
        if (!np) {
            b->oom = true;
            return;
        }
        if (b->n)
            memcpy(np, b->p, b->n);
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n + 1);
    b->n += n;
}

static void ib_json_string(ibuf *b, const char *s)
{
    /* JSON.stringify of a string */
    ib_add(b, "\"");
    char one[8];
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        switch (*c) {
        case '"': ib_add(b, "\\\""); break;
        case '\\': ib_add(b, "\\\\"); break;
        case '\b': ib_add(b, "\\b"); break;
        case '\f': ib_add(b, "\\f"); break;
        case '\n': ib_add(b, "\\n"); break;
        case '\r': ib_add(b, "\\r"); break;
        case '\t': ib_add(b, "\\t"); break;
        default:
            if (*c < 0x20)
                snprintf(one, sizeof one, "\\u%04x", *c);
            else
                snprintf(one, sizeof one, "%c", *c);
            ib_add(b, one);
        }
    }
    ib_add(b, "\"");
}

static void ib_value(ibuf *b, const cJSON *v, int depth)
{
    char num[40];
    if (!v || cJSON_IsNull(v)) {
        ib_add(b, "null");
    } else if (cJSON_IsBool(v)) {
        ib_add(b, cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsNumber(v)) {
        sim_js_number_str(v->valuedouble, num, sizeof num);
        ib_add(b, num);
    } else if (cJSON_IsString(v)) {
        ib_json_string(b, v->valuestring);
    } else if (cJSON_IsArray(v)) {
        int n = cJSON_GetArraySize(v);
        if (n == 0) {
            ib_add(b, "[]");
            return;
        }
        if (depth > 2) {
            ib_add(b, "[Array]");
            return;
        }
        ib_add(b, "[");
        int i = 0;
        for (const cJSON *it = v->child; it && i < 10; it = it->next, i++) {
            if (i)
                ib_add(b, ", ");
            ib_value(b, it, depth + 1);
        }
        if (n > 10) {
            snprintf(num, sizeof num, ", ... %d more item%s", n - 10, n - 10 == 1 ? "" : "s");
            ib_add(b, num);
        }
        ib_add(b, "]");
    } else if (cJSON_IsObject(v)) {
        if (!v->child) {
            ib_add(b, "{}");
            return;
        }
        if (depth > 2) {
            ib_add(b, "[Object]");
            return;
        }
        ib_add(b, "{ ");
        for (const cJSON *it = v->child; it; it = it->next) {
            if (it != v->child)
                ib_add(b, ", ");
            ib_add(b, it->string ? it->string : "");
            ib_add(b, ": ");
            ib_value(b, it, depth + 1);
        }
        ib_add(b, " }");
    } else {
        ib_add(b, "undefined");
    }
}

const char *gql_inspect(gql_arena *a, const cJSON *v)
{
    ibuf b = {.a = a};
    ib_value(&b, v, 1);
    return b.oom || !b.p ? "?" : b.p;
}
