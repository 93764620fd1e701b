/* parse_error.c - error bodies to pb_error (see parse.h: twenty_parse_error). */
#include "twenty/parse_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

static const char *reason_phrase(int s)
{
    switch (s) {
    case 0: return "no response";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}

static void add_message(pb_buf *b, const char *s)
{
    if (!s || !*s)
        return;
    if (b->len)
        pb_buf_puts(b, "; ");
    pb_utf8_repair_append(b, s, strlen(s));
}

/* A string or an array of strings. */
static void add_messages(pb_buf *b, const cJSON *x)
{
    if (cJSON_IsString(x)) {
        add_message(b, x->valuestring);
    } else if (cJSON_IsArray(x)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, x)
        {
            if (cJSON_IsString(it))
                add_message(b, it->valuestring);
        }
    }
}

static pb_err_kind kind_for_code(const char *code, pb_err_kind fallback)
{
    static const struct {
        const char *code;
        pb_err_kind kind;
    } map[] = {
        {"UNAUTHENTICATED", PB_ERR_UNAUTHENTICATED},
        {"FORBIDDEN", PB_ERR_FORBIDDEN},
        {"NOT_FOUND", PB_ERR_NOT_FOUND},
        {"BAD_USER_INPUT", PB_ERR_BAD_REQUEST},
        {"GRAPHQL_VALIDATION_FAILED", PB_ERR_BAD_REQUEST},
        {"GRAPHQL_PARSE_FAILED", PB_ERR_BAD_REQUEST},
        {"INTERNAL_SERVER_ERROR", PB_ERR_SERVER},
        {"TOO_MANY_REQUESTS", PB_ERR_RATE_LIMITED},
        {"RATE_LIMITED", PB_ERR_RATE_LIMITED},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(code, map[i].code) == 0)
            return map[i].kind;
    return fallback;
}

static void set_name(pb_error *err, const char *name)
{
    pb_utf8_copy_trunc(err->name, sizeof err->name, name, strlen(name));
}

void pj_error_from_json(int http_status, const cJSON *root, pb_error *err)
{
    if (!err)
        return;
    pb_error_clear(err);
    err->http_status = http_status;
    err->kind = pb_err_kind_for_status(http_status);
    if (err->kind == PB_ERR_NONE)
        err->kind = PB_ERR_PROTOCOL;   /* an error body with a 2xx status */
    pb_buf msg = PB_BUF_INIT;
    if (cJSON_IsObject(root)) {
        const cJSON *errors = pj_get(root, "errors");
        if (cJSON_IsArray(errors) && cJSON_GetArraySize(errors) > 0) {
            const cJSON *first = cJSON_GetArrayItem(errors, 0);
            const cJSON *code = pj_get(pj_get(first, "extensions"), "code");
            if (cJSON_IsString(code)) {
                set_name(err, code->valuestring);
                pb_err_kind fb = (http_status >= 200 && http_status <= 299) ? PB_ERR_GRAPHQL
                                                                            : err->kind;
                err->kind = kind_for_code(code->valuestring, fb);
            } else if (http_status >= 200 && http_status <= 299) {
                err->kind = PB_ERR_GRAPHQL;
            }
            const cJSON *it;
            cJSON_ArrayForEach(it, errors)
            {
                add_messages(&msg, pj_get(it, "message"));
            }
        } else {
            add_messages(&msg, pj_get(root, "messages"));
            if (!msg.len)
                add_messages(&msg, pj_get(root, "message"));
            const cJSON *name = pj_get(root, "error");
            if (cJSON_IsString(name)) {
                set_name(err, name->valuestring);
                if (!msg.len)
                    add_message(&msg, name->valuestring);
            }
            const cJSON *sc = pj_get(root, "statusCode");
            /* Without a transport status, the body's statusCode says which
             * error it was; a 2xx there cannot make this "no error". */
            if (http_status == 0 && cJSON_IsNumber(sc) && sc->valuedouble >= 100
                && sc->valuedouble < 600
                && pb_err_kind_for_status((int)sc->valuedouble) != PB_ERR_NONE) {
                err->http_status = (int)sc->valuedouble;
                err->kind = pb_err_kind_for_status(err->http_status);
            }
            const cJSON *ra = pj_get(root, "retryAfterSeconds");
            if (cJSON_IsNumber(ra) && ra->valuedouble >= 0 && ra->valuedouble < 86400)
                err->retry_after_s = (int)ceil(ra->valuedouble);
        }
    }
    if (!msg.len || msg.oom) {
        pb_buf_reset(&msg);
        if (err->http_status == 0)
            pb_buf_puts(&msg, "no HTTP response");
        else
            pb_buf_printf(&msg, "HTTP %d %s", err->http_status, reason_phrase(err->http_status));
        while (msg.len && msg.data[msg.len - 1] == ' ')
            pb_buf_truncate(&msg, msg.len - 1);
    }
    pb_utf8_copy_trunc(err->message, sizeof err->message, pb_buf_cstr(&msg), msg.len);
    pb_buf_free(&msg);
}

void twenty_parse_error(int http_status, const char *body, size_t len, pb_error *err)
{
    pb_error scratch;
    cJSON *root = body && len ? pj_parse(body, len, &scratch) : NULL;
    pj_error_from_json(http_status, root, err);
    cJSON_Delete(root);
}
