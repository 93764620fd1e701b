/* http.c - blocking libcurl requests for the contract tests (see http.h). */
#include "http.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#define CTHTTP_MAX_PAIRS 32

typedef struct growbuf {
    char *p;
    size_t n, cap;
} growbuf;

static bool growbuf_add(growbuf *b, const char *data, size_t len)
{
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np)
            return false;
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, len);
    b->n += len;
    b->p[b->n] = '\0';
    return true;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
    return growbuf_add(userp, data, size * nmemb) ? size * nmemb : 0;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *userp)
{
    growbuf *b = userp;
    size_t len = size * nmemb;
    if (len >= 5 && strncmp(data, "HTTP/", 5) == 0)
        b->n = 0;   /* a new response (after 100 Continue): keep only the last */
    return growbuf_add(b, data, len) ? len : 0;
}

void cthttp_global_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

bool cthttp_init(cthttp_client *c, const char *base_url, const char *api_key)
{
    memset(c, 0, sizeof *c);
    c->curl = curl_easy_init();
    if (!c->curl)
        return false;
    snprintf(c->base_url, sizeof c->base_url, "%s", base_url ? base_url : "");
    snprintf(c->api_key, sizeof c->api_key, "%s", api_key ? api_key : "");
    return true;
}

void cthttp_cleanup(cthttp_client *c)
{
    if (c->curl)
        curl_easy_cleanup(c->curl);
    c->curl = NULL;
}

void cthttp_resp_free(cthttp_resp *r)
{
    free(r->body);
    free(r->headers);
    cJSON_Delete(r->json);
    r->body = NULL;
    r->headers = NULL;
    r->json = NULL;
}

char *cthttp_escape(const char *s)
{
    char *e = curl_easy_escape(NULL, s, (int)strlen(s));
    if (!e)
        return NULL;
    char *copy = strdup(e);
    curl_free(e);
    return copy;
}

/* path?n1=v1&n2=v2…[&raw] with escaped values. */
static bool build_url(const cthttp_client *c, const cthttp_req *rq, growbuf *url)
{
    if (!growbuf_add(url, c->base_url, strlen(c->base_url)) ||
        !growbuf_add(url, rq->path, strlen(rq->path)))
        return false;
    char sep = strchr(rq->path, '?') ? '&' : '?';
    for (size_t i = 0; rq->query && rq->query[i]; i += 2) {
        const char *name = rq->query[i];
        const char *value = rq->query[i + 1];
        char *ename = curl_easy_escape(c->curl, name, (int)strlen(name));
        char *evalue = value ? curl_easy_escape(c->curl, value, (int)strlen(value)) : NULL;
        bool ok = ename && (!value || evalue) && growbuf_add(url, &sep, 1) &&
                  growbuf_add(url, ename, strlen(ename)) &&
                  (!value || (growbuf_add(url, "=", 1) && growbuf_add(url, evalue, strlen(evalue))));
        curl_free(ename);
        curl_free(evalue);
        if (!ok)
            return false;
        sep = '&';
        if (!value)
            break;
    }
    if (rq->raw_query && *rq->raw_query) {
        if (!growbuf_add(url, &sep, 1) || !growbuf_add(url, rq->raw_query, strlen(rq->raw_query)))
            return false;
    }
    return true;
}

