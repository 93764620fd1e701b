/* http.h - blocking libcurl helpers for the contract tests.
 *
 * Promises:
 *  - A cthttp_client holds one curl easy handle, so consecutive requests
 *    reuse the same keep-alive connection, and sends
 *    "Authorization: Bearer <api_key>" unless told otherwise.
 *  - Query parameters are given as name/value pairs and every value is
 *    escaped with curl_easy_escape, so filters, cursors (+/=) and JSON reach
 *    the server intact.
 *  - A response carries the status (0 if the transfer failed, with the curl
 *    code and message), the raw header block, the body (NUL-terminated), the
 *    body parsed as cJSON (NULL if it is not JSON) and the transfer time.
 *  - One client per thread; a client must not cross a fork (create it in the
 *    process that uses it). */
#ifndef CT_HTTP_H
#define CT_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

typedef struct cthttp_client {
    void *curl;               /* CURL * */
    char base_url[128];       /* "http://127.0.0.1:PORT" */
    char api_key[256];        /* "" sends no Authorization header */
} cthttp_client;

typedef struct cthttp_resp {
    long status;              /* HTTP status, 0 when the transfer failed */
    int curl_code;            /* CURLcode, 0 on success */
    char curl_error[256];
    char *body;               /* NUL-terminated, never NULL after a request */
    size_t body_len;
    char *headers;            /* raw header block of the last response */
    size_t headers_len;
    cJSON *json;              /* parsed body or NULL */
    long total_us;            /* CURLINFO_TOTAL_TIME_T */
    long new_connects;        /* CURLINFO_NUM_CONNECTS: 0 when a connection was reused */
    char url[4096];           /* the URL requested (for messages) */
} cthttp_resp;

typedef struct cthttp_req {
    const char *method;             /* "GET" when NULL */
    const char *path;               /* "/rest/opportunities" */
    const char *const *query;       /* name, value, name, value, …, NULL (may be NULL) */
    const char *raw_query;          /* appended unescaped after the pairs (may be NULL) */
    const char *body;               /* request body (JSON), NULL for none */
    const char *const *headers;     /* extra "Name: value" lines, NULL-terminated */
    const char *auth;               /* NULL: "Bearer <api_key>"; "": none; else the header value */
    long timeout_ms;                /* 0 means 15000 */
} cthttp_req;

/* Call once per process before threads start (curl_global_init). */
void cthttp_global_init(void);

bool cthttp_init(cthttp_client *c, const char *base_url, const char *api_key);
void cthttp_cleanup(cthttp_client *c);

/* Performs the request; returns resp->status. resp is reset first (free it after). */
long cthttp_do(cthttp_client *c, const cthttp_req *rq, cthttp_resp *resp);

/* GET path?name=value&… (pairs NULL-terminated). */
long cthttp_get(cthttp_client *c, cthttp_resp *resp, const char *path, ...);
/* METHOD path?pairs with a JSON body (may be NULL). */
long cthttp_send(cthttp_client *c, cthttp_resp *resp, const char *method, const char *path,
                 const char *body, ...);
/* POST a GraphQL document with optional variables JSON (may be NULL) to path ("/graphql"). */
long cthttp_graphql(cthttp_client *c, cthttp_resp *resp, const char *path, const char *query,
                    const char *variables_json);

/* Value of the last occurrence of a response header (case-insensitive name),
 * copied into buf without surrounding spaces; NULL if absent. */
const char *cthttp_header(const cthttp_resp *r, const char *name, char *buf, size_t len);

void cthttp_resp_free(cthttp_resp *r);

/* Escapes one string as a URL query value (malloc'd, caller frees). */
char *cthttp_escape(const char *s);

#endif
