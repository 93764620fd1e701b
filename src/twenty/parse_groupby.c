/* parse_groupby.c - REST groupBy totals (see parse.h). */
#include "twenty/parse_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void twenty_group_rows_free(pb_group_rows *r)
{
    free(r->v);
    r->v = NULL;
    r->n = 0;
}

/* An aggregate: a numeric string (exact, strtoll-style) or a number. */
static bool aggregate(const cJSON *x, int64_t *out, bool *has, bool *approx, const char *where,
                      pb_error *err)
{
    *out = 0;
    *has = false;
    *approx = false;
    if (pj_absent(x))
        return true;
    if (cJSON_IsString(x) && x->valuestring) {
        bool exact;
        if (!pj_numeric_string(x->valuestring, out, &exact))
            return pj_fail(err, where, "expected a numeric string");
        if (!exact)
            return pj_fail(err, where, "beyond the int64 range");
        *has = true;
        return true;
    }
    if (cJSON_IsNumber(x)) {
        double d = x->valuedouble;
        if (!isfinite(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
            return pj_fail(err, where, "beyond the int64 range");
        *approx = fabs(d) > 9007199254740992.0;
        *out = (int64_t)llround(d);
        *has = true;
        return true;
    }
    return pj_fail(err, where, "expected a number or a numeric string");
}

static bool row(const cJSON *r, size_t i, pb_strpool *sp, pb_group_row *out, pb_error *err)
{
    char w[64];
    memset(out, 0, sizeof *out);
    out->stage = "";
    if (!cJSON_IsObject(r)) {
        snprintf(w, sizeof w, "groupBy[%zu]", i);
        return pj_fail(err, w, "expected an object");
    }
    const cJSON *dims = pj_get(r, "groupByDimensionValues");
    snprintf(w, sizeof w, "groupBy[%zu].groupByDimensionValues", i);
    if (!cJSON_IsArray(dims) || cJSON_GetArraySize(dims) < 1)
        return pj_fail(err, w, "expected a non-empty array");
    const cJSON *st = cJSON_GetArrayItem(dims, 0);
    const char *s;
    if (!pj_string(st, sp, true, &s, w, err))
        return false;
    out->stage = s ? s : "";
    const cJSON *cur = cJSON_GetArrayItem(dims, 1);
    if (!pj_absent(cur)) {
        if (!cJSON_IsString(cur))
            return pj_fail(err, w, "currency: expected a string or null");
        if (pb_currency_valid(cur->valuestring))
            memcpy(out->currency, cur->valuestring, 4);
    }
    bool has, approx;
    snprintf(w, sizeof w, "groupBy[%zu].totalCount", i);
    if (!aggregate(pj_get(r, "totalCount"), &out->count, &has, &approx, w, err))
        return false;
    if (approx || out->count < 0)
        return pj_fail(err, w, "not a count");
    snprintf(w, sizeof w, "groupBy[%zu].sumAmountAmountMicros", i);
    if (!aggregate(pj_get(r, "sumAmountAmountMicros"), &out->sum_micros, &out->has_sum,
                   &out->approx, w, err))
        return false;
    return true;
}

bool twenty_parse_group_totals(int http_status, const char *body, size_t len, pb_strpool *sp,
                               pb_group_rows *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = pj_parse_ok(http_status, body, len, err);
    if (!root)
        return false;
    bool ok = false;
    const cJSON *list = root;
    if (cJSON_IsObject(root) && cJSON_IsArray(pj_get(root, "data")))
        list = pj_get(root, "data");   /* tolerate a {"data":[…]} wrapper */
    if (!cJSON_IsArray(list)) {
        pj_fail(err, "groupBy", "expected an array of groups");
        goto done;
    }
    out->v = pj_alloc_items(list, sizeof *out->v, err);
    if (!out->v)
        goto done;
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        if (!row(it, out->n, sp, &out->v[out->n], err))
            goto done;
        out->n++;
    }
    ok = true;
done:
    cJSON_Delete(root);
    if (ok)
        pb_error_clear(err);
    else
        twenty_group_rows_free(out);
    return ok;
}

pb_totals_status twenty_group_rows_totals(const pb_group_rows *r, const char *stage,
                                          pb_totals *t)
{
    pb_totals tmp = *t;   /* all or nothing */
    for (size_t i = 0; i < r->n; i++) {
        const pb_group_row *g = &r->v[i];
        if (!g->has_sum || (g->stage != stage && strcmp(g->stage, stage) != 0))
            continue;
        pb_totals_status st = pb_totals_add_sum(&tmp, g->currency, g->sum_micros, g->count);
        if (st != PB_TOTALS_OK)
            return st;
    }
    *t = tmp;
    return PB_TOTALS_OK;
}
