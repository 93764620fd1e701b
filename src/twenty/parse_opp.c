/* parse_opp.c - opportunity records and their envelopes (see parse.h). */
#include "twenty/parse_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define WHERE_MAX 160

/* out = a + "." + b, cut to WHERE_MAX - 1 bytes (error paths only). */
static void where2(char out[WHERE_MAX], const char *a, const char *b)
{
    size_t i = 0;
    for (; *a && i < WHERE_MAX - 1; a++)
        out[i++] = *a;
    if (i < WHERE_MAX - 1)
        out[i++] = '.';
    for (; *b && i < WHERE_MAX - 1; b++)
        out[i++] = *b;
    out[i] = '\0';
}

bool pj_person_name(const cJSON *x, pb_strpool *sp, const char **out, const char *where,
                    pb_error *err)
{
    *out = NULL;
    if (pj_absent(x))
        return true;
    if (cJSON_IsString(x))
        return pj_string(x, sp, true, out, where, err);
    if (!cJSON_IsObject(x))
        return pj_fail(err, where, "expected a name object");
    const cJSON *first = pj_get(x, "firstName"), *last = pj_get(x, "lastName");
    if ((!pj_absent(first) && !cJSON_IsString(first)) || (!pj_absent(last) && !cJSON_IsString(last)))
        return pj_fail(err, where, "firstName/lastName must be strings");
    const char *f = cJSON_IsString(first) ? first->valuestring : "";
    const char *l = cJSON_IsString(last) ? last->valuestring : "";
    pb_buf b = PB_BUF_INIT;
    pb_buf_puts(&b, f);
    if (*f && *l)
        pb_buf_putc(&b, ' ');
    pb_buf_puts(&b, l);
    const char *s = b.oom ? NULL : pb_strpool_dup(sp, pb_buf_cstr(&b), b.len, true);
    pb_buf_free(&b);
    if (!s)
        return pb_error_set(err, PB_ERR_NOMEM, 0, "out of memory");
    *out = s;
    return true;
}

static bool amount(const cJSON *a, pb_opp *o, const char *where, pb_error *err)
{
    char w[WHERE_MAX];
    if (pj_absent(a))
        return true;
    if (!cJSON_IsObject(a))
        return pj_fail(err, where, "amount: expected an object");
    bool has, exact;
    where2(w, where, "amount.amountMicros");
    if (!pj_int64(pj_get(a, "amountMicros"), &o->amount.micros, &has, &exact, w, err))
        return false;
    o->amount.set = has && exact;
    if (has && !exact)
        o->flags |= PB_OPP_AMOUNT_INVALID;
    const cJSON *cur = pj_get(a, "currencyCode");
    if (!pj_absent(cur)) {
        if (!cJSON_IsString(cur)) {
            where2(w, where, "amount.currencyCode");
            return pj_fail(err, w, "expected a string");
        }
        if (pb_currency_valid(cur->valuestring))
            memcpy(o->amount.currency, cur->valuestring, 4);
    }
    return true;
}

/* A depth=1 relation: an object or null; fills the FK when it was absent. */
static bool relation(const cJSON *rel, bool person, pb_strpool *sp, pb_id *fk, const char **name,
                     const char *where, pb_error *err)
{
    if (pj_absent(rel))
        return true;
    if (!cJSON_IsObject(rel))
        return pj_fail(err, where, "expected an object or null");
    char w[WHERE_MAX];
    if (pb_id_is_nil(fk)) {
        where2(w, where, "id");
        if (!pj_id(pj_get(rel, "id"), false, fk, w, err))
            return false;
    }
    where2(w, where, "name");
    if (person)
        return pj_person_name(pj_get(rel, "name"), sp, name, w, err);
    return pj_string(pj_get(rel, "name"), sp, true, name, w, err);
}

bool pj_opp(const cJSON *j, pb_strpool *sp, pb_opp *o, const char *where, pb_error *err)
{
    pb_opp_init(o);
    char w[WHERE_MAX];
    if (!cJSON_IsObject(j))
        return pj_fail(err, where, "expected an object");
    where2(w, where, "id");
    if (!pj_id(pj_get(j, "id"), true, &o->id, w, err))
        return false;
    const char *s;
    where2(w, where, "name");
    if (!pj_string(pj_get(j, "name"), sp, false, &s, w, err))
        return false;
    o->name = s ? s : "";
    if (!amount(pj_get(j, "amount"), o, where, err))
        return false;
    where2(w, where, "closeDate");
    if (!pj_date(pj_get(j, "closeDate"), &o->close_date_ms, &o->has_close_date, w, err))
        return false;
    where2(w, where, "stage");
    if (!pj_string(pj_get(j, "stage"), sp, true, &s, w, err))
        return false;
    o->stage = s ? s : "";
    bool has;
    where2(w, where, "position");
    if (!pj_double(pj_get(j, "position"), &o->position, &has, w, err))
        return false;
    static const char *const fk[3] = {"companyId", "pointOfContactId", "ownerId"};
    static const char *const rel[3] = {"company", "pointOfContact", "owner"};
    pb_id *ids[3] = {&o->company_id, &o->poc_id, &o->owner_id};
    const char **names[3] = {&o->company_name, &o->poc_name, &o->owner_name};
    for (int i = 0; i < 3; i++) {
        where2(w, where, fk[i]);
        if (!pj_id(pj_get(j, fk[i]), false, ids[i], w, err))
            return false;
        where2(w, where, rel[i]);
        if (!relation(pj_get(j, rel[i]), i > 0, sp, ids[i], names[i], w, err))
            return false;
    }
    static const char *const dates[3] = {"createdAt", "updatedAt", "deletedAt"};
    int64_t *ms[3] = {&o->created_at_ms, &o->updated_at_ms, &o->deleted_at_ms};
    for (int i = 0; i < 3; i++) {
        where2(w, where, dates[i]);
        if (!pj_date(pj_get(j, dates[i]), ms[i], &has, w, err))
            return false;
        if (i == 2)
            o->deleted = has;
    }
    return true;
}

