/* cursor.c - record cursors as Twenty writes them: base64 of the JSON of the
 * record's value for every order key, nested by path, id included
 * ({"position":3,"id":"…"}, {"amount":{"amountMicros":5},"id":"…"}).
 * Decoding accepts Twenty's legacy dotted keys too ("amount.amountMicros"). */
#include "sim/query_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *value_json(const sim_value *v)
{
    char buf[40];
    switch (v->kind) {
    case SV_NULL: return cJSON_CreateNull();
    case SV_STR: return cJSON_CreateString(v->as.s);
    case SV_INT:
        if (v->as.i <= 9007199254740992LL && v->as.i >= -9007199254740992LL)
            return cJSON_CreateNumber((double)v->as.i);
        snprintf(buf, sizeof buf, "%lld", (long long)v->as.i);
        return cJSON_CreateString(buf);
    case SV_NUM: return cJSON_CreateNumber(v->as.n);
    case SV_BOOL: return cJSON_CreateBool(v->as.b);
    case SV_UUID:
        sim_uuid_format(&v->as.u, buf);
        return cJSON_CreateString(buf);
    case SV_TIME:
        sim_time_format(v->as.t, buf);
        return cJSON_CreateString(buf);
    }
    return cJSON_CreateNull();
}

char *sim_cursor_encode(const sim_object *o, const sim_order *ord, const sim_record *r)
{
    (void)o;
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    for (int j = 0; j < ord->n; j++) {
        const sim_order_key *k = &ord->keys[j];
        cJSON *val = value_json(&r->v[k->slot]);
        cJSON *parent = root;
        const char *name = k->name;
        if (k->sub) {
            parent = cJSON_GetObjectItemCaseSensitive(root, k->name);
            if (!parent)
                parent = cJSON_AddObjectToObject(root, k->name);
            name = k->sub;
        }
        if (!val || !parent || !cJSON_AddItemToObject(parent, name, val)) {
            cJSON_Delete(val);
            cJSON_Delete(root);
            return NULL;
        }
    }
    char *json = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!json)
        return NULL;
    char *b64 = sim_base64_encode((const unsigned char *)json, strlen(json));
    cJSON_free(json);
    return b64;
}

static bool invalid(const char *cursor, sim_error *err)
{
    return sim_bad_request(err, "Invalid cursor: %s", cursor);
}

/* getCursorValueForLeaf: the nested path, else the legacy dotted key. */
static const cJSON *cursor_value(const cJSON *root, const sim_order_key *k)
{
    if (!cJSON_IsObject(root))
        return NULL;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, k->name);
    if (!k->sub)
        return v;
    const cJSON *inner = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, k->sub) : NULL;
    if (inner)
        return inner;
    char dotted[160];
    snprintf(dotted, sizeof dotted, "%s.%s", k->name, k->sub);
    return cJSON_GetObjectItemCaseSensitive(root, dotted);
}

static bool json_to_value(const cJSON *j, const sim_order_key *k, sim_value *out)
{
    out->kind = SV_NULL;
    if (cJSON_IsNull(j))
        return true;
    switch (k->kind) {
    case SV_STR:
        if (!cJSON_IsString(j))
            return false;
        *out = sim_value_str(j->valuestring);
        return out->kind == SV_STR;
    case SV_INT:
        if (cJSON_IsNumber(j)) {
            double d = j->valuedouble;
            if (!isfinite(d) || d != floor(d) || fabs(d) > 9.2e18)
                return false;
            out->as.i = (int64_t)d;
        } else if (cJSON_IsString(j) && j->valuestring[0]) {
            char *end;
            errno = 0;
            long long v = strtoll(j->valuestring, &end, 10);
            if (*end || errno)
                return false;
            out->as.i = v;
        } else {
            return false;
        }
        out->kind = SV_INT;
        return true;
    case SV_NUM:
        if (cJSON_IsNumber(j)) {
            out->as.n = j->valuedouble;
        } else if (cJSON_IsString(j) && j->valuestring[0]) {
            char *end;
            out->as.n = strtod(j->valuestring, &end);
            if (*end)
                return false;
        } else {
            return false;
        }
        out->kind = SV_NUM;
        return isfinite(out->as.n);
    case SV_BOOL:
        if (!cJSON_IsBool(j))
            return false;
        out->kind = SV_BOOL;
        out->as.b = cJSON_IsTrue(j);
        return true;
    case SV_UUID:
        if (!cJSON_IsString(j) || !sim_uuid_parse(j->valuestring, &out->as.u))
            return false;
        out->kind = SV_UUID;
        return true;
    case SV_TIME:
        if (!cJSON_IsString(j) || !sim_time_parse(j->valuestring, &out->as.t))
            return false;
        out->kind = SV_TIME;
        return true;
    case SV_NULL:
        break;
    }
    return false;
}

bool sim_cursor_decode(const sim_schema *s, const sim_order *ord, const char *cursor,
                       sim_value *vals, sim_error *err)
{
    (void)s;
    for (int j = 0; j < ord->n; j++)
        vals[j].kind = SV_NULL;
    size_t n = 0;
    unsigned char *raw = sim_base64_decode(cursor, &n);
    if (!raw)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    const char *end = NULL;
    cJSON *root = strlen((char *)raw) == n ? cJSON_ParseWithOpts((char *)raw, &end, 1) : NULL;
    free(raw);
    if (!root)
        return invalid(cursor, err);
    bool ok = true;
    for (int j = 0; j < ord->n && ok; j++) {
        const sim_order_key *k = &ord->keys[j];
        const cJSON *v = cursor_value(root, k);
        if (!v) {
            sim_bad_request(err,
                            "Cursor is missing the value for orderBy field \"%s%s%s\": it was "
                            "encoded for a different orderBy. Restart pagination without a "
                            "cursor.",
                            k->name, k->sub ? "." : "", k->sub ? k->sub : "");
            ok = false;
        } else if (!json_to_value(v, k, &vals[j])) {
            invalid(cursor, err);
            ok = false;
        }
    }
    cJSON_Delete(root);
    if (!ok)
        for (int j = 0; j < ord->n; j++)
            sim_value_free(&vals[j]);
    return ok;
}
