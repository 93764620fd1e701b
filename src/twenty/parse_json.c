/* parse_json.c - JSON reading helpers (see parse_internal.h). */
#include "twenty/parse_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/isodate.h"

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = (c >= '0' && c <= '9') ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Rewrites \uXXXX escapes cJSON would refuse (lone surrogates) or truncate
 * at (\u0000) as \uFFFD. Returns NULL when the body needs no change. */
static char *fix_escapes(const char *s, size_t n)
{
    pb_buf out = PB_BUF_INIT;
    size_t copied = 0;
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!in_str) {
            if (c == '"')
                in_str = true;
            continue;
        }
        if (c == '"') {
            in_str = false;
            continue;
        }
        if (c != '\\' || i + 1 >= n)
            continue;
        if (s[i + 1] != 'u' || i + 6 > n) {
            i++;   /* a two-character escape */
            continue;
        }
        int v = hex4(s + i + 2);
        if (v < 0) {
            i++;
            continue;
        }
        bool bad = v == 0 || (v >= 0xDC00 && v <= 0xDFFF);
        if (v >= 0xD800 && v <= 0xDBFF) {
            int lo = (i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u') ? hex4(s + i + 8) : -1;
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                i += 11;   /* a valid pair */
                continue;
            }
            bad = true;
        }
        if (bad) {
            pb_buf_append(&out, s + copied, i - copied);
            pb_buf_puts(&out, "\\uFFFD");
            copied = i + 6;
        }
        i += 5;
    }
    if (copied == 0) {
        pb_buf_free(&out);
        return NULL;
    }
    pb_buf_append(&out, s + copied, n - copied);
    return pb_buf_take(&out);
}

cJSON *pj_parse(const char *body, size_t len, pb_error *err)
{
    if (!body || len == 0) {
        pb_error_set(err, PB_ERR_PROTOCOL, 0, "empty response body");
        return NULL;
    }
    char *fixed = fix_escapes(body, len);
    const char *text = fixed ? fixed : body;
    size_t tlen = fixed ? strlen(fixed) : len;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, tlen, &end, false);
    if (root && end) {
        size_t used = (size_t)(end - text);
        for (size_t i = used; i < tlen; i++) {
            char c = text[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\0') {
                cJSON_Delete(root);
                root = NULL;
                break;
            }
        }
    }
    free(fixed);
    if (!root)
        pb_error_set(err, PB_ERR_PROTOCOL, 0, "the response is not valid JSON");
    return root;
}

bool pj_status_ok(int http_status, const char *body, size_t len, pb_error *err)
{
    if (http_status >= 200 && http_status <= 299)
        return true;
    twenty_parse_error(http_status, body, len, err);
    return false;
}

cJSON *pj_parse_ok(int http_status, const char *body, size_t len, pb_error *err)
{
    if (!pj_status_ok(http_status, body, len, err))
        return NULL;
    return pj_parse(body, len, err);
}

void *pj_alloc_items(const cJSON *list, size_t item_size, pb_error *err)
{
    size_t n = (size_t)cJSON_GetArraySize(list);
    void *v = calloc(n ? n : 1, item_size);
    if (!v)
        pb_error_set(err, PB_ERR_NOMEM, 0, "out of memory");
    return v;
}

bool pj_fail(pb_error *err, const char *where, const char *what)
{
    return pb_error_set(err, PB_ERR_PROTOCOL, 0, "%s: %s", where, what);
}