long cthttp_do(cthttp_client *c, const cthttp_req *rq, cthttp_resp *resp)
{
    memset(resp, 0, sizeof *resp);
    CURL *h = c->curl;
    growbuf url = {0}, body = {0}, hdr = {0};
    struct curl_slist *headers = NULL;
    const char *method = rq->method ? rq->method : "GET";

    if (!build_url(c, rq, &url)) {
        snprintf(resp->curl_error, sizeof resp->curl_error, "out of memory building the URL");
        resp->curl_code = -1;
        goto done;
    }
    snprintf(resp->url, sizeof resp->url, "%s", url.p);

    curl_easy_reset(h);   /* keeps live connections */
    curl_easy_setopt(h, CURLOPT_URL, url.p);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, rq->timeout_ms > 0 ? rq->timeout_ms : 15000L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &hdr);

    char auth[400];
    if (!rq->auth) {
        if (c->api_key[0]) {
            snprintf(auth, sizeof auth, "Authorization: Bearer %s", c->api_key);
            headers = curl_slist_append(headers, auth);
        }
    } else if (rq->auth[0]) {
        snprintf(auth, sizeof auth, "Authorization: %s", rq->auth);
        headers = curl_slist_append(headers, auth);
    }
    headers = curl_slist_append(headers, "Expect:");
    headers = curl_slist_append(headers, "Accept: application/json");
    if (rq->body)
        headers = curl_slist_append(headers, "Content-Type: application/json");
    for (size_t i = 0; rq->headers && rq->headers[i]; i++)
        headers = curl_slist_append(headers, rq->headers[i]);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);

    if (rq->body) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(rq->body));
        if (strcmp(method, "POST") != 0)
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    } else if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else if (strcmp(method, "POST") == 0) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, 0L);
    } else {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    }

    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(h);
    resp->curl_code = (int)rc;
    if (rc != CURLE_OK) {
        snprintf(resp->curl_error, sizeof resp->curl_error, "%.100s: %.150s", curl_easy_strerror(rc),
                 errbuf);
    } else {
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp->status);
    }
    curl_off_t total = 0;
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &total);
    resp->total_us = (long)total;
    long nc = 0;
    curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &nc);
    resp->new_connects = nc;

done:
    curl_slist_free_all(headers);
    free(url.p);
    resp->body = body.p ? body.p : calloc(1, 1);
    resp->body_len = body.n;
    resp->headers = hdr.p ? hdr.p : calloc(1, 1);
    resp->headers_len = hdr.n;
    if (resp->body_len)
        resp->json = cJSON_ParseWithLength(resp->body, resp->body_len);
    return resp->status;
}

static size_t collect_pairs(va_list ap, const char *pairs[CTHTTP_MAX_PAIRS * 2 + 1])
{
    size_t n = 0;
    for (;;) {
        const char *name = va_arg(ap, const char *);
        if (!name || n >= CTHTTP_MAX_PAIRS * 2)
            break;
        const char *value = va_arg(ap, const char *);
        pairs[n++] = name;
        pairs[n++] = value ? value : "";
    }
    pairs[n] = NULL;
    return n;
}

long cthttp_get(cthttp_client *c, cthttp_resp *resp, const char *path, ...)
{
    const char *pairs[CTHTTP_MAX_PAIRS * 2 + 1];
    va_list ap;
    va_start(ap, path);
    collect_pairs(ap, pairs);
    va_end(ap);
    cthttp_req rq = {.method = "GET", .path = path, .query = pairs};
    return cthttp_do(c, &rq, resp);
}

long cthttp_send(cthttp_client *c, cthttp_resp *resp, const char *method, const char *path,
                 const char *body, ...)
{
    const char *pairs[CTHTTP_MAX_PAIRS * 2 + 1];
    va_list ap;
    va_start(ap, body);
    collect_pairs(ap, pairs);
    va_end(ap);
    cthttp_req rq = {.method = method, .path = path, .query = pairs, .body = body};
    return cthttp_do(c, &rq, resp);
}

long cthttp_graphql(cthttp_client *c, cthttp_resp *resp, const char *path, const char *query,
                    const char *variables_json)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "query", query);
    if (variables_json) {
        cJSON *vars = cJSON_Parse(variables_json);
        if (vars)
            cJSON_AddItemToObject(doc, "variables", vars);
        else
            cJSON_AddStringToObject(doc, "variables", variables_json);   /* let the server reject it */
    }
    char *body = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    cthttp_req rq = {.method = "POST", .path = path, .body = body};
    long st = cthttp_do(c, &rq, resp);
    free(body);
    return st;
}

const char *cthttp_header(const cthttp_resp *r, const char *name, char *buf, size_t len)
{
    const char *found = NULL;
    size_t nlen = strlen(name);
    for (const char *line = r->headers; line && *line;) {
        const char *eol = strstr(line, "\r\n");
        if (!eol)
            eol = line + strlen(line);
        if ((size_t)(eol - line) > nlen && strncasecmp(line, name, nlen) == 0 && line[nlen] == ':') {
            const char *v = line + nlen + 1;
            while (v < eol && (*v == ' ' || *v == '\t'))
                v++;
            const char *e = eol;
            while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            size_t vl = (size_t)(e - v);
            if (vl >= len)
                vl = len - 1;
            memcpy(buf, v, vl);
            buf[vl] = '\0';
            found = buf;
        }
        line = *eol ? eol + 2 : eol;
    }
    return found;
}
