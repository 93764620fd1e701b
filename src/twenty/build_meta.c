/* build_meta.c - metadata, search and picker requests (see request.h). */
#include "twenty/build_internal.h"

#include <stdio.h>
#include <string.h>

#include "twenty/encode.h"
#include "util/utf8.h"

static void put_limit(pb_buf *path, int limit)
{
    if (limit >= 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", limit);
        twenty_query_param(path, "limit", n);
    }
}

bool twenty_build_meta_objects(int limit, pb_request *out, pb_error *err)
{
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, "/rest/metadata/objects");
    put_limit(&path, limit);
    return build_finish(out, "GET", &path, NULL, true, err);
}

bool twenty_build_meta_object(const pb_id *object_id, pb_request *out, pb_error *err)
{
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, "/rest/metadata/objects");
    build_put_id(&path, object_id);
    return build_finish(out, "GET", &path, NULL, true, err);
}

bool twenty_build_meta_fields(int limit, const char *starting_after, pb_request *out,
                              pb_error *err)
{
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, "/rest/metadata/fields");
    put_limit(&path, limit);
    if (starting_after)
        twenty_query_param(&path, "starting_after", starting_after);
    return build_finish(out, "GET", &path, NULL, true, err);
}

#define FIELD_SELECTION "id name type label isNullable defaultValue options"

bool twenty_build_meta_graphql(bool legacy_fields, pb_request *out, pb_error *err)
{
    const char *q = legacy_fields
                        ? "query PipeboardMetadata { objects(paging: {first: 1000}) { edges { node "
                          "{ id nameSingular fields(paging: {first: 1000}) { edges { node { "
                          FIELD_SELECTION " } } } } } } }"
                        : "query PipeboardMetadata { objects(paging: {first: 1000}) { edges { node "
                          "{ id nameSingular fieldsList { " FIELD_SELECTION " } } } } }";
    cJSON *body = cJSON_CreateObject();
    if (!body || !cJSON_AddStringToObject(body, "query", q)) {
        cJSON_Delete(body);
        return build_nomem(err);
    }
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, "/metadata");
    return build_finish(out, "POST", &path, body, true, err);
}

bool twenty_build_search(const char *text, int limit, const char *after, pb_request *out,
                         pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (limit < 1 || limit > 100)
        return pb_error_set(err, PB_ERR_ENCODE, 0, "search limit must be 1..100 (got %d)", limit);
    if (!text)
        text = "";
    if (!pb_utf8_valid(text, strlen(text)))
        return pb_error_set(err, PB_ERR_ENCODE, 0, "search text is not valid UTF-8");
    char q[512];
    snprintf(q, sizeof q,
             "query PipeboardSearch($searchInput: String!%s) { search(searchInput: $searchInput, "
             "limit: %d, %sincludedObjectNameSingulars: [\"opportunity\"]) { edges { node { "
             "recordId objectNameSingular label } cursor } pageInfo { hasNextPage endCursor } } }",
             after ? ", $after: String" : "", limit, after ? "after: $after, " : "");
    cJSON *body = cJSON_CreateObject();
    cJSON *vars = cJSON_CreateObject();
    bool ok = body && vars && cJSON_AddStringToObject(body, "query", q)
              && cJSON_AddStringToObject(vars, "searchInput", text)
              && (!after || cJSON_AddStringToObject(vars, "after", after))
              && cJSON_AddItemToObject(body, "variables", vars);
    if (!ok) {
        if (!body || !cJSON_GetObjectItemCaseSensitive(body, "variables"))
            cJSON_Delete(vars);
        cJSON_Delete(body);
        return build_nomem(err);
    }
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, "/graphql");
    return build_finish(out, "POST", &path, body, true, err);
}

const char *twenty_pick_plural(pb_pick_kind kind)
{
    switch (kind) {
    case PB_PICK_COMPANY: return "companies";
    case PB_PICK_PERSON: return "people";
    case PB_PICK_MEMBER: return "workspaceMembers";
    }
    return "companies";
}

/* or(name.firstName[ilike]:…,name.lastName[ilike]:…), and for "Ada Lovelace"
 * also and(firstName~"Ada", lastName~"Lovelace") first. */
static twenty_enc person_filter(pb_buf *f, const char *text, bool *inexact)
{
    bool w1 = false, w2 = false, w3 = false, w4 = false;
    twenty_enc e = TWENTY_ENC_OK;
    pb_buf_puts(f, "or(");
    const char *sp = strchr(text, ' ');
    if (sp && sp != text && sp[1]) {
        char first[256];
        size_t n = (size_t)(sp - text);
        if (n < sizeof first) {
            memcpy(first, text, n);
            first[n] = '\0';
            pb_buf_puts(f, "and(");
            e = twenty_filter_ilike_contains(f, "name.firstName", first, false, &w1);
            pb_buf_putc(f, ',');
            if (e == TWENTY_ENC_OK)
                e = twenty_filter_ilike_contains(f, "name.lastName", sp + 1, false, &w2);
            pb_buf_puts(f, "),");
        }
    }
    if (e == TWENTY_ENC_OK)
        e = twenty_filter_ilike_contains(f, "name.firstName", text, false, &w3);
    pb_buf_putc(f, ',');
    if (e == TWENTY_ENC_OK)
        e = twenty_filter_ilike_contains(f, "name.lastName", text, true, &w4);
    pb_buf_putc(f, ')');
    *inexact = w1 || w2 || w3 || w4;
    return e;
}

bool twenty_build_pick(pb_pick_kind kind, const char *text, int limit, pb_request *out,
                       pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (limit < 1 || limit > TWENTY_MAX_LIMIT)
        return pb_error_set(err, PB_ERR_ENCODE, 0, "limit must be 1..%d (got %d)",
                            TWENTY_MAX_LIMIT, limit);
    bool inexact = false;
    pb_buf filter = PB_BUF_INIT;
    twenty_enc e = TWENTY_ENC_OK;
    if (text && *text) {
        if (kind == PB_PICK_COMPANY)
            e = twenty_filter_ilike_contains(&filter, "name", text, true, &inexact);
        else
            e = person_filter(&filter, text, &inexact);
    }
    if (e != TWENTY_ENC_OK || filter.oom) {
        pb_buf_free(&filter);
        return pb_error_set(err, e == TWENTY_ENC_NOMEM || e == TWENTY_ENC_OK ? PB_ERR_NOMEM
                                                                           : PB_ERR_ENCODE,
                            0, "%s", twenty_enc_reason(e));
    }
    pb_buf path = PB_BUF_INIT;
    pb_buf_printf(&path, "/rest/%s", twenty_pick_plural(kind));
    put_limit(&path, limit);
    twenty_query_param(&path, "order_by",
                       kind == PB_PICK_COMPANY ? "name" : "name.firstName,name.lastName");
    if (filter.len)
        twenty_query_param(&path, "filter", filter.data);
    pb_buf_free(&filter);
    bool ok = build_finish(out, "GET", &path, NULL, true, err);
    out->inexact = ok && inexact;
    return ok;
}