const cJSON *pj_get(const cJSON *obj, const char *key)
{
    if (!cJSON_IsObject(obj))
        return NULL;
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

bool pj_absent(const cJSON *x)
{
    return !x || cJSON_IsNull(x);
}

const cJSON *pj_graphql_data(int http_status, const cJSON *root, pb_error *err)
{
    const cJSON *errors = pj_get(root, "errors");
    if (cJSON_IsArray(errors) && cJSON_GetArraySize(errors) > 0) {
        pj_error_from_json(http_status, root, err);
        return NULL;
    }
    const cJSON *data = pj_get(root, "data");
    if (!cJSON_IsObject(data)) {
        pj_fail(err, "data", "missing or not an object");
        return NULL;
    }
    return data;
}

bool pj_string(const cJSON *x, pb_strpool *sp, bool intern, const char **out, const char *where,
               pb_error *err)
{
    *out = NULL;
    if (pj_absent(x))
        return true;
    if (!cJSON_IsString(x) || !x->valuestring)
        return pj_fail(err, where, "expected a string");
    const char *s = pb_strpool_dup(sp, x->valuestring, strlen(x->valuestring), intern);
    if (!s)
        return pb_error_set(err, PB_ERR_NOMEM, 0, "out of memory");
    *out = s;
    return true;
}

bool pj_id(const cJSON *x, bool required, pb_id *out, const char *where, pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (pj_absent(x))
        return required ? pj_fail(err, where, "missing id") : true;
    if (!cJSON_IsString(x) || !pb_id_parse(x->valuestring, out))
        return pj_fail(err, where, "expected a UUID");
    return true;
}

bool pj_date(const cJSON *x, int64_t *ms, bool *has, const char *where, pb_error *err)
{
    *ms = 0;
    *has = false;
    if (pj_absent(x))
        return true;
    if (!cJSON_IsString(x) || !pb_date_parse(x->valuestring, ms))
        return pj_fail(err, where, "not an ISO 8601 date");
    *has = true;
    return true;
}

bool pj_numeric_string(const char *s, int64_t *out, bool *exact)
{
    *out = 0;
    *exact = true;
    const char *p = s;
    bool neg = false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    if (*p < '0' || *p > '9')
        return false;
    const char *digits = p;
    while (*p >= '0' && *p <= '9')
        p++;
    const char *int_end = p;
    int round_up = 0;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return false;
        round_up = *p >= '5';
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p != '\0')
        return false;
    uint64_t v = 0;
    const uint64_t lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (const char *q = digits; q < int_end; q++) {
        unsigned d = (unsigned)(*q - '0');
        if (v > (lim - d) / 10) {
            *exact = false;
            return true;
        }
        v = v * 10 + d;
    }
    if (round_up) {
        if (v == lim) {
            *exact = false;
            return true;
        }
        v++;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

bool pj_int64(const cJSON *x, int64_t *out, bool *has, bool *exact, const char *where,
              pb_error *err)
{
    *out = 0;
    *has = false;
    *exact = true;
    if (pj_absent(x))
        return true;
    *has = true;
    if (cJSON_IsNumber(x)) {
        double d = x->valuedouble;
        if (!isfinite(d) || fabs(d) > 9007199254740992.0) {
            *exact = false;
            return true;
        }
        *out = (int64_t)llround(d);
        return true;
    }
    if (cJSON_IsString(x) && x->valuestring) {
        if (!pj_numeric_string(x->valuestring, out, exact))
            return pj_fail(err, where, "expected a number or a numeric string");
        if (!*exact)
            *out = 0;
        return true;
    }
    return pj_fail(err, where, "expected a number or a numeric string");
}

bool pj_double(const cJSON *x, double *out, bool *has, const char *where, pb_error *err)
{
    *out = 0;
    *has = false;
    if (pj_absent(x))
        return true;
    if (cJSON_IsNumber(x)) {
        *out = x->valuedouble;
    } else if (cJSON_IsString(x) && x->valuestring && x->valuestring[0]) {
        char *end;
        errno = 0;
        double d = strtod(x->valuestring, &end);
        if (*end != '\0' || errno == ERANGE)
            return pj_fail(err, where, "expected a number");
        *out = d;
    } else {
        return pj_fail(err, where, "expected a number");
    }
    if (!isfinite(*out))
        return pj_fail(err, where, "not a finite number");
    *has = true;
    return true;
}

bool pj_bool(const cJSON *x, bool *out, const char *where, pb_error *err)
{
    *out = false;
    if (pj_absent(x))
        return true;
    if (!cJSON_IsBool(x))
        return pj_fail(err, where, "expected true or false");
    *out = cJSON_IsTrue(x);
    return true;
}

bool pj_strdup(const cJSON *x, char **out, const char *where, pb_error *err)
{
    *out = NULL;
    if (pj_absent(x))
        return true;
    if (!cJSON_IsString(x) || !x->valuestring)
        return pj_fail(err, where, "expected a string");
    *out = strdup(x->valuestring);
    if (!*out)
        return pb_error_set(err, PB_ERR_NOMEM, 0, "out of memory");
    return true;
}

void twenty_page_info_free(pb_page_info *pi)
{
    free(pi->start_cursor);
    free(pi->end_cursor);
    memset(pi, 0, sizeof *pi);
}

bool pj_page_info(const cJSON *pi, pb_page_info *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (pj_absent(pi))
        return true;
    if (!cJSON_IsObject(pi))
        return pj_fail(err, "pageInfo", "expected an object");
    if (!pj_bool(pj_get(pi, "hasNextPage"), &out->has_next, "pageInfo.hasNextPage", err)
        || !pj_bool(pj_get(pi, "hasPreviousPage"), &out->has_prev, "pageInfo.hasPreviousPage",
                    err)
        || !pj_strdup(pj_get(pi, "startCursor"), &out->start_cursor, "pageInfo.startCursor", err)
        || !pj_strdup(pj_get(pi, "endCursor"), &out->end_cursor, "pageInfo.endCursor", err)) {
        twenty_page_info_free(out);
        return false;
    }
    return true;
}
