/* ctest.c - shared harness of the contract tests (see ctest.h). */
#include "ctest.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

simproc ct_srv;
bool ct_srv_up;
char ct_srv_key[128] = CT_DEFAULT_KEY;

static cthttp_client client;
static pid_t client_pid;
static char client_base[128];

void ct_server_start_env(const char *const *args, const char *const *env, const char *api_key)
{
    snprintf(ct_srv_key, sizeof ct_srv_key, "%s", api_key ? api_key : CT_DEFAULT_KEY);
    simproc_opts o = {.args = args, .env = env};
    ct_srv_up = simproc_start_opts(&ct_srv, &o);
    ck_assert_msg(ct_srv_up, "twenty-sim did not start: %s", ct_srv.err);
}

void ct_server_start(const char *const *args)
{
    ct_server_start_env(args, NULL, NULL);
}

void ct_server_stop(void)
{
    if (client.curl && client_pid == getpid())
        cthttp_cleanup(&client);
    client_pid = 0;
    if (!ct_srv_up)
        return;
    ct_srv_up = false;
    int code = simproc_stop(&ct_srv, 10000);
    ck_assert_msg(code == 0, "twenty-sim exited %d on SIGTERM (expected 0)", code);
}

/* At exit (of the runner or of a test's fork): the process's own client. */
static void client_at_exit(void)
{
    if (client.curl && client_pid == getpid())
        cthttp_cleanup(&client);
}

cthttp_client *ct_client(void)
{
    static bool at_exit_set;
    if (!at_exit_set)
        at_exit_set = atexit(client_at_exit) == 0;
    pid_t me = getpid();
    if (client_pid != me || strcmp(client_base, ct_srv.base_url) != 0) {
        /* A copy inherited across fork keeps the parent's sockets: never use
         * it, but free it (this closes only this process's copies of the
         * sockets; plain HTTP sends nothing on close). */
        if (client.curl)
            cthttp_cleanup(&client);
        ck_assert_msg(cthttp_init(&client, ct_srv.base_url, ct_srv_key), "curl_easy_init failed");
        client_pid = me;
        snprintf(client_base, sizeof client_base, "%s", ct_srv.base_url);
    }
    return &client;
}

TCase *ct_tcase(const char *name, int timeout_s)
{
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, timeout_s);
    return tc;
}

int ct_run(Suite *s)
{
    cthttp_global_init();
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}

/* ---- JSON paths ---- */

cJSON *ct_j(const cJSON *root, const char *path)
{
    const cJSON *cur = root;
    const char *p = path;
    while (cur && *p) {
        if (*p == '.') {
            p++;
            continue;
        }
        if (*p == '[') {
            char *end = NULL;
            long idx = strtol(p + 1, &end, 10);
            if (!end || *end != ']' || !cJSON_IsArray(cur))
                return NULL;
            cur = cJSON_GetArrayItem(cur, (int)idx);
            p = end + 1;
            continue;
        }
        char key[128];
        size_t n = 0;
        while (*p && *p != '.' && *p != '[' && n < sizeof key - 1)
            key[n++] = *p++;
        key[n] = '\0';
        if (!cJSON_IsObject(cur))
            return NULL;
        cur = cJSON_GetObjectItemCaseSensitive(cur, key);
    }
    return (cJSON *)cur;
}

const char *ct_jstr(const cJSON *root, const char *path)
{
    const cJSON *v = ct_j(root, path);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool ct_jnum(const cJSON *root, const char *path, double *out)
{
    const cJSON *v = ct_j(root, path);
    if (!cJSON_IsNumber(v))
        return false;
    *out = v->valuedouble;
    return true;
}

int ct_jlen(const cJSON *root, const char *path)
{
    const cJSON *v = ct_j(root, path);
    return cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
}

bool ct_jnull(const cJSON *root, const char *path)
{
    return cJSON_IsNull(ct_j(root, path));
}

bool ct_jint64(const cJSON *root, const char *path, int64_t *out)
{
    const cJSON *v = ct_j(root, path);
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (d != floor(d) || fabs(d) > 9007199254740992.0)
            return false;
        *out = (int64_t)d;
        return true;
    }
    if (cJSON_IsString(v) && v->valuestring[0]) {
        char *end = NULL;
        long long x = strtoll(v->valuestring, &end, 10);
        if (!end || *end)
            return false;
        *out = (int64_t)x;
        return true;
    }
    return false;
}

