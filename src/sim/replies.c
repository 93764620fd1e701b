/* replies.c - bodies and headers of the server's own answers. */
#include "replies.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static void add_header(sim_response *rs, const char *name, const char *value)
{
    if (rs->nheaders >= SIM_MAX_HEADERS) return;
    sim_header *h = &rs->headers[rs->nheaders++];
    snprintf(h->name, sizeof h->name, "%s", name);
    snprintf(h->value, sizeof h->value, "%s", value);
}

/* Replaces the response with status and the JSON text of `json` (freed). */
static void set_json(sim_response *rs, int status, cJSON *json)
{
    free(rs->body);
    memset(rs, 0, sizeof *rs);
    rs->status = status;
    rs->body = json ? cJSON_PrintUnformatted(json) : NULL;
    rs->body_len = rs->body ? strlen(rs->body) : 0;
    cJSON_Delete(json);
}

static void set_text(sim_response *rs, int status, const char *text)
{
    free(rs->body);
    memset(rs, 0, sizeof *rs);
    rs->status = status;
    rs->body = strdup(text);
    rs->body_len = rs->body ? strlen(rs->body) : 0;
}

bool sim_reply_is_graphql(const char *path)
{
    return strcmp(path, "/graphql") == 0 || strcmp(path, "/graphql/") == 0 ||
           strcmp(path, "/metadata") == 0 || strcmp(path, "/metadata/") == 0;
}

void sim_reply_error(sim_response *rs, int status, const char *error, const char *message)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "statusCode", status);
    cJSON_AddStringToObject(o, "error", error);
    cJSON *m = cJSON_AddArrayToObject(o, "messages");
    cJSON_AddItemToArray(m, cJSON_CreateString(message));
    set_json(rs, status, o);
}

/* {"errors":[{"message":…,"extensions":ext}]} with HTTP 200, as Twenty's
 * GraphQL middleware writes it. Takes ownership of ext. */
static void graphql_error(sim_response *rs, const char *message, cJSON *ext)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *errs = cJSON_AddArrayToObject(o, "errors");
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "message", message);
    cJSON_AddItemToObject(e, "extensions", ext);
    cJSON_AddItemToArray(errs, e);
    set_json(rs, 200, o);
}

void sim_reply_auth(sim_response *rs, sim_auth_result why, bool graphql)
{
    if (!graphql) {
        if (why == SIM_AUTH_MISSING)
            sim_reply_error(rs, 403, "FORBIDDEN_EXCEPTION", "Missing authentication token");
        else
            sim_reply_error(rs, 401, "UNAUTHENTICATED", "Token invalid.");
        return;
    }
    cJSON *ext = cJSON_CreateObject();
    if (why == SIM_AUTH_MISSING) {
        /* AuthException FORBIDDEN_EXCEPTION -> ForbiddenError */
        cJSON_AddStringToObject(ext, "code", "FORBIDDEN");
        cJSON_AddStringToObject(ext, "subCode", "FORBIDDEN_EXCEPTION");
        graphql_error(rs, "Missing authentication token", ext);
    } else {
        /* AuthException UNAUTHENTICATED -> AuthenticationError */
        cJSON_AddStringToObject(ext, "code", "UNAUTHENTICATED");
        cJSON_AddStringToObject(ext, "subCode", "UNAUTHENTICATED");
        cJSON_AddStringToObject(ext, "userFriendlyMessage", "You must be authenticated to perform this action.");
        graphql_error(rs, "Token invalid.", ext);
    }
}

/* JavaScript's `${windowMs / 1000}`: 1000 -> "1", 1500 -> "1.5", 1 -> "0.001". */
static void format_seconds(long ms, char *buf, size_t len)
{
    long whole = ms / 1000, rem = ms % 1000;
    if (rem == 0) {
        snprintf(buf, len, "%ld", whole);
        return;
    }
    int digits = 3;
    while (rem % 10 == 0) {
        rem /= 10;
        digits--;
    }
    snprintf(buf, len, "%ld.%0*ld", whole, digits, rem);
}