void twenty_opp_page_free(pb_opp_page *p)
{
    free(p->items);
    twenty_page_info_free(&p->info);
    memset(p, 0, sizeof *p);
    p->total_count = -1;
}

static bool total_count(const cJSON *x, int64_t *out, pb_error *err)
{
    bool has, exact;
    if (!pj_int64(x, out, &has, &exact, "totalCount", err))
        return false;
    if (!has)
        *out = -1;
    else if (!exact || *out < 0)
        return pj_fail(err, "totalCount", "not a count");
    return true;
}

bool twenty_parse_opp_list(int http_status, const char *body, size_t len, pb_strpool *sp,
                           pb_opp_page *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    out->total_count = -1;
    cJSON *root = pj_parse_ok(http_status, body, len, err);
    if (!root)
        return false;
    bool ok = false;
    const cJSON *list = pj_get(pj_get(root, "data"), "opportunities");
    if (!cJSON_IsArray(list)) {
        pj_fail(err, "data.opportunities", "missing or not an array");
        goto done;
    }
    out->items = pj_alloc_items(list, sizeof *out->items, err);
    if (!out->items)
        goto done;
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        char w[48];
        snprintf(w, sizeof w, "opportunities[%zu]", out->n);
        if (!pj_opp(it, sp, &out->items[out->n], w, err))
            goto done;
        out->n++;
    }
    if (!total_count(pj_get(root, "totalCount"), &out->total_count, err))
        goto done;
    ok = pj_page_info(pj_get(root, "pageInfo"), &out->info, err);
done:
    cJSON_Delete(root);
    if (!ok)
        twenty_opp_page_free(out);
    else
        pb_error_clear(err);
    return ok;
}

/* The single value inside data whose key is one of `keys`. */
static const cJSON *envelope(const cJSON *root, const char *const *keys, size_t nkeys,
                             const char **found)
{
    const cJSON *data = pj_get(root, "data");
    for (size_t i = 0; i < nkeys; i++) {
        const cJSON *x = pj_get(data, keys[i]);
        if (x) {
            *found = keys[i];
            return x;
        }
    }
    return NULL;
}

bool twenty_parse_opp_one(int http_status, const char *body, size_t len, pb_strpool *sp,
                          pb_opp *out, pb_error *err)
{
    static const char *const keys[] = {"opportunity", "createOpportunity", "updateOpportunity",
                                       "restoreOpportunity"};
    pb_opp_init(out);
    cJSON *root = pj_parse_ok(http_status, body, len, err);
    if (!root)
        return false;
    const char *key = NULL;
    const cJSON *rec = envelope(root, keys, 4, &key);
    bool ok;
    if (!rec) {
        ok = pj_fail(err, "data", "no opportunity record in the response");
    } else {
        char w[48];
        snprintf(w, sizeof w, "data.%s", key);
        ok = pj_opp(rec, sp, out, w, err);
    }
    cJSON_Delete(root);
    if (ok)
        pb_error_clear(err);
    else
        pb_opp_init(out);
    return ok;
}

bool twenty_parse_deleted_id(int http_status, const char *body, size_t len, pb_id *out,
                             pb_error *err)
{
    static const char *const keys[] = {"deleteOpportunity", "destroyOpportunity"};
    memset(out, 0, sizeof *out);
    cJSON *root = pj_parse_ok(http_status, body, len, err);
    if (!root)
        return false;
    const char *key = NULL;
    const cJSON *rec = envelope(root, keys, 2, &key);
    bool ok;
    if (!cJSON_IsObject(rec)) {
        ok = pj_fail(err, "data", "no deleted record id in the response");
    } else {
        char w[48];
        snprintf(w, sizeof w, "data.%s.id", key);
        ok = pj_id(pj_get(rec, "id"), true, out, w, err);
    }
    cJSON_Delete(root);
    if (ok)
        pb_error_clear(err);
    return ok;
}