const char *ct_show(const cthttp_resp *r)
{
    static char buf[1400];
    if (r->status == 0)
        snprintf(buf, sizeof buf, "%.400s -> transfer failed (%d %.250s)", r->url, r->curl_code,
                 r->curl_error);
    else
        snprintf(buf, sizeof buf, "%.400s -> %ld %.900s%s", r->url, r->status,
                 r->body ? r->body : "", r->body_len > 900 ? "…" : "");
    return buf;
}

bool ct_error_matches(const cthttp_resp *r, int status, const char *error, const char *msg,
                      bool prefix, char *why, size_t whylen)
{
    double sc = 0;
    const char *err = ct_jstr(r->json, "error");
    const char *m0 = ct_jstr(r->json, "messages[0]");
    if (r->status != status) {
        snprintf(why, whylen, "expected HTTP %d, got %ld", status, r->status);
        return false;
    }
    if (!cJSON_IsObject(r->json)) {
        snprintf(why, whylen, "error body is not a JSON object");
        return false;
    }
    if (!ct_jnum(r->json, "statusCode", &sc) || (int)sc != status) {
        snprintf(why, whylen, "statusCode missing or not %d", status);
        return false;
    }
    if (error && (!err || strcmp(err, error) != 0)) {
        snprintf(why, whylen, "error is '%s', expected '%s'", err ? err : "(none)", error);
        return false;
    }
    if (ct_jlen(r->json, "messages") < 1 || !m0) {
        snprintf(why, whylen, "messages is not a non-empty array of strings");
        return false;
    }
    if (msg) {
        bool ok = prefix ? strncmp(m0, msg, strlen(msg)) == 0 : strcmp(m0, msg) == 0;
        if (!ok) {
            snprintf(why, whylen, "messages[0] is '%.200s', expected %s'%.200s'", m0,
                     prefix ? "a start of " : "", msg);
            return false;
        }
    }
    return true;
}

/* ---- records ---- */

void ct_create(const char *plural, const char *body, char id_out[37])
{
    char path[128];
    snprintf(path, sizeof path, "/rest/%s", plural);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", path, body, NULL);
    ck_assert_msg(r.status == 201, "create %s %s: %s", plural, body, ct_show(&r));
    const cJSON *data = ct_j(r.json, "data");
    const cJSON *rec = data && data->child ? data->child : NULL;
    const char *id = ct_jstr(rec, "id");
    ck_assert_msg(id && strlen(id) == 36, "create %s: no id in %s", plural, ct_show(&r));
    memcpy(id_out, id, 37);
    cthttp_resp_free(&r);
}

static char *join(char **items, size_t n, char sep)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(items[i]) + 1;
    char *out = malloc(len);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            out[o++] = sep;
        size_t l = strlen(items[i]);
        memcpy(out + o, items[i], l);
        o += l;
    }
    out[o] = '\0';
    return out;
}

static char **collect(const cJSON *json, const char *plural, const char *key, size_t *n)
{
    char path[128];
    snprintf(path, sizeof path, "data.%s", plural);
    const cJSON *arr = ct_j(json, path);
    int len = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    char **items = calloc((size_t)len + 1, sizeof *items);
    size_t k = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        const char *s = ct_jstr(it, key);
        items[k++] = (char *)(s ? s : "(null)");
    }
    *n = k;
    return items;
}

char *ct_ids_joined(const cJSON *json, const char *plural)
{
    size_t n;
    char **items = collect(json, plural, "id", &n);
    char *out = join(items, n, ',');
    free(items);
    return out;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *ct_names_sorted(const cJSON *json, const char *plural)
{
    size_t n;
    char **items = collect(json, plural, "name", &n);
    qsort(items, n, sizeof *items, cmp_str);
    char *out = join(items, n, '|');
    free(items);
    return out;
}

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

bool ct_base64_decode(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (const char *p = in; *p; p++) {
        if (*p == '=') {
            for (const char *q = p; *q; q++)
                if (*q != '=')
                    return false;
            break;
        }
        int v = b64val((unsigned char)*p);
        if (v < 0)
            return false;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o + 1 >= outlen)
                return false;
            out[o++] = (char)((acc >> bits) & 0xff);
        }
    }
    out[o] = '\0';
    return true;
}