/* Twenty's exhausted scope, shared by the REST body and the GraphQL extensions. */
static void add_scope_fields(cJSON *o, const sim_rl_outcome *x)
{
    cJSON_AddStringToObject(o, "limitKind", "speed");
    cJSON_AddStringToObject(o, "exhaustedKind", "limit");
    cJSON *scope = cJSON_AddObjectToObject(o, "scope");
    cJSON_AddStringToObject(scope, "spenderType", "apiKey");
    cJSON_AddStringToObject(scope, "spenderId", SIM_API_KEY_ID);
    cJSON_AddNumberToObject(o, "limit", (double)x->limit);
    cJSON_AddNumberToObject(o, "remaining", 0);
    cJSON_AddNumberToObject(o, "periodCount", (double)((x->ttl_ms + 999) / 1000));
    cJSON_AddStringToObject(o, "periodUnit", "second");
}

void sim_reply_rate_limited(sim_response *rs, const sim_rl_outcome *x, bool graphql, int64_t now_epoch_ms)
{
    char secs[64], msg[256];
    format_seconds(x->ttl_ms, secs, sizeof secs);
    snprintf(msg, sizeof msg, "Rate limit exceeded for apiKey: %ld requests per %ss.", x->limit, secs);
    long retry = sim_ratelimit_retry_seconds(x->retry_after_ms);
    if (graphql) {
        cJSON *ext = cJSON_CreateObject();
        cJSON_AddStringToObject(ext, "code", "RATE_LIMITED");
        add_scope_fields(ext, x);
        cJSON_AddNumberToObject(ext, "retryAfterMs", (double)x->retry_after_ms);
        graphql_error(rs, msg, ext);
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "statusCode", 429);
    cJSON_AddStringToObject(o, "error", "RATE_LIMITED");
    cJSON *m = cJSON_AddArrayToObject(o, "messages");
    cJSON_AddItemToArray(m, cJSON_CreateString(msg));
    add_scope_fields(o, x);
    cJSON_AddNumberToObject(o, "retryAfterSeconds", (double)retry);
    set_json(rs, 429, o);
    char v[32];
    snprintf(v, sizeof v, "%ld", retry);
    add_header(rs, "Retry-After", v);
    snprintf(v, sizeof v, "%ld", x->limit);
    add_header(rs, "X-RateLimit-Limit", v);
    add_header(rs, "X-RateLimit-Remaining", "0");
    /* Math.ceil(Date.now() / 1000) + retryAfterSeconds */
    snprintf(v, sizeof v, "%" PRId64, (now_epoch_ms + 999) / 1000 + retry);
    add_header(rs, "X-RateLimit-Reset", v);
}

bool sim_reply_fault(sim_response *rs, sim_fault f, int64_t now_epoch_ms)
{
    switch (f.kind) {
    case SIM_FAULT_500:
        sim_reply_error(rs, 500, "InternalServerErrorException", "Internal server error");
        return true;
    case SIM_FAULT_503:
        sim_reply_error(rs, 503, "ServiceUnavailableException", "Service Unavailable");
        return true;
    case SIM_FAULT_401:
        sim_reply_error(rs, 401, "UNAUTHENTICATED", "Token has expired.");
        return true;
    case SIM_FAULT_404:
        sim_reply_error(rs, 404, "NotFoundException", "Record not found");
        return true;
    case SIM_FAULT_429: {
        sim_rl_outcome x = {0};
        x.limit = 100;
        x.ttl_ms = 1000;
        x.retry_after_ms = (int64_t)f.arg * 1000;
        sim_reply_rate_limited(rs, &x, false, now_epoch_ms);
        return true;
    }
    case SIM_FAULT_MALFORMED:
        set_text(rs, 200, "<html><head><title>502 Bad Gateway</title></head>"
                          "<body><h1>Bad Gateway</h1>twenty-sim: injected malformed body</body></html>\n");
        return true;
    case SIM_FAULT_WRONGSHAPE:
        set_text(rs, 200, "{\"data\":{\"opportunities\":{\"x\":1}}}");
        return true;
    default:
        return false;
    }
}

void sim_reply_body(sim_response *rs, const char *bytes, size_t len)
{
    char *copy = malloc(len ? len : 1);
    if (copy == NULL) {
        sim_reply_error(rs, 500, "InternalServerErrorException", "out of memory");
        return;
    }
    if (len > 0) memcpy(copy, bytes, len);
    free(rs->body);
    memset(rs, 0, sizeof *rs);
    rs->status = 200;
    rs->body = copy;
    rs->body_len = len;
}

void sim_reply_too_large(sim_response *rs)
{
    sim_reply_error(rs, 413, "PayloadTooLargeError", "request entity too large");
}
