/* error.c - typed errors (see error.h). */
#include "twenty/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

void pb_error_clear(pb_error *e)
{
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    e->retry_after_s = -1;
}

bool pb_error_set(pb_error *e, pb_err_kind kind, int http_status, const char *fmt, ...)
{
    if (!e)
        return false;
    pb_error_clear(e);
    e->kind = kind;
    e->http_status = http_status;
    char tmp[PB_ERROR_MSG_MAX * 2];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    size_t len = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    pb_utf8_copy_trunc(e->message, sizeof e->message, tmp, len);
    return false;
}

const char *pb_err_kind_name(pb_err_kind kind)
{
    switch (kind) {
    case PB_ERR_NONE: return "no error";
    case PB_ERR_BAD_REQUEST: return "bad request";
    case PB_ERR_UNAUTHENTICATED: return "not authenticated";
    case PB_ERR_QUOTA: return "quota exhausted";
    case PB_ERR_FORBIDDEN: return "forbidden";
    case PB_ERR_NOT_FOUND: return "not found";
    case PB_ERR_RATE_LIMITED: return "rate limited";
    case PB_ERR_SERVER: return "server error";
    case PB_ERR_HTTP: return "HTTP error";
    case PB_ERR_GRAPHQL: return "GraphQL error";
    case PB_ERR_PROTOCOL: return "unexpected response";
    case PB_ERR_ENCODE: return "invalid request";
    case PB_ERR_NOMEM: return "out of memory";
    }
    return "error";
}

pb_err_kind pb_err_kind_for_status(int s)
{
    if (s >= 200 && s < 300)
        return PB_ERR_NONE;
    switch (s) {
    case 400: return PB_ERR_BAD_REQUEST;
    case 401: return PB_ERR_UNAUTHENTICATED;
    case 402: return PB_ERR_QUOTA;
    case 403: return PB_ERR_FORBIDDEN;
    case 404: return PB_ERR_NOT_FOUND;
    case 408: return PB_ERR_SERVER;
    case 429: return PB_ERR_RATE_LIMITED;
    default: break;
    }
    if (s >= 500 && s < 600)
        return PB_ERR_SERVER;
    if (s == 0)
        return PB_ERR_PROTOCOL;
    return PB_ERR_HTTP;
}