bool ct_is_uuid(const char *s)
{
    if (!s || strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return false;
        } else if (!isxdigit((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

bool ct_is_iso(const char *s)
{
    /* YYYY-MM-DDTHH:MM:SS.mmmZ */
    const char *pat = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (!s || strlen(s) != strlen(pat))
        return false;
    for (size_t i = 0; pat[i]; i++) {
        if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pat[i])
            return false;
    }
    return true;
}

cJSON *ct_fetch_all(const char *plural, const char *order_by, const char *filter, int limit,
                    const char *extra_name, const char *extra_value)
{
    char path[128], lim[32], dpath[128];
    snprintf(path, sizeof path, "/rest/%s", plural);
    snprintf(dpath, sizeof dpath, "data.%s", plural);
    snprintf(lim, sizeof lim, "%d", limit);
    cJSON *all = cJSON_CreateArray();
    char *cursor = NULL;
    double total = -1;
    for (int page = 0; page < 100000; page++) {
        const char *q[16];
        int n = 0;
        q[n++] = "limit";
        q[n++] = lim;
        if (order_by) {
            q[n++] = "order_by";
            q[n++] = order_by;
        }
        if (filter) {
            q[n++] = "filter";
            q[n++] = filter;
        }
        if (extra_name) {
            q[n++] = extra_name;
            q[n++] = extra_value;
        }
        if (cursor) {
            q[n++] = "starting_after";
            q[n++] = cursor;
        }
        q[n] = NULL;
        cthttp_req rq = {.path = path, .query = q};
        cthttp_resp r;
        cthttp_do(ct_client(), &rq, &r);
        ck_assert_msg(r.status == 200, "paging %s: %s", plural, ct_show(&r));
        const cJSON *rows = ct_j(r.json, dpath);
        ck_assert_msg(cJSON_IsArray(rows), "paging: no %s array: %s", dpath, ct_show(&r));
        double t = -1;
        ck_assert_msg(ct_jnum(r.json, "totalCount", &t), "paging: no totalCount: %s", ct_show(&r));
        if (page == 0)
            total = t;
        ck_assert_msg(t == total, "totalCount changed while paging (%g then %g)", total, t);
        const cJSON *next = ct_j(r.json, "pageInfo.hasNextPage");
        const cJSON *prev = ct_j(r.json, "pageInfo.hasPreviousPage");
        ck_assert_msg(cJSON_IsBool(next), "paging: no pageInfo.hasNextPage: %s", ct_show(&r));
        ck_assert_msg(cJSON_IsBool(prev) && cJSON_IsTrue(prev) == (page > 0),
                      "page %d: hasPreviousPage should be %s (a starting_after was %s): %s", page,
                      page > 0 ? "true" : "false", page > 0 ? "given" : "not given", ct_show(&r));
        const cJSON *it;
        cJSON_ArrayForEach(it, rows) cJSON_AddItemToArray(all, cJSON_Duplicate(it, 1));
        int got = cJSON_GetArraySize(rows);
        int sofar = cJSON_GetArraySize(all);
        bool more = sofar < (int)total;
        ck_assert_msg(cJSON_IsTrue(next) == more,
                      "page %d: hasNextPage is %s with %d of %g rows seen", page,
                      cJSON_IsTrue(next) ? "true" : "false", sofar, total);
        ck_assert_msg(got == limit || !more, "page %d: %d rows for limit %d before the end", page,
                      got, limit);
        free(cursor);
        cursor = NULL;
        const char *end = ct_jstr(r.json, "pageInfo.endCursor");
        if (got == 0)
            ck_assert_msg(ct_jnull(r.json, "pageInfo.endCursor"),
                          "an empty page must have a null endCursor: %s", ct_show(&r));
        else
            ck_assert_msg(end, "page %d: no endCursor: %s", page, ct_show(&r));
        if (end)
            cursor = strdup(end);
        cthttp_resp_free(&r);
        if (!more || got == 0)
            break;
    }
    free(cursor);
    ck_assert_msg(cJSON_GetArraySize(all) == (int)total, "paging saw %d rows, totalCount %g",
                  cJSON_GetArraySize(all), total);
    return all;
}
