/* parse_search.c - GraphQL search hits and picker name lists (see parse.h). */
#include "twenty/parse_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void twenty_search_hits_free(pb_search_hits *h)
{
    free(h->ids);
    free(h->end_cursor);
    memset(h, 0, sizeof *h);
}

/* True when the hit is an opportunity (or does not say). */
static bool hit_is_opportunity(const cJSON *node)
{
    const cJSON *k = pj_get(node, "objectNameSingular");
    if (!k)
        k = pj_get(node, "objectSingularName");
    return !cJSON_IsString(k) || strcmp(k->valuestring, "opportunity") == 0;
}

bool twenty_parse_search(int http_status, const char *body, size_t len, pb_search_hits *out,
                         pb_error *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = pj_parse_ok(http_status, body, len, err);
    if (!root)
        return false;
    bool ok = false;
    const cJSON *data = pj_graphql_data(http_status, root, err);
    if (!data)
        goto done;
    const cJSON *search = pj_get(data, "search");
    const cJSON *list = cJSON_IsArray(search) ? search : pj_get(search, "edges");
    if (!cJSON_IsArray(list)) {
        pj_fail(err, "data.search", "expected edges or an array");
        goto done;
    }
    out->ids = pj_alloc_items(list, sizeof *out->ids, err);
    if (!out->ids)
        goto done;
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        const cJSON *node = cJSON_IsArray(search) ? e : pj_get(e, "node");
        char w[48];
        snprintf(w, sizeof w, "data.search[%zu]", i++);
        if (!cJSON_IsObject(node)) {
            pj_fail(err, w, "expected an object");
            goto done;
        }
        if (!hit_is_opportunity(node))
            continue;
        if (!pj_id(pj_get(node, "recordId"), true, &out->ids[out->n], w, err))
            goto done;
        out->n++;
    }
    pb_page_info pi;
    if (!pj_page_info(pj_get(search, "pageInfo"), &pi, err))
        goto done;
    out->has_next = pi.has_next;
    out->end_cursor = pi.end_cursor;
    pi.end_cursor = NULL;
    twenty_page_info_free(&pi);
    ok = true;
done:
    cJSON_Delete(root);
    if (ok)
        pb_error_clear(err);
    else
        twenty_search_hits_free(out);
    return ok;
}

void twenty_named_list_free(pb_named_list *l)
{
    free(l->v);
    twenty_page_info_free(&l->info);
    memset(l, 0, sizeof *l);
    l->total_count = -1;
}

/* detail: domainName.primaryLinkUrl, emails.primaryEmail or userEmail. */
static bool detail(const cJSON *r, pb_strpool *sp, const char **out, const char *where,
                   pb_error *err)
{
    static const char *const paths[][2] = {
        {"domainName", "primaryLinkUrl"}, {"emails", "primaryEmail"}, {"userEmail", NULL}};
    *out = NULL;
    for (size_t i = 0; i < 3 && !*out; i++) {
        const cJSON *x = pj_get(r, paths[i][0]);
        if (paths[i][1])
            x = pj_get(x, paths[i][1]);
        if (!cJSON_IsString(x))
            continue;   /* absent or of a shape we do not use */
        if (!pj_string(x, sp, false, out, where, err))
            return false;
        if (*out && !**out)
            *out = NULL;
    }
    return true;
}

bool twenty_parse_named_list(int http_status, const char *body, size_t len, const char *plural,
                             pb_strpool *sp, pb_named_list *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    out->total_count = -1;
    cJSON *root = pj_parse_ok(http_status, body, len, err);
    if (!root)
        return false;
    bool ok = false;
    const cJSON *list = pj_get(pj_get(root, "data"), plural);
    if (!cJSON_IsArray(list)) {
        pb_error_set(err, PB_ERR_PROTOCOL, 0, "data.%s: missing or not an array", plural);
        goto done;
    }
    out->v = pj_alloc_items(list, sizeof *out->v, err);
    if (!out->v)
        goto done;
    const cJSON *r;
    cJSON_ArrayForEach(r, list)
    {
        char w[64];
        snprintf(w, sizeof w, "%.24s[%zu]", plural, out->n);
        pb_named *nm = &out->v[out->n];
        if (!cJSON_IsObject(r)) {
            pj_fail(err, w, "expected an object");
            goto done;
        }
        if (!pj_id(pj_get(r, "id"), true, &nm->id, w, err)
            || !pj_person_name(pj_get(r, "name"), sp, &nm->name, w, err)
            || !detail(r, sp, &nm->detail, w, err))
            goto done;
        if (!nm->name)
            nm->name = "";
        out->n++;
    }
    bool has, exact;
    if (!pj_int64(pj_get(root, "totalCount"), &out->total_count, &has, &exact, "totalCount", err))
        goto done;
    if (!has || !exact)
        out->total_count = -1;
    ok = pj_page_info(pj_get(root, "pageInfo"), &out->info, err);
done:
    cJSON_Delete(root);
    if (ok)
        pb_error_clear(err);
    else
        twenty_named_list_free(out);
    return ok;
}
